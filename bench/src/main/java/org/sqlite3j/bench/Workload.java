package org.sqlite3j.bench;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;

/**
 * The one workload every contender runs (the JMH benchmarks here and {@code bench_cpython.py}):
 * a table {@code t(a INTEGER, b TEXT, c REAL)} holding rows {@code (i, "name-" + i, i * 0.5)} for
 * {@code i} in {@code 0 .. rows-1}, in a fresh in-memory database.
 */
public final class Workload {

    private Workload() {
    }

    public static final String CREATE = "CREATE TABLE t(a INTEGER, b TEXT, c REAL)";
    public static final String INSERT = "INSERT INTO t VALUES (?, ?, ?)";
    public static final String SELECT = "SELECT a, b, c FROM t";

    /** Raw sqlite-jdbc at its fastest: no generated-keys query after each insert. */
    public static final String RAW_URL = "jdbc:sqlite::memory:?jdbc.get_generated_keys=false";

    /** The façade's database name for the same in-memory database. */
    public static final String FACADE_DATABASE = ":memory:";

    /** Rows per {@code executeBatch()} in the raw JDBC insert, a common hand-written choice. */
    public static final int RAW_BATCH = 1000;

    /** Python's {@code ((i, f"name-{i}", i * 0.5) for i in range(rows))}: made lazily, one row at a time. */
    public static Iterable<Object[]> generator(int rows) {
        return () -> new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < rows;
            }

            @Override
            public Object[] next() {
                if (i >= rows) {
                    throw new NoSuchElementException();
                }
                long v = i++;
                return new Object[] {v, "name-" + v, v * 0.5};
            }
        };
    }

    /** The sum of column {@code a}: 0 + 1 + ... + (rows - 1). */
    public static long expectedSum(int rows) {
        return (long) rows * (rows - 1) / 2;
    }

    /** Fills {@code t} through the façade, as the insert benchmark does. */
    public static void fill(Connection con, int rows) {
        con.execute(CREATE);
        con.executemany(INSERT, generator(rows));
        con.commit();
    }

    /** Fills {@code t} through raw JDBC, as the raw insert benchmark does. */
    public static void fill(java.sql.Connection c, int rows) throws SQLException {
        try (java.sql.Statement st = c.createStatement()) {
            st.executeUpdate(CREATE);
        }
        insertRaw(c, rows);
    }

    /**
     * The raw JDBC insert: one transaction, typed setters, addBatch, executeBatch every
     * {@link #RAW_BATCH}.
     *
     * @return the rows inserted, as the update counts say
     */
    public static long insertRaw(java.sql.Connection c, int rows) throws SQLException {
        long inserted = 0;
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            int pending = 0;
            for (long i = 0; i < rows; i++) {
                ps.setLong(1, i);
                ps.setString(2, "name-" + i);
                ps.setDouble(3, i * 0.5);
                ps.addBatch();
                if (++pending == RAW_BATCH) {
                    inserted += sum(ps.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) {
                inserted += sum(ps.executeBatch());
            }
        }
        c.commit();
        c.setAutoCommit(true);
        return inserted;
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int n : counts) {
            total += n;
        }
        return total;
    }

    public static java.sql.Connection openRaw() throws SQLException {
        return DriverManager.getConnection(RAW_URL);
    }

    /** Checks (outside any measurement) that {@code t} holds exactly the expected rows. */
    public static void verify(Connection con, int rows) {
        Row r = con.execute("SELECT count(*), total(a) FROM t").fetchone();
        check(((Number) r.get(0)).longValue(), ((Number) r.get(1)).doubleValue(), rows);
    }

    /** As {@link #verify(Connection, int)}, for a raw JDBC connection. */
    public static void verify(java.sql.Connection c, int rows) throws SQLException {
        try (java.sql.Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), total(a) FROM t")) {
            rs.next();
            check(rs.getLong(1), rs.getDouble(2), rows);
        }
    }

    private static void check(long count, double sum, int rows) {
        if (count != rows || sum != (double) expectedSum(rows)) {
            throw new IllegalStateException("table t holds " + count + " rows summing to " + sum
                    + ", expected " + rows + " rows summing to " + expectedSum(rows));
        }
    }

    /** Fails the benchmark when an insert did not report every row. */
    public static void checkInserted(String what, long inserted, int rows) {
        if (inserted != rows) {
            throw new IllegalStateException(what + " inserted " + inserted + " rows, expected " + rows);
        }
    }

    /** Fails the benchmark when a fetchall did not return every row. */
    public static void checkCount(String what, int count, int rows) {
        if (count != rows) {
            throw new IllegalStateException(what + " returned " + count + " rows, expected " + rows);
        }
    }

    /** Fails the benchmark when an iteration did not see every row. */
    public static void checkRead(String what, long count, long sum, int rows) {
        if (count != rows || sum != expectedSum(rows)) {
            throw new IllegalStateException(what + " read " + count + " rows summing to " + sum
                    + ", expected " + rows + " rows summing to " + expectedSum(rows));
        }
    }
}
