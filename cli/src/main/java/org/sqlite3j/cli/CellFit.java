package org.sqlite3j.cli;

import java.util.function.ToIntFunction;

/**
 * Fits a table to the screen ({@code .ellipsis on}, the default on a terminal): when the columns at
 * their natural widths and the borders are wider than the screen, the widest columns are narrowed to
 * one common cap (never below {@link #MIN_WIDTH}) and their long cells end in "…".
 */
final class CellFit {
    /** A column is never cut narrower than this. */
    static final int MIN_WIDTH = 8;
    static final String ELLIPSIS = "…";

    private CellFit() {
    }

    /**
     * Narrows {@code widths} in place so that they and {@code overhead} border cells fit {@code screen}
     * (as far as {@link #MIN_WIDTH} allows); nothing changes when {@code screen} is 0 or they fit.
     *
     * @return whether a column was narrowed
     */
    static boolean fit(int[] widths, int overhead, int screen) {
        if (screen <= 0 || total(widths, Integer.MAX_VALUE) + overhead <= screen) {
            return false;
        }
        int cap = MIN_WIDTH;
        for (int low = MIN_WIDTH, high = max(widths); low <= high; ) {
            int mid = (low + high) >>> 1;
            if (total(widths, mid) + overhead <= screen) {
                cap = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        boolean narrowed = false;
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] > cap) {
                widths[i] = cap;
                narrowed = true;
            }
        }
        return narrowed;
    }

    private static long total(int[] widths, int cap) {
        long sum = 0;
        for (int w : widths) {
            sum += Math.min(w, cap);
        }
        return sum;
    }

    private static int max(int[] widths) {
        int m = 0;
        for (int w : widths) {
            m = Math.max(m, w);
        }
        return m;
    }

    /** {@code text} cut to {@code width} cells (as {@code measure} counts them), ending in "…" when cut. */
    static String cut(String text, int width, ToIntFunction<String> measure) {
        if (measure.applyAsInt(text) <= width) {
            return text;
        }
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = measure.applyAsInt(Character.toString(cp));
            if (used + w > width - 1) {
                break;
            }
            b.appendCodePoint(cp);
            used += w;
            i += Character.charCount(cp);
        }
        return b.append(ELLIPSIS).toString();
    }

    /** Code points in {@code s}: how the sqlite3 3.40 shell measures a cell. */
    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
