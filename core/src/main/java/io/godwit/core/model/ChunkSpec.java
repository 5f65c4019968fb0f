package io.godwit.core.model;

/**
 * One unit of dump and load work: the rows of {@code table} selected by {@code predicate}.
 * Chunks of a table are numbered 0..count-1, cover every row exactly once, and are stable for a
 * given plan so a checkpoint can name them. {@code predicate} is a SQL boolean expression over the
 * chunk key columns (e.g. {@code `id` >= 1000 AND `id` < 2000}), {@code "1=1"} for a single chunk.
 */
public record ChunkSpec(TableId table, int index, int count, String predicate) {
    public String name() { return table + "#" + index; }
}
