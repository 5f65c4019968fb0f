package io.godwit.filters.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** A parsed expression: evaluates to a {@link SqlValue} representation on one row, null for SQL NULL. */
sealed interface Node {

    Object eval(Object[] row);

    record Literal(Object value) implements Node {
        public Object eval(Object[] row) { return value; }
    }

    /** A column by its position in the row. */
    record Column(String name, int index) implements Node {
        public Object eval(Object[] row) { return SqlValue.of(row[index]); }
    }

    record Not(Node operand) implements Node {
        public Object eval(Object[] row) {
            Boolean t = SqlValue.truth(operand.eval(row));
            return t == null ? null : SqlValue.bool(!t);
        }
    }

    record Negate(Node operand) implements Node {
        public Object eval(Object[] row) {
            Object v = operand.eval(row);
            if (v == null) {
                return null;
            }
            Object n = SqlValue.number(v);
            return n instanceof Double d ? (Object) (-d) : ((BigDecimal) n).negate();
        }
    }

    enum Logic { AND, OR, XOR }

    /** AND/OR/XOR with SQL's three-valued logic: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE. */
    record Logical(Logic op, Node left, Node right) implements Node {
        public Object eval(Object[] row) {
            Boolean l = SqlValue.truth(left.eval(row));
            if (op == Logic.AND && Boolean.FALSE.equals(l) || op == Logic.OR && Boolean.TRUE.equals(l)) {
                return SqlValue.bool(l);
            }
            Boolean r = SqlValue.truth(right.eval(row));
            return switch (op) {
                case AND -> Boolean.FALSE.equals(r) ? SqlValue.FALSE : l == null || r == null ? null : SqlValue.TRUE;
                case OR -> Boolean.TRUE.equals(r) ? SqlValue.TRUE : l == null || r == null ? null : SqlValue.FALSE;
                case XOR -> l == null || r == null ? null : SqlValue.bool(l ^ r);
            };
        }
    }

    enum Comparison { EQ, NE, LT, LE, GT, GE, NULL_SAFE_EQ }

