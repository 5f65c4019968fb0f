package io.godwit.worker.agent;

import io.godwit.core.config.ConfigLoader;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.BinlogPos;
import io.godwit.core.model.TableId;
import io.godwit.worker.agent.SubtaskSpec.SubtaskKey;
import io.godwit.worker.sync.CheckpointedSchema;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DM's {@code binlog skip|replace} and {@code binlog-schema list|update|delete} on the subtasks of this
 * worker, for its HTTP endpoint. Each command holds its subtask ({@link SubtaskSet#whileHeld}) so that a
 * subtask found paused cannot be started again by a reconciliation while the command works on it.
 *
 * <p>Skip and replace act on the sync that paused itself on an error while its subtask goes on: the
 * operator's statements are handed to that sync, which then resumes. Schema edits need the sync not to
 * run: either paused that way, or the whole subtask paused (pause-task, or its run failed); they are
 * written to the target's checkpoints ({@link CheckpointedSchema}), which every resume reads.
 */
public final class SubtaskBinlogCommands {
    private static final Logger LOG = LoggerFactory.getLogger(SubtaskBinlogCommands.class);

    private final SubtaskSet subtasks;

    SubtaskBinlogCommands(SubtaskSet subtasks) {
        this.subtasks = subtasks;
    }

    /**
     * Skips ({@code replacement} empty) or replaces the DDL the subtask's sync paused at and resumes it.
     *
     * @param expectedAt the DDL the operator means (dmctl's {@code -b}); null: whichever it paused at
     * @return where the DDL is in the binlog
     * @throws GodwitException CLUSTER_NOT_FOUND for an unknown subtask, CLUSTER_CONFLICT when its sync is
     *                         not paused at a DDL in this worker, or not at {@code expectedAt}
     */
    public String resolvePausedDdl(String task, String source, BinlogPos expectedAt, List<String> replacement) {
        return subtasks.whileHeld(new SubtaskKey(task, source), runner -> {
            Subtask live = runner.live().orElseThrow(() -> new GodwitException(ErrorCode.CLUSTER_CONFLICT,
                    "subtask " + runner.spec().key() + " is " + runner.stage().wireName()
                            + ", not paused at a DDL: resume-task it; if the DDL fails again it pauses there and"
                            + " can be skipped or replaced"));
            if (expectedAt != null) {
                // held, so the sync cannot move on between this check and the skip
                requirePausedAt(live, source, expectedAt);
            }
            String at = live.resolvePausedDdl(replacement);
            LOG.info("subtask {}: the DDL at {} {}; its sync resumes", runner.spec().key(), at,
                    replacement.isEmpty() ? "is skipped" : "is replaced by " + replacement.size() + " statement(s)");
            return at;
        });
    }

    /**
     * Refuses when the sync paused at another position than the operator named. A sync not paused at a
     * statement passes: {@link Subtask#resolvePausedDdl} refuses it with its own reason.
     */
    private static void requirePausedAt(Subtask live, String source, BinlogPos expectedAt) {
        Optional<BinlogLocation> pausedAt = live.pausedAt();
        if (pausedAt.isPresent() && !expectedAt.isAt(pausedAt.get())) {
            throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "the sync of source " + source
                    + " is paused at the DDL at " + BinlogPos.of(pausedAt.get()) + ", not at " + expectedAt
                    + "; nothing was skipped (query-status shows the paused position)");
        }
    }

    /** The tables the subtask's schema tracker knows, as a resume would start with them. */
    public SortedSet<TableId> tables(String task, String source) {
        return withSchema(task, source, false, CheckpointedSchema::tables);
    }

    /** The tracked {@code CREATE TABLE} of {@code table}; CLUSTER_NOT_FOUND when it is not tracked. */
    public String createTableSql(String task, String source, TableId table) {
        return withSchema(task, source, false, schema -> schema.createTableSql(table)
                .orElseThrow(() -> schema.notTracked(table)));
    }

    /** Sets the tracked definition of {@code table}; only while the subtask's sync does not run. */
    public void define(String task, String source, TableId table, String createTableSql) {
        withSchema(task, source, true, schema -> {
            schema.define(table, createTableSql);
            LOG.info("subtask {}/{}: the schema tracker's definition of {} was set by an operator", task, source, table);
            return table;
        });
    }

    /** Stops tracking {@code table}; only while the subtask's sync does not run. */
    public void forget(String task, String source, TableId table) {
        withSchema(task, source, true, schema -> {
            schema.forget(table);
            LOG.info("subtask {}/{}: {} was removed from the schema tracker by an operator", task, source, table);
            return table;
        });
    }

    private <T> T withSchema(String task, String source, boolean edits, Function<CheckpointedSchema, T> command) {
        return subtasks.whileHeld(new SubtaskKey(task, source), runner -> {
            if (edits) {
                requireSyncStopped(runner);
            }
            TaskConfig config = ConfigLoader.parseTask(runner.spec().taskYaml(), task + ".yaml",
                    ConfigLoader.DEFAULT_CIPHER).forSource(source);
            return command.apply(CheckpointedSchema.of(config, source));
        });
    }

    /** A running sync writes its own tracker at its next DDL: an edit must wait until it is paused. */
    private static void requireSyncStopped(SubtaskRunner runner) {
        Optional<Subtask> live = runner.live();
        if (live.isPresent() && !live.get().syncPaused()) {
            throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, "subtask " + runner.spec().key() + " is running:"
                    + " binlog-schema update and delete act on a paused subtask (pause-task it first)");
        }
    }
}
