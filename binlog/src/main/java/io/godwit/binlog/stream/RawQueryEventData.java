package io.godwit.binlog.stream;

import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A query event with its statement still as bytes, plus the collation id of the session's
 * {@code character_set_client}: the statement is in that character set, and the library would
 * decode it with the JVM's default charset instead.
 *
 * @param clientCollationId from the status variable Q_CHARSET_CODE; -1 when the event has none
 */
record RawQueryEventData(String database, byte[] sql, int clientCollationId) implements EventData {
    private static final long serialVersionUID = 1L;

    /** Whether the statement starts with {@code keyword} (ASCII, any case), ignoring leading blanks. */
    boolean startsWith(String keyword) {
        int i = 0;
        while (i < sql.length && (sql[i] == ' ' || sql[i] == '\t' || sql[i] == '\n' || sql[i] == '\r')) {
            i++;
        }
        if (sql.length - i < keyword.length()) {
            return false;
        }
        for (int k = 0; k < keyword.length(); k++) {
            if (Character.toUpperCase((char) (sql[i + k] & 0xFF)) != keyword.charAt(k)) {
                return false;
            }
        }
        int end = i + keyword.length();
        return end == sql.length || !Character.isLetterOrDigit((char) (sql[end] & 0xFF)) && sql[end] != '_';
    }

    /** The statement when it is exactly {@code word} (BEGIN, COMMIT, ROLLBACK), ignoring blanks and case. */
    boolean is(String word) {
        return startsWith(word) && new String(sql, StandardCharsets.ISO_8859_1).strip().length() == word.length();
    }

    /** Reads the event body (binlog format v4, see MySQL's {@code Query_log_event}). */
    static final class Deserializer implements EventDataDeserializer<RawQueryEventData> {
        private static final int Q_FLAGS2_CODE = 0;
        private static final int Q_SQL_MODE_CODE = 1;
        private static final int Q_CATALOG_CODE = 2;
        private static final int Q_AUTO_INCREMENT = 3;
        private static final int Q_CHARSET_CODE = 4;
        private static final int Q_TIME_ZONE_CODE = 5;
        private static final int Q_CATALOG_NZ_CODE = 6;
        private static final int Q_LC_TIME_NAMES_CODE = 7;
        private static final int Q_CHARSET_DATABASE_CODE = 8;
        private static final int Q_TABLE_MAP_FOR_UPDATE_CODE = 9;

        @Override public RawQueryEventData deserialize(ByteArrayInputStream in) throws IOException {
            in.skip(4 + 4); // thread id, execution time
            int databaseLength = in.readInteger(1);
            in.skip(2); // error code
            int statusLength = in.readInteger(2);
            int collation = clientCollation(in.read(statusLength));
            String database = new String(in.read(databaseLength), StandardCharsets.UTF_8);
            in.skip(1); // the database name's terminating NUL
            return new RawQueryEventData(database, in.read(in.available()), collation);
        }

        /**
         * Walks the status variables up to Q_CHARSET_CODE (character_set_client, collation_connection,
         * collation_server, 2 bytes each). The writers put it among the first ones; the walk stops
         * at a code whose length it does not know.
         */
        static int clientCollation(byte[] status) {
            int i = 0;
            while (i < status.length) {
                int code = status[i++] & 0xFF;
                switch (code) {
                    case Q_FLAGS2_CODE -> i += 4;
                    case Q_SQL_MODE_CODE, Q_TABLE_MAP_FOR_UPDATE_CODE -> i += 8;
                    case Q_CATALOG_CODE -> i += 1 + (status[i] & 0xFF) + 1;
                    case Q_AUTO_INCREMENT -> i += 4;
                    case Q_CHARSET_CODE -> {
                        return i + 1 < status.length ? (status[i] & 0xFF) | (status[i + 1] & 0xFF) << 8 : -1;
                    }
                    case Q_TIME_ZONE_CODE, Q_CATALOG_NZ_CODE -> i += 1 + (status[i] & 0xFF);
                    case Q_LC_TIME_NAMES_CODE, Q_CHARSET_DATABASE_CODE -> i += 2;
                    default -> {
                        return -1;
                    }
                }
            }
            return -1;
        }
    }
}
