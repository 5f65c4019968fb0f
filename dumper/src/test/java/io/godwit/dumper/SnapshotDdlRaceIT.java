package io.godwit.dumper;

import static io.godwit.dumper.ItSupport.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.ColumnInfo;
import io.godwit.core.model.TableInfo;
import io.godwit.core.testkit.DbEndpoint;
import io.godwit.core.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The definitions the dumper hands out are those at its consistent point, even while DDL races
 * with opening the snapshot: a schema tracker seeded with them at the point must decode the row
 * events that follow it.
 */
class SnapshotDdlRaceIT {
    private static final DbEndpoint SOURCE = TestDatabases.source1();
    /** Snapshots per mode whose opening a DDL raced with: the test means something only with enough of them. */
    private static final int RACED_SNAPSHOTS_PER_MODE = 10;
    /** How many snapshots a mode may open to collect them; about half race on a quiet machine. */
    private static final int MAX_SNAPSHOTS_PER_MODE = 100;
    private static final long MIN_GAP_MILLIS = 40;
    private static final long MAX_GAP_MILLIS = 300;
    /** How far the gaps between DDLs may widen when snapshots are refused on a slow machine. */
    private static final long MAX_GAP_SCALE = 16;

    /** One ALTER of the DDL loop: its GTID and whether column c existed after it. */
    private record Ddl(long domain, long seq, boolean columnAfter) {}

    /** One opened snapshot: its point and what the dumper said the table looked like there. */
    private record Observed(Consistency mode, String gtidSet, boolean columnsHaveC, boolean createSqlHasC,
                            int ddlsWhileOpening) {}

    @Test
    void definitionsAreThoseAtThePointWhileAColumnIsAddedAndDroppedInALoop() throws Exception {
        String db = TestDatabases.schema(getClass(), "ddl_race");
        SOURCE.execute("CREATE DATABASE " + db, "CREATE TABLE " + db + ".t (id INT PRIMARY KEY, v INT)",
                "INSERT INTO " + db + ".t VALUES (1, 1)");
        List<Ddl> ddls = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> ddlFailure = new AtomicReference<>();
        AtomicLong gapScale = new AtomicLong(1);
        Thread ddlLoop = new Thread(() -> {
            try (Connection c = SOURCE.connect(); Statement s = c.createStatement()) {
                boolean add = true;
                while (!stop.get()) {
                    s.execute("ALTER TABLE " + db + ".t " + (add ? "ADD COLUMN c INT" : "DROP COLUMN c"));
                    ddls.add(lastGtid(s, add));
                    add = !add;
                    // An ALTER takes ~4 ms here and opening a snapshot with its definitions 50-100 ms:
                    // back-to-back DDL leaves no moment at which the definitions hold still long
                    // enough to be read (opening then rightly fails); gaps around that length do.
                    // On a loaded machine opening takes longer: gapScale widens the gaps then.
                    Thread.sleep(gapScale.get() * ThreadLocalRandom.current().nextLong(MIN_GAP_MILLIS, MAX_GAP_MILLIS));
                }
            } catch (Throwable e) {
                ddlFailure.set(e);
            }
        }, "ddl-loop");

        List<Observed> observed = new ArrayList<>();
        int refused = 0;
        ddlLoop.start();
        try {
            for (Consistency mode : List.of(Consistency.AUTO, Consistency.FLUSH)) {
                // How often a DDL lands while a snapshot opens depends on the machine's speed: open
                // snapshots until enough have raced rather than a fixed number of them.
                int raced = 0;
                for (int i = 0; i < MAX_SNAPSHOTS_PER_MODE && raced < RACED_SNAPSHOTS_PER_MODE; i++) {
                    int ddlsBefore = ddls.size();
                    try (SnapshotDumper d = SnapshotDumper.open(new DumpOptions(config(SOURCE), "ddl-race-dump", 2,
                            mode, id -> id.schema().equals(db)))) {
                        int ddlsOpening = ddls.size() - ddlsBefore;
                        raced += ddlsOpening > 0 ? 1 : 0;
                        gapScale.updateAndGet(g -> Math.max(1, g - 1)); // back toward the quick gaps
                        TableInfo t = d.tables(id -> true).get(0);
                        observed.add(new Observed(mode, d.consistentPoint().gtidSet(),
                                t.columns().stream().map(ColumnInfo::name).anyMatch("c"::equals),
                                t.createTableSql().contains("`c`"), ddlsOpening));
                    } catch (GodwitException e) {
                        // Every attempt raced with a DDL: refusing is right (never a wrong snapshot), and
                        // says this machine opens snapshots slower than the gaps; widen them and go on.
                        assertThat(e.code()).as("%s", e.getMessage()).isEqualTo(ErrorCode.DUMP_CONSISTENCY);
                        refused++;
                        gapScale.updateAndGet(g -> Math.min(g * 2, MAX_GAP_SCALE));
                    }
                }
            }
        } finally {
            stop.set(true);
            ddlLoop.join(30_000);
        }
        assertThat(ddlFailure.get()).isNull();
        assertThat(refused).as("snapshots refused because every attempt raced with a DDL").isLessThan(MAX_SNAPSHOTS_PER_MODE);

        List<String> mismatches = new ArrayList<>();
        for (Observed o : observed) {
            boolean truth = columnAtPoint(ddls, o.gtidSet());
            if (o.columnsHaveC() != truth || o.createSqlHasC() != truth) {
                mismatches.add(o + " but column c " + (truth ? "existed" : "did not exist") + " at the point");
            }
        }
        assertThat(mismatches).as("snapshots whose definitions are not those at their point").isEmpty();
        // the test means something only if the DDL really raced with opening the snapshots
        assertThat(observed).extracting(Observed::columnsHaveC).contains(true, false);
        for (Consistency mode : List.of(Consistency.AUTO, Consistency.FLUSH)) {
            assertThat(observed).as("snapshots in mode %s that a DDL raced with", mode)
                    .filteredOn(o -> o.mode() == mode && o.ddlsWhileOpening() > 0)
                    .hasSizeGreaterThanOrEqualTo(RACED_SNAPSHOTS_PER_MODE);
        }
    }

    private static Ddl lastGtid(Statement s, boolean columnAfter) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT @@last_gtid")) {
            rs.next();
            String[] parts = rs.getString(1).split("-"); // MariaDB: domain-server-seq
            return new Ddl(Long.parseLong(parts[0]), Long.parseLong(parts[2]), columnAfter);
        }
    }

    /** Whether c existed after the last DDL the point includes (none: the table was created without it). */
    private static boolean columnAtPoint(List<Ddl> ddls, String gtidSet) {
        boolean exists = false;
        for (Ddl ddl : ddls) { // in the order they ran, which is the order of their sequence numbers
            if (ddl.seq() <= seqAt(gtidSet, ddl.domain())) {
                exists = ddl.columnAfter();
            }
        }
        return exists;
    }

    private static long seqAt(String gtidSet, long domain) {
        for (String gtid : gtidSet.split(",")) {
            String[] parts = gtid.trim().split("-");
            if (parts.length == 3 && Long.parseLong(parts[0]) == domain) {
                return Long.parseLong(parts[2]);
            }
        }
        return 0;
    }
}
