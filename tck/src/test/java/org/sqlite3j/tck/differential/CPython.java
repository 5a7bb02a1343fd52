package org.sqlite3j.tck.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.sqlite3j.testkit.Python;

/**
 * CPython 3.13 running runner.py in a subprocess: found once ({@link #locate}) among the testkit's
 * candidates, then asked for the observations of one scenario file at a time. Every run is bounded in
 * time (the testkit's timeout) and killed when it overruns; its stderr is kept for the failure message.
 */
final class CPython {

    private final String executable;
    private final String version;
    private final Path runner;

    private CPython(String executable, String version, Path runner) {
        this.executable = executable;
        this.version = version;
        this.runner = runner;
    }

    /**
     * The first of the testkit's {@link Python#candidates()} on which {@code runner.py --probe} succeeds
     * ({@code -Dsqlite3j.tck.python=none} turns CPython off, so that the facade is compared with the
     * committed expectations only).
     *
     * @param tried receives one line per candidate that was not usable
     */
    static Optional<CPython> locate(Path runner, List<String> tried) {
        List<String> candidates = Python.candidates();
        if (candidates.isEmpty()) {
            tried.add(Python.lookedFor());
        }
        for (String candidate : candidates) {
            try {
                Python.Result probe = run(List.of(candidate, runner.toString(), "--probe"));
                if (probe.status() == 0) {
                    return Optional.of(new CPython(candidate, probe.stdout().strip(), runner));
                }
                tried.add(candidate + ": "
                        + (probe.stderr().isBlank() ? "exit " + probe.status() : probe.stderr().strip()));
            } catch (IOException | AssertionError e) {
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
        Python.Result result;
        try {
            result = run(command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        if (result.status() != 0) {
            throw new AssertionError("runner.py failed (exit " + result.status() + ") on " + scenarioFile
                    + ":\n" + result.stderr());
        }
        return result.stdout().lines().collect(Collectors.toList());
    }

    /** Runs a command with stderr apart (the testkit's runner: output in files, bounded in time). */
    private static Python.Result run(List<String> command) throws IOException {
        try {
            return Python.command(command.toArray(String[]::new)).env("PYTHONDONTWRITEBYTECODE", "1")
                    .stderrApart().exec();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command, e);
        }
    }
}
