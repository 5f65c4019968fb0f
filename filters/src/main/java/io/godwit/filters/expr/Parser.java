package io.godwit.filters.expr;

import io.godwit.core.error.GodwitException;
import io.godwit.filters.expr.Lexer.Kind;
import io.godwit.filters.expr.Lexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Recursive-descent parser of a MySQL boolean expression, with MySQL's precedence (lowest first):
 * <ol>
 *   <li>{@code OR ||}, then {@code XOR}, then {@code AND &&}, then {@code NOT};</li>
 *   <li>comparison ({@code = <=> <> != < <= > >=}) and {@code IS [NOT] NULL|TRUE|FALSE|UNKNOWN};</li>
 *   <li>{@code [NOT] IN (...)}, {@code [NOT] BETWEEN .. AND ..}, {@code [NOT] LIKE .. [ESCAPE ..]};</li>
 *   <li>{@code + -}, then {@code * / DIV % MOD}, then unary {@code - + !};</li>
 *   <li>literals, column names (plain or backquoted), function calls, parentheses.</li>
 * </ol>
 * Column names resolve to row positions through {@code columns}, which returns -1 for an unknown name.
 */
final class Parser {
    private final List<Token> tokens;
    private final ToIntFunction<String> columns;
    private int pos;

    private Parser(String text, ToIntFunction<String> columns) {
        this.tokens = Lexer.tokens(text);
        this.columns = columns;
    }

