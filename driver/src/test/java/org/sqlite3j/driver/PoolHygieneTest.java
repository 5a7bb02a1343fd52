package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlite3j.driver.DriverTest.one;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.PooledConnection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * What one borrower of a pooled connection leaves behind must not reach the next one: session
 * state (PRAGMAs, TEMP objects, attached databases, limits, functions, collations, registries,
 * detect_types) goes back to what the URL configured, and result sets of the returned connection
 * are closed. Real HikariCP 7 pools of one connection, so the next borrower gets the same one.
 */
class PoolHygieneTest {

    @TempDir
    Path dir;

    private HikariDataSource pool(String query, boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + dir.resolve("pool.db") + query);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setAutoCommit(autoCommit);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Everything a borrower can change in its session, through SQL and sqlite-jdbc's API. */
    private static void dirtyTheSession(Connection c) throws SQLException {
        exec(c, "create temp table scratch(x)",
                "create temp trigger audit after insert on t begin insert into scratch values (new.x); end",
                "attach ':memory:' as aux",
                "pragma foreign_keys = " + ("1".equals(one(c, "pragma foreign_keys")) ? 0 : 1),
                "pragma recursive_triggers = 1", "pragma cache_size = -1234",
                "pragma busy_timeout = 1", "pragma query_only = 1");
        SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
        org.sqlite.Function.create(sqlite, "twice", new org.sqlite.Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(value_long(0) * 2);
            }
        }, 1, 0);
        org.sqlite.Function.create(sqlite, "anything", new org.sqlite.Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(1);
            }
        });
        org.sqlite.Collation.create(sqlite, "backwards", new org.sqlite.Collation() {
            @Override
            protected int xCompare(String a, String b) {
                return b.compareTo(a);
            }
        });
        sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 2);
        c.unwrap(Sqlite3jConnection.class).detectTypes(3);
        c.unwrap(Sqlite3jConnection.class).converters().register("point", bytes -> "a point");
    }

    private static final String ATTACHED =
            "select count(*) from pragma_database_list where name not in ('main', 'temp')";

    private static void assertConfiguredSession(Connection c, String foreignKeys) throws SQLException {
        assertThat(one(c, "pragma query_only")).isEqualTo("0");
        assertThat(one(c, "pragma foreign_keys")).isEqualTo(foreignKeys);
        assertThat(one(c, "pragma recursive_triggers")).isEqualTo("0");
        assertThat(one(c, "pragma cache_size")).isEqualTo("-2000");
        assertThat(one(c, "pragma busy_timeout")).isEqualTo("5000");
        assertThat(one(c, "select count(*) from temp.sqlite_schema")).isEqualTo("0");
        assertThat(one(c, ATTACHED)).isEqualTo("0");
        assertThatThrownBy(() -> one(c, "select twice(2)")).hasMessageContaining("no such function: twice");
        assertThatThrownBy(() -> one(c, "select anything()")).hasMessageContaining("no such function: anything");
        assertThatThrownBy(() -> one(c, "select x from t order by x collate backwards"))
                .hasMessageContaining("no such collation sequence: backwards");
        assertThat(c.unwrap(SQLiteConnection.class).getDatabase().limit(SQLiteLimits.SQLITE_LIMIT_ATTACHED.getId(), -1))
                .isEqualTo(10);
        Sqlite3jConnection ours = c.unwrap(Sqlite3jConnection.class);
        assertThat(ours.detectTypes()).isZero();
        assertThat(ours.converters().find("point")).isEmpty();
        exec(c, "insert into t values (5)"); // the temp trigger is gone: nothing to write to scratch
    }

    @Test
    void theNextBorrowerGetsTheSessionTheUrlConfigured() throws SQLException {
        try (HikariDataSource pool = pool("?foreign_keys=true", true)) {
            try (Connection c = pool.getConnection()) {
                exec(c, "create table t(x)");
                assertThat(one(c, "pragma foreign_keys")).isEqualTo("1");
                dirtyTheSession(c);
                assertThat(one(c, "pragma query_only")).as("the borrower's own session").isEqualTo("1");
                assertThat(one(c, "select twice(21)")).isEqualTo("42");
            }
            try (Connection c = pool.getConnection()) {
                assertConfiguredSession(c, "1");
            }
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("the same connection, kept").isEqualTo(1);
        }
    }

    @Test // HikariCP with auto-commit off: sqlite-jdbc keeps a BEGIN open, where PRAGMA foreign_keys does nothing
    void theSessionIsPutBackAroundSqliteJdbcsOpenTransaction() throws SQLException {
        try (HikariDataSource pool = pool("", false)) {
            try (Connection c = pool.getConnection()) {
                exec(c, "create table t(x)");
                c.setAutoCommit(true); // PRAGMAs and ATTACH need it; HikariCP sets it back on return
                dirtyTheSession(c);
            }
            try (Connection c = pool.getConnection()) {
                assertThat(c.getAutoCommit()).isFalse();
                assertConfiguredSession(c, "0");
            }
        }
    }

    @Test // the contrast: plain sqlite-jdbc under the same pool leaks what the test above does not
    void plainSqliteJdbcLeaksTheSession() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("plain.db"));
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection()) {
                exec(c, "create temp table scratch(x)", "pragma query_only = 1");
            }
            try (Connection c = pool.getConnection()) {
                assertThat(one(c, "pragma query_only")).isEqualTo("1");
                assertThat(one(c, "select count(*) from temp.sqlite_schema")).isEqualTo("1");
            }
        }
    }

    @Test
    void aResultSetOfAReturnedConnectionIsClosed() throws SQLException {
        try (HikariDataSource pool = pool("", true)) {
            try (Connection c = pool.getConnection()) {
                exec(c, "create table t(x)", "insert into t values (1), (2), (3)");
            }
            Connection c = pool.getConnection();
            ResultSet plain = c.createStatement().executeQuery("select x from t");
            PreparedStatement p = c.prepareStatement("select x from t where x >= ?");
            p.setInt(1, 1);
            ResultSet prepared = p.executeQuery();
            assertThat(plain.next()).isTrue();
            assertThat(prepared.next()).isTrue();
            c.close();
            try (Connection next = pool.getConnection();
                    PreparedStatement again = next.prepareStatement("select x from t where x >= ?")) {
                again.setInt(1, 3);
                try (ResultSet theirs = again.executeQuery()) {
                    for (ResultSet old : new ResultSet[] {plain, prepared}) {
                        assertThatThrownBy(old::next).isInstanceOf(SQLException.class)
                                .hasMessage("result set is closed");
                        assertThatThrownBy(() -> old.getObject(1)).hasMessage("result set is closed");
                        assertThat(old.isClosed()).isTrue();
                    }
                    assertThat(theirs.next()).isTrue();
                    assertThat(theirs.getObject(1)).as("the next borrower's rows are its own").isEqualTo(3L);
                }
            }
        }
    }

    @Test // a statement closed by its owner: its result set says so, not "inconsistent internal state"
    void aResultSetOfAClosedStatementSaysItIsClosed() throws SQLException {
        try (Connection c = new Sqlite3jDataSource("jdbc:sqlite3::memory:").getConnection()) {
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select 1 union all select 2");
            assertThat(rs.next()).isTrue();
            s.close();
            assertThatThrownBy(rs::next).hasMessage("result set is closed");
            assertThatThrownBy(() -> rs.getInt(1)).hasMessage("result set is closed");
        }
    }

    @Test // JDBC's own pooling: the logical handle's close closes its statements and resets the session
    void ourConnectionPoolDataSourceResetsToo() throws SQLException {
        Sqlite3jDataSource ds = new Sqlite3jDataSource("jdbc:sqlite3:" + dir.resolve("cpds.db"));
        PooledConnection pooled = ds.getPooledConnection();
        try {
            ResultSet left;
            try (Connection c = pooled.getConnection()) {
                exec(c, "create table t(x)", "insert into t values (1), (2)");
                left = c.createStatement().executeQuery("select x from t");
                assertThat(left.next()).isTrue();
                dirtyTheSession(c);
            }
            assertThatThrownBy(left::next).hasMessage("result set is closed");
            try (Connection c = pooled.getConnection()) {
                assertConfiguredSession(c, "0");
            }
        } finally {
            pooled.close();
        }
    }

    @Test // a borrower's statement still reading the attached database: DETACH cannot run
    void aSessionThatCannotBePutBackIsEvicted() throws SQLException {
        try (HikariDataSource pool = pool("", true)) {
            Connection c = pool.getConnection();
            exec(c, "attach ':memory:' as aux", "create table aux.big(x)", "insert into aux.big values (1), (2)");
            // made on sqlite-jdbc's connection, which HikariCP does not know about: left running
            ResultSet running = c.unwrap(SQLiteConnection.class).createStatement()
                    .executeQuery("select x from aux.big");
            assertThat(running.next()).isTrue();
            assertThatThrownBy(c::close).isInstanceOf(SQLException.class)
                    .hasMessageContaining("could not be reset").hasMessageContaining("DETACH DATABASE \"aux\"")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08006"));
            try (Connection next = pool.getConnection()) {
                assertThat(one(next, ATTACHED)).isEqualTo("0");
            }
        }
    }
}
