package org.sqlite3j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sqlite3j.driver.WalPools;

/**
 * Issue 8: pooled concurrent reads. Two threads borrow from a HikariCP 7.1.0 pool of two
 * connections to one WAL database file ({@code rows} rows of the {@link Workload} table) and each
 * operation reads {@value #RANGE} consecutive rows from a random start with {@code getObject}, then
 * gives the connection back. Ours: the pool over {@link WalPools#reader} (our {@code DataSource},
 * read-only, 30 s busy timeout); raw: the pool over {@code jdbc:sqlite:<file>} with sqlite-jdbc's
 * defaults plus the same busy timeout. rows/s = operations/s x {@value #RANGE}. No CPython
 * equivalent (it has no pool).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(2)
public class PoolBenchmark {

    /** Rows read per borrowed connection. */
    public static final int RANGE = 100;
    static final String QUERY = "SELECT a, b, c FROM t WHERE a >= ? ORDER BY a LIMIT " + RANGE;

    @State(Scope.Benchmark)
    public static class Pools {
        @Param("1000000")
        public int rows;
        Path dir;
        String file;
        HikariDataSource ours;
        HikariDataSource raw;

        @Setup(Level.Trial)
        public void create() throws IOException, SQLException {
            dir = Files.createTempDirectory("sqlite3j-bench-pool");
            file = dir.resolve("pool.db").toString();
            try (java.sql.Connection w = WalPools.writer(file).getConnection()) {
                try (java.sql.Statement st = w.createStatement()) {
                    st.executeUpdate(Workload.CREATE.replace("a INTEGER", "a INTEGER PRIMARY KEY"));
                }
                Workload.insertRaw(w, rows);
                Workload.verify(w, rows);
            }
            ours = pool(WalPools.reader(file), null);
            raw = pool(null, "jdbc:sqlite:" + file + "?busy_timeout=" + WalPools.BUSY_TIMEOUT_MILLIS);
        }

        private static HikariDataSource pool(DataSource ds, String url) {
            HikariConfig c = new HikariConfig();
            if (ds != null) {
                c.setDataSource(ds);
            } else {
                c.setJdbcUrl(url);
            }
            c.setMaximumPoolSize(2);
            c.setMinimumIdle(2);
            c.setPoolName(ds != null ? "sqlite3j-readers" : "raw-readers");
            return new HikariDataSource(c);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            ours.close();
            raw.close();
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    static long read(DataSource pool, int rows, Blackhole bh) throws SQLException {
        long start = ThreadLocalRandom.current().nextLong(rows - RANGE);
        int count = 0;
        long sum = 0;
        try (java.sql.Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setLong(1, start);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sum += ((Number) rs.getObject(1)).longValue();
                    bh.consume(rs.getObject(2));
                    bh.consume(rs.getObject(3));
                    count++;
                }
            }
        }
        if (count != RANGE || sum != RANGE * start + (long) RANGE * (RANGE - 1) / 2) {
            throw new IllegalStateException("read " + count + " rows from " + start + " summing to " + sum);
        }
        return sum;
    }

    @Benchmark
    public long oursPooledRead(Pools p, Blackhole bh) throws SQLException {
        return read(p.ours, p.rows, bh);
    }

    @Benchmark
    public long rawPooledRead(Pools p, Blackhole bh) throws SQLException {
        return read(p.raw, p.rows, bh);
    }
}
