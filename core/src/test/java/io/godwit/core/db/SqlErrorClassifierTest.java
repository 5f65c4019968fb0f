package io.godwit.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlErrorClassifierTest {

    @ParameterizedTest(name = "{0}/{1} on {2} -> {3}")
    @CsvSource({
            // SQLSTATE, vendor code, endpoint, expected
            "28000, 1045, SOURCE, SOURCE_ACCESS_DENIED",
            "28000, 1045, TARGET, TARGET_ACCESS_DENIED",
            "42000, 1044, TARGET, TARGET_PRIVILEGE",
            "42000, 1142, TARGET, TARGET_PRIVILEGE",
            "42000, 1143, SOURCE, SOURCE_PRIVILEGE",
            "42000, 1227, SOURCE, SOURCE_PRIVILEGE",
            "08S01, 0, SOURCE, SOURCE_UNREACHABLE",
            "08001, 0, TARGET, TARGET_UNREACHABLE",
            "HY000, 2013, TARGET, TARGET_UNREACHABLE",
            "HY000, 2006, SOURCE, SOURCE_UNREACHABLE",
            "08004, 1040, TARGET, TARGET_UNREACHABLE",
            "HY000, 1053, TARGET, TARGET_UNREACHABLE",
            "40001, 1213, TARGET, TARGET_TRANSIENT",
            "HY000, 1205, TARGET, TARGET_TRANSIENT",
            "HY000, 9007, TARGET, TARGET_TRANSIENT",
            "HY000, 8022, TARGET, TARGET_TRANSIENT",
            "HY000, 9005, TARGET, TARGET_TRANSIENT",
            "23000, 1062, TARGET, LOAD_DUPLICATE",
            "42S02, 1146, TARGET, TARGET_WRITE_FAILED",
            "42S02, 1146, SOURCE, SOURCE_QUERY_FAILED",
            "40001, 1213, SOURCE, SOURCE_QUERY_FAILED",
            "HY000, 1236, SOURCE, BINLOG_PURGED",
            "HY000, 1236, TARGET, TARGET_WRITE_FAILED",
    })
    void classifiesBySqlStateAndVendorCode(String state, int vendor, Endpoint endpoint, ErrorCode expected) {
        assertThat(SqlErrorClassifier.classify(new SQLException("any text", state, vendor), endpoint)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Access denied for user, 42S02, 1146", "Deadlock found, HY000, 1146"})
    void messageTextNeverDecides(String message, String state, int vendor) {
        assertThat(SqlErrorClassifier.classify(new SQLException(message, state, vendor), Endpoint.TARGET))
                .isEqualTo(ErrorCode.TARGET_WRITE_FAILED);
    }

    @ParameterizedTest
    @CsvSource({"40001, 1213, true", "HY000, 1205, true", "42S02, 1146, false", "23000, 1062, false"})
    void transientMeansRetryable(String state, int vendor, boolean expected) {
        assertThat(SqlErrorClassifier.isTransient(new SQLException("x", state, vendor), Endpoint.TARGET)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}/{1}: DDL already applied = {2}")
    @CsvSource({
            // SQLSTATE, vendor code, already applied
            "HY000, 1007, true",   // can't create database; database exists
            "HY000, 1008, true",   // can't drop database; database doesn't exist
            "42S01, 1050, true",   // table already exists
            "42S02, 1051, true",   // unknown table (DROP TABLE)
            "42S22, 1054, true",   // unknown column (CHANGE/RENAME COLUMN run twice)
            "42S21, 1060, true",   // duplicate column name
            "42000, 1061, true",   // duplicate key name
            "42000, 1068, true",   // multiple primary key defined
            "42000, 1091, true",   // can't drop; check that column/key exists
            "42S02, 1146, true",   // table doesn't exist (RENAME TABLE run twice)
            "HY000, 1507, true",   // error in list of partitions to drop
            "HY000, 1517, true",   // duplicate partition name
            "23000, 1826, true",   // duplicate foreign key constraint name
            "42000, 1064, false",  // syntax error
            "42000, 1142, false",  // privilege
            "HY000, 1205, false",  // lock wait timeout: retryable, not done
            "08S01, 0, false",     // lost connection: unknown, not done
            "23000, 1062, false",  // duplicate entry (data), not a DDL's effect
            "42S01, 0, false",     // SQLSTATE alone never decides
    })
    void ddlAlreadyAppliedByVendorCode(String state, int vendor, boolean expected) {
        assertThat(SqlErrorClassifier.isDdlAlreadyApplied(new SQLException("any text", state, vendor))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void wrappedErrorIsOneLineNamingWhere() {
        GodwitException e = SqlErrorClassifier.wrap(new SQLException("Access denied for user 'u'@'h'\nmore", "28000", 1045),
                Endpoint.SOURCE, "source 10.0.0.1:3306");
        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_ACCESS_DENIED);
        assertThat(e.oneLine()).doesNotContain("\n").contains("code=12002", "source 10.0.0.1:3306", "SQLSTATE 28000");
    }

    @org.junit.jupiter.api.Test
    void aRefusedServerCertificateIsATlsRejectionNotALostConnection() {
        // As Connector/J reports a failed handshake: SQLSTATE 08S01 around the SSL exception.
        javax.net.ssl.SSLHandshakeException handshake = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new java.security.cert.CertificateException("no trusted CA signed the certificate"));
        SQLException link = new SQLException("Communications link failure\n\nThe last packet ...", "08S01", 0, handshake);
        for (Endpoint endpoint : Endpoint.values()) {
            assertThat(SqlErrorClassifier.classify(link, endpoint)).isEqualTo(ErrorCode.TLS_PEER_REJECTED);
        }
        GodwitException e = SqlErrorClassifier.wrap(link, Endpoint.TARGET, "target 10.0.0.1:4000");
        assertThat(e.oneLine()).doesNotContain("\n")
                .isEqualTo("[code=11005:config] target 10.0.0.1:4000: the server's TLS certificate is not accepted: "
                        + "it fails verification against target-database.security.ssl-ca (no trusted CA signed the certificate)");
        assertThat(SqlErrorClassifier.isTransient(link, Endpoint.TARGET)).isFalse();
        SQLException plain = new SQLException("Communications link failure", "08S01", 0,
                new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake"));
        assertThat(SqlErrorClassifier.classify(plain, Endpoint.TARGET)).isEqualTo(ErrorCode.TARGET_UNREACHABLE);
    }

    @org.junit.jupiter.api.Test
    void anErrorFromAConnectionThatNoLongerAnswersIsALostConnection() {
        SQLException closedStatement = new SQLException("No operations allowed after statement closed.", "S1009", 0);
        SQLException seen = SqlErrorClassifier.onConnection(closedStatement, connection(false));
        assertThat(seen.getSQLState()).isEqualTo("08S01");
        assertThat((Object) seen.getCause()).isSameAs(closedStatement);
        assertThat(SqlErrorClassifier.classify(seen, Endpoint.TARGET)).isEqualTo(ErrorCode.TARGET_UNREACHABLE);
        assertThat(SqlErrorClassifier.isTransient(seen, Endpoint.TARGET)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void anErrorFromALiveConnectionIsClassifiedAsItIs() {
        SQLException duplicate = new SQLException("Duplicate entry", "23000", 1062);
        assertThat((Object) SqlErrorClassifier.onConnection(duplicate, connection(true))).isSameAs(duplicate);
    }

    /** A connection that only answers isClosed/isValid: the state onConnection asks about. */
    private static java.sql.Connection connection(boolean alive) {
        return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(getLoader(), new Class<?>[] {java.sql.Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isClosed" -> !alive;
                    case "isValid" -> alive;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ClassLoader getLoader() {
        return SqlErrorClassifierTest.class.getClassLoader();
    }
}
