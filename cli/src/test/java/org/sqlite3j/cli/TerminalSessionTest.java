package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * The interactive shell: on a real pseudo-terminal (util-linux {@code script} around a JVM running
 * {@link Main}, typed at like a user), on JLine's in-memory terminal, and the progress line that only a
 * terminal gets.
 */
class TerminalSessionTest {
    @TempDir
    Path dir;

    /** A process on a pty whose output is read as it comes, with expect-style waits. */
    static final class PtySession implements AutoCloseable {
        private final Process process;
        private final OutputStream keys;
        private final StringBuffer screen = new StringBuffer();
        private int mark;

        PtySession(List<String> command) throws IOException {
            String joined = String.join(" ", command.stream().map(PtySession::quote).toList());
            // A process started with SIGINT ignored (a background job of a shell without job control)
            // passes that on to its children, and a JVM that starts so never handles Ctrl-C: the shell
            // under test starts with it at its default, as from a user's terminal.
            ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c",
                    "stty cols 120 rows 40; exec " + (ENV_RESETS_SIGNALS ? "env --default-signal=INT " : "") + joined,
                    "/dev/null").redirectErrorStream(true);
            builder.environment().put("TERM", "xterm-256color");
            process = builder.start();
            keys = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buffer = new byte[4096];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ended) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        private static String quote(String s) {
            return "'" + s.replace("'", "'\\''") + "'";
        }

        /** Waits until {@code text} appears after what earlier waits consumed; then consumes up to it. */
        String expect(String text) throws InterruptedException, IOException {
            return expectTyping(text, null, Duration.ZERO);
        }

