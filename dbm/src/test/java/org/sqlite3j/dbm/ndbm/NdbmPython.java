package org.sqlite3j.dbm.ndbm;

import java.io.IOException;
import java.nio.file.Path;

import org.sqlite3j.testkit.Python;

/**
 * Runs a script in Debian's {@code /usr/bin/python3} whose {@code dbm.ndbm} is Berkeley DB (the testkit's
 * {@link Python#debian}), or skips the test (JUnit assumption) with the reason when there is no such
 * Python or CPython is turned off.
 */
final class NdbmPython {

    private static final String BERKELEY_DB = "dbm.ndbm.library == 'Berkeley DB'";

    private NdbmPython() {
    }

    /** Skips the calling test unless /usr/bin/python3 exists and its dbm.ndbm is built on Berkeley DB. */
    static void assume() {
        Python.debian("dbm.ndbm", BERKELEY_DB);
    }

    /**
     * Runs {@code script} with {@code args} in {@code dir}; returns stdout, fails on a non-zero exit
     * (Berkeley DB prints its own diagnostics, "BDB0004 ...", on stderr: kept apart from the output).
     */
    static String run(Path dir, String script, String... args) throws IOException, InterruptedException {
        return Python.debian("dbm.ndbm", BERKELEY_DB).call().dir(dir).stderrApart().script(script, args);
    }
}
