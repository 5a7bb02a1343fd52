package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code .mode column}, {@code .mode box} and {@code .mode markdown} as the sqlite3 3.40 shell prints
 * them: columns as wide as their widest cell (in code points, as 3.40 counts) or as {@code .width}
 * says (negative: right-aligned; a cell wider than a set width wraps onto more lines), values left-aligned,
 * box and markdown headers centred, a value with line breaks on several lines — and then a divider
 * between all rows. Tabs expand to the next multiple of eight; other control characters break the
 * line. Rows are held until {@link #end()} to measure the columns.
 */
final class ColumnarFormatter implements ResultFormatter {
    /** Which of the three layouts. */
    enum Style { COLUMN, BOX, MARKDOWN }

    private static final String H = "─";
    private static final String V = "│";

    private final PrintWriter out;
    private final CellText cells;
    private final OutputSettings settings;
    private final Style style;
    private final boolean headers;
    private String[] header;
    private final List<String[]> lines = new ArrayList<>();
    /** Per display line: whether a logical row ends there. */
    private final List<Boolean> rowEnds = new ArrayList<>();
    private boolean multiLine;

    ColumnarFormatter(PrintWriter out, CellText cells, OutputSettings settings, Style style, boolean headers) {
        this.out = out;
        this.cells = cells;
        this.settings = settings;
        this.style = style;
        this.headers = headers;
    }

    @Override
    public void begin(List<String> columns) {
        header = new String[columns.size()];
        for (int i = 0; i < header.length; i++) {
            header[i] = split(columns.get(i), settings.width(i))[0];
        }
    }

    @Override
    public void row(List<Object> values) {
        int n = header.length;
        String[] rest = new String[n];
        String nullText = settings.nullValue("");
        for (int i = 0; i < n; i++) {
            Object v = values.get(i);
            rest[i] = v == null ? nullText : SqliteText.text(v, cells);
        }
        boolean more;
        do {
            more = false;
            String[] line = new String[n];
            for (int i = 0; i < n; i++) {
                if (rest[i] == null) {
                    line[i] = "";
                    continue;
                }
                String[] split = split(rest[i], settings.width(i));
                line[i] = split[0];
                rest[i] = split[1];
                more |= split[1] != null;
            }
            lines.add(line);
            rowEnds.add(!more);
            multiLine |= more;
        } while (more);
    }

    /**
     * The first display line of {@code z} at most {@code width} code points wide (0: any), and the rest
     * or null: the shell's {@code translateForDisplayAndDup} without word wrap.
     */
    static String[] split(String z, int width) {
        int max = width == 0 ? 1_000_000 : Math.abs(width);
        StringBuilder line = new StringBuilder();
        int i = 0;
        int n = 0;
        int len = z.length();
        while (n < max && i < len) {
            int cp = z.codePointAt(i);
            if (cp >= ' ') {
                n++;
                line.appendCodePoint(cp);
                i += Character.charCount(cp);
            } else if (cp == '\t') {
                do {
                    n++;
                    line.append(' ');
                } while ((n & 7) != 0 && n < max);
                i++;
            } else {
                break;
            }
        }
        String tail;
        if (n >= max && i < len && z.codePointAt(i) >= ' ') {
            tail = z.substring(i);
        } else if (i + 1 < len && z.charAt(i) == '\r' && z.charAt(i + 1) == '\n') {
            tail = i + 2 < len ? z.substring(i + 2) : null;
        } else if (i + 1 >= len) {
            tail = null;
        } else {
            tail = z.substring(i + 1);
        }
        return new String[] {line.toString(), tail};
    }

    @Override
    public void end() {
        if (lines.isEmpty()) {
            return;
        }
        int n = header.length;
        int[] widths = new int[n];
        for (int i = 0; i < n; i++) {
            widths[i] = Math.max(Math.abs(settings.width(i)), CellFit.codePoints(header[i]));
            for (String[] line : lines) {
                widths[i] = Math.max(widths[i], CellFit.codePoints(line[i]));
            }
        }
        int overhead = style == Style.COLUMN ? 2 * (n - 1) : 3 * n + 1;
        if (CellFit.fit(widths, overhead, settings.cutWidth())) {
            cutTo(widths);
        }
        StringBuilder text = new StringBuilder();
        switch (style) {
            case COLUMN -> {
                if (headers) {
                    for (int i = 0; i < n; i++) {
                        text.append(pad(header[i], right(i) ? -widths[i] : widths[i])).append(i == n - 1 ? "\n" : "  ");
                    }
                    for (int i = 0; i < n; i++) {
                        text.append("-".repeat(widths[i])).append(i == n - 1 ? "\n" : "  ");
                    }
                }
            }
            case MARKDOWN -> {
                text.append(centredHeader(widths, "| ", " | ", " |\n"));
                text.append(separator(widths, "|", "-", "|", "|"));
            }
            case BOX -> {
                text.append(separator(widths, "┌", H, "┬", "┐"));
                text.append(centredHeader(widths, V + " ", " " + V + " ", " " + V + "\n"));
                text.append(separator(widths, "├", H, "┼", "┤"));
            }
        }
        String start = switch (style) {
            case COLUMN -> "";
            case MARKDOWN -> "| ";
            case BOX -> V + " ";
        };
        String between = style == Style.COLUMN ? "  " : style == Style.BOX ? " " + V + " " : " | ";
        String stop = style == Style.COLUMN ? "\n" : style == Style.BOX ? " " + V + "\n" : " |\n";
        for (int r = 0; r < lines.size(); r++) {
            String[] line = lines.get(r);
            text.append(start);
            for (int i = 0; i < n; i++) {
                text.append(pad(line[i], right(i) ? -widths[i] : widths[i])).append(i == n - 1 ? stop : between);
            }
            if (multiLine && rowEnds.get(r) && r + 1 < lines.size()) {
                switch (style) {
                    case COLUMN -> text.append('\n');
                    case BOX -> text.append(separator(widths, "├", H, "┼", "┤"));
                    case MARKDOWN -> { } // 3.40 draws no divider in markdown
                }
            }
        }
        if (style == Style.BOX) {
            text.append(separator(widths, "└", H, "┴", "┘"));
        }
        out.print(text);
        out.flush();
    }

    private boolean right(int column) {
        return settings.width(column) < 0;
    }

    private void cutTo(int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            header[i] = CellFit.cut(header[i], widths[i], CellFit::codePoints);
            for (String[] line : lines) {
                line[i] = CellFit.cut(line[i], widths[i], CellFit::codePoints);
            }
        }
    }

    private String centredHeader(int[] widths, String start, String between, String stop) {
        StringBuilder b = new StringBuilder(start);
        for (int i = 0; i < widths.length; i++) {
            int pad = widths[i] - CellFit.codePoints(header[i]);
            b.append(" ".repeat(pad / 2)).append(header[i]).append(" ".repeat((pad + 1) / 2))
                    .append(i == widths.length - 1 ? stop : between);
        }
        return b.toString();
    }

    private static String separator(int[] widths, String left, String line, String cross, String right) {
        StringBuilder b = new StringBuilder(left);
        for (int i = 0; i < widths.length; i++) {
            b.append(line.repeat(widths[i] + 2)).append(i == widths.length - 1 ? right : cross);
        }
        return b.append('\n').toString();
    }

    /** {@code s} in {@code width} code points: left-aligned, right-aligned when negative, cut when longer. */
    static String pad(String s, int width) {
        int w = Math.abs(width);
        int n = CellFit.codePoints(s);
        if (n >= w) {
            return s.substring(0, s.offsetByCodePoints(0, w));
        }
        String fill = " ".repeat(w - n);
        return width < 0 ? fill + s : s + fill;
    }
}
