package io.godwit.core.config;

import java.util.List;

/**
 * DM's {@code security} block: TLS material for a database connection; all empty means no TLS.
 * {@code certAllowedCn} restricts the peer certificate's common name (empty: any).
 */
public record SecurityConfig(String sslCa, String sslCert, String sslKey, List<String> certAllowedCn) {
    public static final SecurityConfig NONE = new SecurityConfig("", "", "", List.of());

    public SecurityConfig {
        sslCa = sslCa == null ? "" : sslCa;
        sslCert = sslCert == null ? "" : sslCert;
        sslKey = sslKey == null ? "" : sslKey;
        certAllowedCn = certAllowedCn == null ? List.of() : List.copyOf(certAllowedCn);
    }

    public SecurityConfig(String sslCa, String sslCert, String sslKey) {
        this(sslCa, sslCert, sslKey, List.of());
    }

    public boolean enabled() { return !sslCa.isEmpty(); }
}
