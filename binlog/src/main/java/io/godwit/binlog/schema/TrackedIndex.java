package io.godwit.binlog.schema;

import io.godwit.binlog.ddl.IndexDefinition.KeyPart;
import java.util.List;

/**
 * An index of a tracked table. Foreign keys are not kept, only the index they need.
 *
 * @param kind      PRIMARY, UNIQUE, INDEX, FULLTEXT or SPATIAL
 * @param invisible INVISIBLE (MySQL) or IGNORED (MariaDB)
 */
record TrackedIndex(String name, Kind kind, List<KeyPart> parts, boolean invisible) {
    enum Kind { PRIMARY, UNIQUE, INDEX, FULLTEXT, SPATIAL }

    TrackedIndex {
        parts = List.copyOf(parts);
    }

    static final String PRIMARY = "PRIMARY";

    boolean unique() { return kind == Kind.PRIMARY || kind == Kind.UNIQUE; }

    boolean named(String other) { return name.equalsIgnoreCase(other); }

    boolean hasPrefixPart() { return parts.stream().anyMatch(p -> p.length() != null); }

    boolean hasExpressionPart() { return parts.stream().anyMatch(p -> p.column() == null); }

    TrackedIndex withName(String newName) { return new TrackedIndex(newName, kind, parts, invisible); }

    TrackedIndex withParts(List<KeyPart> newParts) { return new TrackedIndex(name, kind, newParts, invisible); }

    TrackedIndex withInvisible(boolean newInvisible) { return new TrackedIndex(name, kind, parts, newInvisible); }
}
