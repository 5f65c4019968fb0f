/**
 * Which upstream data is migrated and where it goes, with TiDB DM's semantics: {@link
 * io.godwit.filters.BlockAllowList} (block-allow-list), {@link io.godwit.filters.TableRouter} (routes,
 * with extract-table/-schema/-source), {@link io.godwit.filters.BinlogEventFilter} (filters), {@link
 * io.godwit.filters.ExpressionFilter} (expression-filter, rows by SQL expression) and {@link
 * io.godwit.filters.TableFilterChain} combining the first two. Pure functions of the task's rules: no
 * I/O, immutable, thread-safe. Invalid rules fail at construction with one CONFIG_INVALID error that
 * lists every problem.
 */
package io.godwit.filters;
