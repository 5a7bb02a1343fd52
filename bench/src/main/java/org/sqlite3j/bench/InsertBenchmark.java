package org.sqlite3j.bench;

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
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * Bulk insert of {@code rows} rows in one transaction into a fresh in-memory database: the
 * façade's {@code executemany} over a lazy generator versus hand-written sqlite-jdbc batching.
 * Each measured operation is one whole load into a database created just before it. Each checks
 * the row count SQLite reports (rowcount / update counts); the read benchmarks check the contents
 * of a table filled the same way.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class InsertBenchmark {

    @Param("1000000")
    public int rows;

    private Connection facade;
    private java.sql.Connection raw;

    @Setup(Level.Iteration)
    public void open() throws SQLException {
        facade = Sqlite3.connect(Workload.FACADE_DATABASE);
        facade.execute(Workload.CREATE);
        raw = Workload.openRaw();
        try (java.sql.Statement st = raw.createStatement()) {
            st.executeUpdate(Workload.CREATE);
        }
    }

    @TearDown(Level.Iteration)
    public void close() throws SQLException {
        try {
            facade.close();
        } finally {
            raw.close();
        }
    }

    /** {@code con.executemany(INSERT, generator); con.commit()} (legacy control: implicit BEGIN). */
    @Benchmark
    public void facadeExecutemany() {
        long inserted = facade.executemany(Workload.INSERT, Workload.generator(rows)).rowcount();
        facade.commit();
        Workload.checkInserted("executemany", inserted, rows);
    }

    /** setAutoCommit(false); setLong/setString/setDouble; addBatch; executeBatch every 1000; commit. */
    @Benchmark
    public void rawJdbcBatch() throws SQLException {
        Workload.checkInserted("raw JDBC batch", Workload.insertRaw(raw, rows), rows);
    }
}
