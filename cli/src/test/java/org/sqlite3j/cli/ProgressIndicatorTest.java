package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The progress line, with a fake clock and a string as the terminal. */
class ProgressIndicatorTest {
    private final StringWriter screen = new StringWriter();
    private final AtomicLong now = new AtomicLong(1_000);

    private ProgressIndicator indicator() {
        return new ProgressIndicator(new PrintWriter(screen), "backup", "pages", now::get);
    }

    @Test
    void shortWorkShowsNothing() {
        ProgressIndicator p = indicator();
        p.update(1, 2);
        now.addAndGet(ProgressIndicator.DELAY_NANOS - 1);
        p.update(2, 2);
        p.finish();
        assertThat(screen.toString()).isEmpty();
        assertThat(p.visible()).isFalse();
    }

    @Test
    void longWorkDrawsABarInPlaceAndErasesIt() {
        ProgressIndicator p = indicator();
        now.addAndGet(ProgressIndicator.DELAY_NANOS);
        p.update(256, 1024);
        assertThat(screen.toString()).isEqualTo("\rbackup [#######.......................]  25%  (256/1024 pages)");
        assertThat(p.visible()).isTrue();
        p.update(512, 1024); // too soon: not redrawn
        assertThat(screen.toString()).doesNotContain("50%");
        now.addAndGet(ProgressIndicator.INTERVAL_NANOS);
        p.update(1024, 1024);
        assertThat(screen.toString()).endsWith("\rbackup [##############################] 100%  (1024/1024 pages)");
        int width = "backup [##############################] 100%  (1024/1024 pages)".length();
        p.finish();
        assertThat(screen.toString()).endsWith("\r" + " ".repeat(width) + "\r");
        assertThat(p.visible()).isFalse();
    }

    @Test
    void anUnknownTotalShowsACount() {
        ProgressIndicator p = new ProgressIndicator(new PrintWriter(screen), "dump", "lines", now::get);
        now.addAndGet(ProgressIndicator.DELAY_NANOS);
        p.update(12_000, -1);
        assertThat(screen.toString()).isEqualTo("\rdump: 12000 lines");
    }

    @Test
    void aShorterLineCoversTheLongerOne() {
        ProgressIndicator p = new ProgressIndicator(new PrintWriter(screen), "dump", "lines", now::get);
        now.addAndGet(ProgressIndicator.DELAY_NANOS);
        p.update(100_000, -1);
        now.addAndGet(ProgressIndicator.INTERVAL_NANOS);
        p.update(5, -1); // not realistic, but the padding must cover what was there
        assertThat(screen.toString()).endsWith("\rdump: 5 lines     ");
    }

    @Test
    void theNoneIndicatorNeverDraws() {
        ProgressIndicator p = ProgressIndicator.none();
        p.update(1, 2);
        p.finish();
        assertThat(p.visible()).isFalse();
    }

    @Test
    void outOfRangeCountsAreClamped() {
        assertThat(indicator().text(5, 4)).contains("100%");
        assertThat(indicator().text(-1, 4)).contains("  0%");
    }
}
