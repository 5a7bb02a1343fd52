package org.sqlite3j.dbm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python scripts in CPython as the oracle (the approach of the tck's interop {@code Python} helper),
 * or skips the test with the reason. {@link #py313} is CPython 3.13 (pyenv, or a {@code python3} on PATH
 * that is 3.13); {@link #debian} is Debian's {@code /usr/bin/python3}, whose {@code dbm.gnu} (libgdbm) and
 * {@code dbm.ndbm} (Berkeley DB) make gnu and ndbm files. {@code -Dsqlite3j.dbm.python=none} disables
 * both (to check the committed-file tests alone).
 */
final class CPython {

    private CPython() {
    }

    static final Path PYENV_313 =
            Path.of(System.getProperty("user.home"), ".pyenv", "versions", "3.13.0", "bin", "python3");
    static final Path DEBIAN = Path.of("/usr/bin/python3");

    private static boolean disabled() {
        return "none".equals(System.getProperty("sqlite3j.dbm.python"));
    }

    /** CPython 3.13's executable, or null. */
    static String executable313() {
        if (disabled()) {
            return null;
        }
        if (Files.isExecutable(PYENV_313)) {
            return PYENV_313.toString();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "python3");
            if (Files.isExecutable(candidate) && is313(candidate.toString())) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static boolean is313(String python) {
        try {
            return run(python, Path.of(System.getProperty("java.io.tmpdir")),
                    "import sys; print(sys.version_info[:2] == (3, 13))").strip().equals("True");
        } catch (IOException | InterruptedException | AssertionError e) {
            return false;
        }
    }

    /** Runs {@code script} in CPython 3.13 in {@code workDir}; skips the test when there is none. */
    static String py313(Path workDir, String script, String... args) throws IOException, InterruptedException {
        String python = executable313();
        assumeTrue(python != null, "no CPython 3.13 (looked for " + PYENV_313 + " and a 3.13 python3 on PATH)");
        return run(python, workDir, script, args);
    }

    /** Runs {@code script} in Debian's python3 when it has {@code module}; skips the test otherwise. */
    static String debian(String module, Path workDir, String script, String... args)
            throws IOException, InterruptedException {
        assumeTrue(!disabled() && Files.isExecutable(DEBIAN), "no " + DEBIAN);
        String probe;
        try {
            probe = run(DEBIAN.toString(), workDir, "import " + module + "; print('ok')").strip();
        } catch (AssertionError e) {
            probe = e.getMessage();
        }
        assumeTrue(probe.equals("ok"), DEBIAN + " has no " + module + ": " + probe);
        return run(DEBIAN.toString(), workDir, script, args);
    }

    /** Runs {@code script} with {@code python}; returns stdout (UTF-8), fails on a non-zero exit. */
    static String run(String python, Path workDir, String script, String... args)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile(workDir, "script", ".py");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(python, file.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = pb.start();
        process.getOutputStream().close();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("CPython did not finish within 120 s: " + command);
        }
        Files.deleteIfExists(file);
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("CPython exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
