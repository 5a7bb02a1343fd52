package org.sqlite3j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;
import org.sqlite3j.dbm.DbmNdbm;
import org.sqlite3j.driver.UrlParsing;
import org.sqlite3j.sqltext.SqlScanner;
import org.sqlite3j.marshal.Marshal;
import org.sqlite3j.marshal.MarshalError;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.pickle.PickleTools;
import org.sqlite3j.pickle.Unpickler;
import org.sqlite3j.pickle.UnpicklingError;
import org.sqlite3j.testkit.Python;

/**
 * Linear time where it matters: for each target, inputs built to repeat what costs most (many opcodes,
 * marks, memo references, statements, escapes, options, records) at size n and 8n. Time is the test
 * thread's CPU time (other processes do not count), the fastest of three runs; n is doubled first until a
 * run takes {@link #MIN_NANOS}. From n to 8n the time may grow at most {@link #MAX_RATIO} (4 × 8) times:
 * quadratic work grows 64 times. Fuzzing finds slow inputs only up to its input length (a few KiB); these
 * go to megabytes. The figures are printed (target/surefire-reports/...ScalingTest-output.txt).
 */
class ScalingTest {

    /** How many times larger the second input is. */
    static final int GROWTH = 8;
    /** The most the time may grow when the input grows {@link #GROWTH} times (linear: 8; quadratic: 64). */
    static final double MAX_RATIO = 32;
    /** The size n is doubled until the fastest run at n takes this long (timer noise stays small). */
    static final long MIN_NANOS = 3_000_000;
    /** The largest n tried: work still faster than {@link #MIN_NANOS} at this size is linear enough. */
    static final int MAX_N = 1 << 20;
    /** How many times a ratio over {@link #MAX_RATIO} is measured again, at twice the size each time. */
    static final int RETRIES = 2;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Asserts {@code work} (given a size) scales linearly from {@code n} to {@code 8n}; {@code work} runs one
     * input and may raise a documented exception (the inputs need not be valid).
     */
    static void assertLinear(String what, int n0, IntFunction<Runnable> work) {
        int n = n0;
        Runnable small = work.apply(n);
        small.run(); // warm-up: the JIT compiles what both sizes run
        long first = fastest(small);
        while (first < MIN_NANOS && n < MAX_N) {
            n *= 2;
            small = work.apply(n);
            small.run();
            first = fastest(small);
        }
        if (first < MIN_NANOS) {
            System.out.printf(Locale.ROOT, "[scaling] %-40s n=%,d: under %.0f ms of CPU, not measured further%n",
                    what, n, MIN_NANOS / 1e6);
            return;
        }
        // A ratio over the limit is measured again at twice the size, up to RETRIES times: the JIT may
        // speed up the small input only after the large one ran (CI once saw 0.71 ms -> 32.90 ms for
        // 8x the MARKs, linear at the large size). Quadratic work stays over the limit at every size.
        for (int attempt = 0;; attempt++) {
            Runnable large = work.apply(GROWTH * n);
            large.run();
            long ts = fastest(small);
            long tl = fastest(large);
            double ratio = (double) tl / Math.max(ts, 1);
            System.out.printf(Locale.ROOT, "[scaling] %-40s n=%,d: %.2f ms, %dn: %.2f ms, ratio %.1f%n", what, n,
                    ts / 1e6, GROWTH, tl / 1e6, ratio);
            if (ratio < MAX_RATIO || attempt == RETRIES) {
                assertThat(ratio).as("%s: %d -> %d takes %.2f ms -> %.2f ms of CPU", what, n, GROWTH * n,
                        ts / 1e6, tl / 1e6).isLessThan(MAX_RATIO);
                return;
            }
            n *= 2;
            small = work.apply(n);
            small.run();
        }
    }

