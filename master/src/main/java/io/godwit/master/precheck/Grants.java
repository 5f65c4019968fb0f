package io.godwit.master.precheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The privileges of {@code SHOW GRANTS} lines (the user's and its active roles', see
 * {@link ServerFacts#grants}), by scope: global ({@code *.*}), per schema ({@code `db`.*}) and per
 * table. Column privileges count for nothing here (a false failure, never a false pass).
 */
final class Grants {
    private static final Pattern GRANT = Pattern.compile("^GRANT\\s+(.+?)\\s+ON\\s+(?:(?:TABLE|FUNCTION|PROCEDURE)\\s+)?(\\S+)\\s+TO\\s",
            Pattern.CASE_INSENSITIVE);
    /** A role grant: {@code GRANT `r2` TO `r1`} or {@code GRANT `r`@`%` TO `u`@`%` WITH ADMIN OPTION}; no ON clause. */
    private static final Pattern ROLE_GRANT = Pattern.compile("^GRANT\\s+((?:`[^`]*`(?:@`[^`]*`)?\\s*,?\\s*)+)\\s+TO\\s",
            Pattern.CASE_INSENSITIVE);
    private static final String GLOBAL = "*.*";

    private final Map<String, Set<String>> byScope = new HashMap<>();

    static Grants parse(List<String> showGrants) {
        Grants g = new Grants();
        for (String line : showGrants) {
            Matcher m = GRANT.matcher(line.strip());
            if (!m.find()) {
                continue;
            }
            String scope = m.group(2).replace("`", "").toLowerCase(Locale.ROOT);
            for (String privilege : splitPrivileges(m.group(1))) {
                g.byScope.computeIfAbsent(scope, k -> new HashSet<>()).add(privilege);
            }
        }
        return g;
    }

    /**
     * {@code CURRENT_ROLE()} as a list of grantees for {@code SHOW GRANTS FOR}: MariaDB answers one role
     * name or NULL, MySQL 8 {@code `r1`@`%`,`r2`@`%`} or {@code NONE}.
     */
    static List<String> roleNames(String currentRole) {
        if (currentRole == null || currentRole.isBlank() || currentRole.equalsIgnoreCase("NONE")) {
            return List.of();
        }
        if (!currentRole.contains("`")) {
            return List.of(quote(currentRole));
        }
        return splitGrantees(currentRole);
    }

    /** The roles granted by role-grant lines ({@code GRANT `r2` TO `r1`}, no ON clause) among {@code showGrants}. */
    static List<String> rolesGranted(List<String> showGrants) {
        List<String> roles = new ArrayList<>();
        for (String line : showGrants) {
            Matcher m = ROLE_GRANT.matcher(line.strip());
            if (m.find()) {
                roles.addAll(splitGrantees(m.group(1)));
            }
        }
        return roles;
    }

    /** {@code `r1`@`%`, `r2`}: split at the commas outside backquotes. */
    private static List<String> splitGrantees(String list) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char ch : list.toCharArray()) {
            if (ch == '`') {
                quoted = !quoted;
            }
            if (ch == ',' && !quoted) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** True when {@code privilege} (e.g. "REPLICATION SLAVE") is held on every table. */
    boolean global(String privilege) {
        return holds(GLOBAL, privilege);
    }

    /** True when {@code privilege} is held on schema {@code db} (globally or for the schema). */
    boolean onSchema(String privilege, String db) {
        return global(privilege) || holds(db.toLowerCase(Locale.ROOT) + ".*", privilege);
    }

    /** True when {@code privilege} is held on table {@code db.table} (globally, for the schema or the table). */
    boolean onTable(String privilege, String db, String table) {
        return onSchema(privilege, db) || holds((db + "." + table).toLowerCase(Locale.ROOT), privilege);
    }

    /** True when {@code privilege} is held on any scope: globally, on some schema or on some table. */
    boolean anywhere(String privilege) {
        return byScope.keySet().stream().anyMatch(scope -> holds(scope, privilege));
    }

    private boolean holds(String scope, String privilege) {
        Set<String> p = byScope.get(scope);
        return p != null && (p.contains("ALL PRIVILEGES") || p.contains("ALL") || p.contains(privilege));
    }

    /** {@code SELECT, INSERT (a, b), RELOAD}: the privileges without their column lists; column ones dropped. */
    private static List<String> splitPrivileges(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        boolean columns = false;
        for (char ch : list.toCharArray()) {
            if (ch == '(') {
                depth++;
                columns = true;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                add(out, cur, columns);
                cur.setLength(0);
                columns = false;
            } else if (depth == 0) {
                cur.append(ch);
            }
        }
        add(out, cur, columns);
        return out;
    }

    private static void add(List<String> out, StringBuilder privilege, boolean columnLevel) {
        String p = privilege.toString().strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (!p.isEmpty() && !columnLevel) {
            out.add(p);
        }
    }
}