    /** @throws GodwitException CONFIG_INVALID naming what is wrong and where */
    static Node parse(String text, ToIntFunction<String> columns) {
        Parser p = new Parser(text, columns);
        Node n = p.or();
        if (p.peek().kind() != Kind.END) {
            throw Lexer.error(p.peek().at(), "unexpected '" + p.peek().text() + "'");
        }
        return n;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean accept(String word) {
        if (peek().is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!accept(word)) {
            throw Lexer.error(peek().at(), "expected " + word + " but found '" + peek().text() + "'");
        }
    }

    /** NOT followed by IN/BETWEEN/LIKE, without consuming anything otherwise. */
    private boolean acceptNotBefore(String... words) {
        if (peek().is("NOT")) {
            for (String w : words) {
                if (tokens.get(pos + 1).is(w)) {
                    pos++;
                    return true;
                }
            }
        }
        return false;
    }

    private Node or() {
        Node n = xor();
        while (accept("OR") || accept("||")) {
            n = new Node.Logical(Node.Logic.OR, n, xor());
        }
        return n;
    }

    private Node xor() {
        Node n = and();
        while (accept("XOR")) {
            n = new Node.Logical(Node.Logic.XOR, n, and());
        }
        return n;
    }

    private Node and() {
        Node n = not();
        while (accept("AND") || accept("&&")) {
            n = new Node.Logical(Node.Logic.AND, n, not());
        }
        return n;
    }

    private Node not() {
        if (accept("NOT")) {
            return new Node.Not(not());
        }
        return comparison();
    }

    private Node comparison() {
        Node n = predicate();
        while (true) {
            Node.Comparison op = comparisonOperator();
            if (op != null) {
                n = new Node.Compare(op, n, predicate());
            } else if (accept("IS")) {
                boolean negated = accept("NOT");
                Boolean truth;
                if (accept("NULL") || accept("UNKNOWN")) {
                    truth = null;
                } else if (accept("TRUE")) {
                    truth = true;
                } else if (accept("FALSE")) {
                    truth = false;
                } else {
                    throw Lexer.error(peek().at(), "expected NULL, TRUE, FALSE or UNKNOWN after IS");
                }
                n = new Node.Is(n, truth, negated);
            } else {
                return n;
            }
        }
    }

    private Node.Comparison comparisonOperator() {
        Token t = peek();
        if (t.kind() != Kind.SYMBOL) {
            return null;
        }
        Node.Comparison op = switch (t.text()) {
            case "=" -> Node.Comparison.EQ;
            case "<>", "!=" -> Node.Comparison.NE;
            case "<" -> Node.Comparison.LT;
            case "<=" -> Node.Comparison.LE;
            case ">" -> Node.Comparison.GT;
            case ">=" -> Node.Comparison.GE;
            case "<=>" -> Node.Comparison.NULL_SAFE_EQ;
            default -> null;
        };
        if (op != null) {
            pos++;
        }
        return op;
    }

    private Node predicate() {
        Node n = additive();
        boolean negated = acceptNotBefore("IN", "BETWEEN", "LIKE");
        if (accept("IN")) {
            expect("(");
            List<Node> items = new ArrayList<>();
            do {
                items.add(or());
            } while (accept(","));
            expect(")");
            return new Node.In(n, items, negated);
        }
        if (accept("BETWEEN")) {
            Node low = additive();
            expect("AND");
            return new Node.Between(n, low, predicate(), negated);
        }
        if (accept("LIKE")) {
            Node pattern = additive();
            char escape = '\\';
            if (accept("ESCAPE")) {
                Token e = next();
                if (e.kind() != Kind.STRING || e.text().length() != 1) {
                    throw Lexer.error(e.at(), "ESCAPE takes a one-character string");
                }
                escape = e.text().charAt(0);
            }
            return new Node.Like(n, pattern, escape, negated);
        }
        if (negated) {
            throw new IllegalStateException("NOT consumed without IN/BETWEEN/LIKE");
        }
        return n;
    }

    private Node additive() {
        Node n = multiplicative();
        while (true) {
            if (accept("+")) {
                n = new Node.Arith(Node.Arithmetic.ADD, n, multiplicative());
            } else if (accept("-")) {
                n = new Node.Arith(Node.Arithmetic.SUBTRACT, n, multiplicative());
            } else {
                return n;
            }
        }
    }

    private Node multiplicative() {
        Node n = unary();
        while (true) {
            if (accept("*")) {
                n = new Node.Arith(Node.Arithmetic.MULTIPLY, n, unary());
            } else if (accept("/")) {
                n = new Node.Arith(Node.Arithmetic.DIVIDE, n, unary());
            } else if (accept("DIV")) {
                n = new Node.Arith(Node.Arithmetic.INT_DIVIDE, n, unary());
            } else if (accept("%") || accept("MOD")) {
                n = new Node.Arith(Node.Arithmetic.MODULO, n, unary());
            } else {
                return n;
            }
        }
    }

    private Node unary() {
        if (accept("-")) {
            return new Node.Negate(unary());
        }
        if (accept("+")) {
            return unary();
        }
        if (accept("!")) {
            return new Node.Not(unary());
        }
        return primary();
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Node.Literal(t.text().matches(".*[eE].*") ? (Object) Double.parseDouble(t.text())
                        : new BigDecimal(t.text()));
            case STRING:
                return new Node.Literal(t.text());
            case QUOTED_NAME:
                return column(t);
            case SYMBOL:
                if (t.text().equals("(")) {
                    Node n = or();
                    expect(")");
                    return n;
                }
                throw Lexer.error(t.at(), "unexpected '" + t.text() + "'");
            case NAME:
                if (peek().is("(")) {
                    return call(t);
                }
                if (t.is("NULL")) {
                    return new Node.Literal(null);
                }
                if (t.is("TRUE")) {
                    return new Node.Literal(SqlValue.TRUE);
                }
                if (t.is("FALSE")) {
                    return new Node.Literal(SqlValue.FALSE);
                }
                if (Keywords.isReserved(t.text())) {
                    throw Lexer.error(t.at(), "unexpected keyword " + t.text().toUpperCase());
                }
                return column(t);
            default:
                throw Lexer.error(t.at(), "unexpected end of expression");
        }
    }

    private Node column(Token t) {
        int index = columns.applyAsInt(t.text());
        if (index < 0) {
            throw Lexer.error(t.at(), "unknown column `" + t.text() + "`");
        }
        return new Node.Column(t.text(), index);
    }

    private Node call(Token name) {
        SqlFunction f = SqlFunction.named(name.text()).orElseThrow(() -> Lexer.error(name.at(),
                "unknown or unsupported function " + name.text().toUpperCase()));
        expect("(");
        List<Node> args = new ArrayList<>();
        if (!accept(")")) {
            do {
                args.add(or());
            } while (accept(","));
            expect(")");
        }
        if (!f.accepts(args.size())) {
            throw Lexer.error(name.at(), f.name() + " takes " + f.arity() + " arguments, not " + args.size());
        }
        return new Node.Call(f, List.copyOf(args));
    }

    /** Words that cannot name a column unquoted. */
    private static final class Keywords {
        private static final java.util.Set<String> RESERVED = java.util.Set.of("AND", "OR", "XOR", "NOT", "IS", "IN",
                "BETWEEN", "LIKE", "ESCAPE", "DIV", "MOD", "NULL", "TRUE", "FALSE", "SELECT", "FROM", "WHERE");

        static boolean isReserved(String word) {
            return RESERVED.contains(word.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
