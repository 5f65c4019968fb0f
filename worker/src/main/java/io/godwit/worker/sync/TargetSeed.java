package io.godwit.worker.sync;

import io.godwit.binlog.schema.SchemaTracker;
import io.godwit.binlog.schema.SourceDialect;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import io.godwit.filters.TableRouter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A schema tracker seeded for an {@code incremental} start: each migrated source table takes the
 * definition of the target table it is routed to, renamed back to the source name and without the
 * route's extract columns, since those are the columns its binlog rows carry as of the start.
 */
final class TargetSeed {
    /** {@code CREATE TABLE `name`} at the head of SHOW CREATE TABLE's text. */
    private static final Pattern CREATE_HEAD = Pattern.compile("^\\s*CREATE\\s+TABLE\\s+`(?:[^`]|``)+`",
            Pattern.CASE_INSENSITIVE);

    private final SchemaTracker tracker;
    private final DataSource target;
    private final BinlogLocation at;

    TargetSeed(SourceDialect dialect, DataSource target, BinlogLocation at) {
        this.tracker = new SchemaTracker(dialect);
        this.target = target;
        this.at = at;
    }

    SchemaTracker tracker() {
        return tracker;
    }

    /** Seeds {@code source} from its target table; false when the target has no such table. */
    boolean fromTarget(TableId source, TableRouter.Route route) {
        String create = showCreateTable(route.target());
        if (create == null) {
            return false;
        }
        Matcher head = CREATE_HEAD.matcher(create);
        if (!head.find()) {
            throw new IllegalStateException("SHOW CREATE TABLE " + route.target() + " does not start with CREATE TABLE");
        }
        tracker.apply(source.schema(), "CREATE TABLE " + source.quoted() + create.substring(head.end()), at);
        for (String extract : route.extractColumns().keySet()) {
            boolean present = tracker.find(source).orElseThrow().columns().stream()
                    .anyMatch(c -> c.name().equalsIgnoreCase(extract));
            if (present) {
                tracker.apply(source.schema(), "ALTER TABLE " + source.quoted() + " DROP COLUMN " + TableId.quote(extract), at);
            }
        }
        return true;
    }

    /** Seeds {@code table} with the source's own definition. */
    void fromSource(TableInfo table) {
        tracker.seed(table);
    }

    private String showCreateTable(TableId table) {
        try (Connection c = target.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'")) {
                ps.setString(1, table.schema());
                ps.setString(2, table.table());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + table.quoted())) {
                return rs.next() ? rs.getString(2) : null;
            }
        } catch (SQLException e) {
            throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "reading the definition of " + table + " on the target");
        }
    }
}
