package io.godwit.worker.sync;

import io.godwit.core.event.ChangeEvent;
import io.godwit.core.event.DdlEvent;
import io.godwit.core.event.Heartbeat;
import io.godwit.core.event.RowsDeleted;
import io.godwit.core.event.RowsInserted;
import io.godwit.core.event.RowsUpdated;
import io.godwit.core.event.TxCommit;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A hand-built binlog: events with consecutive positions, every transaction boundary where the next event
 * starts (as a real binlog has it), a MariaDB-style GTID per transaction.
 */
final class EventScript {
    private final List<ChangeEvent> events = new ArrayList<>();
    private final String file;
    private long position = 4;
    private long gtidSeq;
    private long time = 1_700_000_000_000L;

    EventScript() {
        this("mysql-bin.000001");
    }

    EventScript(String file) {
        this.file = file;
    }

    BinlogLocation here() {
        return new BinlogLocation(file, position, gtidSeq == 0 ? "" : "0-101-" + gtidSeq);
    }

    EventScript insert(TableId t, Object[]... rows) {
        return add(new RowsInserted(here(), time, t, List.of(rows)));
    }

    EventScript insert(TableId t, List<Object[]> rows) {
        return add(new RowsInserted(here(), time, t, rows));
    }

    EventScript update(TableId t, Object[] before, Object[] after) {
        return add(new RowsUpdated(here(), time, t, List.of(new RowsUpdated.Change(before, after))));
    }

    EventScript delete(TableId t, Object[]... rows) {
        return add(new RowsDeleted(here(), time, t, List.of(rows)));
    }

    EventScript heartbeat() {
        return add(new Heartbeat(here(), time));
    }

    EventScript commit() {
        BinlogLocation at = here();
        position += 31;
        gtidSeq++;
        time += 1000;
        events.add(new TxCommit(at, time, here()));
        return this;
    }

    EventScript ddl(String schema, String sql) {
        BinlogLocation at = here();
        position += 100 + sql.length();
        gtidSeq++;
        time += 1000;
        events.add(new DdlEvent(at, time, schema, sql, here()));
        return this;
    }

    private EventScript add(ChangeEvent e) {
        events.add(e);
        position += 100;
        return this;
    }

    List<ChangeEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** Where the script ends: the boundary after its last event. */
    BinlogLocation end() {
        return here();
    }
}
