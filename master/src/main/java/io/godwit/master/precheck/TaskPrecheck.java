package io.godwit.master.precheck;

import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.SourceConfig;
import io.godwit.core.config.TaskConfig;
import io.godwit.core.config.TaskMode;
import io.godwit.core.config.TaskPlan;
import io.godwit.core.db.Databases;
import io.godwit.core.db.Endpoint;
import io.godwit.core.error.GodwitException;
import io.godwit.filters.BlockAllowList;
import io.godwit.filters.TableFilterChain;
import io.godwit.filters.TableRouter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DM's prechecks of a task ({@code check-task}, and before {@code start-task}): the items that apply
 * to its {@code task-mode}, minus its {@code ignore-checking-items} ({@code all} ignores every one).
 * A server that cannot be reached or queried is a failure of the item being checked, naming it.
 */
public final class TaskPrecheck {
    private final TaskConfig task;
    private final TaskPlan plan;
    private final Map<String, SourceConfig> sources;
    private final Set<CheckItem> items;

    public TaskPrecheck(TaskConfig task, Map<String, SourceConfig> sources) {
        this.task = task;
        this.plan = new TaskPlan(task);
        this.sources = Map.copyOf(sources);
        this.items = itemsFor(task);
    }

    /** The items this task is checked for. */
    public Set<CheckItem> items() {
        return items;
    }

    public CheckReport run() {
        List<CheckResult> out = new ArrayList<>();
        if (items.isEmpty()) {
            return new CheckReport(out); // ignore-checking-items: all - not even a connection is tried
        }
        List<TableChecks.SourceTable> allTables = new ArrayList<>();
        for (MySqlInstance inst : plan.instances()) {
            SourceConfig source = sources.get(inst.sourceId());
            String where = "source " + inst.sourceId() + " (" + source.from().address() + ")";
            checkSource(inst, source, where, out, allTables);
        }
        if (items.contains(CheckItem.SCHEMA_OF_SHARD_TABLES) || items.contains(CheckItem.AUTO_INCREMENT_ID)) {
            List<CheckResult> shard = new ArrayList<>();
            TableChecks.shards(allTables, task.shardMode(), shard);
            shard.stream().filter(r -> items.contains(r.item())).forEach(out::add);
        }
        if (items.contains(CheckItem.TARGET_PRIVILEGE) || items.contains(CheckItem.CONN_NUMBER) && writesTarget()) {
            checkTarget(allTables, out);
        }
        return new CheckReport(out);
    }

    private void checkSource(MySqlInstance inst, SourceConfig source, String where, List<CheckResult> out,
                             List<TableChecks.SourceTable> allTables) {
        CheckItem current = CheckItem.VERSION;
        try (Connection c = Databases.connect(source.from(), Endpoint.SOURCE)) {
            ServerFacts server = new ServerFacts(c);
            SourceChecks checks = new SourceChecks(server, where, out);
            if (items.contains(CheckItem.VERSION)) {
                checks.version();
            }
            for (CheckItem binlog : List.of(CheckItem.BINLOG_ENABLE, CheckItem.BINLOG_FORMAT, CheckItem.BINLOG_ROW_IMAGE,
                    CheckItem.SERVER_ID)) {
                current = binlog;
                if (items.contains(binlog)) {
                    checks.binlog(binlog);
                }
            }
            current = CheckItem.TABLE_SCHEMA;
            TableFilterChain chain = new TableFilterChain(
                    new BlockAllowList(plan.blockAllowList(inst), task.caseSensitive(), task.metaSchema()),
                    new TableRouter(plan.routes(inst), task.caseSensitive()));
            List<TableChecks.SourceTable> tables = TableChecks.read(c, inst.sourceId(), where,
                    id -> chain.resolve(id, inst.sourceId()).orElse(null));
            allTables.addAll(tables);
            if (items.contains(CheckItem.TABLE_SCHEMA)) {
                TableChecks.keys(tables, where, out);
            }
            current = CheckItem.REPLICATION_PRIVILEGE;
            Grants grants = items.contains(CheckItem.REPLICATION_PRIVILEGE) || items.contains(CheckItem.DUMP_PRIVILEGE)
                    ? server.grants() : null;
            if (items.contains(CheckItem.REPLICATION_PRIVILEGE)) {
                checks.replicationPrivilege(grants);
            }
            current = CheckItem.DUMP_PRIVILEGE;
            if (items.contains(CheckItem.DUMP_PRIVILEGE)) {
                checks.dumpPrivilege(grants, tables.stream().map(TableChecks.SourceTable::id).toList(),
                        plan.mydumper(inst).consistency(), server.isMariaDb());
            }
            current = CheckItem.CONN_NUMBER;
            if (items.contains(CheckItem.CONN_NUMBER)) {
                checks.connections(sourceConnections(inst));
            }
            current = CheckItem.META_POSITION;
            if (items.contains(CheckItem.META_POSITION)) {
                checks.metaPosition(inst, source.enableGtid());
            }
        } catch (GodwitException e) {
            out.add(CheckResult.failure(current, where, e.getMessage(), e.code().workaround()));
        } catch (SQLException e) {
            out.add(CheckResult.failure(current, where, "the check's query failed: " + e.getMessage(),
                    "check the source user's privileges on information_schema and SHOW statements"));
        }
    }