    record Compare(Comparison op, Node left, Node right) implements Node {
        public Object eval(Object[] row) {
            Object l = left.eval(row);
            Object r = right.eval(row);
            if (op == Comparison.NULL_SAFE_EQ) {
                return SqlValue.bool(l == null ? r == null : r != null && SqlValue.compare(l, r) == 0);
            }
            if (l == null || r == null) {
                return null;
            }
            int c = SqlValue.compare(l, r);
            return SqlValue.bool(switch (op) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case NULL_SAFE_EQ -> throw new IllegalStateException();
            });
        }
    }

    /** {@code x IS [NOT] NULL|TRUE|FALSE|UNKNOWN}: never NULL itself. */
    record Is(Node operand, Boolean truth, boolean negated) implements Node {
        public Object eval(Object[] row) {
            Object v = operand.eval(row);
            boolean holds = truth == null ? v == null : truth.equals(SqlValue.truth(v));
            return SqlValue.bool(holds != negated);
        }
    }

    /** {@code x [NOT] IN (a, b, ...)}: TRUE on a match, else NULL if x or any item is NULL, else FALSE. */
    record In(Node operand, List<Node> items, boolean negated) implements Node {
        public Object eval(Object[] row) {
            Object v = operand.eval(row);
            if (v == null) {
                return null;
            }
            boolean sawNull = false;
            for (Node item : items) {
                Object i = item.eval(row);
                if (i == null) {
                    sawNull = true;
                } else if (SqlValue.compare(v, i) == 0) {
                    return SqlValue.bool(!negated);
                }
            }
            return sawNull ? null : SqlValue.bool(negated);
        }
    }

    /** {@code x [NOT] BETWEEN lo AND hi} = {@code x >= lo AND x <= hi}, three-valued. */
    record Between(Node operand, Node low, Node high, boolean negated) implements Node {
        public Object eval(Object[] row) {
            Node both = new Logical(Logic.AND, new Compare(Comparison.GE, operand, low),
                    new Compare(Comparison.LE, operand, high));
            Object v = both.eval(row);
            if (!negated || v == null) {
                return v;
            }
            return SqlValue.bool(!SqlValue.truth(v));
        }
    }

    /** {@code x [NOT] LIKE pattern [ESCAPE c]}: {@code %} any run, {@code _} one character; default collation. */
    record Like(Node operand, Node pattern, char escape, boolean negated) implements Node {
        public Object eval(Object[] row) {
            Object v = operand.eval(row);
            Object p = pattern.eval(row);
            if (v == null || p == null) {
                return null;
            }
            boolean binary = v instanceof byte[] || p instanceof byte[];
            String s = SqlValue.text(v);
            String pat = SqlValue.text(p);
            if (!binary) {
                s = SqlValue.fold(s);
                pat = SqlValue.fold(pat);
            }
            return SqlValue.bool(matches(s, pat, escape) != negated);
        }

        /**
         * Greedy wildcard matching with backtracking to the last {@code %} only: linear in practice and
         * O(length x pattern) at worst, unlike naive recursion. An escape at the pattern's end is literal.
         */
        private static boolean matches(String s, String p, char escape) {
            int m = 0;
            char[] literal = new char[p.length()];
            byte[] kind = new byte[p.length()];   // 0 literal, 1 '_', 2 '%'
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == escape && i + 1 < p.length()) {
                    literal[m] = p.charAt(++i);
                    kind[m++] = 0;
                } else {
                    literal[m] = c;
                    kind[m++] = (byte) (c == '_' ? 1 : c == '%' ? 2 : 0);
                }
            }
            int si = 0;
            int pi = 0;
            int lastRun = -1;
            int runStart = 0;
            while (si < s.length()) {
                if (pi < m && (kind[pi] == 1 || kind[pi] == 0 && literal[pi] == s.charAt(si))) {
                    si++;
                    pi++;
                } else if (pi < m && kind[pi] == 2) {
                    lastRun = pi++;
                    runStart = si;
                } else if (lastRun >= 0) {
                    pi = lastRun + 1;
                    si = ++runStart;
                } else {
                    return false;
                }
            }
            while (pi < m && kind[pi] == 2) {
                pi++;
            }
            return pi == m;
        }
    }

    enum Arithmetic { ADD, SUBTRACT, MULTIPLY, DIVIDE, INT_DIVIDE, MODULO }

    /** Arithmetic on numbers (strings and dates converted); division by zero is NULL, as in MySQL. */
    record Arith(Arithmetic op, Node left, Node right) implements Node {
        /** MySQL's {@code div_precision_increment} default: digits a division adds to the dividend's scale. */
        private static final int DIV_PRECISION_INCREMENT = 4;

        public Object eval(Object[] row) {
            Object lv = left.eval(row);
            Object rv = right.eval(row);
            if (lv == null || rv == null) {
                return null;
            }
            Object l = SqlValue.number(lv);
            Object r = SqlValue.number(rv);
            if (l instanceof Double || r instanceof Double) {
                double x = ((Number) l).doubleValue();
                double y = ((Number) r).doubleValue();
                if (y == 0 && (op == Arithmetic.DIVIDE || op == Arithmetic.INT_DIVIDE || op == Arithmetic.MODULO)) {
                    return null;
                }
                double result = switch (op) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> x / y;
                    case INT_DIVIDE -> Math.floor(Math.abs(x / y)) * Math.signum(x / y);
                    case MODULO -> x % y;
                };
                // MySQL refuses a DOUBLE out of range; as a filter value it is unknown, which keeps the row.
                return Double.isFinite(result) ? (op == Arithmetic.INT_DIVIDE ? BigDecimal.valueOf((long) result) : result)
                        : null;
            }
            BigDecimal x = (BigDecimal) l;
            BigDecimal y = (BigDecimal) r;
            return switch (op) {
                case ADD -> x.add(y);
                case SUBTRACT -> x.subtract(y);
                case MULTIPLY -> x.multiply(y);
                case DIVIDE -> y.signum() == 0 ? null
                        : x.divide(y, Math.max(x.scale(), 0) + DIV_PRECISION_INCREMENT, RoundingMode.HALF_UP);
                case INT_DIVIDE -> y.signum() == 0 ? null : x.divide(y, 0, RoundingMode.DOWN);
                case MODULO -> y.signum() == 0 ? null : x.remainder(y);
            };
        }
    }

    record Call(SqlFunction function, List<Node> args) implements Node {
        public Object eval(Object[] row) {
            return function.apply(args, row);
        }
    }
}
