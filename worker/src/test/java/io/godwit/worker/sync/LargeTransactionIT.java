package io.godwit.worker.sync;

import static io.godwit.worker.sync.Rows.row;
import static io.godwit.worker.sync.TestTables.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.model.TableId;
import io.godwit.core.model.TableInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 100,000-row source transaction: more than a batch may hold, so it is streamed through slot 0 in
 * chunks with the slot's target transaction open across it. The table is keyless, so a transaction applied
 * twice would show as 200,000 rows and one lost as fewer.
 */
class LargeTransactionIT {
    private static final int ROWS = 100_000;

    /**
     * @param crashAt 0: no stop; 5: stop before slot 0 commits the large batch (batch 1 took commits 1-4);
     *                6: stop after slot 0 committed it, before another slot did
     */
    @ParameterizedTest(name = "stop before slot commit #{0}")
    @ValueSource(ints = {0, 5, 6})
    void largeTransactionIsAppliedExactlyOnceWithBoundedMemory(int crashAt) throws Exception {
        try (SyncHarness h = new SyncHarness(LargeTransactionIT.class, "large" + crashAt);
             HikariDataSource pool = h.pool(5)) {
            TableInfo big = h.table("big", "CREATE TABLE %s (`id` int, `v` varchar(20))", List.of(),
                    col("id", "int"), col("v", "varchar(20)"));
            TableInfo small = h.table("small", "CREATE TABLE %s (`id` int NOT NULL, PRIMARY KEY (`id`))", List.of("id"),
                    col("id", "int"));
            EventScript s = new EventScript();
            s.insert(small.id(), row(1L)).commit();
            for (int from = 0; from < ROWS; from += 1000) {
                List<Object[]> rows = new ArrayList<>(1000);
                for (long id = from; id < from + 1000; id++) {
                    rows.add(row(id, "row " + id));
                }
                s.insert(big.id(), rows);
            }
            s.insert(small.id(), row(2L)).commit();
            SyncOptions options = h.options(4, 100);
            assertThat(options.maxBufferedTxRows()).isLessThan(ROWS / 5);
            ScriptedSource source = new ScriptedSource(s);
            if (crashAt > 0) {
                Throwable f = SyncHarness.runUntil(h.coordinator(options, pool, source, s.events().get(0).at(),
                        new ExactlyOnceIT.CrashingCommitter(crashAt)), s.end());
                assertThat(f).isInstanceOf(ExactlyOnceIT.SimulatedCrash.class);
                assertThat(SyncHarness.rows("SELECT COUNT(*) FROM " + big.id().quoted()))
                        .containsExactly(crashAt == 5 ? "0" : String.valueOf(ROWS));
            }
            SyncCoordinator c = h.coordinator(options, pool, source, s.events().get(0).at(), SlotCommitter.COMMIT);
            SyncHarness.runToEnd(c, s.end());
            assertThat(SyncHarness.rows("SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM " + big.id().quoted()))
                    .containsExactly(ROWS + "|" + ROWS + "|0|" + (ROWS - 1));
            assertThat(SyncHarness.rows("SELECT id FROM " + small.id().quoted() + " ORDER BY id")).containsExactly("1", "2");
            // The large batch (the last one) went to slot 0 alone: its share is the whole transaction.
            TableId slots = TableId.of(h.meta, h.task + "_syncer_slot");
            assertThat(SyncHarness.rows("SELECT slot, share_rows FROM " + slots.quoted() + " WHERE batch_seq = 2 ORDER BY slot"))
                    .containsExactly("0|" + (ROWS + 1), "1|0", "2|0", "3|0");
        }
    }
}
