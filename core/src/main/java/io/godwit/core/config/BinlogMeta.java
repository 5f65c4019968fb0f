package io.godwit.core.config;

import io.godwit.core.model.BinlogLocation;

/**
 * A mysql-instance's {@code meta}: where sync starts when the task has no checkpoint yet. A checkpoint,
 * once written, always wins over it. Empty strings mean "not given".
 */
public record BinlogMeta(String binlogName, long binlogPos, String binlogGtid) {
    public BinlogMeta {
        binlogName = binlogName == null ? "" : binlogName;
        binlogGtid = binlogGtid == null ? "" : binlogGtid;
    }

    public boolean hasPosition() { return !binlogName.isEmpty(); }

    public boolean hasGtid() { return !binlogGtid.isEmpty(); }

    public BinlogLocation toLocation() { return new BinlogLocation(binlogName, binlogPos, binlogGtid); }
}
