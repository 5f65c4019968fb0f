/**
 * DDL from the binlog: {@link io.godwit.binlog.ddl.DdlParser} reads a statement into a
 * {@link io.godwit.binlog.ddl.ParsedDdl} (single changes, or skipped with the reason, or
 * unsupported); each {@link io.godwit.binlog.ddl.DdlChange} is one statement of its own that
 * {@link io.godwit.binlog.ddl.DdlChange#route routing} rewrites in place, with its meaning as a
 * {@link io.godwit.binlog.ddl.TableChange}. Everything else in the package is package-private.
 */
package io.godwit.binlog.ddl;
