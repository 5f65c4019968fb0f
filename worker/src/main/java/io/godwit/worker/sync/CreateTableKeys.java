package io.godwit.worker.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * The unique keys of a table, read from its {@code CREATE TABLE} text ({@code SHOW CREATE TABLE} output
 * or a statement the schema tracker kept): table-level {@code PRIMARY KEY (...)}, {@code UNIQUE [KEY|INDEX]
 * [name] (...)}, {@code CONSTRAINT [name] PRIMARY KEY|UNIQUE ...} and the column attributes {@code PRIMARY
 * KEY} / {@code UNIQUE [KEY]}. The text is tokenized (quoted names, strings, comments, nesting), never
 * matched with regular expressions, and only key definitions are looked at.
 *
 * <p>A key with an expression part (MySQL 8 functional index) cannot be evaluated from row values: it is
 * returned with {@link Key#evaluable()} false, and the syncer then treats its table as one unit.
 */
final class CreateTableKeys {

    /** One key part: a column, with the prefix length of a prefix index (0: the whole value). */
    record Part(String column, int prefix) {}

    /** A unique key; {@code parts} is empty when {@code evaluable} is false. */
    record Key(String name, boolean primary, List<Part> parts, boolean evaluable) {}

    private CreateTableKeys() {}

    /** The table's unique keys, the primary key first; empty for a text that defines none (or is empty). */
    static List<Key> uniqueKeys(String createTable) {
        List<Token> tokens = tokenize(createTable == null ? "" : createTable);
        int open = firstOpenParen(tokens);
        if (open < 0) {
            return List.of();
        }
        List<Key> keys = new ArrayList<>();
        int depth = 0;
        int itemStart = open + 1;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
                if (depth == 0) {
                    readItem(tokens.subList(itemStart, i), keys);
                    break;
                }
            } else if (t.is(",") && depth == 1) {
                readItem(tokens.subList(itemStart, i), keys);
                itemStart = i + 1;
            }
        }
        List<Key> ordered = new ArrayList<>();
        keys.stream().filter(Key::primary).forEach(ordered::add);
        keys.stream().filter(k -> !k.primary()).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    private static int firstOpenParen(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("(")) {
                return i;
            }
        }
        return -1;
    }

    /** One element of the definition list: a column or an index/constraint definition. */
    private static void readItem(List<Token> item, List<Key> keys) {
        if (item.isEmpty()) {
            return;
        }
        int i = 0;
        String constraintName = null;
        if (item.get(0).isWord("CONSTRAINT")) {
            i = 1;
            if (i < item.size() && !item.get(i).isWord("PRIMARY") && !item.get(i).isWord("UNIQUE")
                    && !item.get(i).isWord("FOREIGN") && !item.get(i).isWord("CHECK")) {
                constraintName = item.get(i).text;
                i++;
            }
        }
        Token first = item.get(Math.min(i, item.size() - 1));
        if (first.isWord("PRIMARY")) {
            keys.add(indexKey(item, i + 1, "PRIMARY", true));
        } else if (first.isWord("UNIQUE")) {
            keys.add(indexKey(item, i + 1, constraintName, false));
        } else if (i == 0 && first.kind != Kind.PUNCT && !first.isAnyWord("KEY", "INDEX", "FULLTEXT", "SPATIAL",
                "FOREIGN", "CHECK", "PERIOD", "VECTOR")) {
            columnAttributeKeys(item, keys);
        }
    }

    /** {@code [KEY|INDEX] [name] [USING x] (parts)} after PRIMARY or UNIQUE. */
    private static Key indexKey(List<Token> item, int i, String constraintName, boolean primary) {
        String name = constraintName;
        while (i < item.size() && !item.get(i).is("(")) {
            Token t = item.get(i);
            if (!t.isAnyWord("KEY", "INDEX", "USING", "BTREE", "HASH") && name == null) {
                name = t.text;
            }
            i++;
        }
        List<Part> parts = new ArrayList<>();
        boolean evaluable = readParts(item, i, parts);
        return new Key(name == null ? "" : name, primary, evaluable ? List.copyOf(parts) : List.of(), evaluable);
    }

    /** {@code (col [(n)] [ASC|DESC], ...)}; false when a part is an expression. */
    private static boolean readParts(List<Token> item, int open, List<Part> parts) {
        if (open >= item.size()) {
            return false;
        }
        int i = open + 1;
        while (i < item.size() && !item.get(i).is(")")) {
            Token t = item.get(i);
            if (t.is("(") || t.kind == Kind.STRING || t.kind == Kind.PUNCT) {
                return false;
            }
            String column = t.text;
            int prefix = 0;
            i++;
            if (i + 2 < item.size() && item.get(i).is("(") && item.get(i + 1).kind == Kind.NUMBER && item.get(i + 2).is(")")) {
                prefix = Integer.parseInt(item.get(i + 1).text);
                i += 3;
            }
            while (i < item.size() && item.get(i).isAnyWord("ASC", "DESC")) {
                i++;
            }
            parts.add(new Part(column, prefix));
            if (i < item.size() && item.get(i).is(",")) {
                i++;
            } else if (i < item.size() && !item.get(i).is(")")) {
                return false;
            }
        }
        return !parts.isEmpty();
    }

    /** A column definition: its inline {@code PRIMARY KEY} or {@code UNIQUE [KEY]} at the top nesting level. */
    private static void columnAttributeKeys(List<Token> item, List<Key> keys) {
        String column = item.get(0).text;
        int depth = 0;
        for (int i = 1; i < item.size(); i++) {
            Token t = item.get(i);
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            } else if (depth == 0 && t.isWord("PRIMARY") && i + 1 < item.size() && item.get(i + 1).isWord("KEY")) {
                keys.add(new Key("PRIMARY", true, List.of(new Part(column, 0)), true));
            } else if (depth == 0 && t.isWord("UNIQUE")) {
                keys.add(new Key(column, false, List.of(new Part(column, 0)), true));
            }
        }
    }

    // ---- tokenizer

    private enum Kind { WORD, QUOTED, STRING, NUMBER, PUNCT }

    private record Token(Kind kind, String text) {
        boolean is(String punct) { return kind == Kind.PUNCT && text.equals(punct); }

        boolean isWord(String word) { return kind == Kind.WORD && text.equalsIgnoreCase(word); }

        boolean isAnyWord(String... words) {
            for (String w : words) {
                if (isWord(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == '-' && i + 2 <= n && sql.startsWith("--", i)
                    && (i + 2 == n || Character.isWhitespace(sql.charAt(i + 2)))) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i)) {
                // Executable comment: its content is SQL; skip only the marker and version number.
                i += sql.charAt(2 + i) == 'M' ? 4 : 3;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (sql.startsWith("*/", i)) {
                i += 2;
            } else if (c == '`') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '`') {
                        if (j + 1 < n && sql.charAt(j + 1) == '`') {
                            b.append('`');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    b.append(d);
                    j++;
                }
                out.add(new Token(Kind.QUOTED, b.toString()));
                i = j + 1;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\') {
                        j += 2;
                    } else if (d == c && j + 1 < n && sql.charAt(j + 1) == c) {
                        j += 2; // doubled quote
                    } else if (d == c) {
                        break;
                    } else {
                        j++;
                    }
                }
                out.add(new Token(Kind.STRING, sql.substring(i, Math.min(j + 1, n))));
                i = j + 1;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                String text = sql.substring(i, j);
                out.add(new Token(text.chars().allMatch(Character::isDigit) ? Kind.NUMBER : Kind.WORD, text));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == '$' || c > 127) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$' || sql.charAt(j) > 127)) {
                    j++;
                }
                out.add(new Token(Kind.WORD, sql.substring(i, j)));
                i = j;
            } else {
                out.add(new Token(Kind.PUNCT, String.valueOf(c)));
                i++;
            }
        }
        return out;
    }
}
