/**
 * The dump unit: a consistent snapshot of a source ({@link io.godwit.dumper.SnapshotDumper},
 * opened with {@link io.godwit.dumper.DumpOptions} and a {@link io.godwit.dumper.Consistency}),
 * tables split into key-range chunks, rows streamed as exact SQL literals, and dumpling's file
 * layout for {@code task-mode: dump} ({@link io.godwit.dumper.DumpFileWriter}). Everything else in
 * the package is package-private.
 */
package io.godwit.dumper;