    private static long fastest(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = THREADS.getCurrentThreadCpuTime();
            r.run();
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - t);
        }
        return best;
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    static String le32(int v) {
        return new String(new char[] {(char) (v & 0xff), (char) (v >>> 8 & 0xff), (char) (v >>> 16 & 0xff),
            (char) (v >>> 24 & 0xff)});
    }

    private static Runnable loads(byte[] data) {
        return () -> {
            try {
                Pickle.loads(data);
            } catch (UnpicklingError documented) {
                // the time is what is measured
            }
        };
    }

    @Test
    void pickleLoads() {
        assertLinear("pickle: protocol 0 APPENDs", 20_000, n -> loads(latin1("(lp0\n" + repeat("I1\na", n) + ".")));
        assertLinear("pickle: BINUNICODE of n bytes", 200_000,
                n -> loads(latin1("\u0080\u0004X" + le32(n) + repeat("a", n) + ".")));
        assertLinear("pickle: n MARKs", 50_000, n -> loads(latin1(repeat("(", n) + ".")));
        assertLinear("pickle: n memo GETs of one list", 50_000,
                n -> loads(latin1("\u0080\u0002]q\u0000" + repeat("h\u0000a", n) + ".")));
        assertLinear("pickle: dict of n SETITEMS", 20_000, n -> {
            StringBuilder sb = new StringBuilder("\u0080\u0002}(");
            for (int i = 0; i < n; i++) {
                sb.append('J').append(le32(i)).append('N');
            }
            return loads(latin1(sb.append("u.").toString()));
        });
        assertLinear("pickle: n FRAMEs", 20_000,
                n -> loads(latin1("\u0080\u0004" + repeat("\u0095\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0000N0", n)
                        + "N.")));
    }

    @Test
    void unpicklerStubs() {
        assertLinear("stub: n unknown globals instantiated", 10_000, n -> {
            StringBuilder sb = new StringBuilder("\u0080\u0002");
            for (int i = 0; i < n; i++) {
                sb.append("cmod\nName").append(i % 100).append("\n)\u00810");
            }
            byte[] data = latin1(sb.append("N.").toString());
            return () -> new Unpickler(data).stubUnknownGlobals(true).load();
        });
    }

    /**
     * pickletools.dis indents each line by 4 spaces per open MARK (CPython's format), so n nested marks give
     * about 2n² characters: that case is linear in the listing's length, not in the input's.
     */
    @Test
    void pickleToolsDis() {
        assertLinear("dis: list of n BININT1 (protocol 2)", 20_000,
                n -> dis(latin1("\u0080\u0002](" + repeat("K\u0001", n) + "e.")));
        int n = 300;
        byte[] small = latin1(repeat("(", n) + repeat("t", n) + "N0.");
        byte[] large = latin1(repeat("(", 8 * n) + repeat("t", 8 * n) + "N0.");
        long smallChars = PickleTools.dis(small).length();
        long largeChars = PickleTools.dis(large).length();
        assertThat(smallChars).as("about 2n\u00b2 characters of indentation").isGreaterThan(2L * n * n);
        for (int i = 0; i < 3; i++) {
            PickleTools.dis(small);
            PickleTools.dis(large);
        }
        long ts = fastest(() -> PickleTools.dis(small));
        long tl = fastest(() -> PickleTools.dis(large));
        double perChar = ((double) tl / largeChars) / ((double) ts / smallChars);
        System.out.printf(Locale.ROOT, "[scaling] %-40s n=%,d: %.2f ms (%,d chars), 8n: %.2f ms (%,d chars),"
                + " time per char ratio %.1f%n", "dis: n nested MARKs", n, ts / 1e6, smallChars, tl / 1e6,
                largeChars, perChar);
        assertThat(perChar).as("time per character of the listing").isLessThan(3.0);
    }

    private static Runnable dis(byte[] data) {
        return () -> {
            try {
                PickleTools.dis(data);
            } catch (IllegalArgumentException documented) {
                // measured
            }
        };
    }

    @Test
    void marshalLoads() {
        assertLinear("marshal: list of n ints", 20_000,
                n -> marshal(latin1("[" + le32(n) + repeat("i\u0001\u0000\u0000\u0000", n))));
        assertLinear("marshal: n references to one list", 20_000,
                n -> marshal(latin1("\u00db" + le32(n) + repeat("r\u0000\u0000\u0000\u0000", n))));
        assertLinear("marshal: str of n bytes", 200_000, n -> marshal(latin1("u" + le32(n) + repeat("a", n))));
        assertLinear("marshal: dict of n entries", 20_000, n -> {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < n; i++) {
                sb.append('i').append(le32(i)).append('N');
            }
            return marshal(latin1(sb.append('0').toString()));
        });
    }

    private static Runnable marshal(byte[] data) {
        return () -> {
            try {
                Marshal.loads(data);
            } catch (MarshalError documented) {
                // measured
            }
        };
    }

    @Test
    void sqlScanner() {
        assertLinear("sql: n statements", 20_000, n -> scan(repeat("SELECT 1;", n)));
        assertLinear("sql: unterminated string of n chars", 100_000, n -> scan("SELECT '" + repeat("a", n)));
        assertLinear("sql: n comment openers", 50_000, n -> scan(repeat("/*", n)));
        assertLinear("sql: n Tcl variable suffixes", 20_000, n -> scan("SELECT $a" + repeat("::", n) + "b(c);"));
        assertLinear("sql: n parameters", 20_000, n -> scan("SELECT " + repeat("?,:a,", n) + "1;"));
        assertLinear("sql: trigger body of n statements", 20_000,
                n -> scan("CREATE TRIGGER t AFTER INSERT ON x BEGIN " + repeat("SELECT 1;", n) + " END;"));
        assertLinear("sql: n line comments", 20_000, n -> scan(repeat("-- c\n", n) + "SELECT 1;"));
        assertLinear("sql: unterminated [ of n chars", 100_000, n -> scan("SELECT [" + repeat("a", n)));
    }

    private static Runnable scan(String sql) {
        return () -> {
            SqlScanner.isComplete(sql);
            for (int from = 0; from < sql.length(); from = SqlScanner.endOfStatement(sql, from)) {
                SqlScanner.parameterNames(sql, from);
                SqlScanner.firstKeyword(sql, from);
            }
        };
    }

    @Test
    void jdbcUrl() {
        // (n options cannot be timed: an option given twice is refused at its second occurrence, and
        // unknown names at the first; the per-character cost of the parser is timed here)
        assertLinear("url: value of n characters", 20_000, n -> url("jdbc:sqlite3:x.db?user=" + repeat("a", n)));
        assertLinear("url: value of n percent-escapes", 20_000, n -> url("jdbc:sqlite3:x.db?user=" + repeat("%41", n)));
    }

    private static Runnable url(String url) {
        return () -> {
            try {
                UrlParsing.parse(url, new Properties());
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        };
    }

    @Test
    void dbmDumb(@TempDir Path dir) {
        assertLinear("dumb: .dir of n lines", 1_000, n -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append("'k").append(i).append("', (0, 1)\n");
            }
            return dumb(dir.resolve("lines" + n), sb.toString());
        });
        assertLinear("dumb: a key of n escapes", 20_000,
                n -> dumb(dir.resolve("escapes" + n), "'" + repeat("\\x41", n) + "', (0, 1)\n"));
    }

    private static Runnable dumb(Path base, String dirText) {
        DbmReads.write(Path.of(base + ".dir"), latin1(dirText));
        DbmReads.write(Path.of(base + ".dat"), new byte[512]);
        return () -> {
            try (DbmFile db = DbmDumb.open(base, "r")) {
                DbmReads.readAll(db, true);
            }
        };
    }

    @Test
    void dbmGnu(@TempDir Path dir) {
        assertLinear("gnu: read a file of n records", 2_000, n -> {
            Path file = dir.resolve("g" + n);
            try (DbmFile db = DbmGnu.open(file, "n", 0666)) {
                for (int i = 0; i < n; i++) {
                    db.put("key" + i, "value" + i);
                }
            }
            return () -> {
                try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
                    DbmReads.readAll(db, true);
                }
            };
        });
    }

    /**
     * ndbm files can only be written by Berkeley DB: Debian's python3 makes them, for every n the doubling
     * may reach (skipped without it).
     */
    @Test
    void dbmNdbm(@TempDir Path dir) throws Exception {
        Python debian = Python.debian("dbm.ndbm", "dbm.ndbm.library == 'Berkeley DB'");
        int n = 2_000;
        debian.script(dir, "import dbm.ndbm\n"
                + "for n in [" + n + " << k for k in range(7)]:\n"
                + "    d = dbm.ndbm.open('n%d' % n, 'n')\n"
                + "    for i in range(n):\n"
                + "        d[b'key%d' % i] = b'value%d' % i\n"
                + "    d.close()\n");
        assertLinear("ndbm: read a file of n records", n, size -> () -> {
            try (DbmFile db = DbmNdbm.open(dir.resolve("n" + size), "r", 0666)) {
                assertThat(db.keys()).hasSize(size);
                DbmReads.readAll(db, false);
            }
        });
    }
}
