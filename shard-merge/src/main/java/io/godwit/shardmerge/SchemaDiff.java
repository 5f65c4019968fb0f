package io.godwit.shardmerge;

import io.godwit.core.model.TableId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What changed between two table definitions, as single changes, and the target statements that make one into the
 * other. Used twice per DDL: on the shard's own definitions (what the DDL did) and on the joined ones (what the
 * target must do).
 */
final class SchemaDiff {
    sealed interface Change permits AddColumn, DropColumn, ModifyColumn, AddIndex, DropIndex, ChangeIndex, ChangeOptions {}

    record AddColumn(ShardColumn column) implements Change {}

    record DropColumn(ShardColumn column) implements Change {}

    record ModifyColumn(ShardColumn before, ShardColumn after) implements Change {}

    record AddIndex(ShardIndex index) implements Change {}

    record DropIndex(ShardIndex index) implements Change {}

    record ChangeIndex(ShardIndex before, ShardIndex after) implements Change {}

    record ChangeOptions(String before, String after) implements Change {}

    private SchemaDiff() {}

    static List<Change> between(ShardTableDefinition before, ShardTableDefinition after) {
        List<Change> changes = new ArrayList<>();
        for (ShardColumn old : before.columns()) {
            after.column(old.name()).ifPresentOrElse(
                    now -> {
                        if (!old.sameDefinition(now)) {
                            changes.add(new ModifyColumn(old, now));
                        }
                    },
                    () -> changes.add(new DropColumn(old)));
        }
        for (ShardColumn now : after.columns()) {
            if (before.column(now.name()).isEmpty()) {
                changes.add(new AddColumn(now));
            }
        }
        for (ShardIndex old : before.indexes()) {
            after.index(old.name()).ifPresentOrElse(
                    now -> {
                        if (!old.sameDefinition(now)) {
                            changes.add(new ChangeIndex(old, now));
                        }
                    },
                    () -> changes.add(new DropIndex(old)));
        }
        for (ShardIndex now : after.indexes()) {
            if (before.index(now.name()).isEmpty()) {
                changes.add(new AddIndex(now));
            }
        }
        if (before.tableOptions() != null && after.tableOptions() != null
                && !before.tableOptions().equals(after.tableOptions())) {
            changes.add(new ChangeOptions(before.tableOptions(), after.tableOptions()));
        }
        return changes;
    }

    /** Whether two change lists do the same to the target (same kinds, same names, same definitions). */
    static boolean sameChanges(List<Change> a, List<Change> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Change x : a) {
            if (b.stream().noneMatch(y -> sameChange(x, y))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameChange(Change x, Change y) {
        if (x instanceof AddColumn ax && y instanceof AddColumn ay) {
            return ax.column().key().equals(ay.column().key()) && ax.column().sameDefinition(ay.column());
        }
        if (x instanceof DropColumn dx && y instanceof DropColumn dy) {
            return dx.column().key().equals(dy.column().key());
        }
        if (x instanceof ModifyColumn mx && y instanceof ModifyColumn my) {
            return mx.before().key().equals(my.before().key()) && mx.before().sameDefinition(my.before())
                    && mx.after().sameDefinition(my.after());
        }
        if (x instanceof AddIndex ax && y instanceof AddIndex ay) {
            return ax.index().key().equals(ay.index().key()) && ax.index().sameDefinition(ay.index());
        }
        if (x instanceof DropIndex dx && y instanceof DropIndex dy) {
            return dx.index().key().equals(dy.index().key());
        }
        if (x instanceof ChangeIndex cx && y instanceof ChangeIndex cy) {
            return cx.before().key().equals(cy.before().key()) && cx.after().sameDefinition(cy.after());
        }
        return x instanceof ChangeOptions && y instanceof ChangeOptions && Objects.equals(x, y);
    }

    /**
     * ALTER TABLE statements that turn the target from the diff's "before" into its "after", one change per statement.
     * Order: indexes go before the columns they name are dropped or changed, and come after columns are added.
     */
    static List<String> render(TableId target, List<Change> changes) {
        String alter = "ALTER TABLE " + target.quoted() + " ";
        List<String> statements = new ArrayList<>();
        for (Change change : changes.stream().sorted(Comparator.comparingInt(SchemaDiff::renderOrder)).toList()) {
            if (change instanceof DropIndex d) {
                statements.add(alter + "DROP INDEX " + TableId.quote(d.index().name()));
            } else if (change instanceof ChangeIndex c) {
                statements.add(alter + "DROP INDEX " + TableId.quote(c.before().name()));
                statements.add(alter + "ADD " + c.after().renderDefinition());
            } else if (change instanceof DropColumn d) {
                statements.add(alter + "DROP COLUMN " + TableId.quote(d.column().name()));
            } else if (change instanceof ModifyColumn m) {
                statements.add(alter + "MODIFY COLUMN " + m.after().renderDefinition());
            } else if (change instanceof AddColumn a) {
                statements.add(alter + "ADD COLUMN " + a.column().renderDefinition());
            } else if (change instanceof AddIndex a) {
                statements.add(alter + "ADD " + a.index().renderDefinition());
            } else {
                throw new IllegalStateException("table options are never changed by the coordination: " + change);
            }
        }
        return statements;
    }

    private static int renderOrder(Change change) {
        if (change instanceof DropIndex) {
            return 0;
        } else if (change instanceof ChangeIndex) {
            return 1;
        } else if (change instanceof DropColumn) {
            return 2;
        } else if (change instanceof ModifyColumn) {
            return 3;
        } else if (change instanceof AddColumn) {
            return 4;
        } else if (change instanceof AddIndex) {
            return 5;
        }
        return 6;
    }
}
