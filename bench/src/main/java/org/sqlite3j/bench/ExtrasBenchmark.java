package org.sqlite3j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;
import org.sqlite.SQLiteConnection;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * Issue 8's other operations, façade against raw sqlite-jdbc doing the same work (and
 * {@code bench_cpython.py}, group extras, doing it in CPython), on the {@link Workload} table:
 *
 * <ul>
 * <li>perRowExecute: {@code perRowRows} (default 100,000) single-row {@code execute(INSERT, i, name, x)} in one
 *     transaction; raw: one PreparedStatement, {@code executeUpdate} per row, generated keys off.
 * <li>fetchmany: {@code fetchmany(1000)} until empty; raw: the same lists of 1000 {@code Object[]}
 *     built with {@code getObject}.
 * <li>rowByName: iteration reading {@code row.get("a"), get("b"), get("c")} (Python's
 *     {@code sqlite3.Row}, {@code row["a"]}); raw: {@code getObject("a")}...
 * <li>executescript: an {@code iterdump} script of {@code dumpRows} rows (default 200,000: about
 *     10 MB, as issue 8 asks) into a fresh in-memory database; raw: sqlite-jdbc's {@code DB._exec},
 *     i.e. sqlite3_exec (its {@code DB.exec} runs only the script's first statement). SQLite 3.53
 *     starts connections with {@code SQLITE_LIMIT_SQL_LENGTH} = 1,000,000 bytes; the façade raises it
 *     to CPython's 10^9 when it opens a connection, and the raw side here raises it the same way
 *     ({@code sqlite3_limit}), so both accept the whole script.
 * <li>backup: the in-memory {@code rows}-row database into a new file ({@code con.backup(target)});
 *     raw: sqlite-jdbc's backup to a file name. Also the façade into an in-memory target (no raw
 *     equivalent: sqlite-jdbc backs up to file names only).
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ExtrasBenchmark {

    /** SQLITE_LIMIT_SQL_LENGTH as CPython's SQLite has it (and the façade sets it): 10^9 bytes. */
    public static final int SQL_LENGTH_LIMIT = 1_000_000_000;
    /** sqlite3_limit's id for SQLITE_LIMIT_SQL_LENGTH. */
    private static final int SQLITE_LIMIT_SQL_LENGTH = 1;

    // ---------------------------------------------------------------------------- per-row execute

    @State(Scope.Benchmark)
    public static class EmptyFacade {
        @Param("100000")
        public int perRowRows;
        Connection con;

        @Setup(Level.Iteration)
        public void open() {
            con = Sqlite3.connect(Workload.FACADE_DATABASE);
            con.execute(Workload.CREATE);
        }

        @TearDown(Level.Iteration)
        public void close() {
            try {
                Workload.verify(con, perRowRows);
            } finally {
                con.close();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class EmptyRaw {
        @Param("100000")
        public int perRowRows;
        java.sql.Connection con;

        @Setup(Level.Iteration)
        public void open() throws SQLException {
            con = Workload.openRaw();
            try (java.sql.Statement st = con.createStatement()) {
                st.executeUpdate(Workload.CREATE);
            }
        }

        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            try {
                Workload.verify(con, perRowRows);
            } finally {
                con.close();
            }
        }
    }

    /** {@code for i in range(rows): con.execute(INSERT, (i, f"name-{i}", i * 0.5))}; {@code con.commit()}. */
    @Benchmark
    public void facadePerRowExecute(EmptyFacade db) {
        long n = 0;
        for (long i = 0; i < db.perRowRows; i++) {
            n += db.con.execute(Workload.INSERT, i, "name-" + i, i * 0.5).rowcount();
        }
        db.con.commit();
        Workload.checkInserted("per-row execute", n, db.perRowRows);
    }

    /** One PreparedStatement, setLong/setString/setDouble + executeUpdate per row, one transaction. */
    @Benchmark
    public void rawPerRowExecute(EmptyRaw db) throws SQLException {
        long n = 0;
        db.con.setAutoCommit(false);
        try (PreparedStatement ps = db.con.prepareStatement(Workload.INSERT)) {
            for (long i = 0; i < db.perRowRows; i++) {
                ps.setLong(1, i);
                ps.setString(2, "name-" + i);
                ps.setDouble(3, i * 0.5);
                n += ps.executeUpdate();
            }
        }
        db.con.commit();
        db.con.setAutoCommit(true);
        Workload.checkInserted("raw per-row executeUpdate", n, db.perRowRows);
    }

    // ---------------------------------------------------------------------------------- fetchmany

    @Benchmark
    public long facadeFetchmany(ReadBenchmark.FacadeDb db, Blackhole bh) {
        long count = 0;
        long sum = 0;
        var cur = db.con.execute(Workload.SELECT);
        for (List<Row> batch = cur.fetchmany(1000); !batch.isEmpty(); batch = cur.fetchmany(1000)) {
            count += batch.size();
            sum += (Long) batch.get(batch.size() - 1).get(0) - (Long) batch.get(0).get(0);
            bh.consume(batch);
        }
        Workload.checkCount("fetchmany", (int) count, db.rows);
        return sum;
    }

    @Benchmark
    public long rawFetchmany(ReadBenchmark.RawDb db, Blackhole bh) throws SQLException {
        long count = 0;
        try (java.sql.Statement st = db.con.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery(Workload.SELECT)) {
                List<Object[]> batch = new ArrayList<>(1000);
                while (rs.next()) {
                    batch.add(new Object[] {rs.getObject(1), rs.getObject(2), rs.getObject(3)});
                    if (batch.size() == 1000) {
                        count += batch.size();
                        bh.consume(batch);
                        batch = new ArrayList<>(1000);
                    }
                }
                count += batch.size();
                bh.consume(batch);
            }
        }
        Workload.checkCount("raw batches of 1000", (int) count, db.rows);
        return count;
    }

    // -------------------------------------------------------------------------------- row by name

    @Benchmark
    public long facadeRowByName(ReadBenchmark.FacadeDb db, Blackhole bh) {
        long sum = 0;
        long count = 0;
        for (Row r : db.con.execute(Workload.SELECT)) {
            sum += (Long) r.get("a");
            bh.consume(r.get("b"));
            bh.consume(r.get("c"));
            count++;
        }
        Workload.checkRead("row by name", count, sum, db.rows);
        return sum;
    }

    @Benchmark
    public long rawRowByName(ReadBenchmark.RawDb db, Blackhole bh) throws SQLException {
        long sum = 0;
        long count = 0;
        try (java.sql.Statement st = db.con.createStatement(); ResultSet rs = st.executeQuery(Workload.SELECT)) {
            while (rs.next()) {
                sum += ((Number) rs.getObject("a")).longValue();
                bh.consume(rs.getObject("b"));
                bh.consume(rs.getObject("c"));
                count++;
            }
        }
        Workload.checkRead("raw getObject(label)", count, sum, db.rows);
        return sum;
    }

    // ------------------------------------------------------------------------------ executescript

    /**
     * The iterdump script of a {@code dumpRows}-row table, made once per fork by the façade, and a
     * fresh pair of in-memory databases for every operation (AverageTime: one script is ~30 ms).
     */
    @State(Scope.Benchmark)
    public static class Script {
        @Param("200000")
        public int dumpRows;
        String script;
        Connection facade;
        java.sql.Connection raw;

        @Setup(Level.Trial)
        public void dump() {
            try (Connection src = Sqlite3.connect(Workload.FACADE_DATABASE)) {
                Workload.fill(src, dumpRows);
                Iterator<String> lines = src.iterdump();
                StringBuilder sb = new StringBuilder(dumpRows * 52);
                while (lines.hasNext()) {
                    sb.append(lines.next()).append('\n');
                }
                script = sb.toString();
            }
            long bytes = script.getBytes(StandardCharsets.UTF_8).length;
            System.out.println("executescript: " + dumpRows + " rows, " + bytes + " bytes of SQL");
            if (bytes > SQL_LENGTH_LIMIT) {
                throw new IllegalStateException("a script of " + bytes + " bytes is over SQLITE_LIMIT_SQL_LENGTH");
            }
        }

        @Setup(Level.Invocation)
        public void open() throws SQLException {
            facade = Sqlite3.connect(Workload.FACADE_DATABASE);
            raw = Workload.openRaw();
            raw.unwrap(SQLiteConnection.class).getDatabase().limit(SQLITE_LIMIT_SQL_LENGTH, SQL_LENGTH_LIMIT);
        }

        @TearDown(Level.Invocation)
        public void close() throws SQLException {
            try {
                int loaded = 0;
                if (!facade.execute("SELECT name FROM sqlite_master WHERE name = 't'").fetchall().isEmpty()) {
                    Workload.verify(facade, dumpRows);
                    loaded++;
                }
                try (java.sql.Statement st = raw.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 't'")) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        Workload.verify(raw, dumpRows);
                        loaded++;
                    }
                }
                if (loaded != 1) {
                    throw new IllegalStateException("the script was loaded into " + loaded + " databases, expected 1");
                }
            } finally {
                facade.close();
                raw.close();
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 4, time = 2)
    public void facadeExecutescript(Script s) {
        s.facade.executescript(s.script);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 4, time = 2)
    public void rawExecutescript(Script s) throws SQLException {
        int rc = s.raw.unwrap(SQLiteConnection.class).getDatabase()._exec(s.script);
        if (rc != 0) {
            throw new IllegalStateException("sqlite3_exec failed: " + rc);
        }
    }

    // ------------------------------------------------------------------------------------- backup

    /** A {@code rows}-row in-memory database per contender (filled once per fork) and a new target per operation. */
    @State(Scope.Benchmark)
    public static class Backup {
        @Param("1000000")
        public int rows;
        Connection facade;
        java.sql.Connection raw;
        Path target;
        Connection facadeTarget;

        @Setup(Level.Trial)
        public void fill() throws SQLException {
            facade = Sqlite3.connect(Workload.FACADE_DATABASE);
            Workload.fill(facade, rows);
            raw = Workload.openRaw();
            Workload.fill(raw, rows);
        }

        @TearDown(Level.Trial)
        public void closeSources() throws SQLException {
            facade.close();
            raw.close();
        }

        @Setup(Level.Iteration)
        public void newTarget() throws IOException {
            target = Files.createTempFile("sqlite3j-bench-backup", ".db");
            Files.delete(target);
            facadeTarget = null;
        }

        @TearDown(Level.Iteration)
        public void checkTarget() throws IOException {
            try {
                if (facadeTarget != null) {
                    Workload.verify(facadeTarget, rows);
                } else {
                    try (Connection copy = Sqlite3.connect(target)) {
                        Workload.verify(copy, rows);
                    }
                }
            } finally {
                if (facadeTarget != null) {
                    facadeTarget.close();
                }
                Files.deleteIfExists(target);
            }
        }
    }

    /** {@code con.backup(sqlite3.connect(file))}. */
    @Benchmark
    public void facadeBackupToFile(Backup b) {
        try (Connection dst = Sqlite3.connect(b.target)) {
            b.facade.backup(dst);
        }
    }

    /** {@code con.backup(sqlite3.connect(":memory:"))}: the target stays open to be checked. */
    @Benchmark
    public void facadeBackupToMemory(Backup b) {
        b.facadeTarget = Sqlite3.connect(Workload.FACADE_DATABASE);
        b.facade.backup(b.facadeTarget);
    }

    /** sqlite-jdbc's backup of main to a file name. */
    @Benchmark
    public void rawBackupToFile(Backup b) throws SQLException {
        int rc = b.raw.unwrap(SQLiteConnection.class).getDatabase().backup("main", b.target.toString(), null);
        if (rc != 0 && rc != 101) {
            throw new IllegalStateException("backup failed: " + rc);
        }
    }
}
