package org.sqlite3j.dbapi;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.sqlite.SQLiteConnection;
import org.sqlite3j.driver.Sqlite3jConnection;
import org.sqlite3j.driver.internal.SessionState;

/**
 * A connection borrowed from a pool or DataSource ({@code Sqlite3.connect(DataSource)}) and what
 * giving it back involves, so that the pool's next borrower sees nothing of this one: the session
 * (PRAGMAs, TEMP objects, attached databases, limits) goes back to what it was when borrowed
 * ({@link SessionState}: what a statement may change is read before it runs, see
 * {@link #beforeSql}), and the functions, collations and progress handler this connection set are
 * removed (functions of a fixed number of arguments replaced by a stand-in that fails with "no such
 * function", see {@link SessionState#unregistered}). The engine rolls back what is open first.
 */
final class Borrowed {

    private final java.sql.Connection handle;
    private final SQLiteConnection connection;
    private final SessionState session;
    /** Functions this connection registered: name to the argument counts. */
    private final Map<String, Set<Integer>> functions = new HashMap<>();
    private final Set<String> collations = new HashSet<>();
    private boolean progressHandler;

    /**
     * Runs over a connection borrowed from a pool or a DataSource (HikariCP's proxy, our driver's
     * wrapper): unwraps it to sqlite-jdbc's connection, switches JDBC autocommit on (the façade
     * issues BEGIN/COMMIT itself) and learns whether a transaction is open. {@link Engine#close()} gives the
     * connection back instead of closing SQLite.
     */
    static Engine adopt(java.sql.Connection borrowed) {
        SQLiteConnection c;
        try {
            c = borrowed.unwrap(SQLiteConnection.class);
        } catch (SQLException e) {
            giveBackQuietly(borrowed, e);
            throw new Sqlite3.InterfaceError("the DataSource's connection is not an SQLite connection"
                    + " (expected one that unwraps to org.sqlite.SQLiteConnection)" + ErrorTable.reason(e),
                    null, null, e);
        }
        try {
            if (c instanceof Sqlite3jConnection ours) {
                // a jdbc:sqlite3: connection is an SQLiteConnection itself: the engine steps
                // sqlite-jdbc's own statements, so it works on the connection underneath (and puts
                // back what it changes there itself: see Borrowed)
                c = ours.sqliteConnectionRestoredByCaller();
            }
            if (!borrowed.getAutoCommit()) {
                borrowed.setAutoCommit(true);
            }
            JdbcEngine engine = new JdbcEngine(c);
            engine.borrowedAs(new Borrowed(borrowed, c));
            return engine;
        } catch (SQLException e) {
            giveBackQuietly(borrowed, e);
            throw ErrorTable.translate(e);
        }
    }

    /** Gives back a connection that could not be adopted, keeping a failure to close with {@code e}. */
    private static void giveBackQuietly(java.sql.Connection borrowed, SQLException e) {
        try {
            borrowed.close();
        } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
        }
    }

    /** {@code connection}, sqlite-jdbc's, borrowed as {@code handle}. */
    Borrowed(java.sql.Connection handle, SQLiteConnection connection) {
        this.handle = handle;
        this.connection = connection;
        this.session = new SessionState(connection);
    }

    /** Before {@code sql} is prepared: what it may change is read first (see {@link SessionState#willRun}). */
    void beforeSql(String sql) throws SQLException {
        session.willRun(sql);
    }

    /** Before sqlite-jdbc's connection goes to the user: anything may change, functions included. */
    void beforeHandOut() throws SQLException {
        session.willChangeCallbacks();
    }

    /** Before a limit changes through the API. */
    void beforeLimit() throws SQLException {
        session.willChangeLimits();
    }

    void functionRegistered(String name, int narg) {
        functions.computeIfAbsent(name, n -> new HashSet<>()).add(narg);
    }

    void collationRegistered(String name) {
        collations.add(name);
    }

    void progressHandlerSet(boolean set) {
        progressHandler = set;
    }

    /**
     * Removes what this connection registered, puts the session back and gives the connection back
     * to the pool. When the session cannot be put back, SQLite's connection is closed before it goes
     * back, so that the pool finds it closed and discards it rather than lend it out as it is.
     *
     * @throws Sqlite3.OperationalError when the session could not be put back
     */
    void giveBack() throws SQLException {
        SQLException failure = null;
        try {
            removeCallbacks();
            session.restore();
        } catch (SQLException e) {
            failure = e;
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
        } finally {
            handle.close();
        }
        if (failure != null) {
            throw new Sqlite3.OperationalError("the pooled connection could not be reset for the next"
                    + " borrower, so it was closed" + ErrorTable.reason(failure), null, null, failure);
        }
    }

    private void removeCallbacks() throws SQLException {
        for (Map.Entry<String, Set<Integer>> f : functions.entrySet()) {
            for (int narg : f.getValue()) {
                if (narg == -1) {
                    org.sqlite.Function.destroy(connection, f.getKey());
                } else {
                    org.sqlite.Function.create(connection, f.getKey(), SessionState.unregistered(f.getKey()),
                            narg, 0);
                }
            }
        }
        for (String name : collations) {
            org.sqlite.Collation.destroy(connection, name);
        }
        if (progressHandler) {
            org.sqlite.ProgressHandler.clearHandler(connection);
        }
    }
}
