package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteException;

/**
 * Exceptions frameworks can translate: the JDBC 4 subclass and SQLState by SQLite's result code,
 * {@code getErrorCode()} the extended code, SQLite's message kept, the original as the cause.
 */
class ErrorsTest {

    @TempDir
    Path dir;

    private Connection c;

    private String url(String options) {
        return "jdbc:sqlite3:" + dir.resolve("errors.db") + options;
    }

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection(url("?foreign_keys=true"));
        try (Statement s = c.createStatement()) {
            s.execute("create table parent(id integer primary key)");
            s.execute("create table t(id integer primary key, u text unique, n text not null default 'n',"
                    + " c integer check (c > 0), p integer references parent(id))");
            s.execute("insert into parent values (1)");
            s.execute("insert into t(id, u, c) values (1, 'a', 1)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private SQLException failure(String sql) {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("no exception from " + sql);
    }

    @Test
    void constraintsAreIntegrityViolationsWithPostgresStates() {
        SQLException unique = failure("insert into t(u, c) values ('a', 1)");
        assertThat((Throwable) unique).isInstanceOf(SQLIntegrityConstraintViolationException.class)
                .hasMessageContaining("UNIQUE constraint failed: t.u");
        assertThat(unique.getSQLState()).isEqualTo("23505");
        assertThat(unique.getErrorCode()).isEqualTo(2067);       // SQLITE_CONSTRAINT_UNIQUE
        assertThat(unique.getCause()).isInstanceOf(SQLiteException.class);

        SQLException pk = failure("insert into t(id, c) values (1, 1)");
        assertThat(pk.getSQLState()).isEqualTo("23505");
        assertThat(pk.getErrorCode()).isEqualTo(1555);          // SQLITE_CONSTRAINT_PRIMARYKEY

        SQLException notNull = failure("insert into t(n, c) values (null, 1)");
        assertThat((Throwable) notNull).isInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat(notNull.getSQLState()).isEqualTo("23502");
        assertThat(notNull.getErrorCode()).isEqualTo(1299);

        SQLException check = failure("insert into t(c) values (0)");
        assertThat(check.getSQLState()).isEqualTo("23514");
        assertThat(check.getErrorCode()).isEqualTo(275);

        SQLException fk = failure("insert into t(c, p) values (1, 42)");
        assertThat((Throwable) fk).isInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThat(fk.getSQLState()).isEqualTo("23503");
        assertThat(fk.getErrorCode()).isEqualTo(787);
    }

    @Test
    void syntaxAndNameErrorsAreSyntaxErrors() {
        assertThatThrownBy(() -> c.prepareStatement("selec 1")).isInstanceOfSatisfying(
                SQLSyntaxErrorException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
        assertThat((Throwable) failure("insert into nowhere values (1)")).isInstanceOfSatisfying(
                SQLSyntaxErrorException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42P01");
                    assertThat(e.getErrorCode()).isEqualTo(1);
                    assertThat((Throwable) e).hasMessageContaining("no such table: nowhere");
                });
        assertThat(failure("update t set missing = 1").getSQLState()).isEqualTo("42703");
        assertThat(failure("create table t(x)").getSQLState()).isEqualTo("42P07");
        assertThat(failure("insert into t(c) values (nofunc(1))").getSQLState()).isEqualTo("42883");
    }

    @Test
    void aBusyDatabaseIsTransient() throws SQLException {
        try (Connection other = DriverManager.getConnection(url("?timeout=0.05"));
             Statement holder = c.createStatement()) {
            holder.execute("begin immediate");
            try {
                SQLException busy = null;
                try (Statement s = other.createStatement()) {
                    s.executeUpdate("insert into parent values (2)");
                } catch (SQLException e) {
                    busy = e;
                }
                assertThat((Throwable) busy).isInstanceOf(SQLTransactionRollbackException.class)
                        .isInstanceOf(SQLTransientException.class).hasMessageContaining("locked");
                assertThat(busy.getSQLState()).isEqualTo("40001");
                assertThat(busy.getErrorCode() & 0xFF).isEqualTo(5);      // SQLITE_BUSY
            } finally {
                holder.execute("rollback");
            }
        }
    }

    @Test
    void aFailedBatchKeepsItsCountsAndTellsTheCause() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into t(u, c) values (?, 1)")) {
            for (String u : new String[] {"x", "a", "y"}) {
                ps.setString(1, u);
                ps.addBatch();
            }
            assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getErrorCode()).isEqualTo(2067);
                assertThat((Throwable) e.getNextException()).isInstanceOf(SQLIntegrityConstraintViolationException.class);
            });
        }
    }

    @Test
    void aReadOnlyDatabaseAndAClosedConnection() throws SQLException {
        try (Connection ro = DriverManager.getConnection(url("?mode=ro"))) {
            SQLException e = null;
            try (Statement s = ro.createStatement()) {
                s.executeUpdate("insert into parent values (3)");
            } catch (SQLException x) {
                e = x;
            }
            assertThat((Throwable) e).isInstanceOf(SQLNonTransientException.class);
            assertThat(e.getSQLState()).isEqualTo("25006");
            assertThat(e.getErrorCode() & 0xFF).isEqualTo(8);            // SQLITE_READONLY
        }
        Connection closed = DriverManager.getConnection(url(""));
        closed.close();
        assertThatThrownBy(closed::createStatement).isInstanceOfSatisfying(
                SQLNonTransientConnectionException.class, e -> assertThat(e.getSQLState()).isEqualTo("08003"));
    }

    @Test
    void errorsOfCommitAreTranslatedToo() throws SQLException {
        try (Connection tx = DriverManager.getConnection(url("?foreign_keys=true"))) {
            try (Statement s = tx.createStatement()) {
                s.execute("create table d(id integer primary key, p integer references parent(id)"
                        + " deferrable initially deferred)");
            }
            tx.setAutoCommit(false);
            try (Statement s = tx.createStatement()) {
                s.executeUpdate("insert into d values (1, 77)");
            }
            assertThatThrownBy(tx::commit).isInstanceOfSatisfying(SQLIntegrityConstraintViolationException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("23503"));
            tx.rollback();
        }
    }
}
