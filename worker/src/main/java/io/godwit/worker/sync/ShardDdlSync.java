package io.godwit.worker.sync;

import io.godwit.binlog.ddl.DdlChange;
import io.godwit.binlog.ddl.ParsedDdl;
import io.godwit.binlog.schema.SchemaTracker;
import io.godwit.binlog.schema.TableShape;
import io.godwit.core.db.Endpoint;
import io.godwit.core.db.SqlErrorClassifier;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import io.godwit.shardmerge.PendingExecution;
import io.godwit.shardmerge.ShardColumn;
import io.godwit.shardmerge.ShardDdlCoordinator;
import io.godwit.shardmerge.ShardDdlDecision;
import io.godwit.shardmerge.ShardDdlReport;
import io.godwit.shardmerge.ShardDdlStep;
import io.godwit.shardmerge.ShardGroupId;
import io.godwit.shardmerge.ShardGroupState;
import io.godwit.shardmerge.ShardIndex;
import io.godwit.shardmerge.ShardMember;
import io.godwit.shardmerge.ShardTableDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's part in the shard-DDL coordination of a task (DM's optimistic shard mode): the tables this source
 * merges into a target table are members of that table's group; the {@link ShardDdlCoordinator} (the master's, or
 * one in this process for {@code standalone --task}) decides what the merged table runs for each member's DDL.
 *
 * <p>The sync's side of it:
 * <ul>
 *   <li>at every (re)start, members the group does not know yet register with the tracker's definition, and the
 *       executions the coordinator still holds pending for this source's members (it told them to run statements and
 *       never heard back: a crash between the DDL and the acknowledgement) run again, tolerating "already done", and
 *       are acknowledged;</li>
 *   <li>a DDL on a merged table is reported with the member's definition before and after each single change; the
 *       decision's statements replace the DDL's own, the sync waits for what the decision awaits, runs them, and
 *       acknowledges their version once the DDL is checkpointed;</li>
 *   <li>CREATE TABLE of a merged table registers it, DROP TABLE makes it leave (its rows stay on the target).</li>
 * </ul>
 * Running a pending execution ahead of the rows before its DDL is safe: the optimistic rules only ever make the merged
 * table accept more (a new nullable column, a wider type, a dropped column made nullable), never less.
 */
final class ShardDdlSync {
    private static final Logger LOG = LoggerFactory.getLogger(ShardDdlSync.class);
    /** How long one wait for another member's execution lasts before the sync checks whether it is asked to stop. */
    private static final Duration AWAIT_SLICE = Duration.ofSeconds(1);

    private final String task;
    private final String sourceId;
    private final ShardDdlCoordinator coordinator;

    ShardDdlSync(String task, String sourceId, ShardDdlCoordinator coordinator) {
        this.task = Objects.requireNonNull(task, "task");
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
    }

    ShardGroupId group(TableId target) {
        return ShardGroupId.of(task, target);
    }

    ShardMember member(TableId source) {
        return new ShardMember(sourceId, source);
    }

