package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.core.CoreStatement;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * {@code cached_statements}: closed prepared statements are kept compiled for the next
 * {@code prepareStatement} of the same SQL (Python's statement cache, CPython's
 * test_regression.RegressionTests.test_statement_reset / test_statement_finalization_on_close_db
 * behaviours as JDBC sees them), and an old handle can never reach the statement a later caller holds.
 */
class StatementCacheTest {

    @TempDir
    Path dir;

    private String url(String options) {
        return "jdbc:sqlite3:" + dir.resolve("cache.db") + options;
    }

    private Sqlite3jConnection open(String options) throws SQLException {
        return (Sqlite3jConnection) DriverManager.getConnection(url(options));
    }

    @BeforeEach
    void table() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("")); Statement s = c.createStatement()) {
            s.execute("create table t(x)");
            s.execute("insert into t values (1), (2), (3)");
        }
    }

    private static CoreStatement raw(PreparedStatement ps) throws SQLException {
        return ps.unwrap(CoreStatement.class);
    }

    @Test
    void aClosedStatementIsReusedForTheSameSql() throws SQLException {
        try (Sqlite3jConnection c = open("")) {
            PreparedStatement first = c.prepareStatement("select x from t where x > ?");
            CoreStatement compiled = raw(first);
            first.setInt(1, 1);
            try (ResultSet rs = first.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1)).isEqualTo(2L);
            }
            first.close();
            assertThat(c.cachedStatementCount()).isEqualTo(1);
            try (PreparedStatement again = c.prepareStatement("select x from t where x > ?")) {
                assertThat(raw(again)).isSameAs(compiled);
                assertThat(c.statementCacheHits()).isEqualTo(1);
                again.setInt(1, 2);
                try (ResultSet rs = again.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1)).isEqualTo(3L);
                    assertThat(rs.next()).isFalse();
                }
            }
            try (PreparedStatement other = c.prepareStatement("select x from t")) {
                assertThat(raw(other)).isNotSameAs(compiled);
            }
        }
    }

    @Test
    void anOldHandleAndItsResultSetAreClosedAndCannotReachTheNextCaller() throws SQLException {
        try (Sqlite3jConnection c = open("")) {
            PreparedStatement old = c.prepareStatement("select x from t order by x");
            ResultSet oldRows = old.executeQuery();
            assertThat(oldRows.next()).isTrue();
            old.close();
            assertThat(old.isClosed()).isTrue();
            assertThat(oldRows.isClosed()).isTrue();
            old.close(); // twice is fine
            try (PreparedStatement now = c.prepareStatement("select x from t order by x");
                    ResultSet rows = now.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThatThrownBy(old::executeQuery).isInstanceOf(SQLException.class).hasMessage("statement is closed");
                assertThatThrownBy(() -> old.setInt(1, 1)).hasMessage("statement is closed");
                assertThatThrownBy(old::isPoolable).hasMessage("statement is closed");
                assertThatThrownBy(oldRows::next).isInstanceOf(SQLException.class).hasMessage("result set is closed");
                assertThatThrownBy(() -> oldRows.getObject(1)).hasMessage("result set is closed");
                // the new caller's iteration went on undisturbed
                assertThat(rows.getObject(1)).isEqualTo(1L);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getObject(1)).isEqualTo(2L);
            }
        }
    }

    @Test
    void anUnfinishedQueryLeavesNoReadLockBehind() throws SQLException {
        // rollback journal: a statement left stepping holds SHARED, and a writer's commit fails at once
        try (Sqlite3jConnection reader = open("?busy_timeout=0");
                Sqlite3jConnection writer = open("?busy_timeout=0")) {
            PreparedStatement q = reader.prepareStatement("select x from t");
            ResultSet rs = q.executeQuery();
            assertThat(rs.next()).isTrue();
            PreparedStatement e = reader.prepareStatement("select x from t where x = 1");
            assertThat(e.execute()).isTrue(); // a row is waiting, nobody asked for the result set
            q.close();
            e.close();
            assertThat(reader.cachedStatementCount()).isEqualTo(2);
            try (Statement w = writer.createStatement()) {
                assertThat(w.executeUpdate("insert into t values (4)")).isEqualTo(1);
            }
            try (PreparedStatement count = reader.prepareStatement("select count(*) from t");
                    ResultSet n = count.executeQuery()) {
                n.next();
                assertThat(n.getLong(1)).isEqualTo(4);
            }
        }
    }

    @Test
    void bindingsAndLimitsDoNotCarryOverToTheNextCaller() throws SQLException {
        try (Sqlite3jConnection c = open("")) {
            PreparedStatement ps = c.prepareStatement("select x, ? from t order by x");
            ps.setString(1, "secret");
            ps.setMaxRows(1);
            ps.setQueryTimeout(7);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("secret");
                assertThat(rs.next()).isFalse();
            }
            ps.close();
            try (PreparedStatement again = c.prepareStatement("select x, ? from t order by x")) {
                assertThat(c.statementCacheHits()).isEqualTo(1);
                assertThat(again.getMaxRows()).isZero();
                assertThat(again.getQueryTimeout()).isZero();
                int rows = 0;
                try (ResultSet rs = again.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getObject(2)).isNull();
                        rows++;
                    }
                }
                assertThat(rows).isEqualTo(3);
            }
        }
    }

    @Test
    void aSchemaChangeIsSeenByTheCachedStatement() throws SQLException {
        try (Sqlite3jConnection c = open("")) {
            c.prepareStatement("select * from t").close();
            try (Statement s = c.createStatement()) {
                s.execute("alter table t add column y default 'why'");
            }
            try (PreparedStatement ps = c.prepareStatement("select * from t"); ResultSet rs = ps.executeQuery()) {
                assertThat(c.statementCacheHits()).isEqualTo(1);
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject("y")).isEqualTo("why");
            }
            c.prepareStatement("select x from t").close();
            try (Statement s = c.createStatement()) {
                s.execute("drop table t");
            }
            // compiled SQL that no longer compiles fails when run (documented), with SQLite's message
            try (PreparedStatement ps = c.prepareStatement("select x from t")) {
                assertThatThrownBy(ps::executeQuery).isInstanceOf(SQLException.class)
                        .hasMessageContaining("no such table: t");
            }
        }
    }

    @Test
    void theLeastRecentlyUsedStatementIsClosedBeyondTheCapacity() throws SQLException {
        try (Sqlite3jConnection c = open("?cached_statements=2")) {
            PreparedStatement a = c.prepareStatement("select 1");
            CoreStatement rawA = raw(a);
            PreparedStatement b = c.prepareStatement("select 2");
            PreparedStatement d = c.prepareStatement("select 3");
            a.close();
            b.close();
            d.close();
            assertThat(c.cachedStatementCount()).isEqualTo(2);
            assertThat(rawA.pointer.isClosed()).isTrue(); // evicted and finalized
            c.prepareStatement("select 2").close();
            c.prepareStatement("select 3").close();
            assertThat(c.statementCacheHits()).isEqualTo(2);
            try (PreparedStatement again = c.prepareStatement("select 1")) {
                assertThat(raw(again)).isNotSameAs(rawA);
                assertThat(c.statementCacheHits()).isEqualTo(2);
            }
        }
    }

    @Test
    void zeroTurnsTheCacheOffAndUnpoolableOrCloseOnCompletionStatementsAreNotKept() throws SQLException {
        try (Sqlite3jConnection c = open("?cached_statements=0")) {
            PreparedStatement ps = c.prepareStatement("select 1");
            CoreStatement compiled = raw(ps);
            ps.close();
            assertThat(compiled.pointer.isClosed()).isTrue();
            assertThat(c.cachedStatementCount()).isZero();
        }
        try (Sqlite3jConnection c = open("")) {
            PreparedStatement ps = c.prepareStatement("select 1");
            assertThat(ps.isPoolable()).isTrue();
            ps.setPoolable(false);
            assertThat(ps.isPoolable()).isFalse();
            CoreStatement compiled = raw(ps);
            ps.close();
            assertThat(compiled.pointer.isClosed()).isTrue();
            PreparedStatement auto = c.prepareStatement("select 1");
            auto.closeOnCompletion();
            CoreStatement autoCompiled = raw(auto);
            auto.close();
            assertThat(autoCompiled.pointer.isClosed()).isTrue();
            assertThat(c.cachedStatementCount()).isZero();
        }
    }

    @Test
    void twoOpenHandlesForTheSameSqlAreIndependent() throws SQLException {
        try (Sqlite3jConnection c = open("")) {
            PreparedStatement a = c.prepareStatement("select x from t order by x");
            PreparedStatement b = c.prepareStatement("select x from t order by x");
            assertThat(raw(a)).isNotSameAs(raw(b));
            ResultSet ra = a.executeQuery();
            ResultSet rb = b.executeQuery();
            ra.next();
            rb.next();
            rb.next();
            assertThat(ra.getLong(1)).isEqualTo(1);
            assertThat(rb.getLong(1)).isEqualTo(2);
            a.close();
            b.close();
            assertThat(c.cachedStatementCount()).isEqualTo(1);
        }
    }

    @Test
    void closingTheConnectionFinalizesTheCachedStatements() throws SQLException {
        CoreStatement compiled;
        try (Sqlite3jConnection c = open("")) {
            PreparedStatement ps = c.prepareStatement("select 1");
            compiled = raw(ps);
            ps.close();
            assertThat(compiled.pointer.isClosed()).isFalse();
        }
        assertThat(compiled.pointer.isClosed()).isTrue();
    }

    @Test
    void statementsSurviveThePoolReturnWithoutLeakingState() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(""));
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            CoreStatement compiled;
            try (Connection c = pool.getConnection()) {
                PreparedStatement ps = c.prepareStatement("select x from t where x >= ?");
                compiled = raw(ps);
                ps.setInt(1, 2);
                ResultSet rs = ps.executeQuery();
                rs.next(); // left open: Hikari closes the statement when the connection goes back
            }
            try (Connection c = pool.getConnection();
                    PreparedStatement ps = c.prepareStatement("select x from t where x >= ?")) {
                assertThat(raw(ps)).isSameAs(compiled);
                ps.setInt(1, 3);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1)).isEqualTo(3L);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }
}
