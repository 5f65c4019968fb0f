package io.godwit.dumper;

import io.godwit.core.error.ErrorCode;
import io.godwit.core.error.GodwitException;
import io.godwit.core.model.RowSink;
import java.io.IOException;
import java.io.Writer;

/**
 * Frames rows into dumpling's statements, {@code INSERT INTO `t` VALUES\n(...),\n(...);\n}, and
 * starts a new statement once one has reached {@code statementSize} characters (a statement holds
 * at least one row, so a single large row may exceed it).
 */
final class InsertStatementWriter implements RowSink {
    private final Writer out;
    private final String prefix;
    private final long statementSize;
    private final String fileName;
    private boolean inStatement;
    private long size;

    InsertStatementWriter(Writer out, String prefix, long statementSize, String fileName) {
        this.out = out;
        this.prefix = prefix;
        this.statementSize = statementSize;
        this.fileName = fileName;
    }

    @Override
    public void accept(String row) {
        try {
            if (inStatement && size >= statementSize) {
                out.write(";\n");
                inStatement = false;
            }
            if (!inStatement) {
                out.write(prefix);
                size = prefix.length();
                inStatement = true;
            } else {
                out.write(",\n");
            }
            out.write('(');
            out.write(row);
            out.write(')');
            size += row.length() + 4; // the parentheses and the separator that follows
        } catch (IOException e) {
            throw new GodwitException(ErrorCode.DUMP_FILES, "writing " + fileName + " failed: " + e.getMessage(), e);
        }
    }

    /** Ends the open statement, if any. */
    void finish() throws IOException {
        if (inStatement) {
            out.write(";\n");
            inStatement = false;
        }
    }
}
