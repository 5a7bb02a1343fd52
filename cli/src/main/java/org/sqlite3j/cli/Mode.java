package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The output modes of {@code .mode} and {@code --mode}: the shell's own four (values as Python shows
 * them, pickles decoded) and the sqlite3 3.40 shell's modes, written as it writes them.
 */
enum Mode {
    /** An aligned table with borders, numbers right-aligned (the default). */
    TABLE,
    /** RFC 4180 comma-separated values with a header line. */
    CSV,
    /** A JSON array of objects, one row per line. */
    JSON,
    /** One {@code column = value} line per value, a blank line between rows. */
    LINES,
    /** sqlite3's {@code box}: a table drawn with Unicode box characters. */
    BOX,
    /** sqlite3's {@code column}: left-aligned columns under a dashed header. */
    COLUMN,
    /** sqlite3's {@code insert}: one {@code INSERT} statement per row. */
    INSERT,
    /** sqlite3's {@code line}: as {@code lines}, values as sqlite3 writes them. */
    LINE,
    /** sqlite3's {@code list}: values separated by {@code |}. */
    LIST,
    /** sqlite3's {@code markdown}: a Markdown table. */
    MARKDOWN,
    /** sqlite3's {@code quote}: SQL literals separated by commas. */
    QUOTE,
    /** sqlite3's {@code tabs}: values separated by tabs. */
    TABS;

    /** The mode's name as typed: {@code table}, {@code csv}, ... */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the header shows when {@code .headers} was not given: as sqlite3 (on for column, off for
     * list, tabs, quote and insert), and on for csv as this shell always had it. Table, box and markdown
     * always show it; json and the line modes have no header.
     */
    boolean headersByDefault() {
        return switch (this) {
            case LIST, TABS, QUOTE, INSERT -> false;
            default -> true;
        };
    }

    /** Whether table-like: long cells are cut to the screen with {@code .ellipsis on}. */
    boolean tableLike() {
        return this == TABLE || this == BOX || this == COLUMN || this == MARKDOWN;
    }

    ResultFormatter formatter(PrintWriter out, CellText cells, OutputSettings settings) {
        boolean headers = settings.headers(this);
        return switch (this) {
            case TABLE -> new TableFormatter(out, cells, settings);
            case CSV -> new CsvFormatter(out, cells, settings.nullValue(""), headers);
            case JSON -> new JsonFormatter(out, cells);
            case LINES -> new LinesFormatter(out, cells, settings, false);
            case LINE -> new LinesFormatter(out, cells, settings, true);
            case BOX -> new ColumnarFormatter(out, cells, settings, ColumnarFormatter.Style.BOX, true);
            case COLUMN -> new ColumnarFormatter(out, cells, settings, ColumnarFormatter.Style.COLUMN, headers);
            case MARKDOWN -> new ColumnarFormatter(out, cells, settings, ColumnarFormatter.Style.MARKDOWN, true);
            case LIST -> new SeparatedFormatter(out, cells, settings, SeparatedFormatter.Style.LIST, headers);
            case TABS -> new SeparatedFormatter(out, cells, settings, SeparatedFormatter.Style.TABS, headers);
            case QUOTE -> new SeparatedFormatter(out, cells, settings, SeparatedFormatter.Style.QUOTE, headers);
            case INSERT -> new SeparatedFormatter(out, cells, settings, SeparatedFormatter.Style.INSERT, headers);
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
