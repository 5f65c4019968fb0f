package io.godwit.core.config;

/** source.yaml {@code purge}: when relay log files are removed (relay log is not supported yet). */
public record PurgeConfig(long intervalSeconds, long expiresHours, long remainSpaceGb) {}
