package io.godwit.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.worker.sync.CreateTableKeys.Key;
import io.godwit.worker.sync.CreateTableKeys.Part;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CreateTableKeysTest {

    static Stream<Arguments> definitions() {
        return Stream.of(
                Arguments.of("SHOW CREATE TABLE output", """
                        CREATE TABLE `t` (
                          `id` bigint(20) NOT NULL,
                          `email` varchar(100) NOT NULL,
                          `a` int(11) DEFAULT NULL,
                          `b` varchar(200) DEFAULT NULL,
                          PRIMARY KEY (`id`),
                          UNIQUE KEY `uk_email` (`email`),
                          UNIQUE KEY `uk_ab` (`a`,`b`(10)),
                          KEY `idx_a` (`a`)
                        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
                        List.of(new Key("PRIMARY", true, List.of(new Part("id", 0)), true),
                                new Key("uk_email", false, List.of(new Part("email", 0)), true),
                                new Key("uk_ab", false, List.of(new Part("a", 0), new Part("b", 10)), true))),
                Arguments.of("inline column attributes, primary key listed first", """
                        create table t (code char(3) unique, id int primary key, note text comment 'not UNIQUE')""",
                        List.of(new Key("PRIMARY", true, List.of(new Part("id", 0)), true),
                                new Key("code", false, List.of(new Part("code", 0)), true))),
                Arguments.of("constraints with names, USING and descending parts", """
                        CREATE TABLE t (x INT, y INT, z INT,
                          CONSTRAINT pk PRIMARY KEY USING BTREE (x DESC, y),
                          CONSTRAINT u_z UNIQUE (z),
                          CONSTRAINT fk FOREIGN KEY (z) REFERENCES o (id),
                          CHECK (z > 0))""",
                        List.of(new Key("PRIMARY", true, List.of(new Part("x", 0), new Part("y", 0)), true),
                                new Key("u_z", false, List.of(new Part("z", 0)), true))),
                Arguments.of("a functional key part cannot be evaluated", """
                        CREATE TABLE `t` (`j` json, UNIQUE KEY `f` ((cast(`j`->'$.id' as unsigned))))""",
                        List.of(new Key("f", false, List.of(), false))),
                Arguments.of("quoted names with backquotes, comments, generated columns", """
                        CREATE TABLE `t` (
                          `we``ird` int NOT NULL /* PRIMARY KEY (`no`) */,
                          `g` int GENERATED ALWAYS AS (`we``ird` + 1) STORED,
                          -- UNIQUE KEY (`g`)
                          UNIQUE INDEX (`g`),
                          PRIMARY KEY (`we``ird`)
                        ) /*!50100 PARTITION BY HASH (`we``ird`) */""",
                        List.of(new Key("PRIMARY", true, List.of(new Part("we`ird", 0)), true),
                                new Key("", false, List.of(new Part("g", 0)), true))),
                Arguments.of("keyless", "CREATE TABLE t (a int, b text, KEY (a), FULLTEXT KEY (b))", List.of()),
                Arguments.of("empty text", "", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void readsUniqueKeys(String name, String createTable, List<Key> expected) {
        assertThat(CreateTableKeys.uniqueKeys(createTable)).isEqualTo(expected);
    }
}
