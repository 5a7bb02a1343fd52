package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Sqlite3.connect(DataSource): the façade over connections borrowed from a real HikariCP pool. */
class PooledConnectionTest {

    @TempDir
    Path dir;

    HikariDataSource pool;

    @BeforeEach
    void start() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("pool.db"));
        config.setMaximumPoolSize(1); // the next borrower always gets the same physical connection
        config.setPoolName("sqlite3j-test");
        pool = new HikariDataSource(config);
        try (Connection con = Sqlite3.connect(pool)) {
            con.execute("create table t(x)");
        }
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private long count() {
        try (Connection con = Sqlite3.connect(pool)) {
            return (Long) con.execute("select count(*) from t").fetchone().get(0);
        }
    }

    @Test // Python's transaction control and rows work over a pooled connection
    void facadeOverPool() {
        try (Connection con = Sqlite3.connect(pool)) {
            con.execute("insert into t values (1)");
            assertThat(con.inTransaction()).isTrue();
            con.commit();
            assertThat(con.execute("select x from t").fetchone().get(0)).isEqualTo(1L);
        }
        assertThat(count()).isEqualTo(1);
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("given back").isZero();
    }

    @Test // an implicit transaction left open is rolled back when the connection goes back
    void openTransactionNeverLeaksToTheNextBorrower() {
        try (Connection con = Sqlite3.connect(pool)) {
            con.execute("insert into t values (1)");
        }
        try (Connection con = Sqlite3.connect(pool)) {
            assertThat(con.inTransaction()).isFalse();
        }
        assertThat(count()).isZero();
        try (Connection con = Sqlite3.connect(pool, ConnectOptions.defaults().isolationLevel(null))) {
            con.execute("begin immediate"); // a manual BEGIN in autocommit mode: HikariCP would leak it
            con.execute("insert into t values (2)");
        }
        try (Connection con = Sqlite3.connect(pool)) {
            assertThat(con.inTransaction()).isFalse();
            con.execute("begin"); // would fail "cannot start a transaction within a transaction"
            con.rollback();
        }
        assertThat(count()).isZero();
    }

    @Test // SQLite-only features reach the unwrapped connection
    void callbacksWorkOnPooledConnections() {
        try (Connection con = Sqlite3.connect(pool)) {
            con.createFunction("twice", 1, args -> (Long) args[0] * 2);
            con.createCollation("rev", (a, b) -> b.compareTo(a));
            assertThat(con.execute("select twice(21)").fetchone().get(0)).isEqualTo(42L);
            assertThat(con.execute("select 'a' union select 'b' order by 1 collate rev").fetchone().get(0))
                    .isEqualTo("b");
        }
    }

    @Test // autocommit=False over a pool: BEGIN on borrow, ROLLBACK on return
    void pep249ModeOverPool() {
        try (Connection con = Sqlite3.connect(pool, ConnectOptions.defaults().autocommit(false))) {
            assertThat(con.inTransaction()).isTrue();
            con.execute("insert into t values (1)");
            con.commit();
            con.execute("insert into t values (2)");
        }
        assertThat(count()).isEqualTo(1);
    }

    @Test // what a borrower sets on its session goes when the connection goes back (plain sqlite-jdbc pool)
    void sessionStateNeverLeaksToTheNextBorrower() {
        dirtyAndCheck(pool, 0L);
    }

    @Test // the same over our driver, whose return puts back what the URL configured (foreign_keys on)
    void sessionStateNeverLeaksOverTheSqlite3Driver() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + dir.resolve("pool.db") + "?foreign_keys=true");
        config.setMaximumPoolSize(1);
        try (HikariDataSource ours = new HikariDataSource(config)) {
            dirtyAndCheck(ours, 1L);
        }
    }

    private static void dirtyAndCheck(HikariDataSource pool, long foreignKeys) {
        try (Connection con = Sqlite3.connect(pool)) {
            con.execute("create temp table scratch(x)");
            con.execute("create temp trigger audit after insert on t begin insert into scratch values (new.x); end");
            con.execute("attach ':memory:' as aux");
            con.execute("pragma foreign_keys = " + (1 - foreignKeys));
            con.createFunction("twice", 1, args -> (Long) args[0] * 2);
            con.createFunction("anything", -1, args -> 1L);
            con.createAggregate("total", 1, () -> new Aggregate() {
                long sum;

                @Override
                public void step(Object... args) {
                    sum += (Long) args[0];
                }

                @Override
                public Object finalizeValue() {
                    return sum;
                }
            });
            con.createCollation("backwards", (a, b) -> b.compareTo(a));
            con.setProgressHandler(() -> false, 100);
            con.setlimit(Sqlite3.SQLITE_LIMIT_ATTACHED, 2);
            con.execute("pragma query_only = 1");
            assertThat(con.execute("select twice(21)").fetchone().get(0)).isEqualTo(42L);
        }
        try (Connection con = Sqlite3.connect(pool)) {
            assertThat(con.execute("pragma query_only").fetchone().get(0)).isEqualTo(0L);
            assertThat(con.execute("pragma foreign_keys").fetchone().get(0)).isEqualTo(foreignKeys);
            assertThat(con.execute("select count(*) from temp.sqlite_schema").fetchone().get(0)).isEqualTo(0L);
            assertThat(con.execute("select count(*) from pragma_database_list where name not in ('main', 'temp')")
                    .fetchone().get(0)).isEqualTo(0L);
            assertThat(con.getlimit(Sqlite3.SQLITE_LIMIT_ATTACHED)).isEqualTo(10);
            for (String sql : new String[] {"select twice(1)", "select anything()", "select total(x) from t"}) {
                assertThatThrownBy(() -> con.execute(sql).fetchall()).as(sql)
                        .isInstanceOf(Sqlite3.OperationalError.class).hasMessageStartingWith("no such function: ");
            }
            assertThatThrownBy(() -> con.execute("select x from t order by x collate backwards"))
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("no such collation sequence: backwards");
            con.execute("insert into t values (1)"); // no temp trigger writes to scratch any more
            con.rollback();
        }
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("the same connection, kept").isEqualTo(1);
    }

    @Test // what is done through unwrap() (sqlite-jdbc's own API) is put back too
    void workThroughUnwrapIsPutBack() throws java.sql.SQLException {
        try (Connection con = Sqlite3.connect(pool)) {
            org.sqlite.SQLiteConnection raw = (org.sqlite.SQLiteConnection) con.unwrap();
            org.sqlite.Function.create(raw, "raw_fn", new org.sqlite.Function() {
                @Override
                protected void xFunc() throws java.sql.SQLException {
                    result(7);
                }
            }, 0, 0);
            try (java.sql.Statement s = raw.createStatement()) {
                s.execute("pragma recursive_triggers = 1");
            }
            assertThat(con.execute("select raw_fn()").fetchone().get(0)).isEqualTo(7L);
        }
        try (Connection con = Sqlite3.connect(pool)) {
            assertThatThrownBy(() -> con.execute("select raw_fn()")).hasMessage("no such function: raw_fn");
            assertThat(con.execute("pragma recursive_triggers").fetchone().get(0)).isEqualTo(0L);
        }
    }

    @Test // a DataSource of something else is refused with the reason
    void nonSqliteDataSourceIsRefused() {
        javax.sql.DataSource broken = new org.sqlite.SQLiteDataSource() {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                throw new java.sql.SQLException("no database here");
            }
        };
        assertThatThrownBy(() -> Sqlite3.connect(broken)).isInstanceOf(Sqlite3.Error.class)
                .hasMessageContaining("no database here");
    }
}
