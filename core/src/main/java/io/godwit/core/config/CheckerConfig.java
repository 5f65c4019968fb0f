package io.godwit.core.config;

import java.time.Duration;

/** source.yaml {@code checker}: automatic resume of paused tasks with exponential backoff. */
public record CheckerConfig(boolean checkEnable, Duration backoffRollback, Duration backoffMax) {}
