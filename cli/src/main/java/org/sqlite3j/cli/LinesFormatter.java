package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code .mode lines}: as the sqlite3 shell, one {@code name = value} line per column with the names
 * right-aligned, and a blank line between rows; NULL shows as {@code NULL}. Rows are written as they come.
 */
final class LinesFormatter implements ResultFormatter {
    private final PrintWriter out;
    private final CellText cells;
    private List<String> names;
    private boolean started;

    LinesFormatter(PrintWriter out, CellText cells) {
        this.out = out;
        this.cells = cells;
    }

    @Override
    public void begin(List<String> columnNames) {
        int width = columnNames.stream().mapToInt(TableFormatter::width).max().orElse(0);
        this.names = columnNames.stream()
                .map(n -> " ".repeat(width - TableFormatter.width(n)) + n).toList();
    }

    @Override
    public void row(List<Object> values) {
        if (started) {
            out.println();
        }
        started = true;
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            out.println(names.get(i) + " = " + (v == null ? "NULL" : cells.text(v)));
        }
    }

    @Override
    public void end() {
        out.flush();
    }
}
