/**
 * Shard-merge DDL coordination: the tables of several sources merged into one target table by routes, and their
 * DDLs turned into what the target runs. The door is {@link io.godwit.shardmerge.ShardDdlCoordinator} with its
 * records; the optimistic logic ({@code OptimisticShardGroup}, {@code SchemaJoin}, {@code SchemaDiff},
 * {@code ColumnTypeOrder}) is package-private and pure.
 */
package io.godwit.shardmerge;
