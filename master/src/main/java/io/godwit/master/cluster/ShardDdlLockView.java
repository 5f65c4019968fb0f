package io.godwit.master.cluster;

import java.util.List;

/**
 * One shard DDL lock as {@code GET /api/v1/tasks/{task}/shard-ddl-locks} lists it (snake_case keys) and dmctl's
 * {@code shard-ddl-lock} prints it (DM's keys). Shards are named {@code source-id:`db`.`tbl`}.
 *
 * @param id       DM's lock ID, {@code task-`db`.`tbl`} of the merged target table
 * @param mode     always {@code optimistic}: the only shard mode the master coordinates
 * @param owner    the shard that runs the lowest pending version's statements; empty when nothing is pending
 * @param ddls     the statements of every pending version, in version order
 * @param synced   the shards whose definition is the merged one
 * @param unsynced the shards whose definition differs from it (they have yet to make another shard's change, or
 *                 made one the others have not)
 */
public record ShardDdlLockView(String id, String task, String mode, String owner, List<String> ddls,
                               List<String> synced, List<String> unsynced) {
}
