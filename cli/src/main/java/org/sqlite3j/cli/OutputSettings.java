package org.sqlite3j.cli;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * What the output dot-commands set for the formatters: {@code .headers}, {@code .nullvalue},
 * {@code .width}, the table of {@code .mode insert TABLE}, and the width to which table-like modes
 * cut long cells with an ellipsis ({@code .ellipsis}; 0 when they are not cut). One per shell.
 */
final class OutputSettings {
    private Boolean headers;
    private boolean headersGiven;
    private String nullValue;
    private List<Integer> widths = List.of();
    private String insertTable = "table";
    private boolean ellipsis;
    private IntSupplier screenWidth = () -> DEFAULT_SCREEN_WIDTH;

    /** The screen width assumed without a terminal ({@code .ellipsis on} in a piped session). */
    static final int DEFAULT_SCREEN_WIDTH = 80;

    /** Whether {@code mode} shows a header: as {@code .headers} says, else the mode's own default. */
    boolean headers(Mode mode) {
        return headers != null ? headers : mode.headersByDefault();
    }

    /** {@code .headers on|off}: from now on every mode follows it. */
    void headers(boolean on) {
        this.headers = on;
        this.headersGiven = true;
    }

    /** As sqlite3: choosing {@code .mode column} turns headers on (for later modes too) unless {@code .headers} was given. */
    void modeChosen(Mode mode) {
        if (mode == Mode.COLUMN && !headersGiven) {
            headers = true;
        }
    }

    /** The text of NULL: {@code .nullvalue}, else the mode's own ({@code NULL} or empty). */
    String nullValue(String modeDefault) {
        return nullValue != null ? nullValue : modeDefault;
    }

    /** {@code .nullvalue TEXT}. */
    void showNullAs(String text) {
        this.nullValue = text;
    }

    /** The width of column {@code i} from {@code .width} (negative: right-aligned), 0 when not set. */
    int width(int i) {
        return i < widths.size() ? widths.get(i) : 0;
    }

    void widths(List<Integer> values) {
        this.widths = List.copyOf(values);
    }

    String insertTable() {
        return insertTable;
    }

    void insertTable(String table) {
        this.insertTable = table;
    }

    /** The screen width long cells are cut to in table-like modes, or 0 for no cut. */
    int cutWidth() {
        return ellipsis ? Math.max(CellFit.MIN_WIDTH + 4, screenWidth.getAsInt()) : 0;
    }

    boolean ellipsis() {
        return ellipsis;
    }

    /** Whether table-like modes cut long cells to the screen ({@code .ellipsis on|off}). */
    void ellipsis(boolean on) {
        this.ellipsis = on;
    }

    /** The terminal's width, read at each result (it may be resized). */
    void screenWidth(IntSupplier width) {
        this.screenWidth = width;
    }
}
