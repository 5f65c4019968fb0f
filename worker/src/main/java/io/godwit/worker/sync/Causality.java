package io.godwit.worker.sync;

import io.godwit.worker.sync.RowKeys.CausalityKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch over the slots so that changes which may touch the same target row stay in one slot, in
 * binlog order, and the split depends on nothing but the batch's content.
 *
 * <p>Assumptions: two changes can conflict on the target only if they share a {@link CausalityKey} (a
 * value of the primary key or of any unique key of the same target table, folded; a whole-table key for
 * keyless tables). Foreign key checks are off on the target sessions, so no other constraint links rows.
 *
 * <p>Steps:
 * <ol>
 *   <li>Union-find over the batch: every change is a node, joined with every earlier change that shares one
 *       of its keys. Each resulting conflict group is independent of every other.</li>
 *   <li>A group goes to slot {@code stableHash(first key of its first change) mod slots}. The hash is
 *       computed from table, index and values only, so a batch re-read after a crash splits the same way.</li>
 *   <li>Each slot's share keeps binlog order. A digest over every change with its slot identifies the
 *       split: recovery compares it with the one the committed slots recorded.</li>
 * </ol>
 * Unlike DM's online causality, a conflict never forces a flush: the whole batch is known before the
 * split, and a batch is applied as one transaction per slot.
 */
final class Causality {

    /** Each slot's changes in binlog order, and the digest of the split. */
    record Split(List<List<RowChange>> shares, long digest) {}

    private final RowKeys keys;

    Causality(RowKeys keys) {
        this.keys = keys;
    }

    Split split(List<RowChange> batch, int slots) {
        int n = batch.size();
        int[] parent = new int[n];
        List<List<CausalityKey>> changeKeys = new ArrayList<>(n);
        Map<CausalityKey, Integer> owner = new HashMap<>();
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            List<CausalityKey> ks = keys.causalityKeys(batch.get(i));
            changeKeys.add(ks);
            for (CausalityKey k : ks) {
                Integer o = owner.putIfAbsent(k, i);
                if (o != null) {
                    union(parent, o, i);
                }
            }
        }
        List<List<RowChange>> shares = new ArrayList<>(slots);
        for (int s = 0; s < slots; s++) {
            shares.add(new ArrayList<>());
        }
        long digest = 17;
        for (int i = 0; i < n; i++) {
            int first = find(parent, i); // union keeps the smallest index as root: the group's first change
            int slot = slotOf(changeKeys.get(first), slots);
            shares.get(slot).add(batch.get(i));
            digest = digestStep(digest, batch.get(i), slot);
        }
        return new Split(shares, digest);
    }

    static int slotOf(List<CausalityKey> firstChangeKeys, int slots) {
        if (firstChangeKeys.isEmpty()) {
            return 0;
        }
        return (int) Math.floorMod(firstChangeKeys.get(0).stableHash(), (long) slots);
    }

    /** Adds one change and its slot to a batch digest; also used for batches applied as a stream. */
    static long digestStep(long digest, RowChange c, int slot) {
        long h = digest * 1_000_003L + slot;
        h = h * 31 + c.kind().ordinal();
        h = h * 31 + c.table().source().toString().hashCode();
        h = h * 31 + c.table().target().toString().hashCode();
        h = h * 31 + imageHash(c.before());
        h = h * 31 + imageHash(c.after());
        return RowKeys.mix(h);
    }

    private static long imageHash(Object[] image) {
        if (image == null) {
            return 7;
        }
        long h = image.length;
        for (Object v : image) {
            h = h * 31 + RowKeys.valueHash(v);
        }
        return h;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
