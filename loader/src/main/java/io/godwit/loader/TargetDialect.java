package io.godwit.loader;

import io.godwit.core.db.ServerFlavor;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a target server accepts in DDL: its flavour and the collations it knows (lower case).
 * An empty collation set means "unknown": collations are then left as the source wrote them.
 */
public record TargetDialect(ServerFlavor flavor, Set<String> collations) {
    public TargetDialect {
        collations = collations.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
