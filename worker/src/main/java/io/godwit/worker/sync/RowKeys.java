package io.godwit.worker.sync;

import io.godwit.core.model.TableId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keys of row changes, in two strengths.
 *
 * <ul>
 *   <li>{@link Identity}: exactly which source row a change is about (source table + identity key values
 *       as the binlog has them). Compaction folds only changes of the same identity.</li>
 *   <li>{@link CausalityKey}: a value the target may consider equal to another: (target table, unique key,
 *       values folded so that whatever a target collation could call equal folds alike: strings by Unicode
 *       primary strength (case, accents) without trailing spaces, prefix indexes cut to their prefix,
 *       decimals without trailing zeros). Folding too much only loses parallelism; folding too little
 *       would let two slots race on one target row, so the folding errs on the large side.</li>
 * </ul>
 * A key whose value contains NULL is no key (NULLs never conflict in a unique index). Hashes are computed
 * from the values alone, so they are the same in every JVM: the slot split of a batch is reproducible.
 *
 * <p>Not thread-safe (the collator): one instance per coordinator.
 */
final class RowKeys {

    /** Exactly one source row. */
    record Identity(TableId source, List<Object> values) {}

    /** A value of a unique key of a target table, folded; {@code index} "*" stands for the whole table. */
    record CausalityKey(TableId table, String index, List<Object> values) {
        long stableHash() {
            long h = table.schema().hashCode();
            h = h * 31 + table.table().hashCode();
            h = h * 31 + index.hashCode();
            for (Object v : values) {
                h = h * 31 + v.hashCode();
            }
            return mix(h);
        }
    }

    private final Collator collator;

    RowKeys() {
        collator = Collator.getInstance(Locale.ROOT);
        collator.setStrength(Collator.PRIMARY);
        collator.setDecomposition(Collator.CANONICAL_DECOMPOSITION);
    }

    /** The identity of the row as {@code image} shows it; null for a keyless table. */
    Identity identity(RoutedTable table, Object[] image) {
        if (table.keyless()) {
            return null;
        }
        int[] cols = table.identity();
        List<Object> values = new ArrayList<>(cols.length);
        for (int c : cols) {
            values.add(exact(image[c]));
        }
        return new Identity(table.source(), values);
    }

    /** Every causality key of the change: all unique keys of its before and after images, in a fixed order. */
    List<CausalityKey> causalityKeys(RowChange change) {
        RoutedTable table = change.table();
        if (table.wholeTableUnit()) {
            return List.of(new CausalityKey(table.target(), "*", List.of()));
        }
        Set<CausalityKey> keys = new LinkedHashSet<>();
        addKeys(table, change.before(), keys);
        addKeys(table, change.after(), keys);
        return List.copyOf(keys);
    }

    private void addKeys(RoutedTable table, Object[] image, Set<CausalityKey> into) {
        if (image == null) {
            return;
        }
        next:
        for (RoutedTable.IndexedKey key : table.uniqueKeys()) {
            List<Object> values = new ArrayList<>(key.columns().length);
            for (int i = 0; i < key.columns().length; i++) {
                Object v = image[key.columns()[i]];
                if (v == null) {
                    continue next;
                }
                values.add(folded(v, key.prefixes()[i]));
            }
            into.add(new CausalityKey(table.target(), key.name(), values));
        }
    }

    /** byte[] compared by content; everything else already has value equality. */
    static Object exact(Object v) {
        return v instanceof byte[] b ? ByteBuffer.wrap(b) : v;
    }

    private Object folded(Object v, int prefix) {
        if (v instanceof String s) {
            String cut = prefix > 0 && s.codePointCount(0, s.length()) > prefix
                    ? s.substring(0, s.offsetByCodePoints(0, prefix)) : s;
            int end = cut.length();
            while (end > 0 && cut.charAt(end - 1) == ' ') {
                end--;
            }
            return ByteBuffer.wrap(collator.getCollationKey(cut.substring(0, end)).toByteArray());
        }
        if (v instanceof byte[] b) {
            return ByteBuffer.wrap(prefix > 0 && b.length > prefix ? Arrays.copyOf(b, prefix) : b);
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof Float f) {
            return f == 0f ? 0.0d : (double) f;
        }
        if (v instanceof Double d) {
            return d == 0d ? 0.0d : d;
        }
        return v;
    }

    /** A stable 64-bit hash of a value, for batch digests: content-based and identical in every JVM. */
    static long valueHash(Object v) {
        if (v == null) {
            return 0x9E3779B97F4A7C15L;
        }
        if (v instanceof byte[] b) {
            return mix(Arrays.hashCode(b));
        }
        if (v instanceof String s) {
            return mix(Arrays.hashCode(s.getBytes(StandardCharsets.UTF_8)));
        }
        return mix(v.hashCode() * 31L + v.getClass().getSimpleName().hashCode());
    }

    /** SplitMix64's finalizer: spreads a hash over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
