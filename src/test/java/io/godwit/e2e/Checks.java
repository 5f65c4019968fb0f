package io.godwit.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.testkit.DbEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the end-to-end tests wait for and read: check-data until equal, one value of a query. */
final class Checks {
    private Checks() {}

    /**
     * Runs {@code godwit check-data} every second until it reports equal, within {@code seconds};
     * {@code running}, when given, must stay alive meanwhile (its stderr is shown if not).
     */
    static void awaitEqual(int seconds, GodwitProcess running, Path task, Path... sources) throws Exception {
        List<String> args = new ArrayList<>(List.of("check-data"));
        for (Path s : sources) {
            args.add("--source");
            args.add(s.toString());
        }
        args.add("--task");
        args.add(task.toString());
        GodwitProcess.Result check = null;
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (running != null) {
                assertThat(running.isAlive()).as("godwit died:\n%s", running.stderr()).isTrue();
            }
            check = GodwitProcess.run(120, args.toArray(String[]::new));
            if (check.exitCode() == 0) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not equal within " + seconds + " s: " + check
                + (running == null ? "" : "\ngodwit:\n" + running.stderr()));
    }

    /**
     * Waits up to 90 s until the first value {@code sql} reads is {@code expected}; a query that fails meanwhile
     * (its table not there yet) counts as not yet.
     */
    static void awaitValue(DbEndpoint db, String sql, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = single(db, sql);
            } catch (SQLException notThereYet) {
                last = notThereYet.getMessage();
            }
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(sql + ": expected " + expected + ", last " + last);
    }

    /** The first column of the first row, null when there is no row. */
    static String single(DbEndpoint db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static long count(DbEndpoint db, String sql) throws SQLException {
        String v = single(db, sql);
        return v == null ? 0 : Long.parseLong(v);
    }
}
