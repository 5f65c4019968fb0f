/**
 * Not API: the key declarations of task.yaml and source.yaml ({@code TaskSchema}, {@code SourceSchema}, ...)
 * and the machinery that reads YAML with them. Other modules use {@code io.godwit.core.config}:
 * {@code ConfigLoader}, {@code ConfigChecker}, {@code TaskPlan} and the records.
 */
package io.godwit.core.config.internal;
