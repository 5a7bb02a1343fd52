package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code .mode csv}: RFC 4180 — a header line, CRLF line ends, a field quoted (with doubled quotes)
 * when it holds a comma, a quote, a line break or leading/trailing spaces; NULL is an empty field.
 * Rows are written as they come.
 */
final class CsvFormatter implements ResultFormatter {
    private static final String EOL = "\r\n";
    private final PrintWriter out;
    private final CellText cells;
    private List<String> columns;
    private boolean started;

    CsvFormatter(PrintWriter out, CellText cells) {
        this.out = out;
        this.cells = cells;
    }

    @Override
    public void begin(List<String> columnNames) {
        this.columns = columnNames;
    }

    @Override
    public void row(List<Object> values) {
        if (!started) {
            started = true;
            line(columns.stream().map(CsvFormatter::field).toList());
        }
        line(values.stream().map(v -> v == null ? "" : field(cells.text(v))).toList());
    }

    private void line(List<String> fields) {
        out.print(String.join(",", fields));
        out.print(EOL);
    }

    static String field(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public void end() {
        out.flush();
    }
}
