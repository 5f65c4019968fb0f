package io.godwit.worker.sync;

import static io.godwit.worker.sync.Rows.row;
import static io.godwit.worker.sync.TestTables.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableInfo;
import java.util.List;

/**
 * The exactly-once workload: {@code UPDATE c SET n = n + 1} transactions on a few counters, each also
 * appending to a keyless log (a duplicate would show as an extra row) and to a keyed log (a duplicate would
 * fail, a loss would show as a gap). Some transactions touch two counters, joining conflict groups.
 */
final class CounterWorkload {
    static final int COUNTERS = 20;

    final TableInfo counters;
    final TableInfo keylessLog;
    final TableInfo keyedLog;
    final EventScript script = new EventScript();
    final BinlogLocation start = script.here();
    final long[] expected = new long[COUNTERS];
    private final int transactions;

    CounterWorkload(SyncHarness h, int transactions) {
        this.transactions = transactions;
        counters = h.table("c", "CREATE TABLE %s (`id` int NOT NULL, `n` bigint NOT NULL, PRIMARY KEY (`id`))",
                List.of("id"), col("id", "int"), col("n", "bigint"));
        keylessLog = h.table("lg", "CREATE TABLE %s (`cid` int, `seq` int)", List.of(), col("cid", "int"), col("seq", "int"));
        keyedLog = h.table("lp", "CREATE TABLE %s (`id` int NOT NULL, `cid` int, PRIMARY KEY (`id`))", List.of("id"),
                col("id", "int"), col("cid", "int"));
        for (long id = 0; id < COUNTERS; id++) {
            script.insert(counters.id(), row(id, 0L));
        }
        script.commit();
        for (int i = 0; i < transactions; i++) {
            int a = i % COUNTERS;
            increment(a);
            if (i % 4 == 0) {
                increment((a * 7 + 3) % COUNTERS);
            }
            script.insert(keylessLog.id(), row((long) a, (long) i));
            script.insert(keyedLog.id(), row((long) i, (long) a));
            script.commit();
        }
    }

    private void increment(int id) {
        long n = expected[id]++;
        script.update(counters.id(), row((long) id, n), row((long) id, n + 1));
    }

    BinlogLocation end() {
        return script.end();
    }

    /** The target holds every change exactly once. */
    void assertExactlyOnce() {
        List<String> rows = SyncHarness.rows("SELECT id, n FROM " + counters.id().quoted() + " ORDER BY id");
        String[] want = new String[COUNTERS];
        for (int id = 0; id < COUNTERS; id++) {
            want[id] = id + "|" + expected[id];
        }
        assertThat(rows).containsExactly(want);
        assertThat(SyncHarness.rows("SELECT COUNT(*), COUNT(DISTINCT seq), MIN(seq), MAX(seq) FROM " + keylessLog.id().quoted()))
                .containsExactly(transactions + "|" + transactions + "|0|" + (transactions - 1));
        assertThat(SyncHarness.rows("SELECT COUNT(*), MIN(id), MAX(id) FROM " + keyedLog.id().quoted()))
                .containsExactly(transactions + "|0|" + (transactions - 1));
    }
}
