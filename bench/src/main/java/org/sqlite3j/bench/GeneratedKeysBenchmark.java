package org.sqlite3j.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

/**
 * Issue 17: per-row INSERTs through JDBC (one prepared statement, {@code executeUpdate} per row, one
 * transaction, an in-memory database), with and without generated keys, on {@code jdbc:sqlite3:} and
 * on raw {@code jdbc:sqlite:}. Targets: without keys, ours as before (within 5%, and beside raw
 * sqlite-jdbc with its keys off); with keys asked ({@code RETURN_GENERATED_KEYS}, the key read after
 * every row, as Spring's KeyHolder does), within 10% of raw sqlite-jdbc with its keys on.
 *
 * <ul>
 * <li>{@code oursNoKeys}: {@code jdbc:sqlite3:}, a statement that asks for nothing;
 * <li>{@code rawNoKeys}: {@code jdbc:sqlite:?jdbc.get_generated_keys=false};
 * <li>{@code oursKeys}: {@code jdbc:sqlite3:}, {@code RETURN_GENERATED_KEYS}, {@code getGeneratedKeys()}
 *     read per row;
 * <li>{@code rawKeys}: {@code jdbc:sqlite:} (keys on, its default), the same calls.
 * </ul>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GeneratedKeysBenchmark {

    static final String CREATE = "CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT, age INTEGER)";
    static final String INSERT = "INSERT INTO person(name, age) VALUES (?, ?)";

    /** A fresh table per measured run, on our driver or raw sqlite-jdbc. */
    @State(Scope.Benchmark)
    public abstract static class Db {
        @Param({"ours", "raw"})
        public String driver;
        @Param("100000")
        public int rows;
        Connection con;

        abstract String url();

        @Setup(Level.Iteration)
        public void open() throws SQLException {
            con = DriverManager.getConnection(url());
            try (Statement st = con.createStatement()) {
                st.executeUpdate(CREATE);
            }
            con.setAutoCommit(false);
        }

        @TearDown(Level.Iteration)
        public void close() throws SQLException {
            con.commit();
            con.close();
        }
    }

    /** Raw sqlite-jdbc with its generated keys on (its default). */
    public static class KeysDb extends Db {
        @Override
        String url() {
            return "ours".equals(driver) ? "jdbc:sqlite3::memory:" : "jdbc:sqlite::memory:";
        }
    }

    /** Raw sqlite-jdbc with its generated keys off (they would cost it a query per INSERT). */
    public static class NoKeysDb extends Db {
        @Override
        String url() {
            return "ours".equals(driver) ? "jdbc:sqlite3::memory:" : "jdbc:sqlite::memory:?jdbc.get_generated_keys=false";
        }
    }

    @Benchmark
    public long noKeys(NoKeysDb db) throws SQLException {
        long changed = 0;
        try (PreparedStatement ps = db.con.prepareStatement(INSERT)) {
            for (int i = 0; i < db.rows; i++) {
                ps.setString(1, "n" + i);
                ps.setInt(2, i);
                changed += ps.executeUpdate();
            }
        }
        Workload.checkInserted(db.driver + " no keys", changed, db.rows);
        return changed;
    }

    @Benchmark
    public long keys(KeysDb db) throws SQLException {
        long sum = 0;
        try (PreparedStatement ps = db.con.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < db.rows; i++) {
                ps.setString(1, "n" + i);
                ps.setInt(2, i);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    sum += keys.getLong(1);
                }
            }
        }
        long expected = (long) db.rows * (db.rows + 1) / 2;
        if (sum != expected) {
            throw new IllegalStateException(db.driver + " keys: sum of keys " + sum + ", expected " + expected);
        }
        return sum;
    }
}
