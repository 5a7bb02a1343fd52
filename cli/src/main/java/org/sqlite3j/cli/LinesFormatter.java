package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One {@code name = value} line per column with the names right-aligned, and a blank line between
 * rows; rows are written as they come. Two flavours: {@code .mode lines} shows values as the table
 * mode does (NULL as {@code NULL}, names measured in terminal cells), {@code .mode line} exactly as the
 * sqlite3 3.40 shell ({@link SqliteText} values, NULL as {@code .nullvalue}, names padded to at least
 * five bytes).
 */
final class LinesFormatter implements ResultFormatter {
    private final PrintWriter out;
    private final CellText cells;
    private final OutputSettings settings;
    private final boolean sqliteStyle;
    private List<String> names;
    private boolean started;

    LinesFormatter(PrintWriter out, CellText cells, OutputSettings settings, boolean sqliteStyle) {
        this.out = out;
        this.cells = cells;
        this.settings = settings;
        this.sqliteStyle = sqliteStyle;
    }

    @Override
    public void begin(List<String> columnNames) {
        ToIntFunction<String> measure = sqliteStyle
                ? n -> n.getBytes(StandardCharsets.UTF_8).length : TableFormatter::width;
        int width = columnNames.stream().mapToInt(measure).max().orElse(0);
        int w = sqliteStyle ? Math.max(5, width) : width;
        this.names = columnNames.stream().map(n -> " ".repeat(w - measure.applyAsInt(n)) + n).toList();
    }

    @Override
    public void row(List<Object> values) {
        if (started) {
            out.println();
        }
        started = true;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            String text;
            if (v == null) {
                text = settings.nullValue(sqliteStyle ? "" : "NULL");
            } else {
                text = sqliteStyle ? SqliteText.text(v, cells) : cells.text(v);
            }
            out.println(names.get(i) + " = " + text);
        }
    }

    @Override
    public void end() {
        out.flush();
    }
}
