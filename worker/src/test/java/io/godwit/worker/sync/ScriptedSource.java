package io.godwit.worker.sync;

import io.godwit.core.event.ChangeEvent;
import io.godwit.core.model.BinlogLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Serves a scripted binlog from any transaction boundary, as often as asked; records where it was opened. */
final class ScriptedSource implements ChangeSource.Opener {
    private final List<ChangeEvent> events;
    private final BinlogLocation end;
    private final List<BinlogLocation> opened = Collections.synchronizedList(new ArrayList<>());
    private final List<String> tableInfos = Collections.synchronizedList(new ArrayList<>());

    ScriptedSource(EventScript script) {
        this.events = script.events();
        this.end = script.end();
    }

    @Override public ChangeSource openAt(BinlogLocation from, String tableInfo) {
        int start = BatchHeader.samePlace(from, end) ? events.size() : -1;
        for (int i = 0; i < events.size() && start < 0; i++) {
            if (BatchHeader.samePlace(events.get(i).at(), from)) {
                start = i;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("no event starts at " + from);
        }
        opened.add(from);
        tableInfos.add(tableInfo);
        int first = start;
        return new ChangeSource() {
            private int next = first;

            @Override public ChangeEvent next(Duration timeout) throws InterruptedException {
                if (next < events.size()) {
                    return events.get(next++);
                }
                Thread.sleep(Math.min(timeout.toMillis(), 5));
                return null;
            }

            @Override public void close() {}
        };
    }

    List<BinlogLocation> opened() {
        return opened;
    }

    List<String> tableInfos() {
        return tableInfos;
    }
}
