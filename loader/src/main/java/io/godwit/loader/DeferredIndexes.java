package io.godwit.loader;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import io.godwit.loader.DdlAdapter.SecondaryIndex;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain secondary indexes the load leaves out of the target tables it creates, built once a
 * table's rows are in: the target then sorts each index once instead of updating it row by row.
 *
 * <p>Recorded in the meta schema, table {@code <task>_loader_index}, one row per source table with
 * the {@code ALTER TABLE ... ADD KEY ...} statement, written BEFORE the table is created without
 * them. So a table with a row was created by Godwit and still lacks (some of) those indexes; a table
 * without one (pre-created by the user, or complete) is never altered. {@link #build} adds only the
 * indexes the target lacks, by name, then deletes the row: a kill during or after the ALTER repeats
 * nothing that took effect.
 */
public final class DeferredIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredIndexes.class);

    private final DataSource target;
    private final TableId table;

    /** One source table's recorded indexes, still to be built on {@code target}. */
    public record Pending(String sourceId, TableId sourceTable, TableId target, String alterSql) {}

    public DeferredIndexes(DataSource target, String metaSchema, String task) {
        this.target = target;
        this.table = TableId.of(metaSchema, LoaderStatements.indexTableName(task));
    }

    /** The record table, e.g. {@code dm_meta.orders_loader_index}. */
    public TableId table() { return table; }

    /** Creates the record table unless it exists; the meta schema must exist ({@link LoadCheckpoints#ensureTables}). */
    public void ensureTable() {
        try (Connection c = target.getConnection()) {
            if (!LoaderStatements.exists(c, LoaderStatements.TABLE_EXISTS, table.schema(), table.table())) {
                try (Statement s = c.createStatement()) {
                    s.execute(LoaderStatements.createIndexTable(table));
                }
            }
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "creating " + table.quoted());
        }
    }

    /** Records that {@code targetTable} is about to be created without the indexes {@code alterSql} adds. */
    public Pending record(String sourceId, TableId sourceTable, TableId targetTable, String alterSql) {
        try (Connection c = target.getConnection();
             PreparedStatement ps = c.prepareStatement(LoaderStatements.replaceIndexRow(table))) {
            ps.setString(1, sourceId);
            ps.setString(2, sourceTable.schema());
            ps.setString(3, sourceTable.table());
            ps.setString(4, targetTable.schema());
            ps.setString(5, targetTable.table());
            ps.setString(6, alterSql);
            ps.executeUpdate();
            return new Pending(sourceId, sourceTable, targetTable, alterSql);
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "recording the deferred indexes of " + targetTable.quoted());
        }
    }

    /** The recorded, unbuilt indexes of {@code sourceId}'s tables, by source table: one query per source. */
    public Map<TableId, Pending> pending(String sourceId) {
        Map<TableId, Pending> out = new LinkedHashMap<>();
        try (Connection c = target.getConnection();
             PreparedStatement ps = c.prepareStatement(LoaderStatements.selectIndexRows(table))) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableId source = TableId.of(rs.getString(1), rs.getString(2));
                    out.put(source, new Pending(sourceId, source, TableId.of(rs.getString(3), rs.getString(4)),
                            rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "reading " + table.quoted());
        }
    }

    /** Deletes the record of one source table (its target table is dropped to load it again). */
    public void forget(String sourceId, TableId sourceTable) {
        try (Connection c = target.getConnection()) {
            delete(c, sourceId, sourceTable);
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.META_FAILED, "clearing " + table.quoted() + " of " + sourceTable);
        }
    }

    /**
     * Adds the recorded indexes the target table does not have yet, in one ALTER TABLE, then deletes
     * the record. LOAD_SCHEMA_FAILED (naming the table and the statement) if the ALTER fails; the
     * record then stays, so the next run tries again.
     */
    public void build(Pending p) {
        long started = System.nanoTime();
        List<SecondaryIndex> recorded = DdlAdapter.addedIndexes(p.alterSql());
        LOG.info("building the secondary indexes of {}: {}", p.target(), recorded.stream().map(SecondaryIndex::name).toList());
        String sql = null;
        int added = 0;
        try (Connection c = target.getConnection()) {
            Set<String> present = indexNames(c, p.target());
            List<SecondaryIndex> missing = recorded.stream()
                    .filter(i -> !present.contains(i.name().toLowerCase(Locale.ROOT))).toList();
            if (!missing.isEmpty()) {
                sql = DdlAdapter.addIndexes(p.target(), missing);
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
                added = missing.size();
            }
            delete(c, p.sourceId(), p.sourceTable());
        } catch (SQLException e) {
            GodwitException g = TargetErrors.wrap(e, ErrorCode.LOAD_SCHEMA_FAILED,
                    "building the secondary indexes of " + p.target().quoted());
            throw sql == null ? g : new GodwitException(g.code(), g.getMessage() + "; statement: " + sql, e);
        }
        LOG.info("built the secondary indexes of {} in {} ms ({} added, {} there already)", p.target(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), added, recorded.size() - added);
    }

    private void delete(Connection c, String sourceId, TableId sourceTable) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LoaderStatements.deleteIndexRow(table))) {
            ps.setString(1, sourceId);
            ps.setString(2, sourceTable.schema());
            ps.setString(3, sourceTable.table());
            ps.executeUpdate();
        }
    }

    /** Index names are case-insensitive in MySQL, MariaDB and TiDB. */
    private static Set<String> indexNames(Connection c, TableId t) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(LoaderStatements.INDEX_NAMES)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
