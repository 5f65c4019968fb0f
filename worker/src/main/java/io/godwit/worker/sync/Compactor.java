package io.godwit.worker.sync;

import io.godwit.worker.sync.RowChange.Kind;
import io.godwit.worker.sync.RowKeys.CausalityKey;
import io.godwit.worker.sync.RowKeys.Identity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DM's {@code compact}: within a batch, successive changes of one row fold into one.
 *
 * <p>Assumptions: the batch is in binlog order; a table with an identity key (see {@link RoutedTable})
 * has at most one source row per identity at any time; keyless tables are never folded.
 *
 * <p>Steps:
 * <ol>
 *   <li>An update that changes the identity key becomes a delete of the old row and an insert of the new
 *       one (as DM splits it), so each part can fold with the other changes of its own row.</li>
 *   <li>Each change looks for the last surviving change of the same {@link Identity}. They fold when the
 *       pair is one of (prev + next -> result):
 *       <ul>
 *         <li>INSERT + UPDATE -> INSERT of the new image;</li>
 *         <li>INSERT + DELETE -> nothing (in safe mode: DELETE, since the row may already be on the target);</li>
 *         <li>UPDATE + UPDATE -> UPDATE from the first before image to the last after image;</li>
 *         <li>UPDATE + DELETE -> DELETE of the first before image;</li>
 *         <li>DELETE + INSERT -> UPDATE from the deleted image to the inserted one (same identity: DM writes
 *             a REPLACE here; an UPDATE has the same effect and keeps target-only columns).</li>
 *       </ul>
 *       Any other pair (INSERT + INSERT, ...) cannot happen for one source row and is left unfolded.</li>
 *   <li>Folding moves the earlier change to the later one's position, past the changes in between. That is
 *       only safe when none of them touches a key of either change: DM does not check this, and a
 *       unique-key swap between two rows would then fail on the target. Here a fold is done only when no
 *       change between the two shares a {@link CausalityKey} (any unique key, folded) with them.</li>
 * </ol>
 * The result keeps binlog order otherwise; a folded change carries the positions of its last part.
 */
final class Compactor {

    private final RowKeys keys;

    Compactor(RowKeys keys) {
        this.keys = keys;
    }

    List<RowChange> compact(List<RowChange> batch, boolean safeMode) {
        List<RowChange> buffer = new ArrayList<>(batch.size());
        List<List<CausalityKey>> bufferKeys = new ArrayList<>(batch.size());
        Map<Identity, Integer> lastOfRow = new HashMap<>();
        Map<CausalityKey, Integer> lastTouch = new HashMap<>();
        for (RowChange original : batch) {
            for (RowChange change : splitIdentityUpdate(original)) {
                Identity id = keys.identity(change.table(), change.existingImage());
                List<CausalityKey> changeKeys = keys.causalityKeys(change);
                Integer prev = id == null ? null : lastOfRow.get(id);
                if (prev != null && untouchedSince(prev, bufferKeys.get(prev), changeKeys, lastTouch)) {
                    RowChange merged = fold(buffer.get(prev), change, safeMode);
                    if (merged != NOT_FOLDABLE) {
                        buffer.set(prev, null);
                        bufferKeys.set(prev, List.of());
                        lastOfRow.remove(id);
                        if (merged != null) {
                            append(merged, keys.causalityKeys(merged), id, buffer, bufferKeys, lastOfRow, lastTouch);
                        }
                        continue;
                    }
                }
                append(change, changeKeys, id, buffer, bufferKeys, lastOfRow, lastTouch);
            }
        }
        List<RowChange> out = new ArrayList<>(buffer.size());
        for (RowChange c : buffer) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static void append(RowChange c, List<CausalityKey> cKeys, Identity id, List<RowChange> buffer,
                               List<List<CausalityKey>> bufferKeys, Map<Identity, Integer> lastOfRow,
                               Map<CausalityKey, Integer> lastTouch) {
        int at = buffer.size();
        buffer.add(c);
        bufferKeys.add(cKeys);
        if (id != null) {
            lastOfRow.put(id, at);
        }
        for (CausalityKey key : cKeys) {
            lastTouch.put(key, at);
        }
    }

    /** No change after {@code prev} touched a key of the earlier or of the new change. */
    private static boolean untouchedSince(int prev, List<CausalityKey> prevKeys, List<CausalityKey> nextKeys,
                                          Map<CausalityKey, Integer> lastTouch) {
        for (List<CausalityKey> ks : List.of(prevKeys, nextKeys)) {
            for (CausalityKey k : ks) {
                Integer t = lastTouch.get(k);
                if (t != null && t > prev) {
                    return false;
                }
            }
        }
        return true;
    }

    private static final RowChange NOT_FOLDABLE = new RowChange(Kind.INSERT, null, null, null, null, null);

    /** The folded change, null for "nothing left", {@link #NOT_FOLDABLE} for a pair that does not fold. */
    private static RowChange fold(RowChange prev, RowChange next, boolean safeMode) {
        Kind p = prev.kind();
        Kind n = next.kind();
        if (p == Kind.INSERT && n == Kind.UPDATE) {
            return RowChange.insert(next.table(), next.after(), next.txStart(), next.at());
        }
        if (p == Kind.INSERT && n == Kind.DELETE) {
            return safeMode ? next : null;
        }
        if (p == Kind.UPDATE && n == Kind.UPDATE) {
            return RowChange.update(next.table(), prev.before(), next.after(), next.txStart(), next.at());
        }
        if (p == Kind.UPDATE && n == Kind.DELETE) {
            return RowChange.delete(next.table(), prev.before(), next.txStart(), next.at());
        }
        if (p == Kind.DELETE && n == Kind.INSERT) {
            return RowChange.update(next.table(), prev.before(), next.after(), next.txStart(), next.at());
        }
        return NOT_FOLDABLE;
    }

    /** An update of a keyed table that changes its identity, as DELETE + INSERT; any other change as is. */
    private List<RowChange> splitIdentityUpdate(RowChange c) {
        if (c.kind() != Kind.UPDATE || c.table().keyless()) {
            return List.of(c);
        }
        Identity before = keys.identity(c.table(), c.before());
        Identity after = keys.identity(c.table(), c.after());
        if (before.equals(after)) {
            return List.of(c);
        }
        return List.of(RowChange.delete(c.table(), c.before(), c.txStart(), c.at()),
                RowChange.insert(c.table(), c.after(), c.txStart(), c.at()));
    }
}
