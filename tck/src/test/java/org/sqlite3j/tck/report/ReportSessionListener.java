package org.sqlite3j.tck.report;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Registered through {@code META-INF/services}: clears the figures of an earlier run when the test
 * session opens, and writes {@code target/tck-report.txt} when it closes, if
 * CoverageMapTest or DifferentialTest ran (see {@link TckReport}).
 */
public final class ReportSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TckReport.clear(TckReport.targetDirectory());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (TckReport.recorded(TckReport.targetDirectory())) { // a run of other tests keeps the last report
            System.out.println(TckReport.write(TckReport.targetDirectory()));
        }
    }
}
