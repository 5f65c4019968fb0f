package io.godwit.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A MySQL GTID set: per source ({@code server_uuid}, plus a tag since MySQL 8.3) the executed
 * transaction numbers as sorted, non-adjacent closed intervals. Text form as the server prints it,
 * lower-case: {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,...:tag:1-3}.
 */
public final class MySqlGtidSet implements GtidSet {
    public static final MySqlGtidSet EMPTY = new MySqlGtidSet(new TreeMap<>());

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TAG = Pattern.compile("[a-z_][a-z0-9_]{0,31}");

    /** Key {@code uuid} or {@code uuid:tag}: both sort a source's untagged transactions first. */
    private final TreeMap<String, List<Interval>> sources;

    private MySqlGtidSet(TreeMap<String, List<Interval>> sources) {
        this.sources = sources;
    }

    /** Parses the server's text (whitespace and newlines between members are ignored); empty text is the empty set. */
    public static MySqlGtidSet parse(String text) {
        TreeMap<String, List<Interval>> sources = new TreeMap<>();
        String t = text == null ? "" : text.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return EMPTY;
        }
        for (String member : t.split(",", -1)) {
            String[] parts = member.split(":", -1);
            if (parts.length < 2 || !UUID.matcher(parts[0]).matches()) {
                throw new IllegalArgumentException("not a MySQL GTID set member: '" + member + "' in '" + text + "'");
            }
            String key = parts[0];
            for (int i = 1; i < parts.length; i++) {
                if (TAG.matcher(parts[i]).matches()) {
                    key = parts[0] + ":" + parts[i];
                    continue;
                }
                Interval iv = Interval.parse(parts[i], text);
                sources.put(key, union(sources.getOrDefault(key, List.of()), iv));
            }
        }
        return new MySqlGtidSet(sources);
    }

    @Override public boolean isEmpty() { return sources.isEmpty(); }

    @Override public boolean contains(String gtid) {
        Transaction tx = Transaction.parse(gtid);
        for (Interval iv : sources.getOrDefault(tx.source(), List.of())) {
            if (iv.start() <= tx.number() && tx.number() <= iv.end()) {
                return true;
            }
        }
        return false;
    }

    @Override public MySqlGtidSet with(String gtid) {
        Transaction tx = Transaction.parse(gtid);
        TreeMap<String, List<Interval>> copy = new TreeMap<>(sources);
        copy.put(tx.source(), union(copy.getOrDefault(tx.source(), List.of()), new Interval(tx.number(), tx.number())));
        return new MySqlGtidSet(copy);
    }

    @Override public PartialOrder compare(GtidSet other) {
        if (!(other instanceof MySqlGtidSet o)) {
            return PartialOrder.INCOMPARABLE;
        }
        boolean sub = isSubsetOf(this, o);
        boolean sup = isSubsetOf(o, this);
        if (sub && sup) {
            return PartialOrder.SAME;
        }
        return sub ? PartialOrder.BEFORE : sup ? PartialOrder.AFTER : PartialOrder.INCOMPARABLE;
    }

    private static boolean isSubsetOf(MySqlGtidSet a, MySqlGtidSet b) {
        for (Map.Entry<String, List<Interval>> e : a.sources.entrySet()) {
            List<Interval> theirs = b.sources.getOrDefault(e.getKey(), List.of());
            for (Interval iv : e.getValue()) {
                if (theirs.stream().noneMatch(t -> t.start() <= iv.start() && iv.end() <= t.end())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Adds {@code add} to sorted, merged intervals, merging it with overlapping and adjacent ones. */
    private static List<Interval> union(List<Interval> sorted, Interval add) {
        List<Interval> out = new ArrayList<>(sorted.size() + 1);
        long start = add.start();
        long end = add.end();
        boolean placed = false;
        for (Interval iv : sorted) {
            if (iv.end() < start - 1) {
                out.add(iv);
            } else if (iv.start() > end + 1) {
                if (!placed) {
                    out.add(new Interval(start, end));
                    placed = true;
                }
                out.add(iv);
            } else {
                start = Math.min(start, iv.start());
                end = Math.max(end, iv.end());
            }
        }
        if (!placed) {
            out.add(new Interval(start, end));
        }
        return Collections.unmodifiableList(out);
    }

    @Override public boolean equals(Object o) {
        return o instanceof MySqlGtidSet other && sources.equals(other.sources);
    }

    @Override public int hashCode() { return Objects.hash(sources); }

    @Override public String toString() {
        StringJoiner members = new StringJoiner(",");
        StringBuilder member = null;
        String uuid = null;
        for (Map.Entry<String, List<Interval>> e : sources.entrySet()) {
            int colon = e.getKey().indexOf(':');
            String keyUuid = colon < 0 ? e.getKey() : e.getKey().substring(0, colon);
            if (!keyUuid.equals(uuid)) {
                if (member != null) {
                    members.add(member);
                }
                member = new StringBuilder(keyUuid);
                uuid = keyUuid;
            }
            if (colon >= 0) {
                member.append(e.getKey(), colon, e.getKey().length());
            }
            for (Interval iv : e.getValue()) {
                member.append(':').append(iv);
            }
        }
        if (member != null) {
            members.add(member);
        }
        return members.toString();
    }

    private record Interval(long start, long end) {
        static Interval parse(String text, String whole) {
            try {
                int dash = text.indexOf('-');
                long start = Long.parseLong(dash < 0 ? text : text.substring(0, dash));
                long end = dash < 0 ? start : Long.parseLong(text.substring(dash + 1));
                if (start < 1 || end < start) {
                    throw new IllegalArgumentException("empty or non-positive interval");
                }
                return new Interval(start, end);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a GTID interval: '" + text + "' in '" + whole + "'", e);
            }
        }

        @Override public String toString() { return start == end ? Long.toString(start) : start + "-" + end; }
    }

    /** One transaction id: {@code uuid:n} or {@code uuid:tag:n}. */
    private record Transaction(String source, long number) {
        static Transaction parse(String gtid) {
            String g = gtid == null ? "" : gtid.strip().toLowerCase(Locale.ROOT);
            int last = g.lastIndexOf(':');
            String source = last < 0 ? "" : g.substring(0, last);
            int tagColon = source.indexOf(':');
            boolean valid = UUID.matcher(tagColon < 0 ? source : source.substring(0, tagColon)).matches()
                    && (tagColon < 0 || TAG.matcher(source.substring(tagColon + 1)).matches());
            try {
                long n = valid ? Long.parseLong(g.substring(last + 1)) : 0;
                if (n >= 1) {
                    return new Transaction(source, n);
                }
            } catch (NumberFormatException e) {
                // reported below with the whole text
            }
            throw new IllegalArgumentException("not a MySQL GTID: '" + gtid + "'");
        }
    }
}
