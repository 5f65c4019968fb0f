package io.godwit.core.config.internal;

import io.godwit.core.config.DatabaseConfig;
import io.godwit.core.config.SecurityConfig;

import java.util.List;

/** task.yaml {@code target-database} and source.yaml {@code from}: one declaration for both. */
public final class DatabaseSchema {
    private DatabaseSchema() {}

    static final Key<String> SSL_CA = Key.of("ssl-ca", Types.STRING, "",
            "Path of a PEM file with the CA certificate(s) that must have signed the server's certificate; setting it "
                    + "turns TLS on, for SQL and binlog connections alike. As in DM, the host name is not checked.");
    static final Key<String> SSL_CERT = Key.of("ssl-cert", Types.STRING, "",
            "Path of the PEM client certificate (chain) to present, e.g. for an account that REQUIRE X509; needs `ssl-key`.");
    static final Key<String> SSL_KEY = Key.of("ssl-key", Types.STRING, "",
            "Path of the client certificate's unencrypted PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`), RSA "
                    + "(`BEGIN RSA PRIVATE KEY`) or EC (`BEGIN EC PRIVATE KEY`); convert another with "
                    + "`openssl pkcs8 -topk8 -nocrypt`.");
    static final Key<List<String>> CERT_ALLOWED_CN = Key.of("cert-allowed-cn", Types.STRING_LIST, List.of(),
            "Common names (subject CN) the server's certificate may carry; empty accepts any certificate signed by `ssl-ca`.");

    static final Section<SecurityConfig> SECURITY = Section.of("TLS settings of the connection.",
            v -> new SecurityConfig(v.get(SSL_CA), v.get(SSL_CERT), v.get(SSL_KEY), v.get(CERT_ALLOWED_CN)),
            SSL_CA, SSL_CERT, SSL_KEY, CERT_ALLOWED_CN);

    static final Key<String> HOST = Key.required("host", Types.STRING, "Host name or IP address of the server.");
    static final Key<Integer> PORT = Key.required("port", Types.intIn(1, 65535), "TCP port of the server.");
    static final Key<String> USER = Key.required("user", Types.STRING, "User to log in as.");
    static final Key<String> PASSWORD = Key.of("password", Types.STRING, "",
            "Password, in plain text or as encrypted by `dmctl encrypt`.");
    static final Key<Long> MAX_ALLOWED_PACKET = Key.of("max-allowed-packet", Types.longIn(0, Long.MAX_VALUE), null,
            "Deprecated since DM v2.0: the server's own max_allowed_packet is used.").ignored();
    static final Key<java.util.Map<String, String>> SESSION = Key.of("session", Types.STRING_MAP, java.util.Map.of(),
            "Session variables set on every connection (`sql_mode`, `tidb_*`, ...).");
    static final Key<SecurityConfig> SECURITY_KEY = Key.of("security", SECURITY, SecurityConfig.NONE,
            "TLS settings; absent means a plain connection.");

    public static final Section<DatabaseConfig> DATABASE = Section.of("How to reach a MySQL-family server.",
            v -> new DatabaseConfig(v.get(HOST), v.get(PORT), v.get(USER), v.get(PASSWORD), v.get(SESSION),
                    v.get(SECURITY_KEY)),
            HOST, PORT, USER, PASSWORD, MAX_ALLOWED_PACKET, SESSION, SECURITY_KEY);
}
