package io.godwit.worker.sync;

import static io.godwit.worker.sync.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.config.rules.BlockAllowListRule;
import io.godwit.core.config.rules.EventFilterRule;
import io.godwit.core.config.rules.TablePattern;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.filters.BinlogEventFilter;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BatchReaderTest {
    private static final TableId T = Rows.KEYED.id();
    private final SyncCounters counters = new SyncCounters();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private BatchReader reader(EventScript script, int maxBatchRows, int maxTxRows, List<EventFilterRule> filters,
                               BlockAllowListRule bal) {
        TestTables tables = new TestTables().put(Rows.KEYED).put(Rows.KEYLESS);
        DmlRouter router = new DmlRouter("s1", new TableFilterChain(new BlockAllowList(bal, false, "dm_meta"),
                new TableRouter(List.of(), false)), new BinlogEventFilter(filters, false), tables, counters);
        return new BatchReader(new ScriptedSource(script).openAt(script.events().get(0).at(), ""), router, counters,
                stopping::get, script.events().get(0).at(), maxBatchRows, maxTxRows, Duration.ofSeconds(30),
                Duration.ofSeconds(30));
    }

    private BatchReader reader(EventScript script, int maxBatchRows, int maxTxRows) {
        return reader(script, maxBatchRows, maxTxRows, List.of(), null);
    }

    @Test
    void batchClosesAtTheFirstTransactionBoundaryPastTheRowLimit() throws Exception {
        EventScript s = new EventScript();
        BinlogLocation start = s.here();
        s.insert(T, row(1L, "a", null), row(2L, "b", null)).commit();
        s.insert(T, row(3L, "c", null)).update(T, row(3L, "c", null), row(3L, "d", null));
        BinlogLocation secondTxStart = s.here();
        s.commit();
        BinlogLocation firstEnd = s.here();
        s.insert(T, row(4L, "e", null)).commit();
        BatchReader r = reader(s, 3, 100);
        BatchReader.DmlBatch b = (BatchReader.DmlBatch) r.next();
        assertThat(b.start()).isEqualTo(start);
        assertThat(b.end()).isEqualTo(firstEnd);
        assertThat(b.changes()).hasSize(4);
        assertThat(b.changes().get(2).txStart()).isNotEqualTo(start).isNotEqualTo(secondTxStart);
        assertThat(b.touched()).containsEntry(T, firstEnd);
        stopping.set(true);
        assertThat(r.next()).as("an unfinished batch is dropped on stop").isNull();
    }

    @Test
    void ddlIsABatchOfItsOwnAfterTheChangesBeforeIt() throws Exception {
        EventScript s = new EventScript();
        s.insert(T, row(1L, "a", null)).commit();
        BinlogLocation beforeDdl = s.here();
        s.ddl("db", "ALTER TABLE t ADD COLUMN w INT");
        BinlogLocation afterDdl = s.here();
        s.insert(T, row(2L, "b", null)).commit();
        BatchReader r = reader(s, 1000, 100);
        BatchReader.DmlBatch before = (BatchReader.DmlBatch) r.next();
        assertThat(before.end()).isEqualTo(beforeDdl);
        BatchReader.DdlItem ddl = (BatchReader.DdlItem) r.next();
        assertThat(ddl.start()).isEqualTo(beforeDdl);
        assertThat(ddl.ddl().next()).isEqualTo(afterDdl);
        List<RowChange> after = new ArrayList<>();
        r.expectEnd(s.end());
        after.addAll(((BatchReader.DmlBatch) r.next()).changes());
        assertThat(after).singleElement().satisfies(c -> assertThat(c.txStart()).isEqualTo(afterDdl));
    }

    @Test
    void largeTransactionIsStreamedInChunksAfterTheBatchBeforeIt() throws Exception {
        EventScript s = new EventScript();
        s.insert(T, row(1L, "a", null)).commit();
        BinlogLocation largeStart = s.here();
        for (long id = 10; id < 22; id++) {
            s.insert(T, row(id, "x", null));
        }
        s.commit();
        BinlogLocation largeEnd = s.here();
        BatchReader r = reader(s, 1000, 5);
        r.expectEnd(largeStart);
        assertThat(((BatchReader.DmlBatch) r.next()).changes()).hasSize(1);
        r.expectEnd(null);
        BatchReader.LargeTx large = (BatchReader.LargeTx) r.next();
        assertThat(large.start()).isEqualTo(largeStart);
        assertThat(large.head()).hasSize(6);
        BatchReader.Chunk c1 = r.nextChunk(4);
        assertThat(c1.changes()).hasSize(4);
        assertThat(c1.end()).isNull();
        BatchReader.Chunk c2 = r.nextChunk(4);
        assertThat(c2.changes()).hasSize(2);
        assertThat(c2.end()).isEqualTo(largeEnd);
    }

    @Test
    void filteredRowsAreCountedNotApplied() throws Exception {
        EventScript s = new EventScript();
        s.insert(TableId.of("other", "x"), row(1L), row(2L)); // not in do-dbs
        s.insert(T, row(1L, "a", null));
        s.delete(T, row(1L, "a", null)); // "delete" ignored by the event filter
        s.insert(Rows.KEYLESS.id(), row(1L, "k")).commit();
        BatchReader r = reader(s, 1, 100,
                List.of(new EventFilterRule("db", "t", List.of("delete"), List.of(), EventFilterRule.Action.IGNORE)),
                new BlockAllowListRule(List.of("db"), null, null, List.of(new TablePattern("db", "nothing"))));
        BatchReader.DmlBatch b = (BatchReader.DmlBatch) r.next();
        assertThat(Rows.text(b.changes())).containsExactly("I t[1, a, null]", "I k[1, k]");
        assertThat(counters.rowsFiltered()).isEqualTo(3);
    }

    @Test
    void rowsOfAnUntrackedOrChangedTableStopWithPosition() throws Exception {
        EventScript s = new EventScript();
        s.insert(TableId.of("db", "unknown"), row(1L)).commit();
        assertThatThrownBy(() -> reader(s, 10, 100).next()).isInstanceOf(GodwitException.class)
                .satisfies(e -> assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.SYNC_TABLE_UNKNOWN))
                .hasMessageContaining("db.unknown").hasMessageContaining("mysql-bin.000001, 4");
        EventScript wide = new EventScript();
        wide.insert(T, row(1L, "a", null, "one too many")).commit();
        assertThatThrownBy(() -> reader(wide, 10, 100).next()).hasMessageContaining("has 4 columns, the tracked definition 3");
    }

    @Test
    void rereadingABatchThatNoLongerEndsThereFails() throws Exception {
        EventScript s = new EventScript();
        s.insert(T, row(1L, "a", null)).commit();
        BinlogLocation notABoundary = new BinlogLocation(s.here().file(), s.here().position() - 7, "");
        s.insert(T, row(2L, "b", null)).commit();
        BatchReader r = reader(s, 1000, 100);
        r.expectEnd(notABoundary);
        assertThatThrownBy(r::next).isInstanceOf(GodwitException.class)
                .satisfies(e -> assertThat(((GodwitException) e).code()).isEqualTo(ErrorCode.SYNC_REREAD_MISMATCH));
    }
}
