package io.godwit.worker.check;

import io.godwit.core.model.TableId;
import java.util.List;
import java.util.Set;

/**
 * One target table and every source table that was migrated into it. {@code extraColumns} are the
 * target's extract-table/schema/source columns: they exist only in the target and are not compared.
 */
public record CheckPair(TableId target, List<ShardSource> shards, Set<String> extraColumns) {
    public CheckPair {
        shards = List.copyOf(shards);
        extraColumns = Set.copyOf(extraColumns);
    }
}
