package org.sqlite3j.dbm.gnu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.sqlite3j.testkit.Python;

/**
 * Debian's CPython with {@code dbm.gnu} (libgdbm 1.23, package python3-gdbm; the testkit's
 * {@link Python#debian}) and its {@code gdbmtool}, run as the oracle; tests that need them skip (JUnit
 * assumption) with the reason when they are missing or CPython is turned off.
 */
final class GnuPython {

    static final Path GDBMTOOL = Path.of("/usr/bin/gdbmtool");

    private GnuPython() {
    }

    /** Debian's python3 with dbm.gnu, or the test is skipped. */
    private static Python python() {
        return Python.debian("dbm.gnu");
    }

    /** Skips the test unless /usr/bin/python3 imports dbm.gnu. */
    static void assumeAvailable() {
        python();
    }

    static void assumeGdbmtool() {
        Python.assumeEnabled();
        assumeTrue(Files.isExecutable(GDBMTOOL), "needs " + GDBMTOOL + " (Debian's gdbmtool)");
    }

    /** Runs {@code script} (with {@code args}) in CPython; returns stdout; fails on a non-zero exit. */
    static String run(Path workDir, String script, String... args) throws IOException, InterruptedException {
        return python().script(workDir, script, args);
    }

    /** Runs gdbmtool on {@code db} with the commands on stdin; returns its output. */
    static String gdbmtool(Path db, boolean readOnly, String commands) throws IOException, InterruptedException {
        assumeGdbmtool();
        List<String> command = new ArrayList<>(List.of(GDBMTOOL.toString()));
        if (readOnly) {
            command.add("-r");
        }
        command.add(db.toString());
        return Python.command(command.toArray(String[]::new)).dir(db.getParent()).stdin(commands).run();
    }

    /** Hex, for passing bytes to Python. */
    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] unhex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** A word for the session's command line: "x" and the hex digits (so that empty bytes are a word too). */
    static String word(byte[] b) {
        return "x" + hex(b);
    }

    /**
     * A long-running CPython holding one dbm.gnu database: commands go in one per line, answers come
     * back one per line (for the random differential test, which would be slow with one process per step).
     */
    static final class Session implements AutoCloseable {
        private static final String SERVER = String.join("\n",
                "import dbm.gnu, sys",
                "db = None",
                "for line in sys.stdin:",
                "    p = line.split()",
                "    op = p[0]",
                "    try:",
                "        if op == 'open':",
                "            db = dbm.gnu.open(p[1], p[2])",
                "            out = 'ok'",
                "        elif op == 'close':",
                "            db.close(); out = 'ok'",
                "        elif op == 'store':",
                "            db[bytes.fromhex(p[1][1:])] = bytes.fromhex(p[2][1:])",
                "            out = 'ok'",
                "        elif op == 'delete':",
                "            del db[bytes.fromhex(p[1][1:])]; out = 'ok'",
                "        elif op == 'reorganize':",
                "            db.reorganize(); out = 'ok'",
                "        elif op == 'dump':",
                "            out = ' '.join(k.hex() + ':' + db[k].hex() for k in db.keys()) + ' #' + str(len(db))",
                "        else:",
                "            out = 'unknown'",
                "    except Exception as e:",
                "        out = 'error ' + type(e).__name__ + ' ' + str(e)",
                "    sys.stdout.write(out + '\\n'); sys.stdout.flush()",
                "");
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Session(Path workDir) throws IOException {
            Python python = python();
            Path script = workDir.resolve("gdbm_server.py");
            Files.writeString(script, SERVER, StandardCharsets.UTF_8);
            process = new ProcessBuilder(python.executable(), script.toString()).directory(workDir.toFile())
                    .redirectErrorStream(true).start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Sends one command; returns the one-line answer. */
        String call(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IOException("CPython session ended");
            }
            return line;
        }

        @Override
        public void close() throws IOException {
            in.close();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
