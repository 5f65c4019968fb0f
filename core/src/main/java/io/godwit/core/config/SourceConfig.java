package io.godwit.core.config;

import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.db.ServerFlavor;

import java.util.List;

/**
 * A DM {@code source.yaml}, as validated. {@code flavor} is null when it should be detected from the
 * server; {@code serverId} 0 means "pick a free one". {@code filters} are binlog event filters that
 * apply to every task on this source, before the task's own. {@code enableRelay} is always false in a
 * valid config (relay log not supported yet).
 */
public record SourceConfig(String sourceId, boolean enableGtid, boolean enableRelay, String relayBinlogName,
                           String relayBinlogGtid, ServerFlavor flavor, long serverId, boolean caseSensitive,
                           DatabaseConfig from, PurgeConfig purge, CheckerConfig checker,
                           List<EventFilterRule> filters) {
    public SourceConfig {
        sourceId = sourceId == null ? "" : sourceId;
        relayBinlogName = relayBinlogName == null ? "" : relayBinlogName;
        relayBinlogGtid = relayBinlogGtid == null ? "" : relayBinlogGtid;
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    public SourceConfig withFrom(DatabaseConfig db) {
        return new SourceConfig(sourceId, enableGtid, enableRelay, relayBinlogName, relayBinlogGtid, flavor, serverId,
                caseSensitive, db, purge, checker, filters);
    }
}
