package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlite3j.driver.DriverTest.one;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.PooledConnection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Real HikariCP pools over jdbc:sqlite3: in the three configuration styles, and what pooling must not leak. */
class HikariPoolTest {

    @TempDir
    Path dir;

    private String path() {
        return dir.resolve("pool.db").toString();
    }

    private static HikariDataSource pool(HikariConfig config, int size) {
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** Borrows {@code n} connections at once, so each is a different physical connection. */
    private static void onEachConnection(HikariDataSource pool, int n, ConnectionCheck check) throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(pool.getConnection());
            }
            assertThat(held.stream().map(c -> {
                try {
                    return c.unwrap(SQLiteConnection.class);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).distinct()).hasSize(n);
            for (Connection c : held) {
                check.check(c);
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    interface ConnectionCheck {
        void check(Connection c) throws SQLException;
    }

    @Test
    void jdbcUrlAloneAndPragmasOnEveryPooledConnection() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + path() + "?journal_mode=WAL&foreign_keys=true&synchronous=NORMAL");
        try (HikariDataSource pool = pool(config, 3)) {
            onEachConnection(pool, 3, c -> {
                assertThat(one(c, "pragma journal_mode")).isEqualTo("wal");
                assertThat(one(c, "pragma foreign_keys")).isEqualTo("1");
                assertThat(one(c, "pragma synchronous")).isEqualTo("1");
                assertThat(c.unwrap(Sqlite3jConnection.class)).isInstanceOf(Sqlite3jConnection.class);
            });
        }
    }

    @Test
    void driverClassNameWithDataSourceProperties() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setDriverClassName(Sqlite3jDriver.class.getName());
        config.setJdbcUrl("jdbc:sqlite3:" + path());
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", "7000");
        try (HikariDataSource pool = pool(config, 2)) {
            onEachConnection(pool, 2, c -> {
                assertThat(one(c, "pragma foreign_keys")).isEqualTo("1");
                assertThat(one(c, "pragma busy_timeout")).isEqualTo("7000");
            });
        }
    }

    @Test
    void driverClassNameWithABadOptionFailsToStart() {
        HikariConfig config = new HikariConfig();
        config.setDriverClassName(Sqlite3jDriver.class.getName());
        config.setJdbcUrl("jdbc:sqlite3:" + path() + "?foreign_key=true");
        assertThatThrownBy(() -> pool(config, 1).close())
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause().hasMessageContaining("unknown option 'foreign_key'");
    }

