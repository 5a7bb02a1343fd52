package org.sqlite3j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.driver.internal.SqliteErrors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The pool under contention: one HikariCP pool of {@code jdbc:sqlite3:} connections with a short busy
 * timeout ({@value #BUSY_TIMEOUT_MS} ms) and deferred transactions, {@value #JDBC_WRITERS} JDBC writers,
 * one façade writer ({@code Sqlite3.connect(pool)}, {@code con.transaction}) and {@value #READERS}
 * readers on one file, in WAL and in a rollback journal (DELETE), for
 * {@code -Dsqlite3j.reliability.stressSeconds} (2.5 s each in CI).
 *
 * <p>Each write transaction reads its writer's counter first (a deferred transaction that must upgrade
 * its lock: the case that meets SQLITE_BUSY at once, or SQLITE_BUSY_SNAPSHOT in WAL), inserts one row
 * and adds one to the counter. Required:
 * <ul>
 *   <li>every failure is SQLite's lock contention and says so: a JDBC
 *       {@link SQLTransactionRollbackException} with SQLState 40001 and SQLite's code ({@code SQLITE_BUSY}
 *       5 or an extended BUSY/LOCKED code) as {@code getErrorCode()}, or a façade
 *       {@code Sqlite3.OperationalError} with {@code sqliteErrorcode()}/{@code sqliteErrorname()};
 *       anything else fails the test;</li>
 *   <li>after the run the rows are exactly the acknowledged writes: none lost, none of the failed ones
 *       there, and the counters (updated in the same transactions) agree;</li>
 *   <li>every reader's transaction sees rows and counters agree (no half transaction is visible).</li>
 * </ul>
 */
class PoolStressTest {

    static final int BUSY_TIMEOUT_MS = 100;
    static final int JDBC_WRITERS = 3;
    static final int READERS = 2;
    static final long ID_BASE = 1_000_000_000L;

    @TempDir
    Path dir;

    /** What a phase counted. */
    static final class Counts {
        final Set<Long> acked = ConcurrentHashMap.newKeySet();
        final Set<Long> failed = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        final AtomicLong reads = new AtomicLong();
        final AtomicLong readFailures = new AtomicLong();
        final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

        void failure(int code, String name) {
            failures.computeIfAbsent(code + " " + name, k -> new AtomicLong()).incrementAndGet();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"WAL", "DELETE"})
    void contendedWritesAreAllAccountedForAndFailOnlyWithSqliteBusy(String journal) throws Exception {
        Path db = dir.resolve("stress-" + journal + ".db");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + db + "?journal_mode=" + journal + "&busy_timeout=" + BUSY_TIMEOUT_MS);
        int size = JDBC_WRITERS + 1 + READERS;
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(30_000);
        Counts counts = new Counts();
        long deadline = System.nanoTime() + (long) (Trials.stressSeconds() * 1e9);
        long start = System.nanoTime();
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (java.sql.Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE rows(id INTEGER PRIMARY KEY, writer INTEGER NOT NULL, payload BLOB)");
                s.execute("CREATE TABLE counters(writer INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
                for (int w = 0; w <= JDBC_WRITERS; w++) {
                    s.execute("INSERT INTO counters VALUES (" + w + ", 0)");
                }
            }
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < JDBC_WRITERS; w++) {
                int writer = w;
                threads.add(thread(counts, () -> jdbcWriter(pool, writer, deadline, counts)));
            }
            threads.add(thread(counts, () -> facadeWriter(pool, JDBC_WRITERS, deadline, counts)));
            for (int r = 0; r < READERS; r++) {
                threads.add(thread(counts, () -> reader(pool, deadline, counts)));
            }
            for (Thread t : threads) {
                t.join();
            }
            if (!counts.unexpected.isEmpty()) {
                AssertionError e = new AssertionError(journal + ": " + counts.unexpected.size()
                        + " failures that are not SQLite's lock contention; the first: " + counts.unexpected.peek());
                counts.unexpected.forEach(e::addSuppressed);
                throw e;
            }
            Set<Long> rows = new HashSet<>();
            long counterSum;
            try (java.sql.Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT id FROM rows")) {
                    while (r.next()) {
                        rows.add(r.getLong(1));
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT sum(n) FROM counters")) {
                    r.next();
                    counterSum = r.getLong(1);
                }
            }
            Set<Long> lost = new HashSet<>(counts.acked);
            lost.removeAll(rows);
            Set<Long> failedPresent = new HashSet<>(counts.failed);
            failedPresent.retainAll(rows);
            long failedTotal = counts.failures.values().stream().mapToLong(AtomicLong::get).sum();
            Trials.report("pool stress " + journal, String.format(Locale.ROOT,
                    "%d writers + %d readers for %s: %,d write transactions acknowledged, %,d failed with %s;"
                            + " %,d read transactions (%,d failed with SQLITE_BUSY); lost writes %d, failed writes"
                            + " present %d",
                    JDBC_WRITERS + 1, READERS, Trials.seconds(start), counts.acked.size(), failedTotal,
                    new TreeMap<>(counts.failures), counts.reads.get(), counts.readFailures.get(), lost.size(),
                    failedPresent.size()));
            assertThat(lost).as("%s: acknowledged writes missing", journal).isEmpty();
            assertThat(failedPresent).as("%s: failed (rolled back) writes present", journal).isEmpty();
            assertThat(rows).as("%s: the rows are exactly the acknowledged writes", journal).isEqualTo(counts.acked);
            assertThat(counterSum).as("%s: the counters, updated in the same transactions", journal)
                    .isEqualTo(rows.size());
            assertThat(counts.acked).as("%s: writes acknowledged", journal).isNotEmpty();
            assertThat(counts.reads.get()).as("%s: read transactions", journal).isPositive();
        }
    }

    private static Thread thread(Counts counts, CrashChild.ThrowingRunnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                counts.unexpected.add(e);
            }
        });
        t.start();
        return t;
    }

    /**
     * Whether a JDBC failure is lock contention as the driver reports it: 40001, BUSY or LOCKED, "locked",
     * sqlite-jdbc's exception with SQLite's code as the cause.
     */
    private static boolean isContention(SQLException e) {
        int primary = e.getErrorCode() & 0xFF;
        return e instanceof SQLTransactionRollbackException && SqliteErrors.sqliteCause(e) != null
                && "40001".equals(e.getSQLState())
                && (primary == 5 || primary == 6) && String.valueOf(e.getMessage()).contains("locked");
    }

    private static void jdbcWriter(HikariDataSource pool, int writer, long deadline, Counts counts) throws SQLException {
        for (long k = 1; System.nanoTime() < deadline; k++) {
            long id = writer * ID_BASE + k;
            try (java.sql.Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    try (PreparedStatement read = c.prepareStatement("SELECT n FROM counters WHERE writer = ?")) {
                        read.setInt(1, writer);
                        try (ResultSet r = read.executeQuery()) {
                            r.next();
                        }
                    }
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO rows VALUES (?, ?, randomblob(200))");
                            PreparedStatement add = c.prepareStatement("UPDATE counters SET n = n + 1 WHERE writer = ?")) {
                        insert.setLong(1, id);
                        insert.setInt(2, writer);
                        insert.executeUpdate();
                        add.setInt(1, writer);
                        add.executeUpdate();
                    }
                    c.commit();
                    counts.acked.add(id);
                } catch (SQLException e) {
                    if (isContention(e)) {
                        counts.failure(e.getErrorCode(), SqliteErrors.sqliteCause(e).getResultCode().name());
                    } else {
                        counts.unexpected.add(e);
                    }
                    c.rollback();
                    counts.failed.add(id);
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private static void facadeWriter(HikariDataSource pool, int writer, long deadline, Counts counts) {
        for (long k = 1; System.nanoTime() < deadline; k++) {
            long id = writer * ID_BASE + k;
            try (Connection con = Sqlite3.connect(pool)) {
                con.transaction(c -> {
                    c.execute("SELECT n FROM counters WHERE writer = ?", writer).fetchall();
                    c.execute("INSERT INTO rows VALUES (?, ?, randomblob(200))", id, writer).close();
                    c.execute("UPDATE counters SET n = n + 1 WHERE writer = ?", writer).close();
                });
                counts.acked.add(id);
            } catch (Sqlite3.OperationalError e) {
                int primary = e.sqliteErrorcode() == null ? -1 : e.sqliteErrorcode() & 0xFF;
                if ((primary == 5 || primary == 6) && e.sqliteErrorname().startsWith(primary == 5 ? "SQLITE_BUSY"
                        : "SQLITE_LOCKED") && e.getMessage().contains("locked")) {
                    counts.failure(e.sqliteErrorcode(), e.sqliteErrorname() + " (façade)");
                    counts.failed.add(id);
                } else {
                    counts.unexpected.add(e);
                }
            }
        }
    }

    private static void reader(HikariDataSource pool, long deadline, Counts counts) throws SQLException {
        while (System.nanoTime() < deadline) {
            try (java.sql.Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    long rows;
                    long sum;
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM rows")) {
                        r.next();
                        rows = r.getLong(1);
                    }
                    try (ResultSet r = s.executeQuery("SELECT sum(n) FROM counters")) {
                        r.next();
                        sum = r.getLong(1);
                    }
                    c.commit();
                    if (rows != sum) {
                        counts.unexpected.add(new AssertionError("a reader saw " + rows + " rows but counters summing to "
                                + sum + " in one transaction"));
                    }
                    counts.reads.incrementAndGet();
                } catch (SQLException e) {
                    if (isContention(e)) {
                        counts.readFailures.incrementAndGet();
                    } else {
                        counts.unexpected.add(e);
                    }
                    c.rollback();
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }
}
