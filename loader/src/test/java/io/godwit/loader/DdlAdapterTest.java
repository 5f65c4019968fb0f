package io.godwit.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.db.ServerFlavor;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DdlAdapterTest {
    static final TargetDialect MARIADB = new TargetDialect(ServerFlavor.MARIADB, Set.of(
            "utf8mb4_general_ci", "utf8mb4_bin", "utf8mb4_unicode_ci", "utf8mb4_uca1400_ai_ci", "latin1_swedish_ci",
            "latin1_bin", "utf8mb3_general_ci", "utf8mb3_bin", "binary"));
    static final TargetDialect TIDB = new TargetDialect(ServerFlavor.TIDB, Set.of(
            "utf8mb4_bin", "utf8mb4_general_ci", "utf8mb4_unicode_ci", "utf8mb4_0900_ai_ci", "utf8mb4_0900_bin",
            "utf8_bin", "utf8_general_ci", "utf8_unicode_ci", "ascii_bin", "latin1_bin", "binary", "gbk_bin",
            "gbk_chinese_ci"));
    static final TableId TARGET = TableId.of("orders", "all_orders");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("renames with IF NOT EXISTS, rest byte for byte", MARIADB, List.of(),
                        "CREATE TABLE `orders_01` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"),
                Arguments.of("qualified name, existing IF NOT EXISTS, comments kept", TIDB, List.of(),
                        "CREATE TABLE /* c */ IF NOT EXISTS `shard_1`.`t` (`a` int) -- tail",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (`a` int) -- tail"),
                Arguments.of("OR REPLACE dropped (it would wipe other shards' rows)", MARIADB, List.of(),
                        "CREATE OR REPLACE TABLE t (a int)",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (a int)"),
                Arguments.of("extract columns after the last column, before the keys", MARIADB, List.of("c_table", "c_source"),
                        "CREATE TABLE `o` (\n  `id` bigint NOT NULL,\n  `note` varchar(10) DEFAULT 'a,b',\n  PRIMARY KEY (`id`)\n)",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (\n  `id` bigint NOT NULL,\n  `note` varchar(10) DEFAULT 'a,b',\n"
                                + "  `c_table` VARCHAR(255) NOT NULL DEFAULT '',\n  `c_source` VARCHAR(255) NOT NULL DEFAULT '',\n"
                                + "  PRIMARY KEY (`id`)\n)"),
                Arguments.of("extract columns in a table without keys", TIDB, List.of("c_source"),
                        "CREATE TABLE `o` (`id` int)",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (`id` int,\n  `c_source` VARCHAR(255) NOT NULL DEFAULT '')"),
                Arguments.of("MariaDB lacks MySQL 8 collations: general_ci / bin", MARIADB, List.of(),
                        "CREATE TABLE `t` (\n  `a` varchar(5) COLLATE utf8mb4_0900_ai_ci,\n  `b` varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin\n)"
                                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE = utf8mb4_0900_ai_ci",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (\n  `a` varchar(5) COLLATE utf8mb4_general_ci,\n"
                                + "  `b` varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE = utf8mb4_general_ci"),
                Arguments.of("collations it has stay; FULLTEXT/SPATIAL and PAGE_CHECKSUM stay on MariaDB", MARIADB, List.of(),
                        "CREATE TABLE `t` (\n  `v` text COLLATE utf8mb4_uca1400_ai_ci,\n  `g` geometry NOT NULL,\n  SPATIAL KEY `sp` (`g`),\n"
                                + "  FULLTEXT KEY `ft` (`v`)\n) ENGINE=Aria PAGE_CHECKSUM=1",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (\n  `v` text COLLATE utf8mb4_uca1400_ai_ci,\n  `g` geometry NOT NULL,\n"
                                + "  SPATIAL KEY `sp` (`g`),\n  FULLTEXT KEY `ft` (`v`)\n) ENGINE=Aria PAGE_CHECKSUM=1"),
                Arguments.of("TiDB: FULLTEXT and SPATIAL dropped with their commas, parser comment too", TIDB, List.of(),
                        "CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `v` text,\n  PRIMARY KEY (`id`),\n  SPATIAL KEY `sp` (`g`),\n"
                                + "  FULLTEXT KEY `ft` (`v`,`w`) /*!50100 WITH PARSER `ngram` */ \n) ENGINE=InnoDB",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (\n  `id` int NOT NULL,\n  `v` text,\n  PRIMARY KEY (`id`) \n) ENGINE=InnoDB"),
                Arguments.of("TiDB: FULLTEXT in the middle of the keys", TIDB, List.of(),
                        "CREATE TABLE t (id int, v text, FULLTEXT INDEX ft (v), KEY k (id))",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (id int, v text, KEY k (id))"),
                Arguments.of("TiDB: MariaDB collations and options mapped, strings and comments untouched", TIDB, List.of(),
                        "CREATE TABLE `t` (\n  `a` varchar(5) COLLATE utf8mb4_uca1400_ai_ci COMMENT 'COLLATE utf8mb4_uca1400_ai_ci, FULLTEXT KEY x',\n"
                                + "  `b` char(2) CHARACTER SET latin1 COLLATE latin1_swedish_ci,\n  `c` char(2) COLLATE utf8mb3_general_ci,\n"
                                + "  `key` int /* COLLATE latin1_swedish_ci */\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci"
                                + " PAGE_CHECKSUM=1 TRANSACTIONAL=0 COMMENT='PAGE_CHECKSUM=1'",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (\n  `a` varchar(5) COLLATE utf8mb4_general_ci COMMENT 'COLLATE utf8mb4_uca1400_ai_ci, FULLTEXT KEY x',\n"
                                + "  `b` char(2) CHARACTER SET latin1 COLLATE latin1_bin,\n  `c` char(2) COLLATE utf8_general_ci,\n"
                                + "  `key` int /* COLLATE latin1_swedish_ci */\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci"
                                + " COMMENT='PAGE_CHECKSUM=1'"),
                Arguments.of("TiDB keeps what it supports (0900, partitions in executable comments)", TIDB, List.of(),
                        "CREATE TABLE `t` (`id` int) COLLATE=utf8mb4_0900_ai_ci\n/*!50100 PARTITION BY HASH (`id`) PARTITIONS 4 */",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (`id` int) COLLATE=utf8mb4_0900_ai_ci\n/*!50100 PARTITION BY HASH (`id`) PARTITIONS 4 */"),
                Arguments.of("unknown target collations: nothing mapped", new TargetDialect(ServerFlavor.MYSQL, Set.of()), List.of(),
                        "CREATE TABLE t (a text COLLATE utf8mb4_uca1400_ai_ci)",
                        "CREATE TABLE IF NOT EXISTS `orders`.`all_orders` (a text COLLATE utf8mb4_uca1400_ai_ci)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void adaptsCreateTable(String name, TargetDialect dialect, List<String> extra, String source, String expected) {
        assertThat(new DdlAdapter(dialect).createTable(source, TARGET, extra)).isEqualTo(expected);
    }

    @Test
    void createDatabaseKeepsOnlyCharsetAndMappedCollation() {
        String mysql8 = "CREATE DATABASE `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */"
                + " /*!80016 DEFAULT ENCRYPTION='N' */";
        assertThat(new DdlAdapter(MARIADB).createDatabase(mysql8, "shop_all"))
                .isEqualTo("CREATE DATABASE IF NOT EXISTS `shop_all` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        assertThat(new DdlAdapter(TIDB).createDatabase("CREATE DATABASE x DEFAULT CHARSET=latin1", "y"))
                .isEqualTo("CREATE DATABASE IF NOT EXISTS `y` DEFAULT CHARACTER SET latin1");
        assertThat(new DdlAdapter(TIDB).createDatabase(null, "a`b")).isEqualTo("CREATE DATABASE IF NOT EXISTS `a``b`");
    }

    @Test
    void mapsCollationsToTheClosestTheTargetHas() {
        DdlAdapter maria = new DdlAdapter(MARIADB);
        assertThat(maria.mapCollation("utf8mb4_0900_ai_ci")).isEqualTo("utf8mb4_general_ci");
        assertThat(maria.mapCollation("utf8mb4_0900_as_cs")).isEqualTo("utf8mb4_bin");
        assertThat(maria.mapCollation("UTF8MB4_BIN")).isEqualTo("UTF8MB4_BIN");
        assertThat(maria.mapCollation("utf8_general_ci")).isEqualTo("utf8mb3_general_ci");
        DdlAdapter tidb = new DdlAdapter(TIDB);
        assertThat(tidb.mapCollation("utf8mb4_uca1400_as_cs")).isEqualTo("utf8mb4_bin");
        assertThat(tidb.mapCollation("utf8mb3_unicode_ci")).isEqualTo("utf8_unicode_ci");
        assertThat(tidb.mapCollation("gbk_chinese_ci")).isEqualTo("gbk_chinese_ci");
        assertThat(tidb.mapCollation("ucs2_general_ci")).isEqualTo("ucs2_general_ci"); // nothing close: target reports it
    }

    @Test
    void dataColumnsSkipKeysAndGeneratedColumns() {
        String sql = "CREATE TABLE `g` (\n  `id` int(11) NOT NULL,\n  `a` int(11) DEFAULT NULL,\n"
                + "  `b` int(11) GENERATED ALWAYS AS (`a` + 1) VIRTUAL,\n  `c` int(11) AS (`a` * 2) PERSISTENT,\n"
                + "  `key` varchar(3) DEFAULT 'AS' COMMENT 'GENERATED',\n  `d``q` json CHECK (json_valid(`d``q`)),\n"
                + "  PRIMARY KEY (`id`),\n  UNIQUE KEY `u` (`a`),\n  CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `p` (`id`)\n)";
        assertThat(DdlAdapter.dataColumns(sql)).containsExactly("id", "a", "key", "d`q");
    }

    @Test
    void rejectsWhatIsNotAPlainCreateTable() {
        DdlAdapter a = new DdlAdapter(MARIADB);
        assertThatThrownBy(() -> a.createTable("CREATE VIEW v AS SELECT 1", TARGET, List.of()))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOAD_SCHEMA_FAILED))
                .hasMessageContaining("`orders`.`all_orders`");
        assertThatThrownBy(() -> a.createTable("CREATE TABLE t LIKE u", TARGET, List.of()))
                .hasMessageContaining("LIKE");
        assertThatThrownBy(() -> a.createTable("CREATE TABLE t (a varchar(3) DEFAULT 'x)", TARGET, List.of()))
                .hasMessageContaining("tokenize");
        assertThatThrownBy(() -> a.createTable("CREATE TABLE t (`c_source` int)", TARGET, List.of("C_SOURCE")))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOAD_SCHEMA_FAILED))
                .hasMessageContaining("already exists");
    }
}
