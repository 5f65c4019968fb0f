package io.godwit.dumper;

import io.godwit.core.model.BinlogLocation;
import io.godwit.core.model.TableId;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dumpling's file layout (its default output file template and metadata file), so that dumpling,
 * TiDB Lightning, DM and Godwit read each other's dumps:
 * <pre>
 * metadata                          the consistent point, written last
 * {db}-schema-create.sql            CREATE DATABASE
 * {db}.{tbl}-schema.sql             CREATE TABLE
 * {db}.{tbl}.{chunk:09d}.sql        INSERT statements of one chunk
 * </pre>
 * Names are escaped like dumpling's {@code fn}: control characters, {@code %"*./:<>?\|} and a
 * {@code -schema} suffix become {@code %XX}.
 */
final class DumpLayout {
    static final String METADATA = "metadata";
    /** First line of every SQL file dumpling writes. */
    static final String SET_NAMES = "/*!40101 SET NAMES binary*/;\n";

    private static final Pattern ESCAPED = Pattern.compile("[\\x00-\\x1f%\"*./:<>?\\\\|]|-(?i:schema)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DumpLayout() {}

    static String fileNamePart(String name) {
        Matcher m = ESCAPED.matcher(name);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String match = m.group();
            m.appendReplacement(b, Matcher.quoteReplacement(
                    String.format("%%%02X", (int) match.charAt(0)) + match.substring(1)));
        }
        m.appendTail(b);
        return b.toString();
    }

    static String schemaCreateFile(String schema) {
        return fileNamePart(schema) + "-schema-create.sql";
    }

    static String tableSchemaFile(TableId t) {
        return fileNamePart(t.schema()) + "." + fileNamePart(t.table()) + "-schema.sql";
    }

    static String dataFile(TableId t, int chunk) {
        return fileNamePart(t.schema()) + "." + fileNamePart(t.table()) + "." + String.format("%09d", chunk) + ".sql";
    }

    /** A schema file's content: SET NAMES, then the statement terminated by {@code ;\n}. */
    static String schemaFile(String createSql) {
        return SET_NAMES + createSql + (createSql.endsWith(";\n") ? "" : ";\n");
    }

    /** The metadata file as dumpling writes it for a MySQL or MariaDB source. */
    static String metadata(BinlogLocation point, LocalDateTime started, LocalDateTime finished) {
        StringBuilder b = new StringBuilder();
        b.append("Started dump at: ").append(TIME.format(started)).append('\n');
        if (!point.file().isEmpty()) {
            b.append("SHOW MASTER STATUS:\n")
                    .append("\tLog: ").append(point.file()).append('\n')
                    .append("\tPos: ").append(point.position()).append('\n')
                    .append("\tGTID:").append(point.gtidSet()).append('\n');
        }
        b.append('\n');
        b.append("Finished dump at: ").append(TIME.format(finished)).append('\n');
        return b.toString();
    }

    /**
     * The point of the first {@code SHOW MASTER STATUS:} (or {@code SHOW BINARY LOG STATUS:}) block;
     * a GTID set that MySQL spread over several lines is joined. No block: an empty location.
     */
    static BinlogLocation parsePoint(String metadata) {
        String file = "";
        long pos = 0;
        StringBuilder gtid = new StringBuilder();
        boolean inBlock = false;
        boolean inGtid = false;
        for (String line : metadata.split("\n", -1)) {
            String l = line.strip();
            if (!inBlock) {
                inBlock = l.startsWith("SHOW MASTER STATUS:") || l.startsWith("SHOW BINARY LOG STATUS:");
                continue;
            }
            if (l.isEmpty()) {
                break;
            }
            if (l.startsWith("Log:")) {
                file = l.substring(4).strip();
                inGtid = false;
            } else if (l.startsWith("Pos:")) {
                pos = Long.parseLong(l.substring(4).strip());
                inGtid = false;
            } else if (l.startsWith("GTID:")) {
                gtid.append(l.substring(5).strip());
                inGtid = true;
            } else if (inGtid) {
                gtid.append(l);
            }
        }
        return new BinlogLocation(file, pos, gtid.toString());
    }
}
