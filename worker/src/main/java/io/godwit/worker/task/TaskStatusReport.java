package io.godwit.worker.task;

import io.godwit.core.model.BinlogLocation;
import io.godwit.worker.sync.SyncStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task's status in the shape of DM's OpenAPI {@code GET /api/v1/tasks/{task-name}/status}: one
 * entry per source with its stage, unit, error and, while syncing, where the source is, where the
 * target is and how far behind. Plain maps and lists, so any JSON writer renders it.
 */
public final class TaskStatusReport {
    private TaskStatusReport() {}

    /**
     * @param unit            the unit running now: {@code Dump}/{@code Load} during the full migration, else {@code Sync}
     * @param sync            each source's sync status (empty before the sync starts)
     * @param paused          the sources whose sync stopped on an error
     * @param sourcePositions each source's newest binlog position
     */
    public static Map<String, Object> of(String task, List<String> sourceIds, String unit, Map<String, SyncStatus> sync,
                                         Set<String> paused, Map<String, BinlogLocation> sourcePositions,
                                         long nowMillis) {
        List<Object> data = new ArrayList<>();
        for (String source : sourceIds) {
            SyncStatus s = sync.get(source);
            Map<String, Object> sub = new LinkedHashMap<>();
            sub.put("name", task);
            sub.put("source_name", source);
            sub.put("worker_name", "standalone");
            sub.put("stage", paused.contains(source) ? "Paused" : "Running");
            sub.put("unit", s != null ? "Sync" : unit);
            SyncStatus.ShardWait wait = s == null ? null : s.shardWait();
            sub.put("unresolved_ddl_lock_id", wait == null ? "" : wait.lockId());
            if (s != null && s.lastError() != null) {
                SyncStatus.Failure f = s.lastError();
                sub.put("error_msg", f.message());
                sub.put("error_code", f.code().code());
                sub.put("error_position", f.position() == null ? "" : f.position().toString());
                sub.put("error_statement", f.statement() == null ? "" : f.statement());
            }
            if (s != null) {
                BinlogLocation master = sourcePositions.get(source);
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("total_rows_applied", s.rowsApplied());
                st.put("total_rows_filtered", s.rowsFiltered());
                st.put("recent_rps", Math.round(s.rowsPerSecond()));
                st.put("master_binlog", filePosition(master));
                st.put("master_binlog_gtid", master == null ? "" : master.gtidSet());
                BinlogLocation applied = s.appliedLocation();
                st.put("syncer_binlog", filePosition(applied));
                st.put("syncer_binlog_gtid", applied == null ? "" : applied.gtidSet());
                st.put("seconds_behind_master", s.secondsBehind(nowMillis));
                st.put("safe_mode", s.safeMode());
                // DM's blocking DDLs: here those of other shards that must run on the merged table first
                st.put("blocking_ddls", wait == null ? List.of() : wait.statements());
                st.put("synced", master != null && applied != null && master.file().equals(applied.file())
                        && master.position() == applied.position());
                sub.put("sync_status", st);
            }
            data.add(sub);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", data.size());
        out.put("data", data);
        return out;
    }

    /** DM's {@code (file, pos)} form; empty when unknown. */
    private static String filePosition(BinlogLocation l) {
        return l == null ? "" : "(" + l.file() + ", " + l.position() + ")";
    }
}
