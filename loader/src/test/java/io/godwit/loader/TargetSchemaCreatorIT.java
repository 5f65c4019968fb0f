package io.godwit.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import io.godwit.core.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TargetSchemaCreatorIT {
    static final String SRC = TestDatabases.schema(TargetSchemaCreatorIT.class, "src");
    static final String DST = TestDatabases.schema(TargetSchemaCreatorIT.class, "dst");
    static final String SOURCE_TABLE_SQL = "CREATE TABLE " + SRC + ".orders_01 (\n"
            + "  id BIGINT NOT NULL AUTO_INCREMENT,\n"
            + "  note VARCHAR(100) COLLATE utf8mb4_0900_ai_ci DEFAULT 'it''s, (a) -- x' COMMENT 'COLLATE latin1_swedish_ci',\n"
            + "  doc TEXT,\n"
            + "  g GEOMETRY NOT NULL,\n"
            + "  twice BIGINT AS (id * 2) VIRTUAL,\n"
            + "  created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
            + "  PRIMARY KEY (id),\n"
            + "  UNIQUE KEY uk_note (note),\n"
            + "  FULLTEXT KEY ft (doc),\n"
            + "  SPATIAL KEY sp (g)\n"
            + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci COMMENT='shard 1'";
    static HikariDataSource pool;
    static String showCreate;

    @BeforeAll
    static void start() {
        pool = TargetDb.pool("loader-it-schema", 2);
        TargetDb.endpoint().execute("CREATE DATABASE " + SRC, SOURCE_TABLE_SQL);
        showCreate = TargetDb.rows("SHOW CREATE TABLE " + SRC + ".orders_01").get(0).split("\\|", 2)[1];
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void createsTheRoutedTableFromShowCreateTable() {
        TargetSchemaCreator creator = new TargetSchemaCreator(pool);
        assertThat(creator.dialect().flavor()).isEqualTo(ServerFlavor.MARIADB);
        assertThat(creator.dialect().collations()).contains("utf8mb4_uca1400_ai_ci", "utf8mb4_general_ci");
        String createDb = TargetDb.rows("SHOW CREATE DATABASE " + SRC).get(0).split("\\|", 2)[1];
        creator.createDatabase(DST, createDb);
        creator.createDatabase(DST, createDb); // exists: nothing to do

        TargetTable t = creator.createTable(TableId.of(DST, "all_orders"), showCreate, List.of("c_table", "c_source"));
        assertThat(t.created()).isTrue();
        assertThat(t.columns()).containsExactly("id", "note", "doc", "g", "created", "c_table", "c_source");
        String created = TargetDb.rows("SHOW CREATE TABLE " + DST + ".all_orders").get(0).split("\\|", 2)[1];
        assertThat(created).isEqualTo(showCreate.replace("CREATE TABLE `orders_01`", "CREATE TABLE `all_orders`")
                .replace("  PRIMARY KEY", "  `c_table` varchar(255) NOT NULL DEFAULT '',\n"
                        + "  `c_source` varchar(255) NOT NULL DEFAULT '',\n  PRIMARY KEY"));
    }

    @Test
    void ddlAdaptedForEveryFlavourIsAcceptedByARealServer() {
        TargetSchemaCreator creator = new TargetSchemaCreator(pool);
        TargetDb.endpoint().execute("CREATE DATABASE IF NOT EXISTS " + DST);
        for (ServerFlavor flavor : ServerFlavor.values()) {
            DdlAdapter adapter = new DdlAdapter(new TargetDialect(flavor, creator.dialect().collations()));
            TableId target = TableId.of(DST, "as_" + flavor.name().toLowerCase());
            TargetDb.endpoint().execute(adapter.createTable(showCreate, target, List.of("c_source")));
            String created = TargetDb.rows("SHOW CREATE TABLE " + target.quoted()).get(0);
            assertThat(created.contains("FULLTEXT")).as(flavor.name()).isEqualTo(flavor != ServerFlavor.TIDB);
        }
    }

    @Test
    void reusesACompatibleTableAndRejectsOneWithoutTheLoadedColumns() {
        TargetSchemaCreator creator = new TargetSchemaCreator(pool);
        TargetDb.endpoint().execute("CREATE DATABASE IF NOT EXISTS " + DST,
                "CREATE TABLE " + DST + ".pre (id BIGINT PRIMARY KEY, NOTE VARCHAR(100), doc TEXT, g GEOMETRY, created TIMESTAMP,"
                        + " c_source VARCHAR(32) NOT NULL DEFAULT '', loaded_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
                "CREATE TABLE " + DST + ".pre_bad (id BIGINT PRIMARY KEY, note VARCHAR(100))");
        TargetTable pre = creator.createTable(TableId.of(DST, "pre"), showCreate, List.of("c_source"));
        assertThat(pre.created()).isFalse();
        assertThatThrownBy(() -> creator.createTable(TableId.of(DST, "pre_bad"), showCreate, List.of("c_source")))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOAD_SCHEMA_FAILED))
                .hasMessageContaining("`pre_bad`").hasMessageContaining("[doc, g, created, c_source]");
    }

    @Test
    void aTargetUserWithoutCreatePrivilegeGetsAOneLineErrorAndNothingIsWritten() {
        String db = TestDatabases.schema(TargetSchemaCreatorIT.class, "priv");
        String newDb = TestDatabases.schema(TargetSchemaCreatorIT.class, "priv_new");
        String meta = TestDatabases.schema(TargetSchemaCreatorIT.class, "priv_meta");
        TargetDb.endpoint().execute("CREATE DATABASE " + db);
        createUserWithSelectAndInsert("godwit_noddl", "pw", db);
        try (HikariDataSource limited = TargetDb.pool("loader-it-noddl", "godwit_noddl", "pw", 1)) {
            TargetSchemaCreator creator = new TargetSchemaCreator(limited);
            TableId t = TableId.of(db, "all_orders");
            assertThatThrownBy(() -> creator.createTable(t, showCreate, List.of()))
                    .isInstanceOfSatisfying(GodwitException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.TARGET_PRIVILEGE);
                        assertThat(e.oneLine()).doesNotContain("\n").contains("create table " + t.quoted());
                    });
            assertThatThrownBy(() -> creator.createDatabase(newDb, null))
                    .isInstanceOfSatisfying(GodwitException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.TARGET_PRIVILEGE);
                        assertThat(e.oneLine()).doesNotContain("\n").contains("create database `" + newDb + "`");
                    });
            assertThatThrownBy(() -> new LoadCheckpoints(limited, meta, "task").ensureTables())
                    .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGET_PRIVILEGE));
        }
        assertThat(TargetDb.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ('"
                + db + "','" + newDb + "','" + meta + "')")).isZero();
        assertThat(TargetDb.count("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ('"
                + newDb + "','" + meta + "')")).isZero();
    }

    /** A user that may read and insert into {@code db} and nothing else, on every loopback host name. */
    static void createUserWithSelectAndInsert(String user, String password, String db) {
        for (String host : List.of("localhost", "127.0.0.1", "::1")) {
            TargetDb.endpoint().execute(
                    "CREATE USER IF NOT EXISTS '" + user + "'@'" + host + "' IDENTIFIED BY '" + password + "'",
                    "GRANT SELECT, INSERT ON `" + db + "`.* TO '" + user + "'@'" + host + "'");
        }
    }
}