    /**
     * The sync (re)starts with {@code tracker} as of its checkpoint: per group (one read of its state), registers
     * unknown members, then runs and acknowledges this source's pending executions in version order.
     *
     * @param mergedTarget the target table a tracked table is merged into, empty when it is not merged
     * @return false when {@code stopping} turned true while waiting for another member's execution
     */
    boolean start(SchemaTracker tracker, Function<TableId, Optional<TableId>> mergedTarget, DataSource pool,
                  BooleanSupplier stopping, Consumer<SyncStatus.ShardWait> waiting) throws InterruptedException {
        Map<ShardGroupId, List<TableId>> mine = new TreeMap<>(Comparator.comparing(ShardGroupId::toString));
        for (TableId table : tracker.tables()) {
            mergedTarget.apply(table).ifPresent(target -> mine.computeIfAbsent(group(target), g -> new ArrayList<>())
                    .add(table));
        }
        for (Map.Entry<ShardGroupId, List<TableId>> e : mine.entrySet()) {
            ShardGroupId group = e.getKey();
            Optional<ShardGroupState> stored = coordinator.group(group);
            boolean registered = false;
            for (TableId table : e.getValue()) {
                ShardMember member = member(table);
                if (stored.flatMap(st -> st.member(member)).filter(m -> !m.departed()).isPresent()) {
                    // Not registered again: its tracker may be behind the coordinator (a DDL reported but not
                    // checkpointed), and the DDL read again brings them together.
                    continue;
                }
                ShardDdlDecision decision = coordinator.register(group, member,
                        definition(tracker.shape(table).orElseThrow()));
                registered = true;
                log(decision);
                if (!awaitTurn(List.of(decision), stopping, waiting)) {
                    return false;
                }
                run(pool, decision.targetStatements(), group);
                acknowledge(List.of(decision));
            }
            ShardGroupState state = (registered ? coordinator.group(group) : stored).orElse(null);
            if (state == null) {
                continue;
            }
            List<PendingExecution> pending = new ArrayList<>();
            e.getValue().forEach(table -> pending.addAll(state.pendingOf(member(table))));
            pending.sort(Comparator.comparingLong(PendingExecution::version));
            for (PendingExecution p : pending) {
                LOG.info("shard group {}: version {} of {} is pending since before this start; running it again: {}",
                        group, p.version(), p.owner(), p.statements());
                if (!awaitApplied(group, p.version() - 1, stopping, waiting)) {
                    return false;
                }
                run(pool, p.statements(), group);
                coordinator.acknowledge(group, p.owner(), p.version());
            }
        }
        return true;
    }

    /** The changes of one DDL statement on merged tables, reported per member as they come. */
    Round round(BinlogLocation at, SchemaTracker beforeDdl) {
        return new Round(at, beforeDdl.copy());
    }

    /**
     * One DDL statement: a copy of the tracker as before it takes each single change in turn, so that every change
     * of a merged table is reported with the member's definitions around it.
     */
    final class Round {
        private final BinlogLocation at;
        private final SchemaTracker scratch;
        private final List<String> statements = new ArrayList<>();
        private final List<ShardDdlDecision> decisions = new ArrayList<>();
        private ShardMember stepsOf;
        private ShardGroupId stepsGroup;
        private ShardTableDefinition stepsBefore;
        private final List<ShardDdlStep> steps = new ArrayList<>();

        private Round(BinlogLocation at, SchemaTracker scratch) {
            this.at = at;
            this.scratch = scratch;
        }

        /** The definitions of the change's table before and after it; the scratch tracker moves past the change. */
        Transition advance(DdlChange change) {
            Optional<TableShape> before = scratch.shape(change.table());
            scratch.apply(new ParsedDdl.Changes(change.sql(), List.of(change)), at);
            return new Transition(before, scratch.shape(change.table()));
        }

        /** Statements that need no coordination, in their place among the members' decisions. */
        void add(List<String> plain) {
            if (!plain.isEmpty()) {
                flush();
                statements.addAll(plain);
            }
        }

        /** A single change of a merged table: reported together with the member's next changes of this DDL. */
        void step(TableId source, TableId target, String statement, Transition t) {
            ShardMember member = member(source);
            ShardGroupId group = group(target);
            if (!member.equals(stepsOf) || !group.equals(stepsGroup)) {
                flush();
                stepsOf = member;
                stepsGroup = group;
                stepsBefore = definition(t.before().orElseThrow(() -> notTracked(source)));
            }
            steps.add(new ShardDdlStep(statement, definition(t.after().orElseThrow(() -> notTracked(source)))));
        }

        /** A merged table was created: it joins its group with its definition after the CREATE. */
        void created(TableId source, TableId target, Transition t) {
            flush();
            t.after().ifPresent(shape -> decided(coordinator.register(group(target), member(source), definition(shape))));
        }

        /** A merged table was dropped upstream: it leaves its group; its rows and columns stay on the target. */
        void dropped(TableId source, TableId target) {
            flush();
            coordinator.leave(group(target), member(source));
            LOG.info("shard group {}: {} was dropped upstream and leaves the group", group(target), member(source));
        }

        RewrittenDdl result() {
            flush();
            return new RewrittenDdl(statements, decisions, ShardDdlSync.this);
        }

        private void flush() {
            if (steps.isEmpty()) {
                return;
            }
            ShardDdlReport report = new ShardDdlReport(stepsGroup, stepsOf, stepsBefore, steps);
            steps.clear();
            stepsOf = null;
            stepsGroup = null;
            decided(coordinator.report(report));
        }

