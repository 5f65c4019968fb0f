package io.godwit.loader;

import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableId;
import java.util.List;

/**
 * A table of a dump directory: its CREATE TABLE statement ({@code {db}.{tbl}-schema.sql}) and its
 * data files in order, each file one chunk.
 */
public record DumpTable(TableId id, String createTableSql, List<DumpDataFile> dataFiles) {
    public DumpTable {
        dataFiles = List.copyOf(dataFiles);
    }

    /** The load plan: chunk i is data file i, predicate {@code file:<name>}. */
    public List<ChunkSpec> chunks() {
        return dataFiles.stream().map(DumpDataFile::chunk).toList();
    }

    /** The data columns of the CREATE TABLE statement (generated columns excluded), in order. */
    public List<String> dataColumns() {
        return DdlAdapter.dataColumns(createTableSql);
    }
}
