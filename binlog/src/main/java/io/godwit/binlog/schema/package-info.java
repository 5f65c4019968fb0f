/**
 * The schema tracker: {@link io.godwit.binlog.schema.SchemaTracker} models the source's tables as
 * of the binlog position being read, for {@link io.godwit.binlog.TableSchemas}; with
 * {@link io.godwit.binlog.schema.SourceDialect} (how the source spells types) and
 * {@link io.godwit.binlog.schema.TableKeys} (unique keys for causality). The model itself is
 * package-private.
 */
package io.godwit.binlog.schema;
