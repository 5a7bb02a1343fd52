package org.sqlite3j.testkit;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * CPython as the oracle of the tests of every module: the one rule for finding it, running a program
 * in it, and skipping (a JUnit assumption, with the reason) where there is none.
 *
 * <ul>
 *   <li>The oracle ({@link #oracle()}): {@code ~/.pyenv/versions/3.13.0/bin/python3}, else {@code python3}
 *       on the PATH; a test that needs a newer Python or some modules says so ({@link #oracle(int, String...)})
 *       and the candidate that does not have them is passed over.</li>
 *   <li>Debian's {@code /usr/bin/python3} ({@link #debian(String)}), whose {@code dbm.gnu} (libgdbm) and
 *       {@code dbm.ndbm} (Berkeley DB) make the dbm files the dbm tests compare with.</li>
 *   <li>{@code -Dsqlite3j.tck.python=none} ({@link #PROPERTY}) turns all of them off, so that the tests run as
 *       on a machine without CPython (the committed expectations still run); {@code -Dsqlite3j.tck.python=PATH}
 *       makes PATH the oracle instead of the two candidates above.</li>
 *   <li>A run ({@link #script}, {@link #call()}) is bounded by {@link #TIMEOUT_SECONDS} and fails the test
 *       (an {@link AssertionError} with the output) on a non-zero exit.</li>
 * </ul>
 */
public final class Python {

    /** "none" turns every CPython of the tests off; any other non-blank value is the oracle's executable. */
    public static final String PROPERTY = "sqlite3j.tck.python";
    /** The oracle: CPython 3.13.0 built by pyenv. */
    public static final Path PYENV_313 =
            Path.of(System.getProperty("user.home"), ".pyenv", "versions", "3.13.0", "bin", "python3");
    /** Debian's CPython, for the modules only Debian builds here (dbm.gnu, dbm.ndbm on Berkeley DB). */
    public static final Path DEBIAN = Path.of("/usr/bin/python3");
    /** How long any run may take before it is killed and the test fails. */
    public static final long TIMEOUT_SECONDS = 300;

    private static final long PROBE_SECONDS = 30;
    private static final Map<String, Found> FOUND = new HashMap<>();

    private final String executable;

    private Python(String executable) {
        this.executable = executable;
    }

    /** The interpreter's command (a path, or a name to look up on the PATH). */
    public String executable() {
        return executable;
    }

    @Override
    public String toString() {
        return executable;
    }

    // ---------------------------------------------------------------------------------------- finding

    /** Whether {@code -Dsqlite3j.tck.python=none} turned CPython off. */
    public static boolean disabled() {
        return "none".equals(System.getProperty(PROPERTY));
    }

    /** Skips the calling test when CPython is turned off (for oracles that are not Python, e.g. gdbmtool). */
    public static void assumeEnabled() {
        Assumptions.assumeFalse(disabled(), "CPython is turned off (-D" + PROPERTY + "=none)");
    }

    /**
     * The oracle's candidates, in order: the {@link #PROPERTY} executable if one is given, else
     * {@link #PYENV_313} if it exists and {@code python3} on the PATH if there is one. Empty when
     * {@link #disabled()}. For tests that probe the candidates themselves (with their own script).
     */
    public static List<String> candidates() {
        List<String> candidates = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (disabled()) {
            return candidates;
        }
        if (property != null && !property.isBlank()) {
            candidates.add(property.strip());
            return candidates;
        }
        if (Files.isExecutable(PYENV_313)) {
            candidates.add(PYENV_313.toString());
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
                candidates.add(Path.of(dir, "python3").toString());
                break;
            }
        }
        return candidates;
    }

    /** Why there are no candidates, or what was looked for: for skip messages. */
    public static String lookedFor() {
        if (disabled()) {
            return "CPython is turned off (-D" + PROPERTY + "=none)";
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return "-D" + PROPERTY + "=" + property.strip();
        }
        return "looked for " + PYENV_313 + " and python3 on the PATH";
    }

    /** The oracle, any Python 3; or the test is skipped with the reason. */
    public static Python oracle() {
        return oracle(0);
    }

    /**
     * The first candidate ({@link #candidates()}) that is Python 3.{@code minor} or newer and imports
     * {@code modules}; or the test is skipped with the reason.
     */
    public static Python oracle(int minor, String... modules) {
        Found found = findOracle0(minor, modules);
        Assumptions.assumeTrue(found.python != null, found.reason);
        return found.python;
    }

    /** {@link #oracle(int, String...)} without skipping: empty when there is none. */
    public static Optional<Python> findOracle(int minor, String... modules) {
        return Optional.ofNullable(findOracle0(minor, modules).python);
    }

    /** Debian's {@code /usr/bin/python3} when it imports {@code module}; or the test is skipped with the reason. */
    public static Python debian(String module) {
        return debian(module, "True");
    }

    /**
     * Debian's {@code /usr/bin/python3} when it imports {@code module} and the Python expression
     * {@code condition} is true there (e.g. {@code dbm.ndbm.library == 'Berkeley DB'}); or the test is
     * skipped with the reason.
     */
    public static Python debian(String module, String condition) {
        Found found = findDebian0(module, condition);
        Assumptions.assumeTrue(found.python != null, found.reason);
        return found.python;
    }

    /** {@link #debian(String, String)} without skipping: empty when there is none. */
    public static Optional<Python> findDebian(String module, String condition) {
        return Optional.ofNullable(findDebian0(module, condition).python);
    }

    private static final class Found {
        final Python python;
        final String reason;

        Found(Python python, String reason) {
            this.python = python;
            this.reason = reason;
        }
    }

    private static synchronized Found findOracle0(int minor, String... modules) {
        String what = "CPython" + (minor > 0 ? " 3." + minor + "+" : "")
                + (modules.length > 0 ? " with " + String.join(", ", modules) : "");
        String key = "oracle " + System.getProperty(PROPERTY) + " " + what;
        Found found = FOUND.get(key);
        if (found == null) {
            StringBuilder code = new StringBuilder("import sys\n");
            if (minor > 0) {
                code.append("if sys.version_info < (3, ").append(minor).append("): sys.exit('is Python %d.%d' % sys.version_info[:2])\n");
            }
            for (String module : modules) {
                code.append("import ").append(module).append('\n');
            }
            List<String> tried = new ArrayList<>();
            for (String candidate : candidates()) {
                String why = probe(candidate, code.toString());
                if (why == null) {
                    found = new Found(new Python(candidate), null);
                    break;
                }
                tried.add(candidate + ": " + why);
            }
            if (found == null) {
                found = new Found(null, "no " + what + " (" + lookedFor()
                        + (tried.isEmpty() ? "" : "; " + String.join("; ", tried)) + ")");
            }
            FOUND.put(key, found);
        }
        return found;
    }

    private static synchronized Found findDebian0(String module, String condition) {
        String key = "debian " + System.getProperty(PROPERTY) + " " + module + " " + condition;
        Found found = FOUND.get(key);
        if (found == null) {
            String what = "Debian's " + DEBIAN + " with " + module + ("True".equals(condition) ? "" : " where " + condition);
            if (disabled()) {
                found = new Found(null, "needs " + what + "; CPython is turned off (-D" + PROPERTY + "=none)");
            } else if (!Files.isExecutable(DEBIAN)) {
                found = new Found(null, "needs " + what + "; there is no " + DEBIAN);
            } else {
                String why = probe(DEBIAN.toString(), "import sys, " + module + "\n"
                        + "if not (" + condition + "): sys.exit('no: " + condition.replace("'", "\\'") + "')\n");
                found = why == null ? new Found(new Python(DEBIAN.toString()), null)
                        : new Found(null, "needs " + what + "; " + DEBIAN + ": " + why);
            }
            FOUND.put(key, found);
        }
        return found;
    }

    /** Null when {@code code} runs to a zero exit in {@code executable}; else why not. */
    private static String probe(String executable, String code) {
        try {
            Result result = command(executable, "-c", code).timeout(PROBE_SECONDS).exec();
            if (result.status() == 0) {
                return null;
            }
            String out = (result.stdout() + result.stderr()).strip();
            String[] lines = out.split("\n");
            return out.isEmpty() ? "exit " + result.status() : lines[lines.length - 1].strip();
        } catch (IOException | AssertionError e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    // ---------------------------------------------------------------------------------------- running

    /**
     * Runs {@code script} with {@code args} in the oracle ({@link #oracle()}) in {@code workDir}; returns
     * stdout and stderr; fails on a non-zero exit; skips the test when there is no CPython.
     */
    public static String run(Path workDir, String script, String... args) throws IOException, InterruptedException {
        return oracle().script(workDir, script, args);
    }

    /**
     * Runs {@code script} (written to a temporary {@code script*.py} in {@code workDir}, so that the
     * modules there import, and deleted afterwards) with {@code args} in {@code workDir}; returns stdout
     * and stderr; fails on a non-zero exit.
     */
    public String script(Path workDir, String script, String... args) throws IOException, InterruptedException {
        return call().dir(workDir).script(script, args);
    }

    /** A run of this interpreter, to set up ({@link Call#stdin}, {@link Call#dir}, ...) then start. */
    public Call call() {
        return new Call(List.of(executable));
    }

    /** A run of any program (e.g. gdbmtool), with the same rules as the interpreter's. */
    public static Call command(String... command) {
        return new Call(List.of(command));
    }

    /** What a finished process gave. */
    public record Result(int status, String stdout, String stderr) {
    }

    /**
     * One process: its working directory, stdin, environment and timeout; its output is kept in files
     * (no pipe can fill up), stderr with stdout unless {@link #stderrApart()}. The environment always has
     * {@code PYTHONIOENCODING=utf-8}; the output is read as UTF-8.
     */
    public static final class Call {
        private final List<String> command;
        private Path dir;
        private String stdin = "";
        private long timeoutSeconds = TIMEOUT_SECONDS;
        private boolean stderrApart;
        private final Map<String, String> env = new LinkedHashMap<>();

        private Call(List<String> command) {
            this.command = command;
            env.put("PYTHONIOENCODING", "utf-8");
        }

        /** The working directory (the JVM's when not given). */
        public Call dir(Path dir) {
            this.dir = dir;
            return this;
        }

        /** What the process reads on stdin (nothing when not given). */
        public Call stdin(String stdin) {
            this.stdin = stdin;
            return this;
        }

        public Call timeout(long seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        public Call env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Keeps stderr out of {@link Result#stdout()} (and out of what {@link #run} returns). */
        public Call stderrApart() {
            this.stderrApart = true;
            return this;
        }

        /** Runs the command with {@code args}; its output, or an {@link AssertionError} with it on a non-zero exit. */
        public String run(String... args) throws IOException, InterruptedException {
            Result result = exec(args);
            if (result.status() != 0) {
                throw new AssertionError(commandLine(args) + " exited with " + result.status() + ":\n"
                        + result.stdout() + result.stderr());
            }
            return result.stdout();
        }

        /** Writes {@code program} to a temporary {@code script*.py} in the directory and {@link #run}s it. */
        public String script(String program, String... args) throws IOException, InterruptedException {
            Path file = Files.createTempFile(dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir")),
                    "script", ".py");
            try {
                Files.writeString(file, program, StandardCharsets.UTF_8);
                List<String> all = new ArrayList<>();
                all.add(file.toString());
                all.addAll(Arrays.asList(args));
                return run(all.toArray(String[]::new));
            } finally {
                Files.deleteIfExists(file);
            }
        }

        /**
         * Runs the command with {@code args} to its end; an {@link AssertionError} when it overruns the
         * timeout (it is killed).
         */
        public Result exec(String... args) throws IOException, InterruptedException {
            List<String> all = commandLine(args);
            Path out = Files.createTempFile("python", ".out");
            Path err = Files.createTempFile("python", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(all).redirectOutput(out.toFile());
                if (stderrApart) {
                    builder.redirectError(err.toFile());
                } else {
                    builder.redirectErrorStream(true);
                }
                if (dir != null) {
                    builder.directory(dir.toFile());
                }
                builder.environment().putAll(env);
                Process process = builder.start();
                try {
                    try (OutputStream in = process.getOutputStream()) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // the process ended without reading all its input: its exit status tells
                    }
                    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                        throw new AssertionError(all + " did not finish within " + timeoutSeconds
                                + " s and was killed; its output so far:\n" + read(out) + read(err));
                    }
                } finally {
                    if (process.isAlive()) {
                        process.destroyForcibly();
                    }
                }
                return new Result(process.exitValue(), read(out), read(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }

        private List<String> commandLine(String... args) {
            List<String> all = new ArrayList<>(command);
            all.addAll(Arrays.asList(args));
            return all;
        }

        private static String read(Path file) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
