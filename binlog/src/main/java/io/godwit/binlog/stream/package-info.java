/**
 * The source side of the sync unit: a replica connection to a MySQL or MariaDB binlog, turned into
 * Godwit's {@link io.godwit.core.event.ChangeEvent}s.
 *
 * <p>The door is {@link io.godwit.binlog.stream.ChangeStream}, configured by
 * {@link io.godwit.binlog.stream.ChangeStreamConfig} and
 * {@link io.godwit.binlog.stream.BinlogStreamConfig}. Everything else here is internal; the binlog
 * library's types appear only in package-private classes, and only
 * {@link io.godwit.binlog.stream.BinlogStream} drives its client.
 */
package io.godwit.binlog.stream;
