package io.godwit.worker.check;

import io.godwit.core.model.TableId;
import java.util.List;

/** Splits a target table into key-range predicates that cover every row once; {@code 1=1} for one chunk. */
@FunctionalInterface
public interface ChunkPlanner {
    List<String> predicates(TableId table, long rowsPerChunk);
}
