package io.godwit.worker.sync;

import static io.godwit.worker.sync.Rows.K;
import static io.godwit.worker.sync.Rows.T;
import static io.godwit.worker.sync.Rows.del;
import static io.godwit.worker.sync.Rows.ins;
import static io.godwit.worker.sync.Rows.row;
import static io.godwit.worker.sync.Rows.upd;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompactorTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("insert + update -> insert of the new image", false,
                        List.of(ins(T, 1L, "a", null), upd(T, row(1L, "a", null), row(1L, "b", null))),
                        List.of("I t[1, b, null]")),
                Arguments.of("insert + delete -> nothing", false,
                        List.of(ins(T, 1L, "a", null), del(T, 1L, "a", null)),
                        List.of()),
                Arguments.of("insert + delete in safe mode -> delete (the row may be on the target)", true,
                        List.of(ins(T, 1L, "a", null), del(T, 1L, "a", null)),
                        List.of("D t[1, a, null]")),
                Arguments.of("update + update -> one update from the first before to the last after", false,
                        List.of(upd(T, row(1L, "a", null), row(1L, "b", null)), upd(T, row(1L, "b", null), row(1L, "c", null))),
                        List.of("U t[1, a, null]>[1, c, null]")),
                Arguments.of("update + delete -> delete of the first before image", false,
                        List.of(upd(T, row(1L, "a", null), row(1L, "b", null)), del(T, 1L, "b", null)),
                        List.of("D t[1, a, null]")),
                Arguments.of("delete + insert of the same key -> update", false,
                        List.of(del(T, 1L, "a", null), ins(T, 1L, "z", null)),
                        List.of("U t[1, a, null]>[1, z, null]")),
                Arguments.of("insert + update + delete -> nothing", false,
                        List.of(ins(T, 1L, "a", null), upd(T, row(1L, "a", null), row(1L, "b", null)), del(T, 1L, "b", null)),
                        List.of()),
                Arguments.of("impossible pair insert + insert is left alone", false,
                        List.of(ins(T, 1L, "a", null), ins(T, 1L, "b", null)),
                        List.of("I t[1, a, null]", "I t[1, b, null]")),
                Arguments.of("a folded change moves to its last part's place (DM's order)", false,
                        List.of(ins(T, 1L, "a", null), ins(T, 2L, "x", null), upd(T, row(1L, "a", null), row(1L, "b", null))),
                        List.of("I t[2, x, null]", "I t[1, b, null]")),
                Arguments.of("identity change splits into delete + insert, each folds with its own row", false,
                        List.of(upd(T, row(1L, "a", null), row(5L, "a", null)), upd(T, row(5L, "a", null), row(5L, "b", null))),
                        List.of("D t[1, a, null]", "I t[5, b, null]")),
                Arguments.of("no fold across a change sharing a unique key value (swap of u)", false,
                        List.of(upd(T, row(1L, "a", "p"), row(1L, "a", "q")),
                                upd(T, row(2L, "b", "r"), row(2L, "b", "p")),
                                upd(T, row(1L, "a", "q"), row(1L, "a", "s"))),
                        List.of("U t[1, a, p]>[1, a, q]", "U t[2, b, r]>[2, b, p]", "U t[1, a, q]>[1, a, s]")),
                Arguments.of("unique values equal under a case-insensitive collation count as shared", false,
                        List.of(upd(T, row(1L, "a", "Ab"), row(1L, "a", "x")),
                                ins(T, 2L, "b", "ab "),
                                upd(T, row(1L, "a", "x"), row(1L, "c", "x"))),
                        List.of("U t[1, a, Ab]>[1, a, x]", "I t[2, b, ab ]", "U t[1, a, x]>[1, c, x]")),
                Arguments.of("unrelated changes in between do not prevent the fold", false,
                        List.of(upd(T, row(1L, "a", "p"), row(1L, "b", "p")),
                                upd(T, row(2L, "b", "r"), row(2L, "b", "s")),
                                upd(T, row(1L, "b", "p"), row(1L, "c", "p"))),
                        List.of("U t[2, b, r]>[2, b, s]", "U t[1, a, p]>[1, c, p]")),
                Arguments.of("keyless tables are never folded", false,
                        List.of(ins(K, 1L, "a"), del(K, 1L, "a"), ins(K, 1L, "a")),
                        List.of("I k[1, a]", "D k[1, a]", "I k[1, a]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void foldsChangesOfOneRow(String name, boolean safeMode, List<RowChange> batch, List<String> expected) {
        assertThat(Rows.text(new Compactor(new RowKeys()).compact(batch, safeMode))).isEqualTo(expected);
    }
}
