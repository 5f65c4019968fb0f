package io.godwit.dumper;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Establishes the consistent snapshot together with the table definitions as they were at its
 * point. The snapshot hides later rows, not later DDL: a definition read after the point may
 * already carry an ALTER that the binlog after the point still has to deliver, and a schema tracker
 * seeded with it cannot decode the row events written before that ALTER.
 *
 * <p>Assumptions: a DDL that changes a table in scope changes its {@link DefinitionFingerprint}
 * (columns, indexes, engine, collation). The server counts ALTER/RENAME/CREATE INDEX/DROP INDEX
 * statements when they start, server-wide; comparing fingerprints alone would miss a change and its
 * undo both committed between the two reads (a loop of ADD COLUMN / DROP COLUMN does exactly that).
 *
 * <ol>
 *   <li>Read the DDL counters N1, then the fingerprint F1 of the tables in scope.</li>
 *   <li>Establish the snapshot at point P (later than F1).</li>
 *   <li>Read the full definitions D (later than P).</li>
 *   <li>Read the fingerprint F2, then the counters N2. If F1 = F2 and N1 = N2, no DDL committed on
 *       a table in scope between F1 and F2: one that started after N1 moved N2; of those that
 *       started before N1 (already running), one per table at most can commit without a later one
 *       that moves N2, and alone it changes F2. So D is the state at P. Not seen: two sessions that
 *       both started DDL on one table before N1, one undoing the other within the window.</li>
 *   <li>Else release the snapshot, wait a short, growing, jittered while and start again, at most
 *       {@link #ATTEMPTS} times; then fail naming the tables that kept changing. A DDL on another
 *       table moves the counters too and costs one more attempt; this is the price of step 4.</li>
 * </ol>
 * Consistency {@code none} has no single point: the definitions are read once, unchecked.
 */
final class DefinitionsAtPoint {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionsAtPoint.class);
    static final int ATTEMPTS = 10;
    private static final long FIRST_BACKOFF_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    /** The snapshot and every table in scope as defined at its point. */
    record Result(ConsistentSnapshot.Result snapshot, List<CatalogReader.Listed> tables) {}

    private final ConsistentSnapshot snapshots;
    private final Connection reader;
    private final Predicate<TableId> scope;
    private final String where;

    /**
     * @param reader one of the snapshot's worker connections: the definitions are read on it
     * @param where  {@code source host:port}, for messages
     */
    DefinitionsAtPoint(ConsistentSnapshot snapshots, Connection reader, Predicate<TableId> scope, String where) {
        this.snapshots = snapshots;
        this.reader = reader;
        this.scope = scope;
        this.where = where;
    }

    Result establish(Consistency mode, ConsistentSnapshot.SqlSupplier<List<TableId>> lockScope) throws SQLException {
        CatalogReader catalog = new CatalogReader(reader);
        if (mode == Consistency.NONE) {
            return new Result(snapshots.establish(mode, lockScope), catalog.tables(scope));
        }
        Set<TableId> unstable = new TreeSet<>();
        boolean ddlElsewhere = false;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            long started = System.nanoTime();
            Map<String, Long> ddlBefore = DefinitionFingerprint.ddlStatementsStarted(reader);
            DefinitionFingerprint before = DefinitionFingerprint.read(reader, scope);
            ConsistentSnapshot.Result snapshot = snapshots.establish(mode, lockScope);
            Set<TableId> changed;
            try {
                List<CatalogReader.Listed> tables = catalog.tables(scope);
                DefinitionFingerprint after = DefinitionFingerprint.read(reader, scope);
                changed = before.changedIn(after);
                if (changed.isEmpty() && ddlBefore.equals(DefinitionFingerprint.ddlStatementsStarted(reader))) {
                    return new Result(snapshot, tables);
                }
            } catch (SQLException | RuntimeException e) {
                releaseAfterFailure(snapshot, e);
                throw e;
            }
            snapshots.release(snapshot);
            unstable.addAll(changed);
            ddlElsewhere |= changed.isEmpty();
            if (attempt < ATTEMPTS) {
                LOG.info("{}: DDL ran during the {} ms the snapshot at {} took to open and read {} definitions ({});"
                                + " opening it again (attempt {} of {})", where,
                        (System.nanoTime() - started) / 1_000_000, snapshot.point(), before.digests().size(), changed.isEmpty()
                                ? "no definition in scope differs, but ALTER/RENAME/CREATE INDEX/DROP INDEX statements"
                                        + " started, which may have changed one and changed it back"
                                : "changed: " + names(changed), attempt + 1, ATTEMPTS);
                pause(attempt);
            }
        }
        throw new GodwitException(ErrorCode.DUMP_CONSISTENCY, "the table definitions on " + where
                + " kept changing while the snapshot was opened (" + ATTEMPTS + " attempts, consistency "
                + mode.name().toLowerCase(Locale.ROOT) + "): " + (unstable.isEmpty()
                ? "ALTER/RENAME/CREATE INDEX/DROP INDEX statements kept starting on the server"
                : "tables " + names(unstable) + (ddlElsewhere ? ", and DDL statements elsewhere on the server" : ""))
                + "; pause DDL on the source (migrations, online schema change tools) and resume the task");
    }

    private void releaseAfterFailure(ConsistentSnapshot.Result snapshot, Exception failure) {
        try {
            snapshots.release(snapshot);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void pause(int attempt) {
        long cap = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt - 1, 10));
        try {
            // jitter: a DDL loop of fixed rhythm must not meet every attempt at the same phase
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GodwitException(ErrorCode.INTERRUPTED, "opening the snapshot of the source was interrupted", e);
        }
    }

    private static String names(Set<TableId> tables) {
        List<String> shown = tables.stream().limit(20).map(TableId::toString).toList();
        return String.join(", ", shown) + (tables.size() > shown.size() ? " and " + (tables.size() - shown.size()) + " more" : "");
    }
}
