package org.sqlite3j.shelve;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The shelve tests' CPython: the testkit's oracle, 3.13 or newer (dbm.sqlite3, the default backend of
 * shelve.open, is new in 3.13), with {@code shelffixture.py} beside the script so that its classes import.
 */
final class Python {

    private Python() {
    }

    /**
     * Runs {@code script} in {@code workDir} (where {@code shelffixture.py} is copied); returns stdout and
     * stderr; fails the test on a non-zero exit; skips it when there is no CPython 3.13.
     */
    static String run(Path workDir, String script) throws IOException, InterruptedException {
        org.sqlite3j.testkit.Python python = org.sqlite3j.testkit.Python.oracle(13);
        Fixtures.copy("shelffixture.py", workDir);
        return python.script(workDir, script);
    }
}
