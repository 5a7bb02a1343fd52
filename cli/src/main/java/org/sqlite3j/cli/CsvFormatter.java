package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code .mode csv}: RFC 4180 — a header line, CRLF line ends, a field quoted (with doubled quotes)
 * when it holds a comma, a quote, a line break or leading/trailing spaces; NULL is an empty field
 * (or {@code .nullvalue}); the header line follows {@code .headers}.
 * Rows are written as they come.
 */
final class CsvFormatter implements ResultFormatter {
    private static final String EOL = "\r\n";
    private final PrintWriter out;
    private final CellText cells;
    private final String nullText;
    private final boolean headers;
    private List<String> columns;
    private boolean started;

    /**
     * @param nullText what NULL reads as ({@code .nullvalue}; empty by default)
     * @param headers  whether the first line names the columns ({@code .headers})
     */
    CsvFormatter(PrintWriter out, CellText cells, String nullText, boolean headers) {
        this.out = out;
        this.cells = cells;
        this.nullText = nullText;
        this.headers = headers;
    }

    @Override
    public void begin(List<String> columnNames) {
        this.columns = columnNames;
    }

    @Override
    public void row(List<Object> values) {
        if (!started && headers) {
            line(columns.stream().map(CsvFormatter::field).toList());
        }
        started = true;
        line(values.stream().map(v -> field(v == null ? nullText : cells.text(v))).toList());
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
