package io.godwit.binlog.stream;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A v4 event header that keeps the raw type code: the library maps every code it does not know
 * (MariaDB's compressed events, MySQL's heartbeat v2, ...) to UNKNOWN, and an unknown event must
 * be named in the error that stops the stream, not skipped.
 */
final class TypedEventHeader extends EventHeaderV4 {
    private static final long serialVersionUID = 1L;
    /** LOG_EVENT_ARTIFICIAL_F: made up by the server for this connection, not in the binlog file. */
    static final int ARTIFICIAL_FLAG = 0x20;

    private int typeCode;

    int typeCode() { return typeCode; }

    boolean artificial() { return (getFlags() & ARTIFICIAL_FLAG) != 0; }

    /** The same layout as the library's {@code EventHeaderV4Deserializer}, plus the raw code. */
    static final class Deserializer implements EventHeaderDeserializer<TypedEventHeader> {
        @Override public TypedEventHeader deserialize(ByteArrayInputStream in) throws IOException {
            TypedEventHeader h = new TypedEventHeader();
            h.setTimestamp(in.readLong(4) * 1000L);
            h.typeCode = in.readInteger(1);
            EventType type = EventType.byEventNumber(h.typeCode);
            h.setEventType(type == null ? EventType.UNKNOWN : type);
            h.setServerId(in.readLong(4));
            h.setEventLength(in.readLong(4));
            h.setNextPosition(in.readLong(4));
            h.setFlags(in.readInteger(2));
            return h;
        }
    }
}
