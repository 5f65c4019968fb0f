package io.godwit.shardmerge;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import io.godwit.shardmerge.SchemaDiff.AddColumn;
import io.godwit.shardmerge.SchemaDiff.AddIndex;
import io.godwit.shardmerge.SchemaDiff.Change;
import io.godwit.shardmerge.SchemaDiff.ChangeIndex;
import io.godwit.shardmerge.SchemaDiff.ChangeOptions;
import io.godwit.shardmerge.SchemaDiff.DropColumn;
import io.godwit.shardmerge.SchemaDiff.DropIndex;
import io.godwit.shardmerge.SchemaDiff.ModifyColumn;
import io.godwit.shardmerge.ShardDdlDecision.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * DM's optimistic shard-DDL coordination for one shard group, as pure functions: state and input in, new state and
 * decision out. Nothing here runs SQL or stores anything; the caller persists the new state before it acts on the
 * decision, and a function that throws leaves the state as it was.
 *
 * <p>Assumptions: the target table has the joined definition (the first member's definition when the group starts);
 * each member's definitions come from the sync's schema tracker; a report's steps are single changes (the sync splits
 * multi-specification ALTER TABLEs), so a step that both drops and adds a column is a rename.
 *
 * <p>A DDL report, step by step:
 * <ol>
 *   <li>The same report as the member's last one (a restart) gets the stored decision again, marked replayed; the
 *       state does not change.</li>
 *   <li>An unregistered (or departed) member joins first with its definition before the DDL. A stored definition
 *       that differs from the reported "before" is replaced by it (the tracker is the truth, as in DM).</li>
 *   <li>For each step, the member's own change (before → after) is classified. Not coordinated, an error naming the
 *       shard: table options, primary key, a column or index rename, a NOT NULL column without default that other
 *       shards lack, a column added back while the target still holds it from this shard's earlier drop. Adding a
 *       column another shard already has is a conflict unless type, charset and default agree.</li>
 *   <li>The new joined definition is the join of all members ({@link SchemaJoin}); a join that fails is a conflict.</li>
 *   <li>The target runs what changes the old joined definition into the new one: the shard's own statement when
 *       that does exactly this, else statements generated from the difference (e.g. DROP COLUMN of the first shard
 *       becomes "make it nullable"; the last shard's narrowing becomes MODIFY to the widest remaining type).
 *       No difference: the target has the change already, or keeps the more compatible definition (drops and
 *       narrowing wait for the last shard, DM's behaviour).</li>
 *   <li>Statements get the group's next version and the reporting member as owner, and stay pending until the owner
 *       acknowledges them (DM's lock owner runs the DDL and reports it done). The decision also carries the highest
 *       version pending before it as {@code awaitVersion}: the member waits until the target has run everything up to
 *       it before running its own statements (so the target's DDLs run in version order) and before applying the rows
 *       after its DDL (an ALREADY_ON_TARGET column may still be only in the pending ADD COLUMN of another shard). This
 *       is deliberately coarse: any pending execution makes every decision wait, whether it needs it or not.</li>
 * </ol>
 *
 * <p>Acknowledgements: only the owner acknowledges a version; an unknown or already acknowledged version is a no-op.
 * A version is applied when it was given out and neither it nor an earlier one is pending. Registrations follow the
 * same rules (a late member whose definition adds to the target owns those statements). A member that leaves keeps
 * its pending executions: the DDL came before the DROP TABLE in its binlog, so its sync ran it or runs it on restart.
 * A replayed report returns the stored decision with its versions; it neither gives out a version nor acknowledges
 * one.
 */
final class OptimisticShardGroup {
    private static final int SHOWN_STATEMENT_CHARS = 200;

    /** The group after an operation and what the target runs. */
    record Result(ShardGroupState state, ShardDdlDecision decision) {}

    private OptimisticShardGroup() {}

    /** A member joins the group with its current definition (a shard table found at start or created later). */
    static Result register(ShardGroupState state, ShardMember member, ShardTableDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        Optional<MemberState> existing = state.member(member);
        if (existing.isPresent() && !existing.get().departed() && existing.get().definition().sameDefinition(definition)) {
            return new Result(state, new ShardDdlDecision(state.group(), member, List.of(), Outcome.NO_CHANGE,
                    List.of(member + " is registered with this definition already"), 0, state.highestPending(), false));
        }
        Working w = new Working(state, member);
        w.join(definition, null);
        return w.result();
    }

    /** A member reports a DDL. */
    static Result report(ShardGroupState state, ShardDdlReport report, String reportDigest) {
        ShardMember member = report.member();
        Optional<MemberState> existing = state.member(member);
        if (existing.isPresent() && reportDigest.equals(existing.get().lastReportDigest())
                && existing.get().definition().sameDefinition(report.after())) {
            return new Result(state, existing.get().lastDecision().asReplayed());
        }
        Working w = new Working(state, member);
        if (existing.isEmpty() || existing.get().departed()) {
            w.notes.add(member + " was not registered: it joins with its definition before the DDL");
            w.join(report.before(), null);
        } else if (!existing.get().definition().sameDefinition(report.before())) {
            w.notes.add("the coordinator's definition of " + member
                    + " differs from the one its schema tracker had before the DDL; the tracker's is taken");
        }
        ShardTableDefinition before = report.before();
        for (ShardDdlStep step : report.steps()) {
            w.applyStep(before, step.statement(), step.after());
            before = step.after();
        }
        Result result = w.result();
        ShardGroupState remembered = replaceMember(result.state(), result.state().member(member).orElseThrow()
                .withLastReport(reportDigest, result.decision()));
        return new Result(remembered, result.decision());
    }

    /**
     * A member leaves: its upstream table was dropped. The target keeps its rows, so nothing of its definition is
     * dropped from the target (DM does not rebuild the joined table either): its columns and indexes stay in the join
     * (see {@link MemberState#departed()}), and no statement runs. Its pending executions stay pending.
     */
    static ShardGroupState leave(ShardGroupState state, ShardMember member) {
        return state.member(member).filter(m -> !m.departed())
                .map(m -> replaceMember(state, m.departing()))
                .orElse(state);
    }

    /**
     * The owner of {@code version} ran its statements (or found them run): it is no longer pending. An unknown version
     * (acknowledged before, or never given out) changes nothing, so acknowledging twice is harmless.
     *
     * @throws GodwitException CLUSTER_CONFLICT when another member owns the version
     */
    static ShardGroupState acknowledge(ShardGroupState state, ShardMember member, long version) {
        Optional<PendingExecution> execution = state.execution(version);
        if (execution.isEmpty()) {
            return state;
        }
        if (!execution.get().owner().equals(member)) {
            throw new GodwitException(ErrorCode.CLUSTER_CONFLICT, member + " acknowledges version " + version + " of "
                    + state.group() + ", which " + execution.get().owner() + " runs: only the owner may");
        }
        return state.withoutExecution(version);
    }

    private static ShardGroupState replaceMember(ShardGroupState state, MemberState replacement) {
        List<MemberState> members = new ArrayList<>();
        boolean replaced = false;
        for (MemberState m : state.members()) {
            if (m.member().equals(replacement.member())) {
                members.add(replacement);
                replaced = true;
            } else {
                members.add(m);
            }
        }
        if (!replaced) {
            members.add(replacement);
        }
        return state.withMembers(members);
    }

    /** One operation in progress: the evolving state, statements and notes. */
    private static final class Working {
        private final ShardGroupId group;
        private final ShardMember member;
        private ShardGroupState state;
        private final List<String> statements = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private Outcome outcome = Outcome.NO_CHANGE;

        Working(ShardGroupState state, ShardMember member) {
            this.group = state.group();
            this.member = member;
            this.state = state;
        }

        /** The member joins (or rejoins, or is re-registered) with a definition; the target gets what it lacks. */
        void join(ShardTableDefinition definition, String statement) {
            MemberState current = state.member(member).orElse(null);
            if (current == null || current.departed()) {
                state = replaceMember(state, MemberState.joining(member, definition));
                if (state.joined() == null) {
                    state = state.withJoined(definition, state.members());
                    notes.add(member + " is the group's first member: the target is taken to have its definition");
                    return;
                }
                advance(definition, definition, statement, "joins");
                return;
            }
            applyStep(current.definition(), statement, definition);
        }

        void applyStep(ShardTableDefinition before, String statement, ShardTableDefinition after) {
            List<Change> own = SchemaDiff.between(before, after);
            refuseUncoordinated(own, statement);
            checkAddedColumns(own, statement);
            advance(before, after, statement, "changes");
            noteDeferred(own, statement);
        }

        /** Sets the member's definition, joins, and adds the target's statements for the joined difference. */
        private void advance(ShardTableDefinition before, ShardTableDefinition after, String statement, String verb) {
            MemberState current = state.member(member).orElseThrow();
            ShardGroupState candidate = replaceMember(state, current.withDefinition(after));
            ShardTableDefinition newJoined;
            try {
                newJoined = SchemaJoin.join(parts(candidate), state.joined());
            } catch (JoinConflict conflict) {
                throw new GodwitException(ErrorCode.SHARD_DDL_CONFLICT, "shard DDL conflict in " + group + ": "
                        + member + " " + verb + " its table so that " + conflict.getMessage() + shown(statement));
            }
            List<Change> onTarget = SchemaDiff.between(state.joined(), newJoined);
            List<Change> own = SchemaDiff.between(before, after);
            if (!onTarget.isEmpty()) {
                if (statement != null && SchemaDiff.sameChanges(own, onTarget)) {
                    statements.add(statement);
                } else {
                    List<String> generated = SchemaDiff.render(group.target(), onTarget);
                    statements.addAll(generated);
                    notes.add("the target runs " + String.join("; ", generated)
                            + (statement == null ? "" : " instead of " + member + "'s own statement")
                            + " to reach the merged definition");
                }
                outcome = Outcome.EXECUTE;
            } else if (outcome != Outcome.EXECUTE && !own.isEmpty()) {
                Outcome stepOutcome = reflects(own, newJoined) ? Outcome.ALREADY_ON_TARGET : Outcome.DEFERRED;
                if (outcome != Outcome.DEFERRED) {
                    outcome = stepOutcome;
                }
            }
            state = state.withJoined(newJoined, forgetFullyDropped(candidate, newJoined));
        }

        /** Table options, primary key and renames are not coordinated (DM's optimistic mode cannot either). */
        private void refuseUncoordinated(List<Change> own, String statement) {
            List<ShardColumn> droppedColumns = new ArrayList<>();
            List<ShardColumn> addedColumns = new ArrayList<>();
            List<ShardIndex> droppedIndexes = new ArrayList<>();
            List<ShardIndex> addedIndexes = new ArrayList<>();
            for (Change change : own) {
                if (change instanceof ChangeOptions o) {
                    throw unsupported("changes the table options from " + o.before() + " to " + o.after(), statement);
                } else if (change instanceof AddIndex a && a.index().primary()
                        || change instanceof DropIndex d && d.index().primary()
                        || change instanceof ChangeIndex c && c.before().primary()) {
                    throw unsupported("changes the primary key", statement);
                } else if (change instanceof DropColumn d) {
                    droppedColumns.add(d.column());
                } else if (change instanceof AddColumn a) {
                    addedColumns.add(a.column());
                } else if (change instanceof DropIndex d) {
                    droppedIndexes.add(d.index());
                } else if (change instanceof AddIndex a) {
                    addedIndexes.add(a.index());
                }
            }
            if (!droppedColumns.isEmpty() && !addedColumns.isEmpty()) {
                throw unsupported("renames column " + names(droppedColumns.stream().map(ShardColumn::name).toList())
                        + " to " + names(addedColumns.stream().map(ShardColumn::name).toList())
                        + " (a drop and an add in one change)", statement);
            }
            for (ShardIndex dropped : droppedIndexes) {
                for (ShardIndex added : addedIndexes) {
                    if (dropped.sameDefinition(added)) {
                        throw unsupported("renames index " + TableId.quote(dropped.name()) + " to "
                                + TableId.quote(added.name()), statement);
                    }
                }
            }
        }

        /** DM's rules for ADD COLUMN in optimistic mode, checked against the other members. */
        private void checkAddedColumns(List<Change> own, String statement) {
            MemberState self = state.member(member).orElseThrow();
            for (Change change : own) {
                if (!(change instanceof AddColumn add)) {
                    continue;
                }
                ShardColumn column = add.column();
                String quoted = TableId.quote(column.name());
                if (self.droppedWhileShared().contains(column.key())) {
                    throw new GodwitException(ErrorCode.SHARD_DDL_READD_DROPPED, "shard DDL conflict in " + group + ": "
                            + member + " adds column " + quoted + " back, but the target still has it from "
                            + member + "'s earlier DROP (other shards kept it): its old values there are stale"
                            + shown(statement));
                }
                for (MemberState other : others()) {
                    Optional<ShardColumn> theirs = other.definition().column(column.name());
                    if (theirs.isPresent() && !sameExceptNullability(column, theirs.get())) {
                        throw new GodwitException(ErrorCode.SHARD_DDL_CONFLICT, "shard DDL conflict in " + group + ": "
                                + member + " adds column " + column.describe() + " but " + other.member()
                                + " has it as " + theirs.get().describe() + shown(statement));
                    }
                }
                if (!column.acceptsOmission()) {
                    List<ShardMember> lacking = others().stream()
                            .filter(o -> !o.departed() && o.definition().column(column.name()).isEmpty())
                            .map(MemberState::member).toList();
                    if (!lacking.isEmpty()) {
                        throw unsupported("adds NOT NULL column " + quoted + " without a DEFAULT while "
                                + members(lacking) + " lack it (the target could not take their rows)", statement);
                    }
                }
            }
        }

        /** Notes for drops and narrowing the target does not follow yet, and remembers partially dropped columns. */
        private void noteDeferred(List<Change> own, String statement) {
            ShardTableDefinition joined = state.joined();
            List<String> droppedWhileShared = new ArrayList<>(state.member(member).orElseThrow().droppedWhileShared());
            for (Change change : own) {
                if (change instanceof DropColumn d && joined.column(d.column().name()).isPresent()) {
                    droppedWhileShared.add(d.column().key());
                    notes.add("column " + TableId.quote(d.column().name()) + " stays on the target until "
                            + holders(m -> m.definition().column(d.column().name()).isPresent()) + " drop it too");
                } else if (change instanceof DropIndex d && joined.index(d.index().name()).isPresent()) {
                    notes.add("index " + TableId.quote(d.index().name()) + " stays on the target until "
                            + holders(m -> m.definition().index(d.index().name()).isPresent()) + " drop it too");
                } else if (change instanceof ModifyColumn m) {
                    ShardColumn merged = joined.column(m.after().name()).orElseThrow();
                    if (!merged.sameDefinition(m.after())) {
                        notes.add("column " + TableId.quote(merged.name()) + " stays "
                                + merged.describe().substring(TableId.quote(merged.name()).length() + 1)
                                + " on the target until every shard makes the same change");
                    }
                }
            }
            MemberState self = state.member(member).orElseThrow();
            state = replaceMember(state, self.withDroppedWhileShared(droppedWhileShared.stream().distinct().toList()));
        }

        private String holders(Predicate<MemberState> holds) {
            List<MemberState> holding = others().stream().filter(holds).toList();
            String active = members(holding.stream().filter(m -> !m.departed()).map(MemberState::member).toList());
            List<ShardMember> departed = holding.stream().filter(MemberState::departed).map(MemberState::member).toList();
            if (departed.isEmpty()) {
                return active;
            }
            return (active.isEmpty() ? "" : active + " and ") + "the departed " + members(departed)
                    + " (whose rows keep it: drop it on the target by hand when they are no longer needed)";
        }

        private List<MemberState> others() {
            return state.members().stream().filter(m -> !m.member().equals(member)).toList();
        }

        private GodwitException unsupported(String what, String statement) {
            return new GodwitException(ErrorCode.SHARD_DDL_UNSUPPORTED, "shard DDL not supported in optimistic mode in "
                    + group + ": " + member + " " + what + "; use shard-mode: pessimistic, or run the change on the "
                    + "target by hand and `binlog skip` it" + shown(statement));
        }

        /** The decision, waiting for whatever is pending; statements get the next version, owned by the member. */
        Result result() {
            long awaitVersion = state.highestPending();
            long version = 0;
            if (!statements.isEmpty()) {
                state = state.withExecution(member, statements);
                version = state.lastVersion();
            }
            if (awaitVersion > 0) {
                notes.add((statements.isEmpty() ? "" : "the statements and ") + "the rows after this DDL wait until "
                        + "version " + awaitVersion + " ran on the target (owners: "
                        + members(state.pending().stream().filter(p -> p.version() <= awaitVersion)
                                .map(PendingExecution::owner).distinct().toList()) + ")");
            }
            return new Result(state, new ShardDdlDecision(group, member, statements, outcome, notes, version,
                    awaitVersion, false));
        }
    }

    private static List<SchemaJoin.Part> parts(ShardGroupState state) {
        return state.members().stream()
                .map(m -> new SchemaJoin.Part(m.member(), m.definition(), !m.departed())).toList();
    }

    /** Columns that left the joined definition are no longer "partially dropped" for anybody. */
    private static List<MemberState> forgetFullyDropped(ShardGroupState state, ShardTableDefinition joined) {
        return state.members().stream().map(m -> {
            List<String> kept = m.droppedWhileShared().stream()
                    .filter(c -> joined.column(c).isPresent()).toList();
            return kept.size() == m.droppedWhileShared().size() ? m : m.withDroppedWhileShared(kept);
        }).toList();
    }

    /** Whether the joined definition already is what the member's own change asks for. */
    private static boolean reflects(List<Change> own, ShardTableDefinition joined) {
        for (Change change : own) {
            if (change instanceof DropColumn d && joined.column(d.column().name()).isPresent()
                    || change instanceof DropIndex i && joined.index(i.index().name()).isPresent()
                    || change instanceof ModifyColumn m
                    && !joined.column(m.after().name()).map(c -> c.sameDefinition(m.after())).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameExceptNullability(ShardColumn a, ShardColumn b) {
        return a.sameDefinition(b.withNullable(a.nullable()));
    }

    private static String names(List<String> names) {
        return names.stream().map(TableId::quote).collect(Collectors.joining(", "));
    }

    private static String members(List<ShardMember> members) {
        return members.stream().map(ShardMember::toString).collect(Collectors.joining(", "));
    }

    /** The statement for a one-line message, whitespace collapsed and cut. */
    private static String shown(String statement) {
        if (statement == null) {
            return "";
        }
        String flat = statement.replaceAll("\\s+", " ").trim();
        return " (DDL: " + (flat.length() > SHOWN_STATEMENT_CHARS ? flat.substring(0, SHOWN_STATEMENT_CHARS) + "..." : flat)
                + ")";
    }
}
