package org.sqlite3j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;
import org.sqlite3j.dbm.DbmSqlite3;
import org.sqlite3j.pickle.PyRepr;
import org.sqlite3j.testkit.Python;

/**
 * Fault injection on dbm files: a read-only handle written to, files truncated (to half, to 10
 * bytes, to nothing), replaced by garbage, a dbm.dumb {@code .dat} cut in half, a dbm.gnu file locked
 * by another writer, a dbm.sqlite3 file locked past its timeout. Each gives Python's exception — the
 * backend's {@code dbm.error} subclass, or what CPython itself raises there ({@code sqlite3.DatabaseError}
 * for an SQLite file that is not a database, {@code ValueError} for a damaged {@code .dir}) — never a
 * raw Java exception, and leaves the data and the handle as they were.
 *
 * <p>The Java steps print the lines {@code dbm_faults.py} prints in CPython (Debian's for dbm.gnu,
 * 3.13 for dbm.dumb and dbm.sqlite3) on files this test makes the same way for both; the lines CPython
 * printed are committed ({@code dbm_faults.expected}), so that the comparison runs without CPython;
 * with it, CPython must still print them. Where Java differs on purpose, {@link #DIFFERENCES} gives
 * Java's line and the reason.
 */
class DbmFaultTest {

    /** The lines where Java differs from CPython on purpose: CPython's line's tag to Java's outcome. */
    static final Map<String, String> DIFFERENCES = new LinkedHashMap<>();

    static {
        // libgdbm's gdbm_firstkey fails on the cut file and CPython's keys() takes the failure for the
        // end: the damage goes unseen. Java reports it.
        DIFFERENCES.put("gnu-half dbm.open", "_gdbm.error('Unexpected end of file')");
        DIFFERENCES.put("gnu-half backend open", "_gdbm.error('Unexpected end of file')");
        // CPython evaluates each .dir line with ast.literal_eval, whose SyntaxError (or ValueError)
        // escapes; Java parses the line itself and raises a ValueError that names the line.
        DIFFERENCES.put("dumb-tiny dbm.open",
                "ValueError('malformed .dir file, line 1 (a position and a size must be integers): \"\\'k0\\', (0,\"')");
        DIFFERENCES.put("dumb-tiny backend open",
                "ValueError('malformed .dir file, line 1 (a position and a size must be integers): \"\\'k0\\', (0,\"')");
        DIFFERENCES.put("dumb-garbage backend open", "ValueError(...)");
    }

    @TempDir
    Path dir;

    /**
     * The read-only cases are test_dbm_sqlite3.ReadOnly (test_readonly_write, test_readonly_delete),
     * test_dbm_gnu.TestGdbm.test_write_readonly_file and
     * test_dbm_dumb.DumbDBMTestCase.test_readonly_files; test_dbm_sqlite3.CorruptDatabase
     * .test_corrupt_readwrite has a garbage file; the cut files, the cut .dat and the lock conflict are
     * beyond CPython's tests.
     */
    @Test
    void faultsGiveCPythonsExceptionsAndKeepTheData() throws Exception {
        List<String> expected = Texts.lines(Texts.resource("dbm_faults.expected"));
        List<String> java = new ArrayList<>();
        Path gnuDir = Files.createDirectories(dir.resolve("java-gnu"));
        Path otherDir = Files.createDirectories(dir.resolve("java-other"));
        java.addAll(new Faults(gnuDir).run(List.of("gnu")));
        java.addAll(new Faults(otherDir).run(List.of("dumb", "sqlite3")));
        List<String> wanted = new ArrayList<>();
        for (String line : expected) {
            String tag = line.substring(0, line.indexOf(": "));
            wanted.add(DIFFERENCES.containsKey(tag) ? tag + ": " + DIFFERENCES.get(tag) : line);
        }
        assertThat(java).isEqualTo(wanted);

        List<String> gnu = expected.stream().filter(l -> l.startsWith("gnu")).toList();
        List<String> other = expected.stream().filter(l -> !l.startsWith("gnu")).toList();
        Python.findDebian("dbm.gnu", "True").ifPresent(p -> assertThat(cpythonRun(p, "gnu"))
                .as("%s against the committed dbm_faults.expected", p).isEqualTo(gnu));
        Python.findOracle(13, "dbm.sqlite3").ifPresent(p -> assertThat(cpythonRun(p, "other"))
                .as("%s against the committed dbm_faults.expected", p).isEqualTo(other));
    }

