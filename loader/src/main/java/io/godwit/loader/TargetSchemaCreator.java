package io.godwit.loader;

import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Creates routed target databases and tables from the source's DDL, adapted to the target's flavour
 * ({@link DdlAdapter}). An existing database or table is used as it is (pre-creating them is normal
 * in DM) as long as the table has every column the load writes; the statements run only when the
 * object is missing, so a target user without CREATE privilege can load into pre-created tables.
 */
public final class TargetSchemaCreator {
    private final DataSource target;
    private volatile TargetDialect dialect;

    public TargetSchemaCreator(DataSource target) {
        this.target = target;
    }

    /** The target's flavour and collations, detected once. */
    public TargetDialect dialect() {
        TargetDialect d = dialect;
        if (d == null) {
            try (Connection c = target.getConnection()) {
                d = detect(c);
            } catch (SQLException e) {
                throw TargetErrors.wrap(e, ErrorCode.LOAD_SCHEMA_FAILED, "detecting the target's flavour");
            }
            dialect = d;
        }
        return d;
    }

    /**
     * Creates database {@code schema} unless it exists, with the default charset/collation of the
     * source's {@code SHOW CREATE DATABASE} text when given (may be null or empty).
     */
    public void createDatabase(String schema, String sourceCreateDatabase) {
        String sql = new DdlAdapter(dialect()).createDatabase(sourceCreateDatabase, schema);
        String what = "create database " + TableId.quote(schema);
        try (Connection c = target.getConnection()) {
            if (!LoaderStatements.exists(c, LoaderStatements.SCHEMA_EXISTS, schema)) {
                execute(c, sql, what);
            }
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.LOAD_SCHEMA_FAILED, what);
        }
    }

    /**
     * Creates {@code targetTable} from the source's CREATE TABLE text unless it exists, then checks
     * that it has the source's data columns and the extract columns.
     */
    public TargetTable createTable(TableId targetTable, String sourceCreateTable, List<String> extraColumns) {
        return createTable(targetTable, sourceCreateTable, extraColumns, null);
    }

    /**
     * {@link #createTable(TableId, String, List)} that, when it creates the table, leaves out the plain
     * secondary indexes ({@link DdlAdapter#createTableDeferringIndexes}) and hands the statement adding
     * them to {@code recordDeferredIndexes} first: once the table exists without them, only that record
     * tells a later run that they are still to be built. A table that exists already is never changed.
     *
     * @param recordDeferredIndexes receives the {@code ALTER TABLE ... ADD KEY ...} statement; null keeps
     *                              every index in the CREATE TABLE
     */
    public TargetTable createTable(TableId targetTable, String sourceCreateTable, List<String> extraColumns,
                                   Consumer<String> recordDeferredIndexes) {
        DdlAdapter adapter = new DdlAdapter(dialect());
        DdlAdapter.TableDdl ddl = recordDeferredIndexes == null
                ? new DdlAdapter.TableDdl(adapter.createTable(sourceCreateTable, targetTable, extraColumns), List.of())
                : adapter.createTableDeferringIndexes(sourceCreateTable, targetTable, extraColumns);
        List<String> dataColumns = DdlAdapter.dataColumns(sourceCreateTable);
        String what = "create table " + targetTable.quoted();
        try (Connection c = target.getConnection()) {
            boolean created = false;
            if (!LoaderStatements.exists(c, LoaderStatements.TABLE_EXISTS, targetTable.schema(), targetTable.table())) {
                if (!ddl.deferredIndexes().isEmpty()) {
                    recordDeferredIndexes.accept(ddl.addIndexes(targetTable));
                }
                execute(c, ddl.createTable(), what);
                created = true;
            }
            List<String> missing = missingColumns(c, targetTable, dataColumns, extraColumns);
            if (!missing.isEmpty()) {
                throw new GodwitException(ErrorCode.LOAD_SCHEMA_FAILED, "target table " + targetTable.quoted()
                        + " exists without the column(s) " + missing + " the load writes; add them (extract columns as "
                        + DdlAdapter.EXTRA_COLUMN_TYPE + ") or drop the table");
            }
            return new TargetTable(targetTable, dataColumns, extraColumns, created);
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.LOAD_SCHEMA_FAILED, what);
        }
    }

    /** Drops {@code targetTable} if it exists (a table whose load starts over after its source definition changed). */
    public void dropTable(TableId targetTable) {
        String what = "drop table " + targetTable.quoted();
        try (Connection c = target.getConnection()) {
            execute(c, "DROP TABLE IF EXISTS " + targetTable.quoted(), what);
        } catch (SQLException e) {
            throw TargetErrors.wrap(e, ErrorCode.LOAD_SCHEMA_FAILED, what);
        }
    }

    private static TargetDialect detect(Connection c) throws SQLException {
        ServerFlavor flavor;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LoaderStatements.VERSION)) {
            rs.next();
            flavor = ServerFlavor.fromVersion(rs.getString(1));
        }
        Set<String> collations = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(LoaderStatements.COLLATIONS)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Integer> nameColumns = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String label = md.getColumnLabel(i).toUpperCase(Locale.ROOT);
                if (label.equals("COLLATION_NAME") || label.equals("FULL_COLLATION_NAME")) {
                    nameColumns.add(i);
                }
            }
            while (rs.next()) {
                for (int i : nameColumns) {
                    String name = rs.getString(i);
                    if (name != null) {
                        collations.add(name);
                    }
                }
            }
        }
        return new TargetDialect(flavor, collations);
    }

    private static List<String> missingColumns(Connection c, TableId table, List<String> data, List<String> extra)
            throws SQLException {
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(LoaderStatements.TABLE_COLUMNS)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (List<String> cols : List.of(data, extra)) {
            for (String col : cols) {
                if (!present.contains(col.toLowerCase(Locale.ROOT))) {
                    missing.add(col);
                }
            }
        }
        return missing;
    }

    private static void execute(Connection c, String sql, String what) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            GodwitException g = TargetErrors.wrap(e, ErrorCode.LOAD_SCHEMA_FAILED, what);
            if (g.code() == ErrorCode.LOAD_SCHEMA_FAILED) {
                g = new GodwitException(g.code(), g.getMessage() + "; statement: " + TargetErrors.head(sql), e);
            }
            throw g;
        }
    }
}
