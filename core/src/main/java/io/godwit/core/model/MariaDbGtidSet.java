package io.godwit.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MariaDB GTID position: per replication domain the last transaction executed,
 * {@code domain-server-seq}, as in {@code gtid_slave_pos} and {@code BINLOG_GTID_POS()}. A
 * transaction is contained when its domain's sequence number is at most the recorded one (MariaDB
 * numbers a domain's transactions in commit order).
 */
public final class MariaDbGtidSet implements GtidSet {
    public static final MariaDbGtidSet EMPTY = new MariaDbGtidSet(new TreeMap<>());

    private static final Pattern GTID = Pattern.compile("(\\d{1,10})-(\\d{1,10})-(\\d{1,20})");
    private static final Pattern SET = Pattern.compile("\\d{1,10}-\\d{1,10}-\\d{1,20}(,\\d{1,10}-\\d{1,10}-\\d{1,20})*");

    private final TreeMap<Long, Gtid> domains;

    private MariaDbGtidSet(TreeMap<Long, Gtid> domains) {
        this.domains = domains;
    }

    static boolean looksLikeOne(String text) {
        return SET.matcher(text.replaceAll("\\s", "")).matches();
    }

    /**
     * Parses {@code d-s-n,...}; empty text is the empty position.
     *
     * @throws IllegalArgumentException on bad syntax or two members for one domain (a position holds one per domain)
     */
    public static MariaDbGtidSet parse(String text) {
        String t = text == null ? "" : text.replaceAll("\\s", "");
        if (t.isEmpty()) {
            return EMPTY;
        }
        TreeMap<Long, Gtid> domains = new TreeMap<>();
        for (String member : t.split(",", -1)) {
            Gtid g = Gtid.parse(member);
            if (domains.put(g.domain(), g) != null) {
                throw new IllegalArgumentException("two positions for domain " + g.domain() + " in '" + text + "'");
            }
        }
        return new MariaDbGtidSet(domains);
    }

    @Override public boolean isEmpty() { return domains.isEmpty(); }

    @Override public boolean contains(String gtid) {
        Gtid g = Gtid.parse(gtid.strip());
        Gtid mine = domains.get(g.domain());
        return mine != null && Long.compareUnsigned(g.seq(), mine.seq()) <= 0;
    }

    /** The position after {@code gtid}: its domain now ends at that transaction, as a replica records it. */
    @Override public MariaDbGtidSet with(String gtid) {
        Gtid g = Gtid.parse(gtid.strip());
        TreeMap<Long, Gtid> copy = new TreeMap<>(domains);
        copy.put(g.domain(), g);
        return new MariaDbGtidSet(copy);
    }

    /** Convenience for the binlog reader: the transaction {@code domain-server-seq}. */
    public MariaDbGtidSet with(long domain, long serverId, long seq) {
        TreeMap<Long, Gtid> copy = new TreeMap<>(domains);
        copy.put(domain, new Gtid(domain, serverId, seq));
        return new MariaDbGtidSet(copy);
    }

    /**
     * Domain by domain (a missing domain has executed nothing); equal sequence numbers written by
     * different servers are different histories, so INCOMPARABLE.
     */
    @Override public PartialOrder compare(GtidSet other) {
        if (!(other instanceof MariaDbGtidSet o)) {
            return PartialOrder.INCOMPARABLE;
        }
        PartialOrder result = PartialOrder.SAME;
        TreeMap<Long, Gtid> all = new TreeMap<>(domains);
        all.putAll(o.domains);
        for (Long domain : all.keySet()) {
            Gtid mine = domains.get(domain);
            Gtid theirs = o.domains.get(domain);
            PartialOrder part;
            if (mine == null || theirs == null) {
                part = mine == null ? PartialOrder.BEFORE : PartialOrder.AFTER;
            } else {
                int c = Long.compareUnsigned(mine.seq(), theirs.seq());
                part = c < 0 ? PartialOrder.BEFORE : c > 0 ? PartialOrder.AFTER
                        : mine.serverId() == theirs.serverId() ? PartialOrder.SAME : PartialOrder.INCOMPARABLE;
            }
            result = result.and(part);
        }
        return result;
    }

    @Override public boolean equals(Object o) {
        return o instanceof MariaDbGtidSet other && domains.equals(other.domains);
    }

    @Override public int hashCode() { return Objects.hash(domains); }

    @Override public String toString() {
        StringJoiner j = new StringJoiner(",");
        for (Map.Entry<Long, Gtid> e : domains.entrySet()) {
            j.add(e.getValue().toString());
        }
        return j.toString();
    }

    private record Gtid(long domain, long serverId, long seq) {
        static Gtid parse(String text) {
            Matcher m = GTID.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a MariaDB GTID: '" + text + "'");
            }
            try {
                long domain = Long.parseLong(m.group(1));
                long server = Long.parseLong(m.group(2));
                long seq = Long.parseUnsignedLong(m.group(3));
                if (domain > 0xFFFFFFFFL || server > 0xFFFFFFFFL) {
                    throw new NumberFormatException("domain and server id are 32-bit");
                }
                return new Gtid(domain, server, seq);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a MariaDB GTID: '" + text + "'", e);
            }
        }

        @Override public String toString() { return domain + "-" + serverId + "-" + Long.toUnsignedString(seq); }
    }
}
