package io.godwit.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once protocol under faults: the process stopping between the commits of a batch's slots (at
 * many points), target connections killed mid-batch, and restarts with a changed worker count.
 */
class ExactlyOnceIT {

    /** Stops "the process" right before the n-th slot commit: that slot's transaction rolls back, others may commit. */
    static final class CrashingCommitter implements SlotCommitter {
        private final int crashAt;
        private final AtomicInteger commits = new AtomicInteger();

        CrashingCommitter(int crashAt) {
            this.crashAt = crashAt;
        }

        @Override public void commit(int slot, long batchSeq, Connection connection) throws SQLException {
            if (commits.incrementAndGet() == crashAt) {
                throw new SimulatedCrash("stopped before slot " + slot + " committed batch " + batchSeq);
            }
            connection.commit();
        }
    }

    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message);
        }
    }

    @Test
    void countersAreExactAfterStopsBetweenSlotCommitsAtManyPoints() throws Exception {
        try (SyncHarness h = new SyncHarness(ExactlyOnceIT.class, "crash");
             HikariDataSource pool = h.pool(5)) {
            CounterWorkload w = new CounterWorkload(h, 400);
            ScriptedSource source = new ScriptedSource(w.script);
            SyncOptions options = h.options(4, 3);
            int crashes = 0;
            int partialBatches = 0;
            for (int crashAt : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 11, 14, 17, 22, 27, 31, 38, 45, 53}) {
                SyncCoordinator c = h.coordinator(options, pool, source, w.start, new CrashingCommitter(crashAt));
                Throwable f = SyncHarness.runUntil(c, w.end());
                if (f == null) {
                    break;
                }
                assertThat(f).isInstanceOf(SimulatedCrash.class);
                crashes++;
                List<String> seqs = SyncHarness.rows("SELECT MIN(batch_seq), MAX(batch_seq) FROM "
                        + TableId.of(h.meta, h.task + "_syncer_slot").quoted());
                String[] minMax = seqs.get(0).split("\\|");
                if (!minMax[0].equals(minMax[1])) {
                    partialBatches++;
                }
            }
            assertThat(crashes).isGreaterThan(10);
            assertThat(partialBatches).as("stops that left a batch half applied").isGreaterThan(3);
            SyncCoordinator last = h.coordinator(options, pool, source, w.start, SlotCommitter.COMMIT);
            SyncHarness.runToEnd(last, w.end());
            w.assertExactlyOnce();
            assertThat(source.opened()).hasSizeGreaterThan(crashes);
        }
    }

    @Test
    void countersAreExactWhileTargetConnectionsAreKilled() throws Exception {
        String user = "sync_killed";
        SyncHarness.target().execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY 'pw'",
                "GRANT ALL ON *.* TO '" + user + "'@'%'");
        try (SyncHarness h = new SyncHarness(ExactlyOnceIT.class, "kill");
             HikariDataSource pool = h.pool(user, "pw", 5)) {
            CounterWorkload w = new CounterWorkload(h, 600);
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger kills = new AtomicInteger();
            Thread killer = new Thread(() -> killRepeatedly(user, done, kills), "connection-killer");
            killer.start();
            SyncCoordinator c;
            try {
                c = h.coordinator(h.options(4, 5), pool, new ScriptedSource(w.script), w.start, SlotCommitter.COMMIT);
                SyncHarness.runToEnd(c, w.end());
            } finally {
                done.set(true);
                killer.join();
            }
            assertThat(kills.get()).as("connections killed while the sync ran").isGreaterThan(5);
            w.assertExactlyOnce();
            assertThat(c.status().lastError()).isNull();
        }
    }

    @Test
    void workerCountMayChangeOnlyWhenNoBatchIsHalfApplied() throws Exception {
        try (SyncHarness h = new SyncHarness(ExactlyOnceIT.class, "workers");
             HikariDataSource pool = h.pool(7)) {
            CounterWorkload w = new CounterWorkload(h, 200);
            ScriptedSource source = new ScriptedSource(w.script);
            // Leave a batch half applied by 4 slots.
            Throwable f = null;
            for (int crashAt = 6; f == null || !halfApplied(h); crashAt++) {
                f = SyncHarness.runUntil(h.coordinator(h.options(4, 3), pool, source, w.start, new CrashingCommitter(crashAt)),
                        w.end());
                assertThat(f).isInstanceOf(SimulatedCrash.class);
            }
            Throwable refused = SyncHarness.runUntil(h.coordinator(h.options(6, 3), pool, source, w.start,
                    SlotCommitter.COMMIT), w.end());
            assertThat(refused).isInstanceOf(GodwitException.class);
            assertThat(((GodwitException) refused).code()).isEqualTo(ErrorCode.SYNC_WORKER_COUNT_CHANGED);
            assertThat(refused.getMessage()).contains("worker-count 4");
            // Finish the batch with 4 slots, then go on with 6.
            SyncCoordinator four = h.coordinator(h.options(4, 3), pool, source, w.start, SlotCommitter.COMMIT);
            four.runBatches(1);
            assertThat(halfApplied(h)).isFalse();
            SyncHarness.runToEnd(h.coordinator(h.options(6, 3), pool, source, w.start, SlotCommitter.COMMIT), w.end());
            w.assertExactlyOnce();
            assertThat(SyncHarness.rows("SELECT COUNT(*), MIN(worker_count), MAX(worker_count) FROM "
                    + TableId.of(h.meta, h.task + "_syncer_slot").quoted())).containsExactly("6|6|6");
        }
    }

    private static boolean halfApplied(SyncHarness h) {
        String[] minMax = SyncHarness.rows("SELECT MIN(batch_seq), MAX(batch_seq) FROM "
                + TableId.of(h.meta, h.task + "_syncer_slot").quoted()).get(0).split("\\|");
        return !minMax[0].equals(minMax[1]);
    }

    private static void killRepeatedly(String user, AtomicBoolean done, AtomicInteger kills) {
        try (Connection admin = SyncHarness.target().connect(); Statement s = admin.createStatement()) {
            while (!done.get()) {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + user + "'")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                // Kill one connection at a time, so the others keep working between kills.
                if (!ids.isEmpty()) {
                    try {
                        s.execute("KILL " + ids.get(kills.get() % ids.size()));
                        kills.incrementAndGet();
                    } catch (SQLException gone) {
                        // the connection ended by itself meanwhile
                    }
                }
                Thread.sleep(40);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