        private void decided(ShardDdlDecision decision) {
            log(decision);
            statements.addAll(decision.targetStatements());
            decisions.add(decision);
        }

        private IllegalStateException notTracked(TableId source) {
            return new IllegalStateException("the schema tracker does not know " + source + " around its DDL at " + at);
        }
    }

    /** A table's definitions around one single change; empty where the table does not exist. */
    record Transition(Optional<TableShape> before, Optional<TableShape> after) {}

    /**
     * Waits for every execution the decisions await, telling {@code waiting} what it waits for (null when done); false
     * when the sync is asked to stop first.
     */
    boolean awaitTurn(List<ShardDdlDecision> decisions, BooleanSupplier stopping,
                      Consumer<SyncStatus.ShardWait> waiting) throws InterruptedException {
        for (ShardDdlDecision d : decisions) {
            if (d.mustAwait() && !awaitApplied(d.group(), d.awaitVersion(), stopping, waiting)) {
                return false;
            }
        }
        return true;
    }

    void acknowledge(List<ShardDdlDecision> decisions) {
        for (ShardDdlDecision d : decisions) {
            if (d.version() > 0) {
                coordinator.acknowledge(d.group(), d.member(), d.version());
            }
        }
    }

    private boolean awaitApplied(ShardGroupId group, long version, BooleanSupplier stopping,
                                 Consumer<SyncStatus.ShardWait> waiting) throws InterruptedException {
        if (version <= 0) {
            return true;
        }
        try {
            boolean shown = false;
            while (!coordinator.awaitApplied(group, version, AWAIT_SLICE)) {
                if (!shown) {
                    SyncStatus.ShardWait wait = waitFor(group, version);
                    waiting.accept(wait);
                    LOG.info("shard group {}: waiting until the target ran version {}: {} by {} (see shard-ddl-lock)",
                            group, version, wait.statements(), wait.owners());
                    shown = true;
                }
                if (stopping.getAsBoolean()) {
                    return false;
                }
            }
            return true;
        } finally {
            waiting.accept(null);
        }
    }

    /** What the group holds pending up to {@code version}, for status. */
    private SyncStatus.ShardWait waitFor(ShardGroupId group, long version) {
        List<PendingExecution> pending = coordinator.group(group).map(ShardGroupState::pending).orElse(List.of())
                .stream().filter(p -> p.version() <= version).toList();
        return new SyncStatus.ShardWait(group.toString(), version,
                pending.stream().flatMap(p -> p.statements().stream()).toList(),
                pending.stream().map(p -> p.owner().toString()).distinct().toList());
    }

    /** Runs statements the coordinator holds pending, which may have run before. */
    private static void run(DataSource pool, List<String> statements, ShardGroupId group) {
        for (String sql : statements) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                if (!SqlErrorClassifier.isDdlAlreadyApplied(e)) {
                    throw SqlErrorClassifier.wrap(e, Endpoint.TARGET, "shard group " + group + " running " + sql);
                }
                LOG.info("shard group {}: had already taken effect (error {}): {}", group, e.getErrorCode(), sql);
            }
        }
    }

    private void log(ShardDdlDecision d) {
        LOG.info("shard group {}: {} for {}{}{}", d.group(), d.outcome(), d.member(),
                d.targetStatements().isEmpty() ? "" : ", the target runs " + d.targetStatements() + " as version "
                        + d.version(), d.notes().isEmpty() ? "" : "; " + String.join("; ", d.notes()));
    }

    /** The tracker's shape as the coordination compares definitions. */
    static ShardTableDefinition definition(TableShape shape) {
        List<ShardColumn> columns = shape.columns().stream()
                .map(c -> new ShardColumn(c.name(), c.columnType(), c.charset(), c.nullable(), c.defaultValue()))
                .toList();
        List<ShardIndex> indexes = shape.indexes().stream()
                .map(i -> new ShardIndex(i.primary() ? ShardIndex.PRIMARY : i.name(), i.columns(), i.unique()))
                .toList();
        return ShardTableDefinition.of(columns, indexes);
    }
}
