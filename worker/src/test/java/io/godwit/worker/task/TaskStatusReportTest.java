package io.godwit.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.model.BinlogLocation;
import io.godwit.worker.sync.SyncStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-source status entries: a sync held by its shard group says by which lock and which statements. */
class TaskStatusReportTest {
    private static final BinlogLocation AT = new BinlogLocation("mysql-bin.000002", 4000, "");

    private static SyncStatus sync(SyncStatus.ShardWait wait) {
        return new SyncStatus(AT, 7, 100, 0, 0, 0.0, 0, false, null, wait);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSyncWaitingForAnotherShardsChangeNamesTheLockAndTheBlockingDdls() {
        SyncStatus.ShardWait wait = new SyncStatus.ShardWait("shd-`m`.`t`", 3,
                List.of("ALTER TABLE `m`.`t` ADD COLUMN c INT"), List.of("s1/a.t1"));
        Map<String, Object> report = TaskStatusReport.of("shd", List.of("s1", "s2"), "Sync",
                Map.of("s1", sync(null), "s2", sync(wait)), Set.of(), Map.of(), 0);

        List<Map<String, Object>> data = (List<Map<String, Object>>) report.get("data");
        assertThat(data.get(0)).containsEntry("unresolved_ddl_lock_id", "");
        assertThat((Map<String, Object>) data.get(0).get("sync_status")).containsEntry("blocking_ddls", List.of());
        assertThat(data.get(1)).containsEntry("unresolved_ddl_lock_id", "shd-`m`.`t`");
        assertThat((Map<String, Object>) data.get(1).get("sync_status"))
                .containsEntry("blocking_ddls", List.of("ALTER TABLE `m`.`t` ADD COLUMN c INT"));
    }
}
