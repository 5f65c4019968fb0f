package io.godwit.worker.sync;

import static io.godwit.worker.sync.TestTables.col;

import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Row changes for unit tests, and a compact text form to compare them by. */
final class Rows {
    static final BinlogLocation AT = new BinlogLocation("mysql-bin.000001", 4, "");

    /** {@code t(id BIGINT PRIMARY KEY, v VARCHAR, u VARCHAR UNIQUE NULL)}. */
    static final TableInfo KEYED = TestTables.info(TableId.of("db", "t"),
            "CREATE TABLE %s (`id` bigint NOT NULL, `v` varchar(20), `u` varchar(20), PRIMARY KEY (`id`), UNIQUE KEY `uk_u` (`u`))",
            List.of("id"), col("id", "bigint"), col("v", "varchar(20)"), col("u", "varchar(20)"));
    /** {@code k(a INT, b VARCHAR)} without any key. */
    static final TableInfo KEYLESS = TestTables.info(TableId.of("db", "k"), "CREATE TABLE %s (`a` int, `b` varchar(20))",
            List.of(), col("a", "int"), col("b", "varchar(20)"));

    static final RoutedTable T = TestTables.routed(KEYED);
    static final RoutedTable K = TestTables.routed(KEYLESS);

    private Rows() {}

    static Object[] row(Object... values) {
        return values;
    }

    static RowChange ins(RoutedTable t, Object... after) {
        return RowChange.insert(t, after, AT, AT);
    }

    static RowChange upd(RoutedTable t, Object[] before, Object[] after) {
        return RowChange.update(t, before, after, AT, AT);
    }

    static RowChange del(RoutedTable t, Object... before) {
        return RowChange.delete(t, before, AT, AT);
    }

    /** {@code I t[1, a]}, {@code U t[1, a]>[1, b]}, {@code D t[1, a]}. */
    static String text(RowChange c) {
        String table = c.table().source().table();
        return switch (c.kind()) {
            case INSERT -> "I " + table + Arrays.toString(c.after());
            case UPDATE -> "U " + table + Arrays.toString(c.before()) + ">" + Arrays.toString(c.after());
            case DELETE -> "D " + table + Arrays.toString(c.before());
        };
    }

    static List<String> text(List<RowChange> changes) {
        return changes.stream().map(Rows::text).collect(Collectors.toList());
    }
}
