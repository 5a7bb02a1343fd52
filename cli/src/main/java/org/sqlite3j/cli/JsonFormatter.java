package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code .mode json}: as the sqlite3 shell, a JSON array with one object per row and one row per
 * line; integers and finite reals are JSON numbers, NULL is {@code null}, everything else (text,
 * decoded pickles, bytes) a JSON string of what the table mode shows. Rows are written as they come.
 */
final class JsonFormatter implements ResultFormatter {
    private final PrintWriter out;
    private final CellText cells;
    private List<String> keys;
    private boolean started;

    JsonFormatter(PrintWriter out, CellText cells) {
        this.out = out;
        this.cells = cells;
    }

    @Override
    public void begin(List<String> columnNames) {
        this.keys = columnNames.stream().map(JsonFormatter::string).toList();
    }

    @Override
    public void row(List<Object> values) {
        StringBuilder line = new StringBuilder(started ? ",\n{" : "[{");
        started = true;
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(keys.get(i)).append(':').append(value(values.get(i)));
        }
        out.print(line.append('}'));
    }

    private String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Long || v instanceof Integer) {
            return v.toString();
        }
        if (v instanceof Double d) {
            if (d.isNaN()) {
                return "null";
            }
            if (d.isInfinite()) {
                return d > 0 ? "1e999" : "-1e999";
            }
            return ValueRepr.floatRepr(d);
        }
        return string(cells.text(v));
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void end() {
        if (started) {
            out.print("]\n");
        }
        out.flush();
    }
}
