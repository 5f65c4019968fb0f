package io.godwit.dumper;

import io.godwit.core.model.TableId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A cheap digest of the definitions of the base tables in scope, as information_schema shows them
 * now (DDL is not MVCC: no snapshot transaction hides a later ALTER from it). Read in three
 * statements whatever the number of tables: the table list, the columns and the index parts of the
 * schemas in scope, hashed here (so no GROUP_CONCAT length limit applies).
 *
 * <p>A change and its undo leave the fingerprint as it was; {@link #ddlStatementsStarted} counts
 * them anyway.
 *
 * @param digests per table, a hash of its engine, collation, ordered columns (name, type,
 *                nullability, default, extra, character set, collation) and index parts
 */
record DefinitionFingerprint(Map<TableId, String> digests) {

    static DefinitionFingerprint read(Connection c, Predicate<TableId> scope) throws SQLException {
        Map<TableId, MessageDigest> hashes = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.FINGERPRINT_TABLES)) {
            while (rs.next()) {
                TableId id = TableId.of(rs.getString(1), rs.getString(2));
                if (scope.test(id)) {
                    update(hashes.computeIfAbsent(id, k -> sha256()), "table", rs, 3, 4);
                }
            }
        }
        if (!hashes.isEmpty()) {
            List<String> schemas = List.copyOf(new TreeSet<>(hashes.keySet().stream().map(TableId::schema).toList()));
            hashRows(c, DumpStatements.fingerprintColumns(schemas.size()), schemas, "column", 9, hashes);
            hashRows(c, DumpStatements.fingerprintIndexes(schemas.size()), schemas, "index", 8, hashes);
        }
        Map<TableId, String> digests = new TreeMap<>();
        hashes.forEach((id, md) -> digests.put(id, HexFormat.of().formatHex(md.digest())));
        return new DefinitionFingerprint(Map.copyOf(digests));
    }

    /** Tables added, dropped or redefined between this fingerprint and {@code later}, by name. */
    Set<TableId> changedIn(DefinitionFingerprint later) {
        Set<TableId> all = new HashSet<>(digests.keySet());
        all.addAll(later.digests.keySet());
        Set<TableId> changed = new TreeSet<>();
        for (TableId id : all) {
            if (!Objects.equals(digests.get(id), later.digests.get(id))) {
                changed.add(id);
            }
        }
        return changed;
    }

    /** Adds columns 3..{@code lastColumn} of each row to the hash of its table, for tables already listed. */
    private static void hashRows(Connection c, String sql, List<String> schemas, String kind, int lastColumn,
                                 Map<TableId, MessageDigest> hashes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < schemas.size(); i++) {
                ps.setString(i + 1, schemas.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MessageDigest md = hashes.get(TableId.of(rs.getString(1), rs.getString(2)));
                    if (md != null) { // a view, or a table created after the list was read
                        update(md, kind, rs, 3, lastColumn);
                    }
                }
            }
        }
    }

    /** One row as {@code kind} and its fields, each length-prefixed so that no two rows hash alike by shifting text. */
    private static void update(MessageDigest md, String kind, ResultSet rs, int first, int last) throws SQLException {
        StringBuilder row = new StringBuilder(kind);
        for (int i = first; i <= last; i++) {
            String v = rs.getString(i);
            row.append(v == null ? "|-" : "|" + v.length() + ":" + v);
        }
        md.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The server's counts of ALTER TABLE, RENAME TABLE, CREATE INDEX and DROP INDEX statements
     * started so far, in any schema (the server counts a statement when it starts, and only server-wide).
     */
    static Map<String, Long> ddlStatementsStarted(Connection c) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(DumpStatements.DDL_STATEMENT_COUNTS)) {
            while (rs.next()) {
                counts.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getLong(2));
            }
        }
        return Map.copyOf(counts);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
