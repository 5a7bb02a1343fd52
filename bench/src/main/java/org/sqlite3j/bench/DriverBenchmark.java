package org.sqlite3j.bench;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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
import org.sqlite3j.adapters.Converter;
import org.sqlite3j.adapters.Recipes;
import org.sqlite3j.driver.Sqlite3jDataSource;

/**
 * Issue 6: the {@code jdbc:sqlite3:} driver against raw {@code jdbc:sqlite:} doing the same JDBC
 * work, with converters on: our connection comes from a {@link Sqlite3jDataSource} with
 * {@code detect_types=1} (PARSE_DECLTYPES) and {@link Recipes#pythonDefaults} registered, so every
 * {@code getObject} looks for a converter and a {@code date} column gets one. Raw sqlite-jdbc has no
 * converters: its benchmark applies the very same converter function by hand
 * ({@code getBytes} then {@code convert}), which is what an application would write. Both are
 * in-memory databases with generated keys off. Target: ours within 5% of raw.
 *
 * <ul>
 * <li>insert: {@link Workload#insertRaw} (typed setters, addBatch, executeBatch every 1000, one
 *     transaction) on both connections;
 * <li>selectTyped / selectGetObject: stream {@code SELECT a, b, c FROM t} through
 *     {@code getLong/getString/getDouble} or {@code getObject(1..3)};
 * <li>selectConverted: {@code SELECT a, d FROM dated} ({@code d date} holding ISO text) with
 *     {@code getObject}: ours returns a {@code LocalDate} from the registered converter, raw calls it.
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DriverBenchmark {

    static final String CREATE_DATED = "CREATE TABLE dated(a INTEGER, d date)";
    static final String SELECT_DATED = "SELECT a, d FROM dated";
    /** The converter both sides apply: Python's "date" recipe. */
    static final Converter<?> DATE;

    static {
        org.sqlite3j.adapters.Converters c = org.sqlite3j.adapters.Converters.create();
        Recipes.pythonDefaults(org.sqlite3j.adapters.Adapters.create(), c);
        DATE = c.find("date").orElseThrow();
    }

    /** Ours: jdbc:sqlite3::memory: from a DataSource with detect_types=1 and the date recipes. */
    static java.sql.Connection openOurs() throws SQLException {
        Sqlite3jDataSource ds = new Sqlite3jDataSource();
        ds.setDatabase(":memory:");
        ds.setDetectTypes(1);
        ds.setGetGeneratedKeys(false);
        Recipes.pythonDefaults(ds.adapters(), ds.converters());
        return ds.getConnection();
    }

    static void fillDated(java.sql.Connection c, int rows) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.executeUpdate(CREATE_DATED);
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dated VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, i);
                ps.setString(2, AdapterBenchmark.ISO[i % AdapterBenchmark.DAYS]);
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** A fresh empty table per measured insert, on our driver or raw sqlite-jdbc. */
    @State(Scope.Benchmark)
    public abstract static class Empty {
        @Param("1000000")
        public int rows;
        java.sql.Connection con;

        abstract java.sql.Connection connect() throws SQLException;

        @Setup(Level.Iteration)
        public void open() throws SQLException {
            con = connect();
            try (java.sql.Statement st = con.createStatement()) {
                st.executeUpdate(Workload.CREATE);
            }
        }

        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            try {
                Workload.verify(con, rows);
            } finally {
                con.close();
            }
        }
    }

    public static class EmptyOurs extends Empty {
        @Override
        java.sql.Connection connect() throws SQLException {
            return openOurs();
        }
    }

    public static class EmptyRaw extends Empty {
        @Override
        java.sql.Connection connect() throws SQLException {
            return Workload.openRaw();
        }
    }

    /** t and dated filled once per fork, on our driver or raw sqlite-jdbc. */
    @State(Scope.Benchmark)
    public abstract static class Filled {
        @Param("1000000")
        public int rows;
        java.sql.Connection con;

        abstract java.sql.Connection connect() throws SQLException;

        @Setup(Level.Trial)
        public void fill() throws SQLException {
            con = connect();
            Workload.fill(con, rows);
            Workload.verify(con, rows);
            fillDated(con, rows);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            con.close();
        }
    }

    public static class FilledOurs extends Filled {
        @Override
        java.sql.Connection connect() throws SQLException {
            return openOurs();
        }
    }

    public static class FilledRaw extends Filled {
        @Override
        java.sql.Connection connect() throws SQLException {
            return Workload.openRaw();
        }
    }

    // ------------------------------------------------------------------------------------ insert

    @Benchmark
    public void oursInsertBatch(EmptyOurs db) throws SQLException {
        Workload.checkInserted("jdbc:sqlite3: batch", Workload.insertRaw(db.con, db.rows), db.rows);
    }

    @Benchmark
    public void rawInsertBatch(EmptyRaw db) throws SQLException {
        Workload.checkInserted("jdbc:sqlite: batch", Workload.insertRaw(db.con, db.rows), db.rows);
    }

    // ------------------------------------------------------------------------------------ select

    static long selectTyped(java.sql.Connection c, int rows, Blackhole bh) throws SQLException {
        long sum = 0;
        long count = 0;
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery(Workload.SELECT)) {
            while (rs.next()) {
                sum += rs.getLong(1);
                bh.consume(rs.getString(2));
                bh.consume(rs.getDouble(3));
                count++;
            }
        }
        Workload.checkRead("typed getters", count, sum, rows);
        return sum;
    }

    static long selectGetObject(java.sql.Connection c, int rows, Blackhole bh) throws SQLException {
        long sum = 0;
        long count = 0;
        try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery(Workload.SELECT)) {
            while (rs.next()) {
                sum += ((Number) rs.getObject(1)).longValue();
                bh.consume(rs.getObject(2));
                bh.consume(rs.getObject(3));
                count++;
            }
        }
        Workload.checkRead("getObject", count, sum, rows);
        return sum;
    }

    @Benchmark
    public long oursSelectTyped(FilledOurs db, Blackhole bh) throws SQLException {
        return selectTyped(db.con, db.rows, bh);
    }

    @Benchmark
    public long rawSelectTyped(FilledRaw db, Blackhole bh) throws SQLException {
        return selectTyped(db.con, db.rows, bh);
    }

    @Benchmark
    public long oursSelectGetObject(FilledOurs db, Blackhole bh) throws SQLException {
        return selectGetObject(db.con, db.rows, bh);
    }

    @Benchmark
    public long rawSelectGetObject(FilledRaw db, Blackhole bh) throws SQLException {
        return selectGetObject(db.con, db.rows, bh);
    }

    /** getObject on {@code dated}: the driver applies the registered "date" converter. */
    @Benchmark
    public long oursSelectConverted(FilledOurs db, Blackhole bh) throws SQLException {
        long sum = 0;
        long count = 0;
        Object last = null;
        try (java.sql.Statement st = db.con.createStatement(); ResultSet rs = st.executeQuery(SELECT_DATED)) {
            while (rs.next()) {
                sum += ((Number) rs.getObject(1)).longValue();
                last = rs.getObject(2);
                bh.consume(last);
                count++;
            }
        }
        checkDate(last, db.rows);
        Workload.checkRead("getObject with a converter", count, sum, db.rows);
        return sum;
    }

    /** The same by hand on raw sqlite-jdbc: getBytes, then the same converter. */
    @Benchmark
    public long rawSelectConverted(FilledRaw db, Blackhole bh) throws SQLException {
        long sum = 0;
        long count = 0;
        Object last = null;
        try (java.sql.Statement st = db.con.createStatement(); ResultSet rs = st.executeQuery(SELECT_DATED)) {
            while (rs.next()) {
                sum += ((Number) rs.getObject(1)).longValue();
                byte[] b = rs.getBytes(2);
                last = b == null || b.length == 0 ? null : convert(b);
                bh.consume(last);
                count++;
            }
        }
        checkDate(last, db.rows);
        Workload.checkRead("getBytes + converter", count, sum, db.rows);
        return sum;
    }

    private static Object convert(byte[] b) throws SQLException {
        try {
            return DATE.convert(b);
        } catch (Exception e) {
            throw new SQLException("converter failed on " + new String(b, StandardCharsets.UTF_8), e);
        }
    }

    private static void checkDate(Object last, int rows) {
        LocalDate expected = LocalDate.ofEpochDay((rows - 1) % AdapterBenchmark.DAYS);
        if (!expected.equals(last)) {
            throw new IllegalStateException("last date read " + last + ", expected " + expected);
        }
    }
}