    private List<String> cpythonRun(Python python, String group) {
        try {
            Path where = Files.createDirectories(dir.resolve("cpython-" + group));
            new Faults(where).makeFiles(group.equals("gnu") ? List.of("gnu") : List.of("dumb", "sqlite3"));
            return Texts.lines(python.call().dir(where).script(Texts.resource("dbm_faults.py"), group));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * dbm.sqlite3 opens with CPython's default timeout of 5 s: a store while another connection holds
     * an exclusive lock waits that long, then raises {@code dbm.sqlite3.error('database is locked')}, and
     * the handle works once the lock is gone (not compared live: it would cost CPython 5 s more).
     */
    @Test
    void aLockedDbmSqlite3StoreWaitsFiveSecondsThenRaisesDbmSqlite3Error() {
        Path file = dir.resolve("locked.db");
        try (DbmFile db = DbmSqlite3.open(file, "c")) {
            db.put("k", "v");
            try (Connection holder = Sqlite3.connect(file, ConnectOptions.defaults().isolationLevel(null))) {
                holder.execute("BEGIN EXCLUSIVE").close();
                long start = System.nanoTime();
                assertThatThrownBy(() -> db.put("x", "y")).isInstanceOf(Dbm.SqliteError.class)
                        .hasMessage("database is locked")
                        .hasCauseInstanceOf(Sqlite3.OperationalError.class);
                assertThat((System.nanoTime() - start) / 1e9).as("seconds waited").isBetween(4.9, 30.0);
                holder.execute("ROLLBACK").close();
            }
            db.put("x", "y");
            assertThat(new String(db.getItem("x"))).isEqualTo("y");
            assertThat(new String(db.getItem("k"))).isEqualTo("v");
        }
    }

    /** The steps of dbm_faults.py, on files made here. */
    static final class Faults {
        private final Path dir;
        private final List<String> out = new ArrayList<>();

        Faults(Path dir) {
            this.dir = dir;
        }

        static DbmFile open(Path file, String backend, String flag) {
            return switch (backend) {
                case "gnu" -> DbmGnu.open(file, flag, 0666);
                case "dumb" -> DbmDumb.open(file, flag);
                default -> DbmSqlite3.open(file, flag);
            };
        }

        private void make(String backend, String name) {
            Map<String, String> items = new LinkedHashMap<>();
            for (int i = 0; i < 300; i++) {
                items.put("k" + i, ("v" + i).repeat(20));
            }
            try (DbmFile db = open(dir.resolve(name), backend, "c")) {
                db.update(items);   // dbm.sqlite3: one transaction, not 300 fsync'ed ones
            }
        }

        /** The files of both sides: NAME-ro, and NAME-half, -tiny, -garbage, -empty (and dumb-dathalf). */
        void makeFiles(List<String> backends) throws IOException {
            for (String b : backends) {
                make(b, b + "-ro");
                for (String damage : List.of("half", "tiny", "garbage", "empty")) {
                    make(b, b + "-" + damage);
                    Path f = dir.resolve(b + "-" + damage + (b.equals("dumb") ? ".dir" : ""));
                    long size = Files.size(f);
                    switch (damage) {
                        case "half" -> SqlFaultTest.truncate(f, size / 2);
                        case "tiny" -> SqlFaultTest.truncate(f, 10);
                        case "garbage" -> Files.write(f, SqlFaultTest.garbage((int) size));
                        default -> SqlFaultTest.truncate(f, 0);
                    }
                }
                if (b.equals("dumb")) {
                    make(b, "dumb-dathalf");
                    Path dat = dir.resolve("dumb-dathalf.dat");
                    SqlFaultTest.truncate(dat, Files.size(dat) / 2);
                }
            }
        }

        /** Python's name of the exception's class, as dbm_faults.py prints it; a raw Java exception fails. */
        static String pythonClass(RuntimeException e) {
            if (e instanceof Dbm.GnuError) {
                return "_gdbm.error";
            }
            if (e instanceof Dbm.SqliteError) {
                return "dbm.sqlite3.error";
            }
            if (e instanceof Dbm.DumbError) {
                return "OSError";   // dbm.dumb.error is OSError
            }
            if (e instanceof Dbm.OpenError) {
                return "dbm.error";
            }
            if (e instanceof Dbm.ValueError) {
                return "ValueError";
            }
            if (e instanceof Dbm.KeyError) {
                return "KeyError";
            }
            if (e instanceof Sqlite3.Error) {
                return "sqlite3." + e.getClass().getSimpleName();
            }
            throw new AssertionError("not a Python exception: " + e, e);
        }

        private void say(String tag, Supplier<Object> step) {
            String outcome;
            try {
                outcome = "OK " + step.get();
            } catch (RuntimeException e) {
                String message = String.valueOf(e.getMessage()).replace(dir + "/", "");
                outcome = pythonClass(e) + "(" + PyRepr.str(message) + ")";
                if (e instanceof Dbm.ValueError && message.length() > 120) {
                    outcome = pythonClass(e) + "(...)";   // a whole line of garbage
                }
            }
            out.add((tag + ": " + outcome).stripTrailing());   // as the expected file keeps its lines
        }

        private static int readAll(DbmFile db) {
            int n = 0;
            for (byte[] k : db.keys()) {
                db.getItem(k);
                n++;
            }
            return n;
        }

        private static Object none(Object o) {
            return o == null ? "None" : o;
        }

        List<String> run(List<String> backends) throws IOException {
            makeFiles(backends);
            for (String b : backends) {
                Path ro = dir.resolve(b + "-ro");
                DbmFile db = open(ro, b, "r");
                say(b + " readonly store", () -> {
                    db.put("x", "y");
                    return "None";
                });
                say(b + " readonly delete", () -> {
                    db.remove("k1");
                    return "None";
                });
                say(b + " readonly get", () -> new String(db.getItem("k1")));
                db.close();
                say(b + " readonly keys after", () -> {
                    try (DbmFile d = open(ro, b, "r")) {
                        return readAll(d);
                    }
                });
                List<String> damages = new ArrayList<>(List.of("half", "tiny", "garbage", "empty"));
                if (b.equals("dumb")) {
                    damages.add("dathalf");
                }
                for (String damage : damages) {
                    String name = b + "-" + damage;
                    Path f = dir.resolve(name);
                    say(name + " whichdb", () -> none(Dbm.whichdb(f)));
                    say(name + " dbm.open", () -> {
                        try (DbmFile d = Dbm.open(f, "r")) {
                            return readAll(d);
                        }
                    });
                    say(name + " backend open", () -> {
                        try (DbmFile d = open(f, b, "r")) {
                            return readAll(d);
                        }
                    });
                }
            }
            if (backends.contains("gnu")) {
                Path lock = dir.resolve("gnu-lock");
                DbmFile writer = DbmGnu.open(lock, "c", 0666);
                writer.put("k", "v");
                say("gnu second writer", () -> DbmGnu.open(lock, "w", 0666));
                say("gnu reader while writing", () -> DbmGnu.open(lock, "r", 0666));
                writer.close();
                say("gnu writer after close", () -> {
                    try (DbmFile d = DbmGnu.open(lock, "w", 0666)) {
                        return new String(d.getItem("k"));
                    }
                });
            }
            return out;
        }
    }
}
