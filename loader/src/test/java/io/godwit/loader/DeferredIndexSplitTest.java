package io.godwit.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.TableId;
import io.godwit.loader.DdlAdapter.SecondaryIndex;
import io.godwit.loader.DdlAdapter.TableDdl;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DdlAdapter#createTableDeferringIndexes}: which indexes wait for the rows, and their exact text. */
class DeferredIndexSplitTest {
    private static final TableId TARGET = TableId.of("db", "t");
    private static final DdlAdapter MARIADB = new DdlAdapter(DdlAdapterTest.MARIADB);
    private static final DdlAdapter TIDB = new DdlAdapter(DdlAdapterTest.TIDB);

    private static TableDdl split(String sql) {
        return MARIADB.createTableDeferringIndexes(sql, TARGET, List.of());
    }

    @Test
    void sysbenchTableLosesItsSecondaryKeyAndKeepsThePrimaryKey() {
        TableDdl ddl = split("CREATE TABLE `sbtest1` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
                + "  `k` int(11) NOT NULL DEFAULT 0,\n  `c` char(120) NOT NULL DEFAULT '',\n  PRIMARY KEY (`id`),\n"
                + "  KEY `k_1` (`k`)\n) ENGINE=InnoDB AUTO_INCREMENT=1001 DEFAULT CHARSET=latin1");
        assertThat(ddl.createTable()).isEqualTo("CREATE TABLE IF NOT EXISTS `db`.`t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
                + "  `k` int(11) NOT NULL DEFAULT 0,\n  `c` char(120) NOT NULL DEFAULT '',\n  PRIMARY KEY (`id`)\n"
                + ") ENGINE=InnoDB AUTO_INCREMENT=1001 DEFAULT CHARSET=latin1");
        assertThat(ddl.deferredIndexes()).containsExactly(new SecondaryIndex("k_1", "KEY `k_1` (`k`)"));
        assertThat(ddl.addIndexes(TARGET)).isEqualTo("ALTER TABLE `db`.`t` ADD KEY `k_1` (`k`)");
    }

    @Test
    void compositePrefixUsingAndCommentsAreDeferredByteForByte() {
        String weird = "KEY `we``ird, (name)` (`a`,`b`(10)) USING BTREE COMMENT 'x, (y) '' z'";
        String second = "INDEX idx_b (b(3) DESC, `a`) COMMENT \"c)(,\"";
        TableDdl ddl = split("CREATE TABLE t (\n  a int NOT NULL,\n  b varchar(20),\n  PRIMARY KEY (a),\n  " + weird
                + ",\n  " + second + "\n)");
        assertThat(ddl.createTable()).isEqualTo("CREATE TABLE IF NOT EXISTS `db`.`t` (\n  a int NOT NULL,\n  b varchar(20),\n"
                + "  PRIMARY KEY (a)\n)");
        assertThat(ddl.deferredIndexes()).containsExactly(new SecondaryIndex("we`ird, (name)", weird),
                new SecondaryIndex("idx_b", second));
        String alter = ddl.addIndexes(TARGET);
        assertThat(alter).isEqualTo("ALTER TABLE `db`.`t` ADD " + weird + ", ADD " + second);
        assertThat(DdlAdapter.addedIndexes(alter)).isEqualTo(ddl.deferredIndexes());
    }

    @Test
    void uniqueFulltextSpatialAndUnnamedKeysStay() {
        String sql = "CREATE TABLE t (\n  id int NOT NULL,\n  u int,\n  body text,\n  g geometry NOT NULL,\n  x int,\n"
                + "  PRIMARY KEY (id),\n  UNIQUE KEY `u` (`u`),\n  FULLTEXT KEY `ft` (`body`),\n  SPATIAL KEY `sp` (`g`),\n"
                + "  KEY (`x`),\n  KEY `k_x` (`x`,`u`)\n) ENGINE=InnoDB";
        TableDdl ddl = split(sql);
        assertThat(ddl.deferredIndexes()).containsExactly(new SecondaryIndex("k_x", "KEY `k_x` (`x`,`u`)"));
        assertThat(ddl.createTable()).isEqualTo(MARIADB.createTable(sql.replace(",\n  KEY `k_x` (`x`,`u`)", ""), TARGET, List.of()));
    }

    @Test
    void aTableWithAForeignKeyKeepsEveryIndex() {
        String fk = "CREATE TABLE c (\n  id int NOT NULL,\n  p int,\n  PRIMARY KEY (id),\n  KEY `p` (`p`),\n"
                + "  CONSTRAINT `fk_p` FOREIGN KEY (`p`) REFERENCES `parent` (`id`)\n) ENGINE=InnoDB";
        assertThat(split(fk).deferredIndexes()).isEmpty();
        assertThat(split(fk).createTable()).isEqualTo(MARIADB.createTable(fk, TARGET, List.of()));
        String columnLevel = "CREATE TABLE c (id int PRIMARY KEY, p int REFERENCES parent (id), KEY `p` (`p`))";
        assertThat(split(columnLevel).deferredIndexes()).isEmpty();
    }

