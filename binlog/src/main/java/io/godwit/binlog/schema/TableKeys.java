package io.godwit.binlog.schema;

import java.util.List;
import java.util.Optional;

/**
 * The unique keys of a tracked table in the server's order (primary key first), as the syncer
 * needs them to find changes that touch the same row. Keys with an expression part (MySQL 8
 * functional key parts) are left out: their values cannot be read off a row.
 */
public record TableKeys(List<UniqueKey> uniqueKeys) {
    public TableKeys {
        uniqueKeys = List.copyOf(uniqueKeys);
    }

    /**
     * @param nullable a column of the key allows NULL (rows with NULL in it do not collide)
     * @param prefixed a part of the key is a column prefix ({@code c(10)}): equal prefixes collide
     *                 even when the whole values differ
     */
    public record UniqueKey(String name, List<String> columns, boolean primary, boolean nullable, boolean prefixed) {
        public UniqueKey {
            columns = List.copyOf(columns);
        }
    }

    public Optional<UniqueKey> primaryKey() {
        return uniqueKeys.stream().filter(UniqueKey::primary).findFirst();
    }
}
