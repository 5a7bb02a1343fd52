package org.sqlite3j.tck.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * CPython 3.13 running runner.py in a subprocess: found once ({@link #locate}), then asked for the
 * observations of one scenario file at a time. Every run is bounded in time and killed when it
 * overruns; its stderr is kept for the failure message.
 */
final class CPython {

    /**
     * Overrides the interpreter to use (a path or a command on PATH); "none" turns CPython off, so
     * that the facade is compared with the committed expectations only.
     */
    static final String PROPERTY = "sqlite3j.tck.python";

    private static final long PROBE_SECONDS = 20;
    private static final long RUN_SECONDS = 60;

    private final String executable;
    private final String version;
    private final Path runner;

    private CPython(String executable, String version, Path runner) {
        this.executable = executable;
        this.version = version;
        this.runner = runner;
    }

    /**
     * The first candidate on which {@code runner.py --probe} succeeds: the {@value #PROPERTY}
     * system property (unless it is "none"), then {@code ~/.pyenv/versions/3.13.0/bin/python3}, then python3.13 and
     * python3 on the PATH.
     *
     * @param tried receives one line per candidate that was not usable
     */
    static Optional<CPython> locate(Path runner, List<String> tried) {
        List<String> candidates = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if ("none".equals(property)) {
            tried.add("-D" + PROPERTY + "=none turns CPython off");
            return Optional.empty();
        }
        if (property != null && !property.isBlank()) {
            candidates.add(property);
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "versions", "3.13.0", "bin", "python3")
                .toString());
        candidates.add("python3.13");
        candidates.add("python3");
        for (String candidate : candidates) {
            try {
                Result probe = run(List.of(candidate, runner.toString(), "--probe"), PROBE_SECONDS);
                if (probe.exitCode == 0) {
                    return Optional.of(new CPython(candidate, probe.stdout.strip(), runner));
                }
                tried.add(candidate + ": "
                        + (probe.stderr.isBlank() ? "exit " + probe.exitCode : probe.stderr.strip()));
            } catch (IOException e) {
                tried.add(candidate + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** "Python 3.13.0, SQLite 3.40.1". */
    String version() {
        return version;
    }

    /**
     * runner.py's observations of every scenario in {@code scenarioFile}.
     *
     * @throws AssertionError when the runner fails or overruns, with its stderr
     */
    List<String> observe(Path scenarioFile) {
        List<String> command = List.of(executable, runner.toString(), scenarioFile.toString());
        Result result;
        try {
            result = run(command, RUN_SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        if (result.exitCode != 0) {
            throw new AssertionError("runner.py failed (exit " + result.exitCode + ") on " + scenarioFile
                    + ":\n" + result.stderr);
        }
        return result.stdout.lines().collect(Collectors.toList());
    }

    private static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }

    /** Runs a command with stdout and stderr in temporary files (no pipe can fill up). */
    private static Result run(List<String> command, long seconds) throws IOException {
        Path out = Files.createTempFile("cpython", ".out");
        Path err = Files.createTempFile("cpython", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().put("PYTHONIOENCODING", "utf-8");
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + command, e);
            }
            if (!finished) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + seconds + " s and was killed;"
                        + " stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
