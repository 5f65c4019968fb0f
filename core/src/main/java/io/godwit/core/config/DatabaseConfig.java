package io.godwit.core.config;

import java.util.Map;

/**
 * How to reach a MySQL-family server: source.yaml {@code from} and task.yaml {@code target-database}.
 * {@code password} is plain here (decrypted by the config loader when given encrypted) and must
 * never be logged: {@link #toString()} masks it.
 */
public record DatabaseConfig(String host, int port, String user, String password,
                             Map<String, String> session, SecurityConfig security) {
    public DatabaseConfig {
        session = session == null ? Map.of() : Map.copyOf(session);
        security = security == null ? SecurityConfig.NONE : security;
        password = password == null ? "" : password;
    }

    public static DatabaseConfig of(String host, int port, String user, String password) {
        return new DatabaseConfig(host, port, user, password, Map.of(), SecurityConfig.NONE);
    }

    public DatabaseConfig withPassword(String plain) {
        return new DatabaseConfig(host, port, user, plain, session, security);
    }

    /** host:port, for messages. */
    public String address() { return host + ":" + port; }

    @Override public String toString() {
        return "DatabaseConfig[" + user + "@" + address() + ", password=******]";
    }
}
