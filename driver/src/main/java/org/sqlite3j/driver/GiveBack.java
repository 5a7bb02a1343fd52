package org.sqlite3j.driver;

import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;
import org.sqlite3j.driver.internal.SessionState;

/**
 * What a {@link Sqlite3jConnection} does when a pool takes it back ({@link Sqlite3jConnection#reset()}):
 * the next borrower gets the connection as the URL and Properties configured it, not as the last
 * borrower left it.
 * <ol>
 * <li>Whatever transaction is open is rolled back: JDBC's (auto-commit off) and one begun by SQL
 *     ({@code BEGIN}, {@code SAVEPOINT}) in auto-commit mode, which HikariCP does not roll back.</li>
 * <li>The session is put back to the one captured when the connection was opened
 *     ({@link SessionState}): PRAGMAs such as {@code query_only} and {@code foreign_keys}, TEMP tables
 *     and triggers, attached databases, limits, and — when the sqlite-jdbc handle was handed out
 *     ({@code unwrap}, {@code getDatabase}, {@code Function.create}) — functions and collations.</li>
 * <li>The connection's own registries and {@code detect_types} go back to the data source's (the
 *     connection's adapters and converters start empty again).</li>
 * </ol>
 * A session that cannot be put back (a statement of the borrower still running) is an
 * {@link SQLException} with SQLState 08006, on which HikariCP evicts the connection.
 *
 * <p>When it runs: when {@link Sqlite3jConnection#clearWarnings()} is called from inside the
 * {@code close()} of another {@link Connection} implementation — that is a pool's proxy being
 * returned: HikariCP 7 ({@code ProxyConnection.close()}) closes the borrower's statements, rolls back
 * JDBC's transaction, resets auto-commit, read-only, isolation, catalog and schema, then calls
 * {@code clearWarnings()} on the real connection on every return; the caller is recognised with a
 * {@link StackWalker} over a few frames. Also when a logical connection of
 * {@link Sqlite3jDataSource#getPooledConnection()} is closed, and when the application calls it. A
 * {@code clearWarnings()} the application calls itself does nothing more (unless called from the
 * {@code close()} of a {@code Connection} wrapper of its own, which is then taken as a return). A pool
 * that does neither must call {@link Sqlite3jConnection#reset()} itself. Nothing runs when the
 * borrower did nothing (no statement, no unwrap, no registry or detect_types change).
 */
final class GiveBack {

    private static final StackWalker WALKER =
            StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final int SQLITE_ERROR = 1;
    private static final int SQLITE_DONE = 101;

    private final SQLiteConnection delegate;
    private final SessionState session;
    /** The session could not be read before the handle was handed out: it cannot be put back. */
    private SQLException unknown;
    /** The prepared ROLLBACK of {@link #rollback()}. */
    private CoreStatement rollback;
    /** The connection's own rollback(), which also copes with a transaction SQLite already ended. */
    private final JdbcRollback jdbcRollback;

    /** {@link java.sql.Connection#rollback()}, as the connection does it. */
    @FunctionalInterface
    interface JdbcRollback {
        void run() throws SQLException;
    }

    GiveBack(SQLiteConnection delegate, JdbcRollback jdbcRollback) {
        this.delegate = delegate;
        this.session = new SessionState(delegate);
        this.jdbcRollback = jdbcRollback;
    }

    /** Before SQL runs: what it may change is read first (see {@link SessionState#willRun}). */
    void beforeSql(String sql) throws SQLException {
        session.willRun(sql);
    }

    /** Before a limit changes through the API. */
    void beforeLimit() throws SQLException {
        session.willChangeLimits();
    }

    /** Before sqlite-jdbc's handle goes out: anything may change, functions and collations too. */
    void beforeHandOut() {
        try {
            session.willChangeCallbacks();
        } catch (SQLException e) {
            unknown = e;
        }
    }

    /** Rolls back what is open, then puts the session back. */
    void reset() throws SQLException {
        rollback();
        if (unknown != null) {
            SQLException e = unknown;
            unknown = null;
            throw new SQLException("the connection's session could not be read before sqlite-jdbc's connection"
                    + " was handed out, so it cannot be reset; it should not be used again", "08006", e);
        }
        session.restore();
    }

    private void rollback() throws SQLException {
        if (!delegate.getAutoCommit()) {
            jdbcRollback.run();
            return;
        }
        // a prepared ROLLBACK stepped directly: when no transaction is open (the usual case) SQLite
        // answers an error code, which costs nothing, where Statement.execute would build an exception
        if (rollback == null || rollback.pointer.isClosed()) {
            rollback = (CoreStatement) delegate.prepareStatement("ROLLBACK");
        }
        int rc = rollback.pointer.safeRunInt((db, p) -> {
            int stepped = db.step(p);
            db.reset(p);
            return stepped;
        });
        // SQLITE_ERROR is "cannot rollback - no transaction is active"; anything else is real
        if (rc != SQLITE_DONE && rc != SQLITE_ERROR) {
            delegate.getDatabase().throwex(rc);
        }
    }

    /** Whether a caller close by is the {@code close()} of another Connection class: a pool's proxy. */
    static boolean calledFromPoolClose() {
        return WALKER.walk(frames -> frames
                .dropWhile(f -> f.getDeclaringClass() == GiveBack.class
                        || f.getDeclaringClass() == Sqlite3jConnection.class)
                .limit(2)
                .anyMatch(f -> f.getMethodName().equals("close")
                        && Connection.class.isAssignableFrom(f.getDeclaringClass())));
    }
}
