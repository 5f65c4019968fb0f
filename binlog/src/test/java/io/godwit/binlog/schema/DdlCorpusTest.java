package io.godwit.binlog.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.godwit.binlog.ddl.DdlChange;
import io.godwit.binlog.ddl.DdlKind;
import io.godwit.binlog.ddl.DdlParser;
import io.godwit.binlog.ddl.ParsedDdl;
import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every corpus statement parsed, classified, split, routed, re-parsed and applied to a tracker,
 * with each entry's expectations checked (see {@link Corpus} for the format). Beyond the written
 * expectations, every single change must survive a round trip: its own text and its routed text
 * parse back to exactly one change with the same meaning.
 */
class DdlCorpusTest {
    private static final BinlogLocation AT = new BinlogLocation("mysql-bin.000001", 4, null);
    private final DdlParser parser = new DdlParser();

    @TestFactory
    Stream<DynamicContainer> corpus() {
        return Corpus.FILES.stream().map(Corpus::load).map(file -> {
            SchemaTracker tracker = new SchemaTracker(file.dialect());
            Stream<DynamicTest> entries = file.entries().stream()
                    .map(e -> DynamicTest.dynamicTest(e.label(), () -> check(e, tracker)));
            DynamicTest snapshot = DynamicTest.dynamicTest("JSON snapshot round trip after " + file.name(),
                    () -> snapshotRestoresEveryTable(tracker));
            return DynamicContainer.dynamicContainer(file.name(), Stream.concat(entries, Stream.of(snapshot)));
        });
    }

    @Test
    void corpusHasEnoughStatementsOfEveryKind() {
        List<Corpus.Entry> all = Corpus.FILES.stream().flatMap(f -> Corpus.load(f).entries().stream()).toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(300);
        assertThat(all.stream().map(Corpus.Entry::outcome).distinct()).containsExactlyInAnyOrder(Corpus.Outcome.values());
        // Every ALTER that applies has its resulting columns written down.
        for (Corpus.Entry e : all) {
            if (e.outcome() == Corpus.Outcome.CHANGES && parser.parse(e.use(), e.sql()) instanceof ParsedDdl.Changes c
                    && c.changes().stream().anyMatch(ch -> ch.kind() == DdlKind.ALTER_TABLE)) {
                assertThat(e.columns()).as("@columns of " + e.label()).isNotEmpty();
            }
        }
    }

