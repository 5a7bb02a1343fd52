package org.sqlite3j.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * Reading all {@code rows} rows of {@code SELECT a, b, c FROM t} from an in-memory database:
 * materialised ({@code fetchall}) and streamed (iteration summing {@code a}), through the façade
 * and through raw sqlite-jdbc, the latter both generically ({@code getObject}, the work the façade
 * does) and with typed getters. Each measured operation reads the whole table once.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ReadBenchmark {

    /** The façade's database, filled once per fork. */
    @State(Scope.Benchmark)
    public static class FacadeDb {
        @Param("1000000")
        public int rows;
        Connection con;

        @Setup(Level.Trial)
        public void fill() {
            con = Sqlite3.connect(Workload.FACADE_DATABASE);
            Workload.fill(con, rows);
            Workload.verify(con, rows);
        }

        @TearDown(Level.Trial)
        public void close() {
            con.close();
        }
    }

    /** Raw sqlite-jdbc's database, filled once per fork. */
    @State(Scope.Benchmark)
    public static class RawDb {
        @Param("1000000")
        public int rows;
        java.sql.Connection con;

        @Setup(Level.Trial)
        public void fill() throws SQLException {
            con = Workload.openRaw();
            Workload.fill(con, rows);
            Workload.verify(con, rows);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            con.close();
        }
    }

    // ---------------------------------------------------------------------------------- fetchall

    /** {@code con.execute(SELECT).fetchall()}. */
    @Benchmark
    public List<Row> facadeFetchall(FacadeDb db) {
        List<Row> all = db.con.execute(Workload.SELECT).fetchall();
        Workload.checkCount("fetchall", all.size(), db.rows);
        return all;
    }

    /** The same rows as {@code List<Object[]>}, each value read with {@code getObject(i)}. */
    @Benchmark
    public List<Object[]> rawFetchallGetObject(RawDb db) throws SQLException {
        List<Object[]> all = new ArrayList<>();
        try (java.sql.Statement st = db.con.createStatement();
                ResultSet rs = st.executeQuery(Workload.SELECT)) {
            while (rs.next()) {
                all.add(new Object[] {rs.getObject(1), rs.getObject(2), rs.getObject(3)});
            }
        }
        Workload.checkCount("raw getObject fetchall", all.size(), db.rows);
        return all;
    }

    /** The same rows as {@code List<Object[]>}, read with {@code getLong/getString/getDouble}. */
    @Benchmark
    public List<Object[]> rawFetchallTyped(RawDb db) throws SQLException {
        List<Object[]> all = new ArrayList<>();
        try (java.sql.Statement st = db.con.createStatement();
                ResultSet rs = st.executeQuery(Workload.SELECT)) {
            while (rs.next()) {
                all.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getDouble(3)});
            }
        }
        Workload.checkCount("raw typed fetchall", all.size(), db.rows);
        return all;
    }

    // ----------------------------------------------------------------------------------- iterate

    /** {@code for (Row r : con.execute(SELECT)) sum += r[0]} (b and c are consumed too). */
    @Benchmark
    public long facadeIterate(FacadeDb db, Blackhole bh) {
        long sum = 0;
        long count = 0;
        for (Row r : db.con.execute(Workload.SELECT)) {
            sum += (Long) r.get(0);
            bh.consume(r.get(1));
            bh.consume(r.get(2));
            count++;
        }
        Workload.checkRead("iteration", count, sum, db.rows);
        return sum;
    }

    /** {@code while (rs.next())} with {@code getObject(1..3)}, summing column a. */
    @Benchmark
    public long rawIterateGetObject(RawDb db, Blackhole bh) throws SQLException {
        long sum = 0;
        long count = 0;
        try (java.sql.Statement st = db.con.createStatement();
                ResultSet rs = st.executeQuery(Workload.SELECT)) {
            while (rs.next()) {
                sum += ((Number) rs.getObject(1)).longValue();
                bh.consume(rs.getObject(2));
                bh.consume(rs.getObject(3));
                count++;
            }
        }
        Workload.checkRead("raw getObject iteration", count, sum, db.rows);
        return sum;
    }

    /** {@code while (rs.next())} with {@code getLong/getString/getDouble}, summing column a. */
    @Benchmark
    public long rawIterateTyped(RawDb db, Blackhole bh) throws SQLException {
        long sum = 0;
        long count = 0;
        try (java.sql.Statement st = db.con.createStatement();
                ResultSet rs = st.executeQuery(Workload.SELECT)) {
            while (rs.next()) {
                sum += rs.getLong(1);
                bh.consume(rs.getString(2));
                bh.consume(rs.getDouble(3));
                count++;
            }
        }
        Workload.checkRead("raw typed iteration", count, sum, db.rows);
        return sum;
    }
}
