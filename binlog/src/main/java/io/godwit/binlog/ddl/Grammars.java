package io.godwit.binlog.ddl;

import io.debezium.antlr.CaseChangingCharStream;
import io.debezium.ddl.parser.mariadb.generated.MariaDBLexer;
import io.debezium.ddl.parser.mariadb.generated.MariaDBParser;
import io.debezium.ddl.parser.mysql.generated.MySqlLexer;
import io.debezium.ddl.parser.mysql.generated.MySqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Runs Debezium's generated MariaDB and MySQL grammars over one statement and hands back a
 * grammar-neutral {@link SqlNode} tree.
 *
 * <p>Assumptions and steps:
 * <ol>
 *   <li>Each grammar accepts dialect features the other lacks (the corpus shows MariaDB's
 *       {@code IF [NOT] EXISTS} on columns and indexes, {@code CREATE OR REPLACE}, {@code WAIT n}
 *       only in the first, MySQL 8's {@code ALTER COLUMN ... SET INVISIBLE} and
 *       {@code ALTER CHECK} only in the second), so the MariaDB grammar is tried first and the
 *       MySQL grammar when it rejects the text.</li>
 *   <li>The server executes the body of a version comment ({@code /*!50100 ... *}{@code /},
 *       MariaDB's {@code /*M!100100 ... *}{@code /}); the lexer hides it. So the text is first
 *       parsed with those comment markers blanked to spaces (offsets unchanged, so every node
 *       still points at the original bytes), and only if that fails with the comments hidden, as
 *       a server older than the comment's version would read it.</li>
 *   <li>Each attempt parses in ANTLR's fast SLL mode and falls back to full LL on a syntax
 *       error, the usual two-stage strategy; only an LL error rejects the text.</li>
 *   <li>When every attempt fails, the error reported is the one found furthest into the text:
 *       the grammar that understood the most names the real problem.</li>
 * </ol>
 */
final class Grammars {
    /** A successful parse: the {@code sqlStatements} node, or null for a text of only comments. */
    record Parsed(SqlNode statements, String grammar) {}

    /** Every attempt failed; {@code offset} is where the best attempt stopped. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        SyntaxError(String message, int offset) {
            super(message);
            this.offset = offset;
        }
    }

    private record Grammar(String name, Function<CharStream, Lexer> lexer, Function<CommonTokenStream, Parser> parser,
                           Function<Parser, ParserRuleContext> root, Vocabulary vocabulary) {}

    private static final Grammar MARIADB = new Grammar("MariaDB", MariaDBLexer::new, MariaDBParser::new,
            p -> ((MariaDBParser) p).root(), MariaDBParser.VOCABULARY);
    private static final Grammar MYSQL = new Grammar("MySQL", MySqlLexer::new, MySqlParser::new,
            p -> ((MySqlParser) p).root(), MySqlParser.VOCABULARY);
    private static final List<Grammar> ORDER = List.of(MARIADB, MYSQL);

    private Grammars() {}

    static Parsed parse(String sql) throws SyntaxError {
        List<String> texts = new ArrayList<>(2);
        String executed = withVersionCommentsExecuted(sql);
        if (!executed.equals(sql)) {
            texts.add(executed);
        }
        texts.add(sql);
        SyntaxError best = null;
        for (String text : texts) {
            for (Grammar g : ORDER) {
                try {
                    ParserRuleContext root = run(g, text);
                    return new Parsed(statementsOf(root, sql, g.vocabulary()), g.name());
                } catch (SyntaxError e) {
                    if (best == null || e.offset > best.offset) {
                        best = e;
                    }
                }
            }
        }
        throw best;
    }

    private static ParserRuleContext run(Grammar g, String text) throws SyntaxError {
        Lexer lexer = g.lexer().apply(new CaseChangingCharStream(CharStreams.fromString(text), true));
        FirstError errors = new FirstError();
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        Parser parser = g.parser().apply(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        ParserRuleContext root;
        try {
            root = g.root().apply(parser);
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(errors);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            root = g.root().apply(parser);
        }
        if (errors.message != null) {
            throw new SyntaxError(g.name() + " grammar: " + errors.message, errors.offset);
        }
        return root;
    }

    /**
     * The text with the markers of executable comments replaced by spaces. The comments are found
     * by the lexer itself, so quotes and ordinary comments are honoured.
     */
    static String withVersionCommentsExecuted(String sql) {
        Lexer lexer = new MariaDBLexer(new CaseChangingCharStream(CharStreams.fromString(sql), true));
        lexer.removeErrorListeners();
        StringBuilder out = null;
        for (Token t : lexer.getAllTokens()) {
            String text = t.getText();
            boolean executable = text.startsWith("/*!") || text.startsWith("/*M!");
            if (!executable || !text.endsWith("*/") || text.length() < 5) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(sql);
            }
            int open = text.indexOf('!') + 1;
            int digits = 0;
            while (open + digits < text.length() - 2 && digits < 6 && Character.isDigit(text.charAt(open + digits))) {
                digits++;
            }
            int start = t.getStartIndex();
            for (int i = start; i < start + open + digits; i++) {
                out.setCharAt(i, ' ');
            }
            out.setCharAt(t.getStopIndex() - 1, ' ');
            out.setCharAt(t.getStopIndex(), ' ');
        }
        return out == null ? sql : out.toString();
    }

    /** Converts the ANTLR tree under {@code root} to nodes over the original text {@code sql}. */
    private static SqlNode statementsOf(ParserRuleContext root, String sql, Vocabulary vocabulary) {
        for (ParseTree child : childrenOf(root)) {
            if (child instanceof ParserRuleContext ctx && kindOf(ctx).equals("SqlStatements")) {
                return convert(ctx, sql, vocabulary);
            }
        }
        return null;
    }

    private static List<ParseTree> childrenOf(ParseTree t) {
        List<ParseTree> out = new ArrayList<>(t.getChildCount());
        for (int i = 0; i < t.getChildCount(); i++) {
            out.add(t.getChild(i));
        }
        return out;
    }

    private static SqlNode convert(ParseTree tree, String sql, Vocabulary vocabulary) {
        if (tree instanceof TerminalNode terminal) {
            Token t = terminal.getSymbol();
            String name = vocabulary.getSymbolicName(t.getType());
            String kind = name == null ? terminal.getText() : name;
            return new SqlNode(kind, true, t.getStartIndex(), t.getStopIndex() + 1, sql);
        }
        ParserRuleContext ctx = (ParserRuleContext) tree;
        int start = ctx.getStart().getStartIndex();
        int stop = ctx.getStop() == null || ctx.getStop().getStopIndex() < start ? start : ctx.getStop().getStopIndex() + 1;
        SqlNode node = new SqlNode(kindOf(ctx), false, start, stop, sql);
        for (ParseTree child : childrenOf(ctx)) {
            if (child instanceof TerminalNode tn && tn.getSymbol().getType() == Token.EOF) {
                continue;
            }
            node.add(convert(child, sql, vocabulary));
        }
        return node;
    }

    private static String kindOf(ParserRuleContext ctx) {
        String name = ctx.getClass().getSimpleName();
        return name.endsWith("Context") ? name.substring(0, name.length() - "Context".length()) : name;
    }

    private static final class FirstError extends BaseErrorListener {
        String message;
        int offset = -1;

        @Override public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
                                          int charPositionInLine, String msg, RecognitionException e) {
            if (message == null) {
                message = "line " + line + ":" + charPositionInLine + " " + msg;
                offset = offendingSymbol instanceof Token t ? t.getStartIndex() : Integer.MAX_VALUE / 2;
            }
        }
    }
}
