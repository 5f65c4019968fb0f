package io.godwit.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.EventFilterRule.Action;
import io.godwit.core.config.rules.ExtractRule;
import io.godwit.core.config.rules.RouteRule;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import io.godwit.loader.TargetDialect;
import io.godwit.loader.TargetSchemaCreator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short DDL script of one source, rewritten for the task and run on the real target on a connection
 * without a current database; the target's information_schema then shows the routed, merged and
 * renamed tables.
 */
class TaskDdlRewriterIT {
    private static final String SOURCE_ID = "replica-01";

    /** Prefix of every schema this test uses: {@code <p>_shop}, {@code <p>_shard_1}, ... */
    private final String p = TestDatabases.schema(TaskDdlRewriterIT.class, "ddl");
    private final DbEndpoint target = TestDatabases.target();
    private final List<String> applied = new ArrayList<>();
    private long position = 4;

    @Test
    void appliesRoutedMergedAndRenamedDdlToTheTarget() throws SQLException {
        TaskDdlRewriter rewriter = new TaskDdlRewriter(SOURCE_ID, chain(), eventFilter(), targetDialect());
        String shop = p + "_shop";
        String shard1 = p + "_shard_1";
        String shard2 = p + "_shard_2";
        String legacy = p + "_legacy";

        apply(rewriter, "", "CREATE DATABASE " + shop);
        apply(rewriter, "", "CREATE DATABASE " + shard1);
        apply(rewriter, "", "CREATE DATABASE " + shard2);
        String orders = "(id BIGINT NOT NULL, amount DECIMAL(10,2) NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB";
        apply(rewriter, shard1, "CREATE TABLE orders_01 " + orders);
        apply(rewriter, shard2, "CREATE TABLE orders_02 " + orders);
        apply(rewriter, shard1, "ALTER TABLE orders_01 ADD COLUMN note VARCHAR(20)");
        apply(rewriter, shop, "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50))");
        apply(rewriter, shop, "CREATE TABLE scratch (id INT)");
        apply(rewriter, shop, "DROP TABLE scratch");
        apply(rewriter, shop, "RENAME TABLE customers TO clients");
        apply(rewriter, shop, "ALTER TABLE clients ADD COLUMN email VARCHAR(100), ADD INDEX ix_email (email)");
        apply(rewriter, shop, "CREATE TABLE clients_copy LIKE clients");
        apply(rewriter, shop, "GRANT SELECT ON *.* TO 'nobody'@'%'");
        apply(rewriter, shard1, "DROP TABLE orders_01");
        apply(rewriter, "", "CREATE DATABASE " + legacy + " CHARACTER SET utf8mb4");
        apply(rewriter, legacy, "CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20))");

        assertThat(applied).as("statements run on the target").hasSize(13);
        assertThat(columns(shop, "orders")).containsExactly("id", "amount", "c_table", "c_schema", "c_source", "note");
        assertThat(tables(shop)).containsExactly("clients", "clients_copy", "orders");
        assertThat(columns(shop, "clients")).containsExactly("id", "name", "email");
        assertThat(columns(shop, "clients_copy")).containsExactly("id", "name", "email");
        assertThat(indexes(shop, "clients")).containsExactly("PRIMARY", "ix_email");
        assertThat(columns(legacy + "_v2", "items")).containsExactly("id", "sku");
        assertThat(schemas()).containsExactly(legacy + "_v2", shop);
        assertThat(rewriter.skippedChanges()).as("CREATE DATABASE of two shards, DROP of a merged shard").isEqualTo(3);
    }

    private TableFilterChain chain() {
        BlockAllowList bal = new BlockAllowList(new BlockAllowListRule(List.of(p + "_*"), null, null, null), false,
                BlockAllowList.DEFAULT_META_SCHEMA);
        TableRouter routes = new TableRouter(List.of(
                new RouteRule(p + "_shard_*", "orders_*", p + "_shop", "orders", new ExtractRule("orders_(.*)", "c_table"),
                        new ExtractRule("_shard_(.*)", "c_schema"), new ExtractRule("(.*)", "c_source")),
                new RouteRule(p + "_legacy", null, p + "_legacy_v2", null, null, null, null)), false);
        return new TableFilterChain(bal, routes);
    }

    private BinlogEventFilter eventFilter() {
        return new BinlogEventFilter(List.of(new EventFilterRule(p + "_shard_*", null,
                List.of("create database", "drop database"), null, Action.IGNORE)), false);
    }

    private TargetDialect targetDialect() {
        try (HikariDataSource pool = Databases.pool("ddl-rewriter-it", DatabaseConfig.of(target.host(), target.port(),
                target.user(), target.password()), Endpoint.TARGET, 1)) {
            return new TargetSchemaCreator(pool).dialect();
        }
    }

    /** Rewrites one source statement and runs the result on the target, as the sync's DDL applier does. */
    private void apply(TaskDdlRewriter rewriter, String schema, String sql) throws SQLException {
        BinlogLocation at = new BinlogLocation("mysql-bin.000001", position, "");
        position += 100;
        List<String> statements = rewriter.targetStatements(
                new DdlEvent(at, 0, schema, sql, new BinlogLocation(at.file(), position, "")));
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
                applied.add(statement);
            }
        }
    }

    private List<String> columns(String schema, String table) throws SQLException {
        return query("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position", schema, table);
    }

    private List<String> tables(String schema) throws SQLException {
        return query("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name", schema);
    }

    private List<String> indexes(String schema, String table) throws SQLException {
        return query("SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = ?"
                + " AND table_name = ? ORDER BY index_name = 'PRIMARY' DESC, index_name", schema, table);
    }

    private List<String> schemas() throws SQLException {
        return query("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ? ORDER BY schema_name",
                p.replace("_", "\\_") + "\\_%");
    }

    private List<String> query(String sql, String... args) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