    @Test
    void referencedTablesAreReadFromForeignKeys() {
        assertThat(DdlAdapter.referencedTables("CREATE TABLE c (id int, p int, q int,"
                + " CONSTRAINT `f1` FOREIGN KEY (`p`) REFERENCES `parent` (`id`),"
                + " CONSTRAINT `f2` FOREIGN KEY (`q`) REFERENCES `other`.`p2` (`id`) ON DELETE CASCADE,"
                + " body varchar(9) COMMENT 'REFERENCES nothing')", "db"))
                .containsExactly(TableId.of("db", "parent"), TableId.of("other", "p2"));
    }

    @Test
    void indexesOnGeneratedColumnsAreDeferredToo() {
        TableDdl ddl = split("CREATE TABLE t (\n  a int NOT NULL,\n  b varchar(10),\n"
                + "  g int GENERATED ALWAYS AS (a + 1) VIRTUAL,\n  v varchar(30) AS (concat(b, ',', '(x')) PERSISTENT,\n"
                + "  PRIMARY KEY (a),\n  KEY `g` (`g`),\n  KEY `v` (`v`(5))\n)");
        assertThat(ddl.deferredIndexes()).extracting(SecondaryIndex::name).containsExactly("g", "v");
        assertThat(ddl.createTable()).endsWith("PERSISTENT,\n  PRIMARY KEY (a)\n)");
    }

    @Test
    void aPartitionedTableKeepsEveryIndex() {
        String sql = "CREATE TABLE t (\n  id int NOT NULL,\n  k int,\n  PRIMARY KEY (id),\n  KEY `k` (`k`)\n) ENGINE=InnoDB\n"
                + " PARTITION BY RANGE (`id`)\n(PARTITION `p0` VALUES LESS THAN (100) ENGINE = InnoDB)";
        assertThat(split(sql).deferredIndexes()).isEmpty();
        String mysql = "CREATE TABLE t (id int NOT NULL, k int, PRIMARY KEY (id), KEY `k` (`k`)) ENGINE=InnoDB\n"
                + "/*!50100 PARTITION BY HASH (`id`) PARTITIONS 4 */";
        assertThat(split(mysql).deferredIndexes()).isEmpty();
    }

    @Test
    void aKeyLedByTheAutoIncrementColumnStays() {
        TableDdl ddl = split("CREATE TABLE t (\n  id bigint NOT NULL AUTO_INCREMENT,\n  r int NOT NULL,\n"
                + "  PRIMARY KEY (r),\n  KEY `id` (`id`, `r`),\n  KEY `r_id` (`r`, `id`)\n)");
        assertThat(ddl.deferredIndexes()).extracting(SecondaryIndex::name).containsExactly("r_id");
        assertThat(ddl.createTable()).contains("KEY `id` (`id`, `r`)").doesNotContain("r_id");
    }

    @Test
    void extractColumnsAndTidbRulesStillApply() {
        TableDdl ddl = TIDB.createTableDeferringIndexes("CREATE TABLE t (\n  id int NOT NULL,\n  k int,\n  v text,\n"
                + "  PRIMARY KEY (id),\n  KEY `k` (`k`),\n  FULLTEXT KEY `ft` (`v`)\n) PAGE_CHECKSUM=1", TARGET, List.of("c_source"));
        assertThat(ddl.createTable()).isEqualTo("CREATE TABLE IF NOT EXISTS `db`.`t` (\n  id int NOT NULL,\n  k int,\n  v text,\n"
                + "  `c_source` VARCHAR(255) NOT NULL DEFAULT '',\n  PRIMARY KEY (id)\n)");
        assertThat(ddl.deferredIndexes()).containsExactly(new SecondaryIndex("k", "KEY `k` (`k`)"));
    }

    @Test
    void aTableWithoutSecondaryIndexesIsUnchanged() {
        String sql = "CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB";
        TableDdl ddl = split(sql);
        assertThat(ddl.deferredIndexes()).isEmpty();
        assertThat(ddl.createTable()).isEqualTo(MARIADB.createTable(sql, TARGET, List.of()));
    }

    @Test
    void consecutiveKeysAreAllRemovedWithTheirCommas() {
        TableDdl ddl = split("CREATE TABLE t (a int, b int, c int, KEY a (a), KEY b (b), UNIQUE KEY c (c), KEY ab (a, b))");
        assertThat(ddl.createTable()).isEqualTo("CREATE TABLE IF NOT EXISTS `db`.`t` (a int, b int, c int, UNIQUE KEY c (c))");
        assertThat(ddl.addIndexes(TARGET)).isEqualTo("ALTER TABLE `db`.`t` ADD KEY a (a), ADD KEY b (b), ADD KEY ab (a, b)");
    }
}
