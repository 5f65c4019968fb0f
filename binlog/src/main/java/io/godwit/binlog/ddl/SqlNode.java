package io.godwit.binlog.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One node of a parse tree, independent of the grammar that produced it. The MySQL and the MariaDB
 * grammars share their rule and label names (the MariaDB one was forked from the MySQL one), so the
 * code that reads statements is written once against these nodes and works for either tree.
 *
 * <p>A rule node's {@link #kind()} is its ANTLR context name without the {@code Context} suffix,
 * i.e. the alternative's label where the rule has labels ({@code AlterByAddColumn}) and the rule
 * name otherwise ({@code TableName}); a token's kind is its symbolic token name ({@code FIRST},
 * {@code STRING_LITERAL}). Positions are character offsets into the statement text: {@code stop}
 * is exclusive, so {@code sql.substring(start, stop)} is the node's original text.
 */
final class SqlNode {
    private final String kind;
    private final boolean token;
    private final int start;
    private final int stop;
    private final String sql;
    private final List<SqlNode> children = new ArrayList<>();

    SqlNode(String kind, boolean token, int start, int stop, String sql) {
        this.kind = kind;
        this.token = token;
        this.start = start;
        this.stop = stop;
        this.sql = sql;
    }

    void add(SqlNode child) { children.add(child); }

    String kind() { return kind; }
    boolean isToken() { return token; }
    int start() { return start; }
    int stop() { return stop; }
    List<SqlNode> children() { return children; }

    /** The original text of this node, comments and spacing inside it included. */
    String text() { return sql.substring(start, stop); }

    boolean is(String... kinds) {
        for (String k : kinds) {
            if (kind.equals(k)) {
                return true;
            }
        }
        return false;
    }

    /** The first direct child of one of the kinds. */
    Optional<SqlNode> child(String... kinds) {
        return children.stream().filter(c -> c.is(kinds)).findFirst();
    }

    /** All direct children of one of the kinds, in order. */
    List<SqlNode> all(String... kinds) {
        return children.stream().filter(c -> c.is(kinds)).toList();
    }

    boolean has(String... kinds) { return child(kinds).isPresent(); }

    /** The first direct child of one of the kinds that comes after the first child of kind {@code after}. */
    Optional<SqlNode> childAfter(String after, String... kinds) {
        boolean seen = false;
        for (SqlNode c : children) {
            if (seen && c.is(kinds)) {
                return Optional.of(c);
            }
            seen |= c.is(after);
        }
        return Optional.empty();
    }

    /** The first direct child of one of the kinds that comes before the first child of kind {@code before}. */
    Optional<SqlNode> childBefore(String before, String... kinds) {
        for (SqlNode c : children) {
            if (c.is(before)) {
                return Optional.empty();
            }
            if (c.is(kinds)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The first node of one of the kinds in this subtree, depth first, this node included. */
    Optional<SqlNode> find(String... kinds) {
        return find(n -> n.is(kinds));
    }

    Optional<SqlNode> find(Predicate<SqlNode> test) {
        if (test.test(this)) {
            return Optional.of(this);
        }
        for (SqlNode c : children) {
            Optional<SqlNode> hit = c.find(test);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    /** Every node of one of the kinds in this subtree, outermost first; the search does not enter a hit. */
    List<SqlNode> findAll(String... kinds) {
        List<SqlNode> out = new ArrayList<>();
        collect(out, kinds);
        return out;
    }

    private void collect(List<SqlNode> out, String... kinds) {
        if (is(kinds)) {
            out.add(this);
            return;
        }
        for (SqlNode c : children) {
            c.collect(out, kinds);
        }
    }

    /** The tokens of this subtree in order. */
    List<SqlNode> tokens() {
        return flatten().filter(SqlNode::isToken).toList();
    }

    private Stream<SqlNode> flatten() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(SqlNode::flatten));
    }

    /** The text upper-cased, for keywords and option values compared case-insensitively. */
    String upperText() { return text().toUpperCase(Locale.ROOT); }

    @Override public String toString() {
        return token ? kind + "(" + text() + ")" : kind + children;
    }
}
