package io.godwit.binlog.stream;

import java.nio.charset.CharacterCodingException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's collation ids and their character sets, read once from information_schema, to
 * decode statements in the {@code character_set_client} their query event names by collation id.
 */
final class Collations {
    private static final Logger log = LoggerFactory.getLogger(Collations.class);

    private final Map<Integer, String> charsetById;
    private final Map<Integer, MySqlCharsets.TextDecoder> decoders = new HashMap<>();

    Collations(Map<Integer, String> charsetById) {
        this.charsetById = Map.copyOf(charsetById);
    }

    /**
     * The statement text. A session charset the source does not list (or an event without one)
     * is read as UTF-8, the charset of every identifier and of nearly every client.
     */
    String decode(int collationId, byte[] sql) throws CharacterCodingException {
        MySqlCharsets.TextDecoder d = decoders.computeIfAbsent(collationId, id -> {
            String charset = charsetById.get(id);
            if (charset == null) {
                if (id < 0) {
                    return MySqlCharsets.utf8();
                }
                log.warn("query events in collation id {} (unknown to the source's information_schema) are read as UTF-8", id);
                return MySqlCharsets.utf8();
            }
            return MySqlCharsets.decoder(charset);
        });
        return d.decode(sql);
    }
}
