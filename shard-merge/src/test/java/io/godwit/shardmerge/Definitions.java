package io.godwit.shardmerge;

import io.godwit.core.model.TableId;

import java.util.ArrayList;
import java.util.List;

/** Table definitions for tests, built by small edits of a base one as a schema tracker would see them. */
final class Definitions {
    static final ShardGroupId GROUP = ShardGroupId.of("orders", TableId.of("sales", "orders"));
    static final String TARGET = "`sales`.`orders`";
    static final ShardMember A = ShardMember.of("mysql-01", "shard_0", "orders_0");
    static final ShardMember B = ShardMember.of("mysql-01", "shard_0", "orders_1");
    static final ShardMember C = ShardMember.of("mysql-02", "shard_1", "orders_0");
    /** The DDL most tests start from: a nullable column every shard adds in turn. */
    static final String ADD_LEVEL = "ALTER TABLE " + TARGET + " ADD COLUMN `level` int NULL";
    static final ShardColumn LEVEL = ShardColumn.nullable("level", "int(11)");

    private Definitions() {}

    /** id bigint NOT NULL (primary key), name varchar(20) NULL, qty int NOT NULL (no default). */
    static ShardTableDefinition base() {
        return ShardTableDefinition.of(List.of(
                        ShardColumn.notNull("id", "bigint(20)", null),
                        ShardColumn.nullable("name", "varchar(20)"),
                        ShardColumn.notNull("qty", "int(11)", null)),
                List.of(ShardIndex.primaryKey("id")));
    }

    static ShardTableDefinition plus(ShardTableDefinition d, ShardColumn column) {
        List<ShardColumn> columns = new ArrayList<>(d.columns());
        columns.add(column);
        return new ShardTableDefinition(columns, d.indexes(), d.tableOptions());
    }

    static ShardTableDefinition minus(ShardTableDefinition d, String column) {
        return new ShardTableDefinition(d.columns().stream().filter(c -> !c.name().equalsIgnoreCase(column)).toList(),
                d.indexes(), d.tableOptions());
    }

    static ShardTableDefinition changed(ShardTableDefinition d, ShardColumn column) {
        return new ShardTableDefinition(d.columns().stream()
                .map(c -> c.name().equalsIgnoreCase(column.name()) ? column : c).toList(), d.indexes(), d.tableOptions());
    }

    static ShardTableDefinition plusIndex(ShardTableDefinition d, ShardIndex index) {
        List<ShardIndex> indexes = new ArrayList<>(d.indexes());
        indexes.add(index);
        return new ShardTableDefinition(d.columns(), indexes, d.tableOptions());
    }

    static ShardTableDefinition minusIndex(ShardTableDefinition d, String index) {
        return new ShardTableDefinition(d.columns(),
                d.indexes().stream().filter(i -> !i.name().equalsIgnoreCase(index)).toList(), d.tableOptions());
    }

    static ShardTableDefinition withOptions(ShardTableDefinition d, String options) {
        return new ShardTableDefinition(d.columns(), d.indexes(), options);
    }
}
