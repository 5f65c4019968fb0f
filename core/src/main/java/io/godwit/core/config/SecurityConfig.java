package io.godwit.core.config;

/** DM's {@code security} block: TLS material for a database connection; all empty means no TLS. */
public record SecurityConfig(String sslCa, String sslCert, String sslKey) {
    public static final SecurityConfig NONE = new SecurityConfig("", "", "");

    public SecurityConfig {
        sslCa = sslCa == null ? "" : sslCa;
        sslCert = sslCert == null ? "" : sslCert;
        sslKey = sslKey == null ? "" : sslKey;
    }

    public boolean enabled() { return !sslCa.isEmpty(); }
}
