package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * The sqlite3 shell's one-line-per-row modes, each row written as it comes: {@code list} (values
 * joined by {@code |}), {@code tabs} (by a tab), {@code quote} (SQL literals joined by commas) and
 * {@code insert} (an {@code INSERT INTO table VALUES(...);} per row). A header line shows the column
 * names when {@code .headers} is on (in insert mode as the statement's column list).
 */
final class SeparatedFormatter implements ResultFormatter {
    /** Which of the four layouts. */
    enum Style { LIST, TABS, QUOTE, INSERT }

    private final PrintWriter out;
    private final CellText cells;
    private final OutputSettings settings;
    private final Style style;
    private final boolean headers;
    private List<String> columns;
    private boolean started;

    SeparatedFormatter(PrintWriter out, CellText cells, OutputSettings settings, Style style, boolean headers) {
        this.out = out;
        this.cells = cells;
        this.settings = settings;
        this.style = style;
        this.headers = headers;
    }

    @Override
    public void begin(List<String> columnNames) {
        this.columns = columnNames;
    }

    private String separator() {
        return switch (style) {
            case LIST -> "|";
            case TABS -> "\t";
            case QUOTE, INSERT -> ",";
        };
    }

    @Override
    public void row(List<Object> values) {
        StringBuilder line = new StringBuilder();
        if (!started && headers && style != Style.INSERT) {
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i);
                line.append(i > 0 ? separator() : "").append(style == Style.QUOTE ? SqliteText.quoted(name) : name);
            }
            line.append('\n');
        }
        started = true;
        if (style == Style.INSERT) {
            line.append("INSERT INTO ").append(settings.insertTable());
            if (headers) {
                line.append('(');
                for (int i = 0; i < columns.size(); i++) {
                    line.append(i > 0 ? "," : "").append(SqlNames.quoteIfNeeded(columns.get(i)));
                }
                line.append(')');
            }
            line.append(" VALUES(");
        }
        for (int i = 0; i < values.size(); i++) {
            line.append(i > 0 ? separator() : "").append(value(values.get(i)));
        }
        line.append(style == Style.INSERT ? ");\n" : "\n");
        out.print(line);
    }

    private String value(Object v) {
        return switch (style) {
            case LIST, TABS -> v == null ? settings.nullValue("") : SqliteText.text(v, cells);
            case QUOTE -> SqliteText.literal(v, cells, false);
            case INSERT -> SqliteText.literal(v, cells, true);
        };
    }

    @Override
    public void end() {
        out.flush();
    }
}