        /**
         * As {@link #expect}, typing {@code keys} at once and again every {@code period} while {@code text}
         * has not appeared — for a key whose effect depends on when the shell gets it (Ctrl-C stops a
         * statement only once it runs).
         */
        String expectTyping(String text, String keys, Duration period) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long nextTyping = System.nanoTime();
            while (System.nanoTime() < deadline) {
                int at = screen.indexOf(text, mark);
                if (at >= 0) {
                    String seen = screen.substring(mark, at + text.length());
                    mark = at + text.length();
                    return seen;
                }
                if (keys != null && System.nanoTime() - nextTyping >= 0) {
                    type(keys);
                    nextTyping = System.nanoTime() + period.toNanos();
                }
                Thread.sleep(20);
            }
            throw new AssertionError("did not see " + text + " on the terminal; it shows:\n" + screen.substring(mark));
        }

        String all() {
            return screen.toString();
        }

        void type(String text) {
            try {
                keys.write(text.getBytes(StandardCharsets.UTF_8));
                keys.flush();
            } catch (IOException e) {
                throw new AssertionError("could not type on the terminal (" + e.getMessage() + "); "
                        + (process.isAlive() ? "the shell still runs" : "the shell exited with status " + process.exitValue())
                        + "; it shows:\n" + screen.substring(mark), e);
            }
        }

        int waitForExit() throws InterruptedException {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the shell exits").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** Whether {@code env} can start a program with a signal at its default (GNU coreutils 8.31 and later). */
    private static final boolean ENV_RESETS_SIGNALS = succeeds("env", "--default-signal=INT", "true");

    private static boolean succeeds(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The shell on a pseudo-terminal, at its first prompt, keeping its history in {@code history}. */
    private static PtySession shellOnAPty(Path history) throws IOException {
        assumeTrue(scriptAvailable(), "util-linux `script` is not installed: no pseudo-terminal to drive");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new PtySession(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--history", history.toString()));
    }

    private static boolean scriptAvailable() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "script"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aSessionOnARealPseudoTerminal() throws Exception {
        Path history = dir.resolve("history");
        try (PtySession tty = shellOnAPty(history)) {
            assertThat(tty.expect(Shell.PROMPT)).contains("sqlite3j shell, running on SQLite version " + Sqlite3.sqliteVersion())
                    .contains("Connected to the bundled demo database (in memory)");

            tty.type("SELECT key,\r");
            tty.expect(Shell.CONTINUATION);
            tty.type("  value FROM setting WHERE key = 'origin';\r");
            assertThat(tty.expect(Shell.PROMPT)).contains("| origin | __main__.Point(x=3, y=4) |");

            tty.type("SELECT * FROM nope;\r");
            assertThat(tty.expect(Shell.PROMPT)).contains("Error: OperationalError (SQLITE_ERROR): no such table: nope");

            tty.type(".frob\r");
            assertThat(tty.expect(Shell.PROMPT)).contains("Error: unknown command or invalid arguments:  \"frob\"");

            tty.type("SELECT 'abandoned' AS gone\r");
            tty.expect(Shell.CONTINUATION);
            tty.type("\u0003"); // Ctrl-C drops the statement being typed
            tty.expect(Shell.PROMPT);
            tty.type("SELECT 'after' AS a;\r");
            tty.expect("| after |");
            tty.expect(Shell.PROMPT);

            tty.type("\u0010\r"); // Ctrl-P (emacs previous-history, as the up arrow): the previous line again
            tty.expect("| after |");
            tty.expect(Shell.PROMPT);

            tty.type("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;\r");
            // JLine leaves line editing (bracketed paste off): the line is read and about to run. A Ctrl-C
            // before the statement starts stops nothing (SQLite's interrupt only reaches running
            // statements), so it is pressed again each second until the statement has been stopped.
            tty.expect("\u001b[?2004l");
            tty.expectTyping("Error: OperationalError (SQLITE_INTERRUPT): interrupted", "\u0003", Duration.ofSeconds(1));
            tty.expect(Shell.PROMPT);

            tty.type(".mode json\rSELECT 1 AS one;\r");
            assertThat(tty.expect("[{\"one\":1}]")).isNotNull();
            tty.expect(Shell.PROMPT);

            tty.type("\u0004"); // Ctrl-D at an empty prompt leaves
            assertThat(tty.waitForExit()).isZero();
            assertThat(tty.all()).doesNotContain("| abandoned |").doesNotContain("Exception");
        }
        assertThat(Files.readAllLines(history).stream().map(l -> l.substring(l.indexOf(':') + 1).replace("\\n", "\n")))
                .contains("SELECT key,\n  value FROM setting WHERE key = 'origin';", "SELECT 'after' AS a;", ".mode json")
                .doesNotContain("SELECT key,");
    }

    /**
     * Ctrl-C pressed at any moment — while a line is typed, as it is taken, as a statement runs, as the
     * next prompt is drawn — stops at most what is going on and never ends the shell. JLine's own signal
     * registration once left a gap at every line in which Ctrl-C reached the JVM's handler and the
     * process exited with status 130 (see SignalRelay).
     */
    @Test
    void ctrlCAtAnyMomentNeverEndsTheShell() throws Exception {
        try (PtySession tty = shellOnAPty(dir.resolve("history"))) {
            tty.expect(Shell.PROMPT);
            java.util.Random random = new java.util.Random(20261126);
            for (int i = 0; i < 300; i++) {
                tty.type("SELECT " + i + " AS n;\r");
                Thread.sleep(random.nextInt(4));
                tty.type("\u0003");
                Thread.sleep(random.nextInt(3));
            }
            // what is left of the burst settles; then the shell still answers
            Thread.sleep(500);
            tty.type("\u0003SELECT 'still here' AS status;\r");
            tty.expect("| still here |");
            tty.expect(Shell.PROMPT);
            tty.type("\u0004");
            assertThat(tty.waitForExit()).isZero();
            assertThat(tty.all()).doesNotContain("Exception");
        }
    }

    @Test
    void aSessionOnJLinesInMemoryTerminal() throws Exception {
        Path history = dir.resolve("mem-history");
        // the input stays open (as a terminal's does): .quit ends the session, not the end of the bytes
        java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
        java.io.PipedInputStream input = new java.io.PipedInputStream(keyboard, 4096);
        keyboard.write("SELECT 6 *\r7 AS answer;\r.timer on\r.quit\r".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = MemoryTerminal.open(input, screen);
             Connection con = Sqlite3.connect(":memory:")) {
            PrintWriter w = terminal.writer();
            Shell shell = new Shell(con, w, w, w, System::nanoTime);
            int status;
            try (JLineSource source = new JLineSource(terminal, history)) {
                status = shell.run(source);
            }
            w.flush();
            assertThat(status).isZero();
        } finally {
            keyboard.close();
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains(Shell.PROMPT).contains(Shell.CONTINUATION).contains("|     42 |");
        assertThat(Files.readAllLines(history).stream().map(l -> l.substring(l.indexOf(':') + 1)))
                .map(l -> l.replace("\\n", "\n")) // JLine writes a line break inside an entry as \n
                .containsExactly("SELECT 6 *\n7 AS answer;", ".timer on", ".quit"); // one statement, one entry
    }

    @Test
    void withoutHistoryNothingIsWritten() throws Exception {
        try (Terminal terminal = MemoryTerminal.open(new ByteArrayInputStream("SELECT 1;\r".getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream());
             Connection con = Sqlite3.connect(":memory:");
             JLineSource source = new JLineSource(terminal, null)) {
            new Shell(con, terminal.writer(), terminal.writer(), null, System::nanoTime).run(source);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    /** A database big enough for a backup of several steps. */
    private Connection bigDatabase() {
        Connection con = Sqlite3.connect(dir.resolve("big.db"));
        con.execute("CREATE TABLE t(x)");
        con.executemany("INSERT INTO t VALUES (?)", java.util.stream.IntStream.range(0, 2000)
                .mapToObj(i -> List.of("row " + i + " " + "x".repeat(200))).toList());
        con.commit();
        return con;
    }

    @Test
    void backupAndDumpDrawProgressOnATerminalOnly() throws Exception {
        AtomicLong clock = new AtomicLong();
        StringWriter terminal = new StringWriter();
        StringWriter results = new StringWriter();
        try (Connection con = bigDatabase()) {
            // a slow clock: every reading is a second later, so every update is drawn
            Shell shell = new Shell(con, new PrintWriter(results), new PrintWriter(results),
                    new PrintWriter(terminal), () -> clock.addAndGet(1_000_000_000L));
            shell.accept(".backup " + dir.resolve("copy.db"));
            assertThat(terminal.toString()).contains("\rbackup [").contains("pages)").endsWith("\r");
            assertThat(terminal.toString()).contains("100%");

            terminal.getBuffer().setLength(0);
            shell.accept(".dump"); // to the screen: the output itself shows progress
            assertThat(terminal.toString()).isEmpty();
            shell.accept(".output " + dir.resolve("dump.sql"));
            shell.accept(".dump");
            shell.accept(".output");
            assertThat(terminal.toString()).contains("\rdump: ").contains(" lines");
            assertThat(Files.readString(dir.resolve("dump.sql"))).startsWith("BEGIN TRANSACTION;").endsWith("COMMIT;\n");
            assertThat(results.toString()).doesNotContain("\r");
        }
        try (Connection copy = Sqlite3.connect(dir.resolve("copy.db"))) {
            assertThat(copy.execute("SELECT count(*) FROM t").fetchone().get(0)).isEqualTo(2000L);
        }
    }

    @Test
    void pipedSessionsNeverDrawProgress() throws Exception {
        try (Connection con = bigDatabase()) {
            con.close();
        }
        ShellRun run = ShellRun.of(".backup " + dir.resolve("copy2.db") + "\n.output " + dir.resolve("d.sql")
                + "\n.dump\n", dir.resolve("big.db").toString());
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }
}
