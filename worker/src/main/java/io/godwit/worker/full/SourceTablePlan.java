package io.godwit.worker.full;

import io.godwit.core.model.ChunkSpec;
import io.godwit.core.model.TableId;
import io.godwit.loader.ChunkTarget;
import io.godwit.loader.DeferredIndexes;
import io.godwit.loader.RowSource;
import io.godwit.worker.progress.TableProgress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One source table ready to load: where it goes, its chunk plan (the stored one on resume), which
 * chunks an earlier run finished, how to read a chunk's rows (from the snapshot or a dump file), and
 * the secondary indexes to build once all its chunks are in (empty: none left for after the load).
 */
record SourceTablePlan(String sourceId, TableId source, TableId target, List<String> dataColumns,
                       Map<String, String> extractColumns, List<ChunkSpec> chunks, Set<Integer> finished,
                       Function<ChunkSpec, RowSource> rows, TableProgress progress,
                       Optional<DeferredIndexes.Pending> deferredIndexes) {

    /** Where the chunks go: the target table, the data columns, the extract columns' values. */
    ChunkTarget chunkTarget() {
        return new ChunkTarget(target, dataColumns, extractColumns);
    }
}
