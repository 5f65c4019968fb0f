package io.godwit.loader;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.BinlogLocation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the consistent point from a dump's {@code metadata} file, as dumpling (and mydumper) write it:
 * <pre>
 * Started dump at: 2024-05-01 10:00:00
 * SHOW MASTER STATUS:
 * 	Log: mysql-bin.000003
 * 	Pos: 1234
 * 	GTID:3ccc39f9-...:1-10,
 * 4ccc39f9-...:1-3
 *
 * Finished dump at: 2024-05-01 10:00:05
 * </pre>
 * MySQL 8.4 sources say {@code SHOW BINARY LOG STATUS:}. A GTID set may continue on following lines
 * (as DM reads it); the {@code SHOW SLAVE STATUS:} block and the {@code AFTER CONNECTION POOL
 * ESTABLISHED} block are not the snapshot's point and are ignored.
 */
final class DumpMetadata {
    private static final Pattern GTID_LINE = Pattern.compile(
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(:[0-9]+(-[0-9]+)?)+"
                    + "|[0-9]+-[0-9]+-[0-9]+)(,\\s*([0-9a-fA-F-]{36}(:[0-9]+(-[0-9]+)?)+|[0-9]+-[0-9]+-[0-9]+))*,?");

    private DumpMetadata() {}

    static Optional<BinlogLocation> parse(List<String> lines, String file) {
        for (int i = 0; i < lines.size(); i++) {
            String header = lines.get(i).trim();
            if (header.equals("SHOW MASTER STATUS:") || header.equals("SHOW BINARY LOG STATUS:")) {
                return Optional.of(block(lines, i + 1, file));
            }
        }
        return Optional.empty();
    }

    private static BinlogLocation block(List<String> lines, int from, String file) {
        String log = "";
        long pos = 0;
        StringBuilder gtid = new StringBuilder();
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "Log" -> log = value;
                case "Pos" -> {
                    try {
                        pos = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new GodwitException(ErrorCode.DUMP_FILES, file + ": invalid binlog position '" + value + "'");
                    }
                }
                case "GTID" -> {
                    gtid.append(value);
                    while (i + 1 < lines.size() && GTID_LINE.matcher(lines.get(i + 1).trim()).matches()) {
                        gtid.append(lines.get(++i).trim());
                    }
                }
                default -> { }
            }
        }
        if (log.isEmpty() || pos <= 0) {
            throw new GodwitException(ErrorCode.DUMP_FILES, file + ": the master status block has no binlog file/position");
        }
        return new BinlogLocation(log, pos, gtid.toString());
    }
}
