package io.godwit.master;

/** Minimal valid source.yaml and task.yaml texts for master tests. */
public final class TestYaml {
    private TestYaml() {
    }

    /** A source whose password is {@code s3cret-<id>}, so tests can look for it where it must not be. */
    public static String sourceYaml(String id) {
        return "source-id: " + id + "\nenable-gtid: true\nfrom:\n  host: db-" + id + ".example\n  port: 3306\n"
                + "  user: repl\n  password: \"s3cret-" + id + "\"\n";
    }

    /**
     * A task over the given sources. Its hosts do not exist, so it ignores every precheck item (as a
     * DM task may); the prechecks themselves are tested against real servers in TaskPrecheckIT.
     */
    public static String taskYaml(String name, String... sourceIds) {
        StringBuilder b = new StringBuilder("name: ").append(name).append("\ntask-mode: all\n")
                .append("ignore-checking-items: [\"all\"]\n")
                .append("target-database:\n  host: 127.0.0.1\n  port: 4000\n  user: root\n  password: \"\"\n")
                .append("mysql-instances:\n");
        for (String id : sourceIds) {
            b.append("  - source-id: ").append(id).append('\n');
        }
        return b.toString();
    }
}
