package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.jline.utils.WCWidth;

/**
 * {@code .mode table}: the sqlite3 shell's bordered table. Column widths are terminal cells (wide
 * East Asian characters count two), headers are centred, numbers right-aligned, NULL shows as
 * {@code NULL} (or {@code .nullvalue}), long cells are cut to the screen with {@code .ellipsis on},
 * and control characters in text show as Python escapes ({@code \n}) so a row stays one
 * line. The rows are held until {@link #end()} to measure the columns: use {@code .mode csv} to
 * stream a very large result.
 */
final class TableFormatter implements ResultFormatter {
    private final PrintWriter out;
    private final CellText cells;
    private final OutputSettings settings;
    private List<String> columns = List.of();
    private final List<String[]> rows = new ArrayList<>();
    private final List<boolean[]> rightAligned = new ArrayList<>();

    TableFormatter(PrintWriter out, CellText cells, OutputSettings settings) {
        this.out = out;
        this.cells = cells;
        this.settings = settings;
    }

    @Override
    public void begin(List<String> columnNames) {
        this.columns = columnNames.stream().map(ValueRepr::printable).toList();
    }

    @Override
    public void row(List<Object> values) {
        String[] text = new String[values.size()];
        boolean[] right = new boolean[values.size()];
        for (int i = 0; i < text.length; i++) {
            Object v = values.get(i);
            text[i] = ValueRepr.printable(v == null ? settings.nullValue("NULL") : cells.text(v));
            right[i] = CellText.isNumber(v);
        }
        rows.add(text);
        rightAligned.add(right);
    }

    @Override
    public void end() {
        if (rows.isEmpty()) {
            return;
        }
        int n = columns.size();
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = width(columns.get(i));
        }
        for (String[] row : rows) {
            for (int i = 0; i < n; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        if (CellFit.fit(widths, 3 * n + 1, settings.cutWidth())) {
            cutTo(widths);
        }
        String border = border(widths);
        out.println(border);
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < n; i++) {
            int pad = widths[i] - width(columns.get(i));
            line.append(' ').append(" ".repeat(pad / 2)).append(columns.get(i))
                    .append(" ".repeat(pad - pad / 2)).append(" |");
        }
        out.println(line);
        out.println(border);
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            boolean[] right = rightAligned.get(r);
            line.setLength(0);
            line.append('|');
            for (int i = 0; i < n; i++) {
                String pad = " ".repeat(widths[i] - width(row[i]));
                line.append(' ');
                if (right[i]) {
                    line.append(pad).append(row[i]);
                } else {
                    line.append(row[i]).append(pad);
                }
                line.append(" |");
            }
            out.println(line);
        }
        out.println(border);
        out.flush();
    }

    private void cutTo(int[] widths) {
        List<String> cut = new ArrayList<>(columns);
        for (int i = 0; i < widths.length; i++) {
            cut.set(i, CellFit.cut(columns.get(i), widths[i], TableFormatter::width));
            for (String[] row : rows) {
                row[i] = CellFit.cut(row[i], widths[i], TableFormatter::width);
            }
        }
        columns = cut;
    }

    private static String border(int[] widths) {
        StringBuilder b = new StringBuilder("+");
        for (int w : widths) {
            b.append("-".repeat(w + 2)).append('+');
        }
        return b.toString();
    }

    /** Terminal cells taken by {@code s} (printable text only). */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }
}