    private void check(Corpus.Entry e, SchemaTracker tracker) {
        ParsedDdl parsed;
        try {
            parsed = parser.parse(e.use(), e.sql());
        } catch (GodwitException ex) {
            assertThat(e.outcome()).as(ex.oneLine()).isEqualTo(Corpus.Outcome.ERROR);
            assertThat(ex.code()).isEqualTo(ErrorCode.DDL_UNPARSABLE);
            assertThat(ex.getMessage()).contains(e.sql());
            return;
        }
        switch (e.outcome()) {
            case ERROR -> fail("expected a parse error, got " + parsed);
            case IGNORED -> {
                assertThat(parsed).isInstanceOf(ParsedDdl.Ignored.class);
                assertThat(((ParsedDdl.Ignored) parsed).kind()).isEqualTo(e.outcomeArg());
            }
            case UNSUPPORTED -> {
                assertThat(parsed).isInstanceOf(ParsedDdl.Unsupported.class);
                assertThat(((ParsedDdl.Unsupported) parsed).kind()).isEqualTo(e.outcomeArg());
                assertThatThrownBy(() -> tracker.apply(parsed, AT)).isInstanceOf(GodwitException.class)
                        .extracting(x -> ((GodwitException) x).code()).isEqualTo(ErrorCode.DDL_UNSUPPORTED);
                return;
            }
            case CHANGES, MISMATCH -> {
                assertThat(parsed).as(parsed.toString()).isInstanceOf(ParsedDdl.Changes.class);
                List<DdlChange> changes = ((ParsedDdl.Changes) parsed).changes();
                if (e.outcome() == Corpus.Outcome.CHANGES) {
                    assertThat(changes).hasSize(Integer.parseInt(e.outcomeArg()));
                }
                checkTexts(e, changes);
                changes.forEach(c -> checkRoundTrip(c, e.use()));
            }
        }
        if (e.outcome() == Corpus.Outcome.MISMATCH) {
            assertThatThrownBy(() -> tracker.apply(parsed, AT)).isInstanceOf(GodwitException.class)
                    .extracting(x -> ((GodwitException) x).code()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
        } else {
            tracker.apply(parsed, AT);
        }
        for (Map.Entry<TableId, String> c : e.columns().entrySet()) {
            TrackedTable t = tracker.tracked(c.getKey()).orElseThrow(() -> new AssertionError(c.getKey() + " not tracked"));
            assertThat(Corpus.columns(t)).as("columns of " + c.getKey()).isEqualTo(c.getValue());
        }
        for (Map.Entry<TableId, String> k : e.keys().entrySet()) {
            TrackedTable t = tracker.tracked(k.getKey()).orElseThrow(() -> new AssertionError(k.getKey() + " not tracked"));
            assertThat(Corpus.keys(t)).as("keys of " + k.getKey()).isEqualTo(k.getValue());
        }
        for (TableId absent : e.absent()) {
            assertThat(tracker.find(absent)).as(absent + " tracked").isEmpty();
        }
    }

    /** The tracker restored from its JSON snapshot has every table as before, and writes the same JSON again. */
    private static void snapshotRestoresEveryTable(SchemaTracker tracker) {
        String json = tracker.toJson();
        SchemaTracker restored = SchemaTracker.fromJson(json);
        assertThat(restored.tables()).isEqualTo(tracker.tables());
        for (TableId id : tracker.tables()) {
            assertThat(restored.tracked(id)).isEqualTo(tracker.tracked(id));
            assertThat(restored.find(id)).isEqualTo(tracker.find(id));
            assertThat(restored.keys(id)).isEqualTo(tracker.keys(id));
        }
        assertThat(restored.dialect()).isEqualTo(tracker.dialect());
        assertThat(restored.toJson()).isEqualTo(json);
    }

    private static void checkTexts(Corpus.Entry e, List<DdlChange> changes) {
        if (!e.splits().isEmpty()) {
            assertThat(changes.stream().map(DdlChange::sql).toList()).isEqualTo(e.splits());
        }
        if (changes.size() == 1) {
            assertThat(changes.get(0).sql()).as("a single change keeps the statement byte for byte").isEqualTo(e.sql());
        }
        if (!e.routed().isEmpty()) {
            List<String> routed = new ArrayList<>();
            for (DdlChange c : changes) {
                routed.add(c.route(Corpus.ROUTE).sql());
            }
            assertThat(routed).isEqualTo(e.routed());
        }
    }

    /** A single change's text, and its routed text, parse back to one change meaning the same. */
    private void checkRoundTrip(DdlChange change, String use) {
        DdlChange again = single(parser.parse(use, change.sql()));
        assertThat(again.kind()).isEqualTo(change.kind());
        assertThat(again.table()).isEqualTo(change.table());
        assertThat(again.change()).isEqualTo(change.change());
        DdlChange routed = change.route(Corpus.ROUTE);
        DdlChange reparsed = single(parser.parse("elsewhere", routed.sql()));
        assertThat(reparsed.table()).as("routed names are written qualified").isEqualTo(routed.table());
        assertThat(reparsed.relatedTable()).isEqualTo(routed.relatedTable());
        assertThat(reparsed.change()).isEqualTo(change.change());
    }

    private static DdlChange single(ParsedDdl parsed) {
        assertThat(parsed).isInstanceOf(ParsedDdl.Changes.class);
        List<DdlChange> changes = ((ParsedDdl.Changes) parsed).changes();
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }
}
