package io.godwit.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recovery decisions and fencing of the slot checkpoints, on rows in the real target. */
class SyncCheckpointsIT {
    private static final BinlogLocation L0 = new BinlogLocation("mysql-bin.000003", 4, "0-101-10");
    private static final BinlogLocation L1 = new BinlogLocation("mysql-bin.000003", 900, "0-101-12");
    private static final BinlogLocation L2 = new BinlogLocation("mysql-bin.000004", 120, "0-101-15");

    private interface Step {
        void run(SyncCheckpoints cp, Connection c) throws Exception;
    }

    private static void inTx(HikariDataSource pool, SyncCheckpoints cp, Step step) throws Exception {
        try (Connection c = pool.getConnection()) {
            cp.createTables(c);
            c.setAutoCommit(false);
            step.run(cp, c);
            c.commit();
        }
    }

    @Test
    void firstStartBeginsAtTheGivenPositionOrAtDmsCheckpoint() throws Exception {
        try (SyncHarness h = new SyncHarness(SyncCheckpointsIT.class, "fresh"); HikariDataSource pool = h.pool(2)) {
            SyncCheckpoints cp = new SyncCheckpoints(h.meta, h.task, "s1");
            inTx(pool, cp, (p, c) -> {
                Resume r = p.recover(c, 3, L0);
                assertThat(r.fromScratch()).isTrue();
                assertThat(r.readFrom()).isEqualTo(L0);
                assertThat(r.lastSeq()).isZero();
            });
            assertThat(SyncHarness.rows("SELECT slot, batch_seq, batch_end_pos FROM " + cp.slotTable().quoted()))
                    .containsExactly("0|0|4", "1|0|4", "2|0|4");

            SyncCheckpoints fromDm = new SyncCheckpoints(h.meta, h.task, "s2");
            inTx(pool, fromDm, (p, c) -> p.writeDmCheckpoint(c, L1, "{\"t\": 1}", Map.of()));
            inTx(pool, fromDm, (p, c) -> {
                Resume r = p.recover(c, 2, L0);
                assertThat(r.readFrom()).as("a DM checkpoint wins over the task's meta").isEqualTo(L1);
                assertThat(r.tableInfo()).isEqualTo("{\"t\": 1}");
                assertThat(r.fromScratch()).isTrue();
            });

            SyncCheckpoints nothing = new SyncCheckpoints(h.meta, h.task, "s3");
            assertThatThrownBy(() -> inTx(pool, nothing, (p, c) -> p.recover(c, 2, null)))
                    .isInstanceOf(GodwitException.class).hasMessageContaining("no start position");
        }
    }

    @Test
    void aLostCommitReplyIsRecognisedAndAnotherWriterIsFencedOff() throws Exception {
        try (SyncHarness h = new SyncHarness(SyncCheckpointsIT.class, "fence"); HikariDataSource pool = h.pool(2)) {
            SyncCheckpoints cp = new SyncCheckpoints(h.meta, h.task, "s1");
            inTx(pool, cp, (p, c) -> p.recover(c, 2, L0));
            BatchHeader b1 = new BatchHeader(1, L0, L1);
            inTx(pool, cp, (p, c) -> assertThat(p.claimSlot(c, 0, b1, 77, 5, false)).isEqualTo(SyncCheckpoints.Claim.CLAIMED));
            inTx(pool, cp, (p, c) -> assertThat(p.claimSlot(c, 0, b1, 77, 5, false))
                    .as("the same batch again: committed before, reply lost").isEqualTo(SyncCheckpoints.Claim.ALREADY_COMMITTED));
            assertThatThrownBy(() -> inTx(pool, cp, (p, c) -> p.claimSlot(c, 0, b1, 78, 5, false)))
                    .as("same number, other content: another writer").isInstanceOf(GodwitException.class)
                    .satisfies(e -> assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.SYNC_CHECKPOINT_FENCED));
            assertThatThrownBy(() -> inTx(pool, cp, (p, c) -> p.claimSlot(c, 1, new BatchHeader(3, L1, L2), 1, 1, false)))
                    .isInstanceOf(GodwitException.class).hasMessageContaining("it is at batch 0");
        }
    }

    @Test
    void halfAppliedBatchIsFinishedByTheSlotsStillBehind() throws Exception {
        try (SyncHarness h = new SyncHarness(SyncCheckpointsIT.class, "partial"); HikariDataSource pool = h.pool(2)) {
            SyncCheckpoints cp = new SyncCheckpoints(h.meta, h.task, "s1");
            inTx(pool, cp, (p, c) -> p.recover(c, 3, L0));
            BatchHeader b1 = new BatchHeader(1, L0, L1);
            for (int slot = 0; slot < 3; slot++) {
                int s = slot;
                inTx(pool, cp, (p, c) -> p.claimSlot(c, s, b1, 5, 1, false));
            }
            BatchHeader b2 = new BatchHeader(2, L1, L2);
            inTx(pool, cp, (p, c) -> p.claimSlot(c, 1, b2, 9, 4, true));
            inTx(pool, cp, (p, c) -> {
                Resume r = p.recover(c, 3, L0);
                assertThat(r.readFrom()).isEqualTo(L1);
                assertThat(r.lastSeq()).isEqualTo(1);
                assertThat(r.partial().header()).isEqualTo(b2);
                assertThat(r.partial().digest()).isEqualTo(9);
                assertThat(r.partial().safeMode()).isTrue();
                assertThat(r.partial().slotsToApply()).isEqualTo(Set.of(0, 2));
            });
            assertThatThrownBy(() -> inTx(pool, cp, (p, c) -> p.recover(c, 4, L0)))
                    .isInstanceOf(GodwitException.class)
                    .satisfies(e -> assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.SYNC_WORKER_COUNT_CHANGED));
            SyncHarness.target().execute("UPDATE " + cp.slotTable().quoted() + " SET batch_seq = 7 WHERE slot = 2");
            assertThatThrownBy(() -> inTx(pool, cp, (p, c) -> p.recover(c, 3, L0)))
                    .isInstanceOf(GodwitException.class).hasMessageContaining("inconsistent");
        }
    }

    @Test
    void statementListsSurviveAnyText() {
        java.util.List<String> statements = java.util.List.of("ALTER TABLE `a:b` ADD c INT", "", "x;\n'12:'");
        assertThat(StatementList.decode(StatementList.encode(statements))).isEqualTo(statements);
        assertThat(TableId.of("m", "t_syncer_slot")).isEqualTo(SyncStatements.slotTable("m", "t"));
    }
}
