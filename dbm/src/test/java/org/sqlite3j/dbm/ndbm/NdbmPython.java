package org.sqlite3j.dbm.ndbm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script in Debian's {@code /usr/bin/python3} whose {@code dbm.ndbm} is Berkeley DB, or skips the
 * test (JUnit assumption) with the reason when there is no such Python.
 */
final class NdbmPython {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private NdbmPython() {
    }

    /**
     * Whether /usr/bin/python3 exists and its dbm.ndbm is built on Berkeley DB ({@code
     * -Dsqlite3j.ndbm.python=none} says no, to run the suite as a machine without it would).
     */
    static synchronized boolean available() {
        if (available == null) {
            available = false;
            if (!"none".equals(System.getProperty("sqlite3j.ndbm.python")) && Files.isExecutable(PYTHON)) {
                try {
                    Process p = new ProcessBuilder(PYTHON.toString(), "-c",
                            "import dbm.ndbm, sys; sys.exit(0 if dbm.ndbm.library == 'Berkeley DB' else 3)")
                            .redirectErrorStream(true).start();
                    p.getInputStream().readAllBytes();
                    available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
                } catch (IOException e) {
                    available = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return available;
    }

    /** Skips the calling test unless {@link #available()}. */
    static void assume() {
        assumeTrue(available(), "needs " + PYTHON + " with dbm.ndbm on Berkeley DB (Debian's python3)");
    }

    /** Runs {@code script} with {@code args} in {@code dir}; returns stdout, fails on a non-zero exit. */
    static String run(Path dir, String script, String... args) throws IOException, InterruptedException {
        assume();
        Path file = dir.resolve("ndbm_script.py");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), file.toString()));
        command.addAll(List.of(args));
        // Berkeley DB prints its own diagnostics ("BDB0004 ...") on stderr: kept apart from the output
        Path stderr = dir.resolve("ndbm_stderr.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(stderr.toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python3 did not finish within 60 s: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("python3 exited with " + process.exitValue() + ":\n" + text
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return text;
    }
}
