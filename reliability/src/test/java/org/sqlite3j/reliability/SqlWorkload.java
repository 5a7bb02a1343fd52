package org.sqlite3j.reliability;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The SQLite side of the crash trials: three databases written at once by one child JVM.
 *
 * <ul>
 *   <li>{@code jdbc-wal-full}: {@code jdbc:sqlite3:} through a HikariCP pool of {@value #POOL}, WAL,
 *       {@code synchronous=FULL}, {@value #JDBC_WRITERS} writer threads;</li>
 *   <li>{@code jdbc-wal-normal}: the same with {@code synchronous=NORMAL};</li>
 *   <li>{@code facade-delete}: the façade ({@code Sqlite3.connect}, one connection per thread, legacy
 *       transactions with {@code isolation_level="IMMEDIATE"}, {@code con.transaction(...)} as Python's
 *       {@code with con:}), rollback journal ({@code journal_mode=DELETE}, {@code synchronous=FULL}),
 *       {@value #FACADE_WRITERS} threads.</li>
 * </ul>
 *
 * Each transaction {@code txn} writes {@code n} (1 to 8) rows {@code (txn, seq, n, payload)} and adds
 * {@code n} to its writer's row of {@code totals}, then commits (logged {@code C txn n} after
 * {@code commit} returned) or, one time in eight, rolls back (logged {@code R txn n} after
 * {@code rollback} returned). Transaction ids are {@code writer * 10^9 + k}. The WAL targets checkpoint
 * every {@value #AUTOCHECKPOINT} pages, so kills also land inside checkpoints.
 */
final class SqlWorkload {

    static final List<String> TARGETS = List.of("jdbc-wal-full", "jdbc-wal-normal", "facade-delete");
    static final int POOL = 3;
    static final int JDBC_WRITERS = 3;
    static final int FACADE_WRITERS = 2;
    static final int AUTOCHECKPOINT = 100;
    static final long TXN_BASE = 1_000_000_000L;

    static final String INSERT = "INSERT INTO rows(txn, seq, n, payload) VALUES (?, ?, ?, ?)";
    static final String ADD_TOTAL = "UPDATE totals SET rows = rows + ?, txns = txns + 1 WHERE writer = ?";

    private SqlWorkload() {
    }

    static Path database(Path dir, String target) {
        return dir.resolve(target + ".db");
    }

    static Path log(Path dir, String target) {
        return dir.resolve(target + ".log");
    }

    /** The journal mode the target's file is made with. */
    static String journalMode(String target) {
        return target.startsWith("jdbc-wal") ? "WAL" : "DELETE";
    }

    /** The parent's side: makes the target's database (schema, one totals row per writer, its journal mode). */
    static void create(Path dir, String target) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite3:" + database(dir, target));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=" + journalMode(target));
            s.execute("CREATE TABLE rows(txn INTEGER NOT NULL, seq INTEGER NOT NULL, n INTEGER NOT NULL,"
                    + " payload BLOB, PRIMARY KEY (txn, seq))");
            s.execute("CREATE TABLE totals(writer INTEGER PRIMARY KEY, rows INTEGER NOT NULL, txns INTEGER NOT NULL)");
            for (int w = 0; w < Math.max(JDBC_WRITERS, FACADE_WRITERS); w++) {
                s.execute("INSERT INTO totals VALUES (" + w + ", 0, 0)");
            }
        }
    }

    /** The child's side: starts every target's writers; returns when they all ended (never, normally). */
    static void run(Path dir, long seed) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<HikariDataSource> pools = new ArrayList<>();
        for (String target : TARGETS) {
            AckLog log = AckLog.open(log(dir, target));
            if (target.startsWith("jdbc")) {
                HikariDataSource pool = pool(database(dir, target), target.endsWith("full") ? "FULL" : "NORMAL");
                pools.add(pool);
                for (int w = 0; w < JDBC_WRITERS; w++) {
                    int writer = w;
                    Random random = new Random(seed * 31 + target.hashCode() * 7L + w);
                    threads.add(CrashChild.writer(target + "-" + w, log, () -> jdbcWriter(dir, pool, writer, random, log)));
                }
            } else {
                for (int w = 0; w < FACADE_WRITERS; w++) {
                    int writer = w;
                    Random random = new Random(seed * 31 + target.hashCode() * 7L + w);
                    Path db = database(dir, target);
                    threads.add(CrashChild.writer(target + "-" + w, log, () -> facadeWriter(dir, db, writer, random, log)));
                }
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        pools.forEach(HikariDataSource::close);
    }

    static HikariDataSource pool(Path db, String synchronous) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + db + "?journal_mode=WAL&synchronous=" + synchronous
                + "&busy_timeout=20000&isolation_level=IMMEDIATE");
        config.setConnectionInitSql("PRAGMA wal_autocheckpoint=" + AUTOCHECKPOINT);
        config.setMaximumPoolSize(POOL);
        config.setMinimumIdle(POOL);
        config.setConnectionTimeout(30_000);
        config.setPoolName("crash-" + synchronous);
        return new HikariDataSource(config);
    }

    private static byte[] payload(Random random) {
        byte[] b = new byte[random.nextInt(1500)];
        random.nextBytes(b);
        return b;
    }

    private static void jdbcWriter(Path dir, HikariDataSource pool, int writer, Random random, AckLog log)
            throws SQLException, InterruptedException {
        CrashChild.awaitGo(dir);
        for (long k = 1; ; k++) {
            long txn = writer * TXN_BASE + k;
            int n = 1 + random.nextInt(8);
            boolean rollback = random.nextInt(8) == 0;
            try (java.sql.Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement(INSERT);
                        PreparedStatement total = c.prepareStatement(ADD_TOTAL)) {
                    for (int seq = 0; seq < n; seq++) {
                        insert.setLong(1, txn);
                        insert.setInt(2, seq);
                        insert.setInt(3, n);
                        insert.setBytes(4, payload(random));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    total.setInt(1, n);
                    total.setInt(2, writer);
                    total.executeUpdate();
                }
                if (rollback) {
                    c.rollback();
                } else {
                    c.commit();
                }
                c.setAutoCommit(true);
            }
            log.line((rollback ? "R " : "C ") + txn + " " + n);
        }
    }

    private static void facadeWriter(Path dir, Path db, int writer, Random random, AckLog log) throws InterruptedException {
        try (Connection con = Sqlite3.connect(db, ConnectOptions.defaults().timeout(20).isolationLevel("IMMEDIATE"))) {
            CrashChild.awaitGo(dir);
            for (long k = 1; ; k++) {
                long txn = writer * TXN_BASE + k;
                int n = 1 + random.nextInt(8);
                List<List<Object>> rows = new ArrayList<>();
                for (int seq = 0; seq < n; seq++) {
                    rows.add(List.of(txn, seq, n, payload(random)));
                }
                if (random.nextInt(8) == 0) {
                    con.executemany(INSERT, rows).close();   // legacy control: BEGIN IMMEDIATE first
                    con.execute(ADD_TOTAL, n, writer).close();
                    con.rollback();
                    log.line("R " + txn + " " + n);
                } else {
                    con.transaction(c -> {                    // Python's "with con:"
                        c.executemany(INSERT, rows).close();
                        c.execute(ADD_TOTAL, n, writer).close();
                    });
                    log.line("C " + txn + " " + n);
                }
            }
        }
    }
}
