package io.godwit.worker.check;

import io.godwit.core.model.TableId;
import java.util.List;

/** The outcome for one target table: equal, or the chunks that differ, or why it could not be compared. */
public record TableCheckResult(TableId target, long sourceRows, long targetRows, int chunks,
                               List<ChunkDifference> differences, String problem) {
    public record ChunkDifference(int index, String predicate, long sourceRows, long targetRows) {}

    public boolean equal() { return problem == null && differences.isEmpty() && sourceRows == targetRows; }
}
