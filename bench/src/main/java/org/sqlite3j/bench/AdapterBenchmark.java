package org.sqlite3j.bench;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sqlite3j.adapters.Recipes;
import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * Issue 5: the cost of adapters and converters in the façade. The same {@code executemany} of
 * {@code rows} rows {@code (i, date, i * 0.5)} and the same {@code fetchall}, once with a
 * {@code java.time.LocalDate} column adapted to ISO text and converted back by
 * {@code detect_types=PARSE_DECLTYPES} (the project's {@link Recipes#pythonDefaults}, Python's
 * date adapter/converter pair), and once with the same text as a plain {@code TEXT} column of
 * Strings and no type detection. Target: ON within 15% of OFF.
 *
 * <p>The dates are {@code 1970-01-01 + (i % 36525)} days. ON builds a {@code LocalDate} per row in
 * the generator (as an application holding dates does); OFF takes the ready ISO string from a
 * table, so the difference is the adapter's formatting and the converter's parsing, plus the
 * registry look-ups. CPython does the same with {@code register_adapter(date)} /
 * {@code register_converter("date")} ({@code bench_cpython.py}, group adapters).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AdapterBenchmark {

    public static final String CREATE_ON = "CREATE TABLE t(a INTEGER, d date, c REAL)";
    public static final String CREATE_OFF = "CREATE TABLE t(a INTEGER, d TEXT, c REAL)";
    public static final String INSERT = "INSERT INTO t VALUES (?, ?, ?)";
    public static final String SELECT = "SELECT a, d, c FROM t";
    /** Distinct dates: 1970-01-01 .. 2069-12-31. */
    public static final int DAYS = 36525;
    static final String[] ISO = new String[DAYS];

    static {
        for (int k = 0; k < DAYS; k++) {
            ISO[k] = LocalDate.ofEpochDay(k).toString();
        }
    }

    /** {@code (i, date(1970,1,1) + timedelta(i % 36525), i * 0.5)}, lazily; dates as LocalDate or ISO text. */
    static Iterable<Object[]> generator(int rows, boolean adapted) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < rows;
            }

            @Override
            public Object[] next() {
                if (i >= rows) {
                    throw new NoSuchElementException();
                }
                int v = i++;
                Object d = adapted ? LocalDate.ofEpochDay(v % DAYS) : ISO[v % DAYS];
                return new Object[] {(long) v, d, v * 0.5};
            }
        };
    }

    static Connection open(boolean on) {
        Connection con = on
                ? Sqlite3.connect(Workload.FACADE_DATABASE, ConnectOptions.defaults().detectTypes(Sqlite3.PARSE_DECLTYPES))
                : Sqlite3.connect(Workload.FACADE_DATABASE);
        if (on) {
            Recipes.pythonDefaults(con.adapters(), con.converters());
        }
        con.execute(on ? CREATE_ON : CREATE_OFF);
        return con;
    }

    /** Checks count, sum of a, and one date of the last row, through the connection's own types. */
    static void verify(Connection con, int rows, boolean on) {
        Workload.verify(con, rows);
        Row r = con.execute("SELECT d FROM t WHERE a = ?", (long) rows - 1).fetchone();
        Object expected = on ? LocalDate.ofEpochDay((rows - 1) % DAYS) : ISO[(rows - 1) % DAYS];
        if (!expected.equals(r.get(0))) {
            throw new IllegalStateException("row " + (rows - 1) + " holds d = " + r.get(0) + ", expected " + expected);
        }
    }

    /** A fresh empty table per measured insert, with the recipes and PARSE_DECLTYPES (ON) or without (OFF). */
    @State(Scope.Benchmark)
    public abstract static class Empty {
        @Param("1000000")
        public int rows;
        Connection con;

        abstract boolean on();

        @Setup(Level.Iteration)
        public void open() {
            con = AdapterBenchmark.open(on());
        }

        @TearDown(Level.Iteration)
        public void close() {
            try {
                verify(con, rows, on());
            } finally {
                con.close();
            }
        }
    }

    public static class EmptyOn extends Empty {
        @Override
        boolean on() {
            return true;
        }
    }

    public static class EmptyOff extends Empty {
        @Override
        boolean on() {
            return false;
        }
    }

    /** Both tables filled once per fork. */
    @State(Scope.Benchmark)
    public static class Filled {
        @Param("1000000")
        public int rows;
        Connection on;
        Connection off;

        @Setup(Level.Trial)
        public void fill() {
            on = AdapterBenchmark.open(true);
            on.executemany(INSERT, generator(rows, true));
            on.commit();
            verify(on, rows, true);
            off = AdapterBenchmark.open(false);
            off.executemany(INSERT, generator(rows, false));
            off.commit();
            verify(off, rows, false);
        }

        @TearDown(Level.Trial)
        public void close() {
            on.close();
            off.close();
        }
    }

    @Benchmark
    public void executemanyAdapted(EmptyOn db) {
        long n = db.con.executemany(INSERT, generator(db.rows, true)).rowcount();
        db.con.commit();
        Workload.checkInserted("executemany with the date adapter", n, db.rows);
    }

    @Benchmark
    public void executemanyPlain(EmptyOff db) {
        long n = db.con.executemany(INSERT, generator(db.rows, false)).rowcount();
        db.con.commit();
        Workload.checkInserted("executemany of plain text", n, db.rows);
    }

    @Benchmark
    public List<Row> fetchallConverted(Filled db) {
        List<Row> all = db.on.execute(SELECT).fetchall();
        Workload.checkCount("fetchall with the date converter", all.size(), db.rows);
        if (!(all.get(all.size() - 1).get(1) instanceof LocalDate)) {
            throw new IllegalStateException("the date converter was not applied: " + all.get(all.size() - 1));
        }
        return all;
    }

    @Benchmark
    public List<Row> fetchallPlain(Filled db) {
        List<Row> all = db.off.execute(SELECT).fetchall();
        Workload.checkCount("fetchall of plain text", all.size(), db.rows);
        return all;
    }
}
