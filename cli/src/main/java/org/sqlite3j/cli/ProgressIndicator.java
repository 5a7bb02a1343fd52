package org.sqlite3j.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress display for long work ({@code .dump} into a file, {@code .backup}) on a
 * terminal: redrawn in place with a carriage return, first drawn only once the work has taken
 * {@link #DELAY_NANOS} (short work shows nothing), then at most every {@link #INTERVAL_NANOS}, and
 * erased by {@link #finish()}. With a known total it shows a bar and a percentage
 * ({@code backup [#####.....]  50%  (512/1024 pages)}), else a count ({@code dump: 12000 lines}).
 *
 * <p>{@link #none()} draws nothing: what the shell uses when its output is not a terminal. Used by
 * one thread at a time.
 */
final class ProgressIndicator {
    static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int BAR = 30;

    private final PrintWriter terminal;
    private final String label;
    private final String unit;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private int drawnWidth;

    /**
     * @param terminal where the line is drawn, or null to draw nothing
     * @param label    what is going on ("backup")
     * @param unit     what is counted ("pages")
     * @param clock    nanoseconds ({@code System::nanoTime}; a fake one in tests)
     */
    ProgressIndicator(PrintWriter terminal, String label, String unit, LongSupplier clock) {
        this.terminal = terminal;
        this.label = label;
        this.unit = unit;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** An indicator that never draws. */
    static ProgressIndicator none() {
        return new ProgressIndicator(null, "", "", () -> 0L);
    }

    /** Reports {@code done} units of {@code total} ({@code total <= 0}: unknown). */
    void update(long done, long total) {
        if (terminal == null) {
            return;
        }
        long now = clock.getAsLong();
        if (now - start < DELAY_NANOS || (drawnWidth > 0 && now - lastDraw < INTERVAL_NANOS)) {
            return;
        }
        lastDraw = now;
        draw(text(done, total));
    }

    /** The line for {@code done} of {@code total}. */
    String text(long done, long total) {
        if (total <= 0) {
            return label + ": " + done + " " + unit;
        }
        long clamped = Math.max(0, Math.min(done, total));
        int filled = (int) (BAR * clamped / total);
        int percent = (int) (100 * clamped / total);
        return label + " [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
                + String.format("%3d%%", percent) + "  (" + done + "/" + total + " " + unit + ")";
    }

    private void draw(String line) {
        String pad = " ".repeat(Math.max(0, drawnWidth - line.length()));
        terminal.print("\r" + line + pad);
        terminal.flush();
        drawnWidth = line.length();
    }

    /** Erases the line if one was drawn. */
    void finish() {
        if (terminal != null && drawnWidth > 0) {
            terminal.print("\r" + " ".repeat(drawnWidth) + "\r");
            terminal.flush();
            drawnWidth = 0;
        }
    }

    /** Whether a line is on the screen now. */
    boolean visible() {
        return drawnWidth > 0;
    }
}
