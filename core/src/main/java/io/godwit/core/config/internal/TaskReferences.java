package io.godwit.core.config.internal;

import io.godwit.core.config.MySqlInstance;
import io.godwit.core.config.TaskConfig;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a task.yaml that span sections, as DM makes them: every rule or setting an instance
 * names exists, no instance names one twice, every named rule and setting is used by some instance
 * (DM refuses unused ones), and no two instances share a source-id.
 */
final class TaskReferences {
    private TaskReferences() {}

    static void check(TaskConfig task, Walk walk) {
        Set<String> used = new HashSet<>();
        Map<String, Integer> sourceIds = new HashMap<>();
        List<MySqlInstance> instances = task.mysqlInstances();
        for (int i = 0; i < instances.size(); i++) {
            MySqlInstance inst = instances.get(i);
            String at = Walk.item("mysql-instances", i);
            Integer first = sourceIds.putIfAbsent(inst.sourceId(), i);
            if (first != null && !inst.sourceId().isEmpty()) {
                walk.problem(at + ".source-id", "source-id \"" + inst.sourceId() + "\" is already used by mysql-instances[" + first + "]");
            }
            names(walk, at, "route-rules", inst.routeRules(), task.routes(), "route rule", "routes", used);
            names(walk, at, "filter-rules", inst.filterRules(), task.filters(), "filter rule", "filters", used);
            names(walk, at, "expression-filters", inst.expressionFilters(), task.expressionFilter(), "expression filter",
                    "expression-filter", used);
            names(walk, at, "column-mapping-rules", inst.columnMappingRules(), task.columnMappings(),
                    "column mapping rule", "column-mappings", used);
            if (!inst.blockAllowList().isEmpty()) {
                String key = walk.seen(at + ".block-allow-list") ? "block-allow-list" : "black-white-list";
                String defined = walk.seen("block-allow-list") || !walk.seen("black-white-list") ? "block-allow-list" : "black-white-list";
                name(walk, at + "." + key, inst.blockAllowList(), task.blockAllowList(), "block-allow-list rule", defined, used);
            }
            name(walk, at + ".mydumper-config-name", inst.mydumperConfigName(), task.mydumpers(), "mydumper config", "mydumpers", used);
            name(walk, at + ".loader-config-name", inst.loaderConfigName(), task.loaders(), "loader config", "loaders", used);
            name(walk, at + ".syncer-config-name", inst.syncerConfigName(), task.syncers(), "syncer config", "syncers", used);
            name(walk, at + ".validator-config-name", inst.validatorConfigName(), task.validators(), "validator config",
                    "validators", used);
        }
        unused(walk, "routes", task.routes(), "route rule", used);
        unused(walk, "filters", task.filters(), "filter rule", used);
        unused(walk, "expression-filter", task.expressionFilter(), "expression filter", used);
        unused(walk, "mydumpers", task.mydumpers(), "mydumper config", used);
        unused(walk, "loaders", task.loaders(), "loader config", used);
        unused(walk, "syncers", task.syncers(), "syncer config", used);
        unused(walk, "validators", task.validators(), "validator config", used);
    }

    private static void names(Walk walk, String at, String key, List<String> names, Map<String, ?> defined,
                              String what, String section, Set<String> used) {
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < names.size(); j++) {
            String path = Walk.item(at + "." + key, j);
            if (!seen.add(names.get(j))) {
                walk.problem(path, what + " \"" + names.get(j) + "\" is listed twice");
                continue;
            }
            name(walk, path, names.get(j), defined, what, section, used);
        }
    }

    private static void name(Walk walk, String path, String name, Map<String, ?> defined, String what, String section,
                             Set<String> used) {
        if (name.isEmpty()) {
            return;
        }
        if (defined.containsKey(name)) {
            used.add(section + "\u0000" + name);
        } else {
            walk.problem(path, what + " \"" + name + "\" is not defined in " + section
                    + NameHints.suffix(name, defined.keySet()));
        }
    }

    private static void unused(Walk walk, String section, Map<String, ?> defined, String what, Set<String> used) {
        for (String name : defined.keySet()) {
            if (!used.contains(section + "\u0000" + name)) {
                walk.problem(Walk.child(section, name), what + " \"" + name + "\" is defined but no mysql-instance uses it");
            }
        }
    }
}
