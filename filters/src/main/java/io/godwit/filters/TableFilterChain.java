package io.godwit.filters;

import io.godwit.core.model.TableId;

import java.util.Objects;
import java.util.Optional;

/**
 * "Is this source table migrated, and to where?": the block-allow-list first, then routing, the order
 * in which DM's dump, load and sync units apply them. Binlog event filtering is per event and stays with
 * {@link BinlogEventFilter}.
 */
public final class TableFilterChain {

    private final BlockAllowList blockAllowList;
    private final TableRouter router;

    public TableFilterChain(BlockAllowList blockAllowList, TableRouter router) {
        this.blockAllowList = Objects.requireNonNull(blockAllowList, "blockAllowList");
        this.router = Objects.requireNonNull(router, "router");
    }

    /**
     * @param source   an upstream table; an empty table name asks about the schema
     * @param sourceId the upstream source's {@code source-id}
     * @return the route, or empty if the block-allow-list (or a system schema) excludes the table
     * @throws io.godwit.core.error.GodwitException CONFIG_INVALID if the table matches conflicting routes
     */
    public Optional<TableRouter.Route> resolve(TableId source, String sourceId) {
        if (!blockAllowList.allowsTable(source)) {
            return Optional.empty();
        }
        return Optional.of(router.route(source, sourceId));
    }
}
