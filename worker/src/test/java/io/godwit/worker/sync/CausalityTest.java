package io.godwit.worker.sync;

import static io.godwit.worker.sync.Rows.K;
import static io.godwit.worker.sync.Rows.T;
import static io.godwit.worker.sync.Rows.del;
import static io.godwit.worker.sync.Rows.ins;
import static io.godwit.worker.sync.Rows.row;
import static io.godwit.worker.sync.Rows.upd;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CausalityTest {
    private static final int SLOTS = 8;

    /** Changes that must land in one slot, in this order (with other independent changes around them). */
    static Stream<Arguments> conflictGroups() {
        return Stream.of(
                Arguments.of("same primary key", List.of(ins(T, 1L, "a", null), upd(T, row(1L, "a", null), row(1L, "b", null)))),
                Arguments.of("primary key moved: old and new key join", List.of(
                        upd(T, row(1L, "a", null), row(100L, "a", null)), ins(T, 1L, "new", null))),
                Arguments.of("unique key value handed from one row to another", List.of(
                        upd(T, row(3L, "a", "x"), row(3L, "a", "y")), upd(T, row(4L, "b", "w"), row(4L, "b", "x")))),
                Arguments.of("unique values equal for a case-insensitive collation", List.of(
                        del(T, 5L, "a", "Köln"), ins(T, 6L, "b", "KOLN "))),
                Arguments.of("chain: a~b through one key, b~c through another", List.of(
                        ins(T, 7L, "a", "m"), upd(T, row(8L, "b", "n"), row(8L, "b", "m")), del(T, 8L, "b", "m"),
                        ins(T, 9L, "c", "n"))),
                Arguments.of("keyless table: every change", List.of(ins(K, 1L, "a"), ins(K, 2L, "b"), del(K, 1L, "a"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conflictGroups")
    void conflictingChangesShareOneSlotInBinlogOrder(String name, List<RowChange> group) {
        List<RowChange> batch = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            batch.add(ins(T, 1000L + i, "filler", null)); // independent rows around the group
            batch.add(group.get(i));
        }
        Causality.Split split = new Causality(new RowKeys()).split(batch, SLOTS);
        List<List<RowChange>> holding = split.shares().stream().filter(s -> s.stream().anyMatch(group::contains)).toList();
        assertThat(holding).hasSize(1);
        assertThat(holding.get(0).stream().filter(group::contains).toList()).containsExactlyElementsOf(group);
    }

    @Test
    void independentKeysSpreadOverTheSlots() {
        List<RowChange> batch = new ArrayList<>();
        for (long id = 0; id < 1000; id++) {
            batch.add(ins(T, id, "v", null));
        }
        Causality.Split split = new Causality(new RowKeys()).split(batch, SLOTS);
        assertThat(split.shares()).hasSize(SLOTS).allSatisfy(s -> assertThat(s.size()).isBetween(60, 190));
        assertThat(split.shares().stream().mapToInt(List::size).sum()).isEqualTo(1000);
    }

    @Test
    void splitDependsOnlyOnTheBatchContent() {
        List<RowChange> batch = mixedBatch();
        Causality.Split first = new Causality(new RowKeys()).split(batch, SLOTS);
        // Rebuilt from equal but distinct objects, as after a re-read of the binlog.
        List<RowChange> reread = mixedBatch();
        Causality.Split second = new Causality(new RowKeys()).split(reread, SLOTS);
        assertThat(second.digest()).isEqualTo(first.digest());
        for (int s = 0; s < SLOTS; s++) {
            assertThat(Rows.text(second.shares().get(s))).isEqualTo(Rows.text(first.shares().get(s)));
        }
    }

    @Test
    void digestChangesWithContentOrWorkerCount() {
        List<RowChange> batch = mixedBatch();
        long digest = new Causality(new RowKeys()).split(batch, SLOTS).digest();
        List<RowChange> changed = new ArrayList<>(batch);
        changed.set(3, ins(T, 3L, "other value", null));
        assertThat(new Causality(new RowKeys()).split(changed, SLOTS).digest()).isNotEqualTo(digest);
        assertThat(new Causality(new RowKeys()).split(batch, SLOTS - 1).digest()).isNotEqualTo(digest);
    }

    @Test
    void stableHashOfAKeyIsFixed() {
        // The slot of a key must not depend on the JVM (no identity hashes, no random seeds).
        RowKeys.CausalityKey key = new RowKeys().causalityKeys(ins(T, 42L, "v", null)).get(0);
        assertThat(key.stableHash()).isEqualTo(new RowKeys().causalityKeys(ins(T, 42L, "w", null)).get(0).stableHash());
        assertThat(Causality.slotOf(List.of(key), 16)).isEqualTo(Causality.slotOf(List.of(key), 16));
        assertThat(key.stableHash()).isEqualTo(5_941_680_660_807_376_603L);
    }

    private static List<RowChange> mixedBatch() {
        List<RowChange> b = new ArrayList<>();
        for (long id = 0; id < 50; id++) {
            b.add(ins(T, id, "v" + id, "u" + id));
            if (id % 3 == 0) {
                b.add(upd(T, row(id, "v" + id, "u" + id), row(id + 1000, "v", "u" + id)));
            }
            if (id % 5 == 0) {
                b.add(ins(K, id, "k"));
            }
        }
        return b;
    }
}
