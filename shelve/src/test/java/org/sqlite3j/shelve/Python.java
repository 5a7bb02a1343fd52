package org.sqlite3j.shelve;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script in CPython 3.13 (pyenv's, then a {@code python3} on the PATH that is 3.13) or skips
 * the test with the reason: dbm.sqlite3, the default backend of shelve.open, is new in 3.13.
 * {@code -Dsqlite3j.shelve.python=none} skips every live CPython test (the committed files still run).
 */
final class Python {
    private static final Path PYENV_313 =
            Path.of(System.getProperty("user.home"), ".pyenv", "versions", "3.13.0", "bin", "python3");

    private Python() {
    }

    static String executable() {
        if ("none".equals(System.getProperty("sqlite3j.shelve.python"))) {
            return null;
        }
        if (Files.isExecutable(PYENV_313)) {
            return PYENV_313.toString();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "python3.13");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /**
     * Runs {@code script} in {@code workDir} (where {@code shelffixture.py} is copied, so its classes
     * import); returns stdout and stderr; fails the test on a non-zero exit.
     */
    static String run(Path workDir, String script) throws IOException, InterruptedException {
        String python = executable();
        assumeTrue(python != null, "no CPython 3.13 found (looked for " + PYENV_313 + " and python3.13 on PATH)");
        Fixtures.copy("shelffixture.py", workDir);
        Path file = workDir.resolve("script.py");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(python, file.toString()));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("CPython did not finish within 60 s: " + command);
        }
        String out = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("CPython exited with " + process.exitValue() + ":\n" + out);
        }
        return out;
    }
}