    @Test
    void dataSourceClassNameWithBeanProperties() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setDataSourceClassName(Sqlite3jDataSource.class.getName());
        config.addDataSourceProperty("database", path());
        config.addDataSourceProperty("journalMode", "WAL");
        config.addDataSourceProperty("foreignKeys", "true");
        config.addDataSourceProperty("detectTypes", "1");
        config.addDataSourceProperty("timeout", "2.5");
        try (HikariDataSource pool = pool(config, 2)) {
            onEachConnection(pool, 2, c -> {
                assertThat(one(c, "pragma journal_mode")).isEqualTo("wal");
                assertThat(one(c, "pragma foreign_keys")).isEqualTo("1");
                assertThat(c.unwrap(Sqlite3jConnection.class).detectTypes()).isEqualTo(1);
                assertThat(one(c, "pragma busy_timeout")).isEqualTo("2500");
            });
        }
    }

    @Test
    void aManualBeginIsRolledBackOnReturn() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + path());
        try (HikariDataSource pool = pool(config, 1)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table t(x)");
            }
            try (Connection c = pool.getConnection()) {
                Statement s = c.createStatement();
                s.execute("BEGIN");
                s.execute("insert into t values (1)");
                // left open: neither COMMIT nor ROLLBACK, statement not closed
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("BEGIN"); // would fail: cannot start a transaction within a transaction
                assertThat(one(c, "select count(*) from t")).isEqualTo("0");
                s.execute("COMMIT");
            }
        }
    }

    @Test
    void plainSqliteJdbcLeaksTheSameTransaction() throws SQLException {
        // the contrast that shows the test above can fail
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + path());
        try (HikariDataSource pool = pool(config, 1)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("BEGIN");
            }
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("BEGIN"))
                        .hasMessageContaining("cannot start a transaction within a transaction");
                s.execute("ROLLBACK");
            }
        }
    }

    @Test
    void workThroughTheUnwrappedConnectionIsRolledBackToo() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + path());
        config.setAutoCommit(false);
        try (HikariDataSource pool = pool(config, 1)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table t(x)");
                c.commit();
            }
            try (Connection c = pool.getConnection()) {
                // Hikari sees no statement, so it thinks the connection is clean
                try (Statement s = c.unwrap(SQLiteConnection.class).createStatement()) {
                    s.execute("insert into t values (1)");
                }
            }
            try (Connection c = pool.getConnection()) {
                assertThat(one(c, "select count(*) from t")).isEqualTo("0");
            }
        }
    }

    @Test
    void anApplicationsOwnClearWarningsDoesNotRollBack() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + path());
        try (HikariDataSource pool = pool(config, 1)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table t(x)");
                s.execute("BEGIN");
                s.execute("insert into t values (1)");
                c.clearWarnings();
                c.unwrap(Sqlite3jConnection.class).clearWarnings();
                s.execute("COMMIT");
            }
            try (Connection c = pool.getConnection()) {
                assertThat(one(c, "select count(*) from t")).isEqualTo("1");
            }
        }
    }

    @Test
    void aSharedInMemoryDatabaseWorksAcrossThePool() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:file:hikari_shared_mem?mode=memory&cache=shared");
        config.setMaxLifetime(0);
        config.setIdleTimeout(0);
        try (HikariDataSource pool = pool(config, 3)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table t(x)");
                s.execute("insert into t values (7)");
            }
            onEachConnection(pool, 3, c -> assertThat(one(c, "select x from t")).isEqualTo("7"));
        }
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void eightThreadsWriteThroughTheWalRecipeWithoutBusyOrLostRows() throws Exception {
        HikariConfig wc = new HikariConfig();
        wc.setDataSource(WalPools.writer(path()));
        HikariConfig rc = new HikariConfig();
        int threads = 8;
        int perThread = 150;
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        try (HikariDataSource writers = pool(wc, 1)) {
            try (Connection c = writers.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table t(thread, i, unique(thread, i))");
                assertThat(one(c, "pragma journal_mode")).isEqualTo("wal");
            }
            rc.setDataSource(WalPools.reader(path()));
            try (HikariDataSource readers = pool(rc, 4)) {
                ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            try (Connection c = writers.getConnection()) {
                                c.setAutoCommit(false);
                                try (PreparedStatement p = c.prepareStatement("insert into t values (?, ?)")) {
                                    p.setObject(1, thread);
                                    p.setObject(2, i);
                                    p.executeUpdate();
                                }
                                c.commit();
                            }
                        }
                        return null;
                    }));
                }
                for (int r = 0; r < 2; r++) {
                    futures.add(pool.submit(() -> {
                        while (!done.get()) {
                            try (Connection c = readers.getConnection()) {
                                Long.parseLong(one(c, "select count(*) from t"));
                                assertThatThrownBy(() -> c.createStatement().execute("insert into t values (-1, -1)"))
                                        .hasMessageContaining("readonly");
                                reads.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (int i = 0; i < threads; i++) {
                    futures.get(i).get(120, TimeUnit.SECONDS); // rethrows any SQLITE_BUSY
                }
                done.set(true);
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                pool.shutdown();
                try (Connection c = readers.getConnection()) {
                    assertThat(one(c, "select count(*) from t")).isEqualTo(String.valueOf(threads * perThread));
                    assertThat(one(c, "select count(distinct thread) from t")).isEqualTo(String.valueOf(threads));
                }
            }
        }
        assertThat(reads.get()).isPositive();
    }

    @Test
    void connectionPoolDataSourceHandlesRollBackOnClose() throws SQLException {
        Sqlite3jDataSource ds = new Sqlite3jDataSource("jdbc:sqlite3:" + path());
        PooledConnection pooled = ds.getPooledConnection();
        AtomicInteger closed = new AtomicInteger();
        pooled.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                closed.incrementAndGet();
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
            }
        });
        try {
            try (Connection c = pooled.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table t(x)");
                s.execute("BEGIN");
                s.execute("insert into t values (1)");
            }
            assertThat(closed.get()).isEqualTo(1);
            try (Connection c = pooled.getConnection()) {
                assertThat(one(c, "select count(*) from t")).isEqualTo("0");
                assertThat(c.unwrap(SQLiteConnection.class)).isNotNull();
            }
            Connection handle = pooled.getConnection();
            handle.close();
            assertThatThrownBy(handle::createStatement).hasMessageContaining("connection handle is closed");
        } finally {
            pooled.close();
        }
    }

    @Test
    void sqliteJdbcFeaturesWorkOnAPooledConnectionThroughUnwrap() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + path());
        try (HikariDataSource pool = pool(config, 1); Connection c = pool.getConnection()) {
            org.sqlite.Function.create(c.unwrap(SQLiteConnection.class), "twice", new org.sqlite.Function() {
                @Override
                protected void xFunc() throws SQLException {
                    result(value_long(0) * 2);
                }
            });
            try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("select twice(21)")) {
                rs.next();
                assertThat(rs.getObject(1)).isEqualTo(42L);
            }
        }
    }
}
