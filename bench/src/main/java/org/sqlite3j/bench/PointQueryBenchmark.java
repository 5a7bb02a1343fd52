package org.sqlite3j.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.sqlite3j.driver.Sqlite3jDataSource;

/**
 * Issue 6, {@code cached_statements}: point queries the way jOOQ, Spring's {@code JdbcTemplate} and
 * most hand-written JDBC run them — {@code prepareStatement}, bind, execute, read one row, close —
 * {@code lookups} times per operation by rowid over a table of {@code rows}. Ours with the statement
 * cache (the default, 128), ours with {@code cached_statements=0}, and raw sqlite-jdbc (which compiles
 * every time). Same in-memory data, generated keys off, converters off.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PointQueryBenchmark {

    static final String LOOKUP = "SELECT a, b, c FROM t WHERE rowid = ?";

    @State(Scope.Benchmark)
    public abstract static class Db {
        @Param("100000")
        public int rows;
        @Param("100000")
        public int lookups;
        java.sql.Connection con;

        abstract java.sql.Connection connect() throws SQLException;

        @Setup(Level.Trial)
        public void fill() throws SQLException {
            con = connect();
            Workload.fill(con, rows);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            con.close();
        }
    }

    public static class Cached extends Db {
        @Override
        java.sql.Connection connect() throws SQLException {
            return ours(128);
        }
    }

    public static class Uncached extends Db {
        @Override
        java.sql.Connection connect() throws SQLException {
            return ours(0);
        }
    }

    public static class Raw extends Db {
        @Override
        java.sql.Connection connect() throws SQLException {
            return Workload.openRaw();
        }
    }

    static java.sql.Connection ours(int cachedStatements) throws SQLException {
        Sqlite3jDataSource ds = new Sqlite3jDataSource();
        ds.setDatabase(":memory:");
        ds.setGetGeneratedKeys(false);
        ds.setCachedStatements(cachedStatements);
        return ds.getConnection();
    }

    /** {@code lookups} point queries, each with its own prepareStatement/close; checks what it read. */
    static long lookups(Db db, Blackhole bh) throws SQLException {
        long sum = 0;
        long found = 0;
        for (int i = 0; i < db.lookups; i++) {
            long rowid = 1 + (i * 7919L) % db.rows;
            try (PreparedStatement ps = db.con.prepareStatement(LOOKUP)) {
                ps.setLong(1, rowid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        sum += rs.getLong(1);
                        bh.consume(rs.getString(2));
                        bh.consume(rs.getDouble(3));
                        found++;
                    }
                }
            }
        }
        if (found != db.lookups) {
            throw new IllegalStateException("point queries found " + found + " rows, expected " + db.lookups);
        }
        return sum;
    }

    @Benchmark
    public long oursCached(Cached db, Blackhole bh) throws SQLException {
        return lookups(db, bh);
    }

    @Benchmark
    public long oursUncached(Uncached db, Blackhole bh) throws SQLException {
        return lookups(db, bh);
    }

    @Benchmark
    public long raw(Raw db, Blackhole bh) throws SQLException {
        return lookups(db, bh);
    }
}
