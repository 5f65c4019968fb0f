/**
 * Godwit's change-event model. <h2>Row values</h2> The value contract of a row in a {@link ChangeEvent}: an {@code Object[]} with one entry per
 * column of the table as of the event's binlog position (generated columns included, in ordinal
 * order), each already decoded with that schema so the applier can bind it as a JDBC parameter
 * and the server stores exactly the source's value:
 *
 * <ul>
 *   <li>{@code null} for SQL NULL;</li>
 *   <li>{@link Long} for every integer type and YEAR, unsigned ones corrected to their unsigned
 *       value; {@link java.math.BigInteger} for BIGINT UNSIGNED above {@code Long.MAX_VALUE};</li>
 *   <li>{@link java.math.BigDecimal} for DECIMAL; {@link Float} / {@link Double} for FLOAT / DOUBLE;</li>
 *   <li>{@link String} for character columns (decoded with the column's charset), JSON (as JSON
 *       text), ENUM (the member name) and SET (member names joined by commas);</li>
 *   <li>{@code byte[]} for BINARY, VARBINARY, BLOB types, BIT (big-endian, {@code ceil(n/8)}
 *       bytes) and spatial types (WKB with SRID, as stored);</li>
 *   <li>{@link java.time.LocalDate} for DATE, {@link java.time.LocalDateTime} for DATETIME and
 *       TIMESTAMP (TIMESTAMP as UTC wall time; Godwit's sessions run in UTC), with the column's
 *       fractional digits;</li>
 *   <li>{@link String} in MySQL's literal form for what java.time cannot hold: zero or partly
 *       zero dates ({@code 0000-00-00}, {@code 2020-00-00 00:00:00}) and TIME values
 *       ({@code -838:59:59.000000}).</li>
 * </ul>
 */
package io.godwit.core.event;
