package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output modes of {@code .mode} and {@code --mode}. */
enum Mode {
    /** An aligned table with borders (the default). */
    TABLE,
    /** RFC 4180 comma-separated values with a header line. */
    CSV,
    /** A JSON array of objects, one row per line. */
    JSON,
    /** One {@code column = value} line per value, a blank line between rows. */
    LINES;

    /** The mode's name as typed: {@code table}, {@code csv}, ... */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    ResultFormatter formatter(PrintWriter out, CellText cells) {
        return switch (this) {
            case TABLE -> new TableFormatter(out, cells);
            case CSV -> new CsvFormatter(out, cells);
            case JSON -> new JsonFormatter(out, cells);
            case LINES -> new LinesFormatter(out, cells);
        };
    }

    /** The mode called {@code name} (any case). */
    static Mode parse(String name) {
        for (Mode mode : values()) {
            if (mode.label().equals(name.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new ShellException("unknown mode \"" + name + "\"; the modes are " + choices());
    }

    static String choices() {
        return Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", "));
    }
}
