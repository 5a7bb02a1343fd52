package org.sqlite3j.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script in CPython — 3.13 from pyenv first, then {@code python3} on the PATH — or skips the
 * test with the reason when there is none (the idea of the tck's helper; cli does not depend on tck).
 */
final class Python {
    private static final Path PYENV_313 =
            Path.of(System.getProperty("user.home"), ".pyenv", "versions", "3.13.0", "bin", "python3");

    private Python() {
    }

    static String executable() {
        if (Files.isExecutable(PYENV_313)) {
            return PYENV_313.toString();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Runs {@code script} with {@code args} in {@code workDir}; returns stdout; fails on a non-zero exit. */
    static String run(Path workDir, String script, String... args) throws IOException, InterruptedException {
        String python = executable();
        assumeTrue(python != null, "no CPython found (looked for " + PYENV_313 + " and python3 on PATH)");
        Path file = workDir.resolve("script.py");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(python, file.toString()));
        command.addAll(List.of(args));
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
