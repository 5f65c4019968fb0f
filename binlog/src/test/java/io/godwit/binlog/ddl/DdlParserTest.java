package io.godwit.binlog.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.TableId;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The parser's contract beyond the corpus: errors, routing in place, grammar and comment fallbacks. */
class DdlParserTest {
    private static final UnaryOperator<TableId> TO_DST = id -> TableId.of("dst", id.table() + "_r");
    private final DdlParser parser = new DdlParser();

    @Test
    void unparsableStatementIsAnErrorThatCarriesTheStatement() {
        String sql = "ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT";
        assertThatThrownBy(() -> parser.parse("src", sql)).isInstanceOfSatisfying(GodwitException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DDL_UNPARSABLE);
            assertThat(e.getMessage()).contains(sql).contains("line 1:");
        });
    }

    @Test
    void severalStatementsInOneQueryEventAreRejected() {
        assertThatThrownBy(() -> parser.parse("src", "ALTER TABLE t ADD COLUMN c INT; DROP TABLE t"))
                .isInstanceOfSatisfying(GodwitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DDL_UNSUPPORTED));
    }

    @Test
    void unqualifiedTableWithoutCurrentDatabaseIsRejected() {
        assertThatThrownBy(() -> parser.parse("", "ALTER TABLE t ADD COLUMN c INT"))
                .isInstanceOfSatisfying(GodwitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DDL_UNSUPPORTED);
                    assertThat(e.getMessage()).contains("unqualified name t");
                });
        DdlChange qualified = only(parser.parse("", "ALTER TABLE db.t ADD COLUMN c INT"));
        assertThat(qualified.table()).isEqualTo(TableId.of("db", "t"));
    }

    @Test
    void routingRewritesTheNameTokensAndKeepsEveryOtherByte() {
        String sql = "ALTER /* a */ TABLE\n\t`src` . `t`  ADD COLUMN `x` INT COMMENT 'src.t stays' -- src.t too";
        DdlChange routed = only(parser.parse("ignored", sql)).route(TO_DST);
        assertThat(routed.sql()).isEqualTo(
                "ALTER /* a */ TABLE\n\t`dst`.`t_r`  ADD COLUMN `x` INT COMMENT 'src.t stays' -- src.t too");
        assertThat(routed.table()).isEqualTo(TableId.of("dst", "t_r"));
    }

    @Test
    void routedChangesRouteAgainWithoutDrift() {
        DdlChange change = only(parser.parse("src", "RENAME TABLE a TO b"));
        DdlChange once = change.route(TO_DST);
        assertThat(once.sql()).isEqualTo("RENAME TABLE `dst`.`a_r` TO `dst`.`b_r`");
        assertThat(once.relatedTable()).contains(TableId.of("dst", "b_r"));
        assertThat(once.route(UnaryOperator.identity()).sql()).isEqualTo(once.sql());
        assertThat(once.route(id -> TableId.of("x", id.table())).sql()).isEqualTo("RENAME TABLE `x`.`a_r` TO `x`.`b_r`");
    }

    @Test
    void implicitDatabaseIsNamedWhenRouted() {
        DdlChange change = only(parser.parse("src", "ALTER DATABASE CHARACTER SET utf8mb4"));
        assertThat(change.table()).isEqualTo(TableId.of("src", ""));
        assertThat(change.route(id -> TableId.of(id.schema() + "_r", id.table())).sql())
                .isEqualTo("ALTER DATABASE `src_r` CHARACTER SET utf8mb4");
    }

    @Test
    void versionCommentBodyIsParsedAsTheServerRunsIt() {
        DdlChange change = only(parser.parse("src", "ALTER TABLE t /*!50000 ADD COLUMN c INT */"));
        assertThat(change.change()).isInstanceOfSatisfying(TableChange.AddColumn.class,
                a -> assertThat(a.column().name()).isEqualTo("c"));
        assertThat(change.sql()).isEqualTo("ALTER TABLE t /*!50000 ADD COLUMN c INT */");
    }

    @Test
    void versionCommentTheGrammarCannotReadIsLeftAsAComment() {
        // DEFAULT ENCRYPTION is beyond both grammars; read as a comment, the statement is still a CREATE TABLE.
        DdlChange change = only(parser.parse("src", "CREATE TABLE t (a INT) /*!80016 DEFAULT ENCRYPTION='N' */"));
        assertThat(change.change()).isInstanceOf(TableChange.CreateTable.class);
    }

    @Test
    void mysqlGrammarReadsWhatTheMariaDbGrammarCannot() {
        DdlChange change = only(parser.parse("src", "ALTER TABLE t ALTER COLUMN a SET INVISIBLE"));
        assertThat(change.change()).isEqualTo(new TableChange.SetColumnVisibility("a", true));
    }

    @Test
    void mariaDbGrammarReadsWhatTheMysqlGrammarCannot() {
        DdlChange change = only(parser.parse("src", "ALTER TABLE t DROP COLUMN IF EXISTS a"));
        assertThat(change.change()).isEqualTo(new TableChange.DropColumn("a", true));
    }

    @Test
    void renameIsTheLastPieceOfASplitAlter() {
        List<DdlChange> changes = ((ParsedDdl.Changes) parser.parse("src",
                "ALTER TABLE t RENAME TO t2, ADD COLUMN c INT, DROP COLUMN d")).changes();
        assertThat(changes).extracting(DdlChange::sql).containsExactly(
                "ALTER TABLE t ADD COLUMN c INT", "ALTER TABLE t DROP COLUMN d", "ALTER TABLE t RENAME TO t2");
        assertThat(changes.get(2).relatedTable()).contains(TableId.of("src", "t2"));
    }

    @Test
    void ignoredAndUnsupportedStatementsSayWhatAndWhy() {
        ParsedDdl grant = parser.parse("src", "GRANT SELECT ON src.* TO 'u'@'%'");
        assertThat(grant).isInstanceOfSatisfying(ParsedDdl.Ignored.class, i -> {
            assertThat(i.kind()).isEqualTo("GRANT");
            assertThat(i.reason()).isNotBlank();
            assertThat(i.toString()).startsWith("ignored: GRANT");
        });
        ParsedDdl select = parser.parse("src", "CREATE TABLE c SELECT 1 AS x");
        assertThat(select).isInstanceOfSatisfying(ParsedDdl.Unsupported.class,
                u -> assertThat(u.toString()).startsWith("unsupported: CREATE TABLE ... SELECT"));
    }

    @Test
    void columnDefinitionsAreReadCompletely() {
        DdlChange change = only(parser.parse("src", "ALTER TABLE t ADD COLUMN c VARCHAR(10) CHARACTER SET latin1"
                + " COLLATE latin1_bin NOT NULL DEFAULT 'x' COMMENT 'note' INVISIBLE AFTER b"));
        TableChange.AddColumn add = (TableChange.AddColumn) change.change();
        ColumnDefinition c = add.column();
        assertThat(c.type()).isEqualTo(new ColumnDefinition.Type("VARCHAR", List.of("10"), List.of(), false, false,
                false, false, "latin1", "latin1_bin"));
        assertThat(c.nullable()).isFalse();
        assertThat(c.defaultValue()).isEqualTo("'x'");
        assertThat(c.comment()).isEqualTo("'note'");
        assertThat(c.invisible()).isTrue();
        assertThat(add.position()).isEqualTo(TableChange.ColumnPosition.after("b"));
    }

    private static DdlChange only(ParsedDdl parsed) {
        assertThat(parsed).isInstanceOf(ParsedDdl.Changes.class);
        List<DdlChange> changes = ((ParsedDdl.Changes) parsed).changes();
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }
}