    private void checkTarget(List<TableChecks.SourceTable> tables, List<CheckResult> out) {
        DatabaseConfig target = task.targetDatabase();
        String where = "target (" + target.address() + ")";
        CheckItem current = CheckItem.TARGET_PRIVILEGE;
        try (Connection c = Databases.connect(target, Endpoint.TARGET)) {
            ServerFacts server = new ServerFacts(c);
            if (items.contains(CheckItem.TARGET_PRIVILEGE)) {
                Grants grants = server.grants();
                Set<String> schemas = new LinkedHashSet<>();
                tables.forEach(t -> schemas.add(t.route().target().schema()));
                schemas.add(task.metaSchema().isEmpty() ? BlockAllowList.DEFAULT_META_SCHEMA : task.metaSchema());
                List<String> missing = new ArrayList<>();
                for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "INDEX")) {
                    List<String> lacking = schemas.stream().filter(s -> !grants.onSchema(privilege, s)).toList();
                    if (!lacking.isEmpty()) {
                        missing.add(privilege + " on " + String.join(", ", lacking));
                    }
                }
                out.add(missing.isEmpty() ? CheckResult.ok(CheckItem.TARGET_PRIVILEGE, where)
                        : CheckResult.failure(CheckItem.TARGET_PRIVILEGE, where, "the user lacks " + String.join("; ", missing),
                                "grant those privileges on the target schemas and the meta schema to the task's target user"));
            }
            current = CheckItem.CONN_NUMBER;
            if (items.contains(CheckItem.CONN_NUMBER)) {
                new SourceChecks(server, where, out).connections(targetConnections());
            }
        } catch (GodwitException e) {
            out.add(CheckResult.failure(current, where, e.getMessage(), e.code().workaround()));
        } catch (SQLException e) {
            out.add(CheckResult.failure(current, where, "the check's query failed: " + e.getMessage(),
                    "check the target user's privileges"));
        }
    }

    private boolean writesTarget() {
        return CheckItem.TARGET_PRIVILEGE.appliesTo(task.taskMode());
    }

    /** Dump threads plus the lock/control connection when dumping; the binlog connection and one more when syncing. */
    private int sourceConnections(MySqlInstance inst) {
        int n = 0;
        if (CheckItem.DUMP_PRIVILEGE.appliesTo(task.taskMode())) {
            n += plan.mydumper(inst).threads() + 1;
        }
        if (CheckItem.REPLICATION_PRIVILEGE.appliesTo(task.taskMode())) {
            n += 2;
        }
        return Math.max(1, n);
    }

    /** The load's pool and the sync's pool (worker-count and its checkpoint connection) of every instance. */
    private int targetConnections() {
        int n = 0;
        for (MySqlInstance inst : plan.instances()) {
            if (task.taskMode() != TaskMode.INCREMENTAL) {
                n += plan.loader(inst).poolSize() + 2;
            }
            if (CheckItem.REPLICATION_PRIVILEGE.appliesTo(task.taskMode())) {
                n += plan.syncer(inst).workerCount() + 2;
            }
        }
        return n;
    }

    private static Set<CheckItem> itemsFor(TaskConfig task) {
        Set<CheckItem> items = EnumSet.noneOf(CheckItem.class);
        for (CheckItem i : CheckItem.values()) {
            if (i.appliesTo(task.taskMode())) {
                items.add(i);
            }
        }
        for (String ignored : task.ignoreCheckingItems()) {
            if (ignored.toLowerCase(Locale.ROOT).equals("all")) {
                items.clear();
            } else {
                CheckItem.byDmName(ignored).ifPresent(items::remove);
            }
        }
        return items;
    }
}
