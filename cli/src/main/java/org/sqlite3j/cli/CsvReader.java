package org.sqlite3j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of {@code .import} as the sqlite3 3.40 shell does: fields split at the separator
 * and records at a line feed (a CR before it dropped), a field in double quotes may hold separators,
 * line breaks and doubled quotes, an empty field is an empty string. A quote inside a quoted field
 * that is not doubled is kept with a warning ({@code FILE:LINE: unescaped " character}), as is a
 * quoted field the file ends in ({@code unterminated "-quoted field}). Not thread-safe.
 */
final class CsvReader {
    private static final int EOF = -1;

    private final Reader in;
    private final char separator;
    private final String file;
    private final PrintWriter warnings;
    private int line = 1;
    private int terminator;

    /**
     * @param warnings where warnings go (the shell's error stream)
     */
    CsvReader(Reader in, char separator, String file, PrintWriter warnings) {
        this.in = in;
        this.separator = separator;
        this.file = file;
        this.warnings = warnings;
    }

    /** The line the next record starts on (1-based). */
    int line() {
        return line;
    }

    /** The next record's fields, or null at the end of the input. */
    List<String> next() throws IOException {
        List<String> fields = new ArrayList<>();
        do {
            String field = field();
            if (field == null) {
                return fields.isEmpty() ? null : fields;
            }
            fields.add(field);
        } while (terminator == separator);
        return fields;
    }

    private int read() throws IOException {
        return in.read();
    }

    private String field() throws IOException {
        StringBuilder z = new StringBuilder();
        int c = read();
        if (c == EOF) {
            terminator = EOF;
            return null;
        }
        if (c == '"') {
            int startLine = line;
            int pc = 0;
            int ppc = 0;
            while (true) {
                c = read();
                if (c == '\n') {
                    line++;
                }
                if (c == '"' && pc == '"') {
                    pc = 0;
                    continue;
                }
                if ((c == separator && pc == '"') || (c == '\n' && pc == '"')
                        || (c == '\n' && pc == '\r' && ppc == '"') || (c == EOF && pc == '"')) {
                    z.setLength(z.lastIndexOf("\""));
                    terminator = c;
                    break;
                }
                if (pc == '"' && c != '\r') {
                    warnings.println(file + ":" + line + ": unescaped \" character");
                }
                if (c == EOF) {
                    warnings.println(file + ":" + startLine + ": unterminated \"-quoted field");
                    terminator = c;
                    break;
                }
                z.append((char) c);
                ppc = pc;
                pc = c;
            }
        } else {
            if (c == '\uFEFF' && line == 1 && z.isEmpty()) {
                c = read(); // a byte-order mark at the start
            }
            while (c != EOF && c != separator && c != '\n') {
                z.append((char) c);
                c = read();
            }
            if (c == '\n') {
                line++;
                if (!z.isEmpty() && z.charAt(z.length() - 1) == '\r') {
                    z.setLength(z.length() - 1);
                }
            }
            terminator = c;
        }
        return z.toString();
    }

    /** What ended the last field: the separator, a line feed, or -1 at the end of the input. */
    int terminator() {
        return terminator;
    }
}
