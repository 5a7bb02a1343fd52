package org.sqlite3j.dbapi;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite3j.driver.internal.SessionState;
import org.sqlite3j.driver.internal.SqliteErrors;
import org.sqlite3j.driver.internal.SqliteOpener;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

/**
 * The {@link Engine} over sqlite-jdbc, the one place (with {@link JdbcHandle}, {@link RowReader},
 * {@link UserFunctions} and {@link Borrowed}) that reaches into sqlite-jdbc below JDBC: it opens the SQLite connection, steps
 * statements and reads columns through {@link DB}, tracks whether a transaction is open (SQLite's
 * {@code sqlite3_get_autocommit}, which sqlite-jdbc does not bind) and reads
 * {@code last_insert_rowid()}.
 *
 * <p>sqlite-jdbc runs in its own autocommit mode; every BEGIN, COMMIT and ROLLBACK is SQL that the
 * façade issues. The transaction flag is set when a BEGIN or SAVEPOINT succeeds, asked of SQLite
 * after statements that may end a transaction, and cleared by SQLite's commit and rollback hooks,
 * which report automatic rollbacks (a failing {@code INSERT OR ROLLBACK}, a full disk...).
 *
 * <p>Not thread-safe by itself: the owning {@link Connection} confines it (Python's
 * {@code check_same_thread}) or its caller serialises access.
 */
final class JdbcEngine implements Engine {


    private final SQLiteConnection connection;
    private final DB db;
    private boolean inTransaction;
    private final Map<String, Handle> control = new HashMap<>();
    /** The first exception a collation raised during the current step, raised as itself after it. */
    private Throwable callbackFailure;
    /**
     * The error message a user function, aggregate or window function last set on SQLite, and the
     * Java exception behind it: attached as the cause when a step fails with that message.
     */
    private String callbackMessage;
    private Throwable callbackCause;
    /** Whether Java code may run inside a step: user functions, collations or a progress handler were set. */
    private boolean javaInSteps;

    /** The borrowed connection to give back on close, when the engine runs over a pool's; else null. */
    private Borrowed borrowed;
    private final SQLiteCommitListener hooks = new SQLiteCommitListener() {
        @Override
        public void onCommit() {
            inTransaction = false;
        }

        @Override
        public void onRollback() {
            inTransaction = false;
        }
    };

    JdbcEngine(SQLiteConnection connection) {
        this.connection = connection;
        this.db = connection.getDatabase();
        connection.addCommitListener(hooks);
        // sqlite-jdbc, in its own autocommit mode, runs an empty BEGIN; COMMIT after every statement
        // that finishes; that COMMIT fails while another write is part way through and leaves its BEGIN
        // open. The façade issues every BEGIN/COMMIT/ROLLBACK itself, so sqlite-jdbc is told that it is
        // not in charge of commits (only the flag: no BEGIN is issued). Restored on close.
        this.jdbcAutoCommit = connection.getConnectionConfig().isAutoCommit();
        connection.getConnectionConfig().setAutoCommit(false);
    }

    /** sqlite-jdbc's autocommit flag before this engine took over (given back with a borrowed connection). */
    private final boolean jdbcAutoCommit;

    /**
     * Runs over a connection borrowed from a pool ({@link Borrowed#adopt}): {@link #close()} gives it
     * back instead of closing SQLite; whether a transaction is open is asked of SQLite.
     */
    void borrowedAs(Borrowed borrowed) throws SQLException {
        this.borrowed = borrowed;
        this.inTransaction = probeTransaction();
    }

    /**
     * Opens {@code database} as Python's {@code sqlite3.connect} would.
     *
     * @param uri whether {@code database} is a URI; plain names are turned into {@code file:} URIs so
     *            that '?', '#' and '%' in a file name mean themselves, as they do for Python
     */
    static JdbcEngine open(String database, double timeout, boolean uri) {
        if (database.indexOf('\0') >= 0) {
            throw new Sqlite3.ValueError("embedded null byte");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(SqliteOpener.busyMillis(timeout));
        String name = uri || database.isEmpty() || database.equals(":memory:")
                ? database : SqliteOpener.fileUri(database);
        try {
            return new JdbcEngine(SqliteOpener.open(name, config));
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    @Override
    public SQLiteConnection jdbc() {
        return connection;
    }

    @Override
    public String libversion() throws SQLException {
        return db.libversion();
    }

    /** The engine under the façade and its version, e.g. {@code sqlite-jdbc 3.53.4.0}. */
    static String description() {
        return "sqlite-jdbc " + org.sqlite.SQLiteJDBCLoader.getVersion();
    }

    @Override
    public boolean inTransaction() {
        return inTransaction;
    }

    @Override
    public void inTransaction(boolean open) {
        inTransaction = open;
    }

    @Override
    public Handle prepare(String sql) throws SQLException {
        return new JdbcHandle((CoreStatement) connection.prepareStatement(sql));
    }

    /** sqlite-jdbc's statement inside one of this engine's handles. */
    private static CoreStatement core(Handle handle) {
        return ((JdbcHandle) handle).core;
    }

    /**
     * Before the user's {@code sql} is prepared (execute, executescript): on a borrowed connection,
     * the session is read first when the SQL may change it, to be put back when it goes back.
     */
    @Override
    public void beforeUserSql(String sql) throws SQLException {
        if (borrowed != null) {
            borrowed.beforeSql(sql);
        }
    }

    /** Before sqlite-jdbc's connection is handed to the user: on a borrowed one, anything may change. */
    @Override
    public void beforeHandOut() throws SQLException {
        if (borrowed != null) {
            borrowed.beforeHandOut();
        }
    }

    /** Binds {@code values} and takes the first step; true when a row is ready. */
    @Override
    public boolean execute(Handle statement, Object[] values) throws SQLException {
        boolean row;
        try {
            row = db.execute(core(statement), values);
        } catch (SQLException e) {
            reset(statement);
            callbackFailure = null; // SQLite's own error wins over a callback's, as in CPython
            throw withCallbackCause(e);
        }
        if (callbackFailure != null) {
            reset(statement);
            rethrowCallbackFailure();
        }
        return row;
    }

    /**
     * {@link #execute(Handle, Object[])} for a statement of the given kind, keeping the
     * transaction flag right: a successful BEGIN or SAVEPOINT opens a transaction; after a COMMIT,
     * END, ROLLBACK or RELEASE, successful or not, SQLite is asked (see {@link #probeTransaction()}),
     * because the hooks stay silent when a transaction that wrote nothing ends.
     */
    @Override
    public boolean execute(Handle statement, Object[] values, Statement.Kind kind)
            throws SQLException {
        try {
            boolean row = execute(statement, values);
            if (kind == Statement.Kind.BEGIN || kind == Statement.Kind.SAVEPOINT) {
                inTransaction = true;
            } else if (kind == Statement.Kind.END) {
                inTransaction = !statementsPending() && probeTransaction();
            } else if (kind == Statement.Kind.RELEASE && !statementsPending()) {
                inTransaction = probeTransaction();
            }
            return row;
        } catch (SQLException e) {
            if ((kind == Statement.Kind.END || kind == Statement.Kind.RELEASE) && !statementsPending()) {
                inTransaction = probeTransaction();
            }
            throw e;
        }
    }

    /**
     * Whether statements of this connection that write are part way through their results (an
     * unfinished {@code INSERT ... RETURNING}). The probe's empty transaction must not run then: its
     * COMMIT would fail while a write is pending and leave the BEGIN open, so the flag follows the
     * statement instead (a successful COMMIT or ROLLBACK ends the transaction; the hooks report the
     * rest). Unfinished reads do not stop the probe: SQLite commits with readers active.
     */
    private boolean statementsPending() {
        return pending != null && pending.getAsBoolean();
    }

    private java.util.function.BooleanSupplier pending;

    /** Tells the engine how to know that statements are part way through (the connection's cursors). */
    @Override
    public void statementsPending(java.util.function.BooleanSupplier check) {
        this.pending = check;
    }

    /**
     * Whether a transaction is open, asked of SQLite itself: a BEGIN fails inside a transaction;
     * outside one it succeeds and is committed at once (an empty transaction, no I/O, no hooks).
     * This is the check sqlite-jdbc itself makes after every statement in its autocommit mode.
     */
    boolean probeTransaction() throws SQLException {
        CoreStatement begin = core(controlStatement("BEGIN"));
        int rc = begin.pointer.safeRunInt(DB::step);
        begin.pointer.safeRunInt(DB::reset);
        if (rc != ErrorTable.SQLITE_DONE) {
            return true;
        }
        CoreStatement commit = core(controlStatement("COMMIT"));
        int committed = commit.pointer.safeRunInt(DB::step);
        commit.pointer.safeRunInt(DB::reset);
        if (committed != ErrorTable.SQLITE_DONE) {
            throw new SQLException("could not end the probe transaction: result code " + committed);
        }
        return false;
    }

    /** Queues one row of parameters on {@code handle} for {@link #executeBatch}. */
    @Override
    public void addBatch(Handle handle, Object[] values) throws SQLException {
        java.sql.PreparedStatement statement = (java.sql.PreparedStatement) core(handle);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
    }

    /** Drops the rows queued on {@code handle} (nothing is pending on a closed statement). */
    @Override
    public void clearBatch(Handle handle) {
        try {
            ((java.sql.PreparedStatement) core(handle)).clearBatch();
        } catch (SQLException ignored) {
            // the statement is closed: nothing is pending
        }
    }

    /**
     * Runs the rows queued on {@code statement} with {@code addBatch}; returns each row's changes.
     * A row that returns results stops the batch with executemany's DML error.
     */
    @Override
    public long[] executeBatch(Handle handle) throws SQLException {
        java.sql.PreparedStatement statement = (java.sql.PreparedStatement) core(handle);
        try {
            long[] counts = statement.executeLargeBatch();
            rethrowCallbackFailure();
            return counts;
        } catch (BatchUpdateException e) {
            rethrowCallbackFailure();
            withCallbackCause(e);
            if (e.getMessage() != null && e.getMessage().endsWith("query returns results")) {
                throw new Sqlite3.ProgrammingError("executemany() can only execute DML statements.");
            }
            throw e;
        }
    }

    /** The next step: true when a row is ready, false when done (the statement is then reset). */
    @Override
    public boolean step(Handle statement) throws SQLException {
        return stepped(statement, core(statement).pointer.safeRunInt(DB::step));
    }

    /** {@link #step} after SQLite answered {@code rc} to the step. */
    @Override
    public boolean stepped(Handle statement, int rc) throws SQLException {
        if (callbackFailure != null) {
            reset(statement);
            if (rc != ErrorTable.SQLITE_ROW && rc != ErrorTable.SQLITE_DONE) {
                callbackFailure = null; // SQLite's own error wins, as in CPython
            } else {
                rethrowCallbackFailure();
            }
        }
        if (rc == ErrorTable.SQLITE_ROW) {
            return true;
        }
        if (rc == ErrorTable.SQLITE_DONE) {
            core(statement).pointer.safeRunInt(DB::reset);
            return false;
        }
        try {
            db.throwex(rc);
            throw new IllegalStateException("unreachable");
        } catch (SQLException e) {
            throw withCallbackCause(e);
        } finally {
            reset(statement);
        }
    }

    /** Notes that Java callbacks (functions, collations, a progress handler) may now run inside steps. */
    void callbacksRegistered() {
        javaInSteps = true;
    }

    /** Whether a step may run Java code of this connection's user (then nothing may be reordered around it). */
    @Override
    public boolean javaInSteps() {
        return javaInSteps;
    }

    @Override
    public void reset(Handle statement) {
        if (!statement.isClosed()) {
            try {
                core(statement).pointer.safeRunInt(DB::reset);
            } catch (SQLException ignored) {
                // reset reports the last step's error again; it has been reported already.
            }
        }
    }

    @Override
    public void close(Handle statement) {
        try {
            ((java.sql.Statement) core(statement)).close();
        } catch (SQLException ignored) {
            // finalizing reports the last step's error again; nothing is lost.
        }
    }

    /** Column {@code i}'s declared type ({@code sqlite3_column_decltype}), or null. */
    @Override
    public String declaredType(Handle statement, int i) throws SQLException {
        return org.sqlite3j.driver.internal.StatementColumns.declaredType(core(statement), i);
    }

    @Override
    public int columnCount(Handle statement) throws SQLException {
        return core(statement).pointer.safeRunInt(DB::column_count);
    }

    @Override
    public String[] columnNames(Handle statement, int count) throws SQLException {
        return core(statement).pointer.safeRun((d, p) -> {
            String[] names = new String[count];
            for (int i = 0; i < count; i++) {
                names[i] = d.column_name(p, i);
            }
            return names;
        });
    }

    /**
     * Reads the current row of {@code statement} into Python-typed values ({@code str} text, no
     * converters); for callers outside a cursor, which read a few rows.
     */
    @Override
    public Object[] readRow(Handle statement, int columns) throws SQLException {
        return new RowReader().configure(columns, null, null, false)
                .read(statement, RowReader.TEXT_STR, null, false, false);
    }

    /** Whether the database's text encoding is known to be UTF-8 (1), another (2), or unknown (0). */
    private int encoding;

    /**
     * Whether the main database stores text as UTF-8 ({@code PRAGMA encoding}); asked of SQLite once
     * the database has pages, after which the encoding of that database cannot change. Call it while
     * a statement holds its read lock (after a step returned a row), so that it cannot meet a lock.
     */
    @Override
    public boolean textIsUtf8() throws SQLException {
        if (encoding != 0) {
            return encoding == 1;
        }
        Handle query = controlStatement("SELECT (SELECT encoding FROM pragma_encoding),"
                + " (SELECT page_count FROM pragma_page_count)");
        if (!db.execute(core(query), null)) {
            throw new Sqlite3.InternalError("PRAGMA encoding returned no row");
        }
        try {
            boolean utf8 = "UTF-8".equals(core(query).pointer.safeRun((d, p) -> d.column_text(p, 0)));
            long pages = core(query).pointer.safeRunLong((d, p) -> d.column_long(p, 1));
            if (pages > 0) {
                encoding = utf8 ? 1 : 2;
            }
            return utf8;
        } finally {
            reset(query);
        }
    }

    /** Forgets the database's encoding: its content was replaced (deserialize, a backup into it). */
    @Override
    public void forgetEncoding() {
        encoding = 0;
    }

    @Override
    public long changes() throws SQLException {
        return db.changes();
    }

    @Override
    public long totalChanges() throws SQLException {
        return db.total_changes();
    }

    /**
     * SQLite's {@code sqlite3_last_insert_rowid}, which sqlite-jdbc does not bind: a prepared
     * {@code SELECT last_insert_rowid()} stepped, read and reset under one statement lock.
     */
    @Override
    public long lastInsertRowid() throws SQLException {
        CoreStatement query = core(controlStatement("SELECT last_insert_rowid()"));
        int rc = query.pointer.safeRunInt(readRowid);
        if (rc != ErrorTable.SQLITE_ROW) {
            throw new Sqlite3.InternalError("last_insert_rowid() returned no row (result code " + rc + ")");
        }
        return rowidRead;
    }

    private long rowidRead;
    private final SafeStmtPtr.SafePtrIntFunction<SQLException> readRowid = (d, p) -> {
        int stepped = d.step(p);
        if (stepped == ErrorTable.SQLITE_ROW) {
            rowidRead = d.column_long(p, 0);
        }
        d.reset(p);
        return stepped;
    };

    /**
     * Runs a transaction-control statement ({@code BEGIN ...}, {@code COMMIT}, {@code ROLLBACK})
     * that the façade issues itself, and updates the transaction flag.
     */
    @Override
    public void control(String sql) throws SQLException {
        Handle statement = controlStatement(sql);
        try {
            execute(statement, null, sql.startsWith("BEGIN") ? Statement.Kind.BEGIN : Statement.Kind.END);
        } catch (SQLException e) {
            if (statement.isClosed()) {
                control.remove(sql);
            }
            throw e;
        }
    }

    private Handle controlStatement(String sql) throws SQLException {
        Handle statement = control.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = prepare(sql);
            control.put(sql, statement);
        }
        return statement;
    }

    DB db() {
        return db;
    }

    /** Keeps the first exception a collation raised; {@link #rethrowCallbackFailure()} raises it. */
    void collationFailed(Throwable e) {
        if (callbackFailure == null) {
            callbackFailure = e;
        }
    }

    /** Whether a collation's exception is pending (CPython then calls no collation until it is raised). */
    boolean collationFailed() {
        return callbackFailure != null;
    }

    /** Raises, once, the exception a collation raised during the last step, as itself as CPython does. */
    void rethrowCallbackFailure() {
        Throwable e = callbackFailure;
        if (e != null) {
            callbackFailure = null;
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof java.lang.Error r) {
                throw r;
            }
            // a checked exception thrown past Comparator's signature
            throw new Sqlite3.OperationalError(UserFunctions.FUNCTION_ERROR, null, null, e);
        }
    }

    /**
     * Notes that a user function, aggregate or window function set {@code message} as SQLite's error
     * because of {@code cause} (null when there is no exception behind it).
     */
    void callbackRaised(String message, Throwable cause) {
        callbackMessage = message;
        callbackCause = cause;
    }

    /**
     * {@code e}, with the exception of the callback that set its message as the cause of the
     * SQLite exception it is or wraps (see {@link ErrorTable#translate}); the note is used once.
     */
    private <E extends SQLException> E withCallbackCause(E e) {
        Throwable cause = callbackCause;
        String message = callbackMessage;
        callbackCause = null;
        callbackMessage = null;
        if (cause != null) {
            org.sqlite.SQLiteException se = SqliteErrors.sqliteCause(e);
            if (se != null && se.getCause() == null && message.equals(SqliteErrors.sqliteMessage(se))) {
                se.initCause(cause);
            }
        }
        return e;
    }

    @Override
    public void interrupt() throws SQLException {
        db.interrupt();
    }

    @Override
    public boolean isClosed() {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * Closes SQLite; or, for a borrowed connection, rolls back what is still open, removes this
     * engine's hooks and gives the connection back with its session as it was borrowed
     * ({@link Borrowed#giveBack()}): nothing leaks to the pool's next borrower.
     */
    @Override
    public void close() throws SQLException {
        for (Handle statement : control.values()) {
            close(statement);
        }
        control.clear();
        if (borrowed == null) {
            connection.close();
            return;
        }
        try {
            if (statementsPending() ? inTransaction : probeTransaction()) {
                db.exec("ROLLBACK", false);
            }
        } finally {
            connection.removeCommitListener(hooks);
            connection.getConnectionConfig().setAutoCommit(jdbcAutoCommit);
            borrowed.giveBack();
        }
    }

    // ---- functions, collations, progress handler, serialize, limits, extensions ----------------

    /** SQLITE_DETERMINISTIC, the flag of {@code sqlite3_create_function}. */
    private static final int SQLITE_DETERMINISTIC = 0x800;
    // (what a borrowed connection must put back is noted for it: see Borrowed)

    @Override
    public void createFunction(String name, int narg, ScalarFunction fn, boolean deterministic) {
        register(name, narg, UserFunctions.scalar(this, fn), deterministic ? SQLITE_DETERMINISTIC : 0,
                "Error creating function");
    }

    @Override
    public void createAggregate(String name, int narg, java.util.function.Supplier<? extends Aggregate> factory) {
        register(name, narg, UserFunctions.aggregate(this, factory), 0, "Error creating aggregate");
    }

    @Override
    public void createWindowFunction(String name, int narg,
            java.util.function.Supplier<? extends WindowFunction> factory) {
        register(name, narg, UserFunctions.window(this, factory), 0, "Error creating function");
    }

    /**
     * {@inheritDoc} sqlite-jdbc cannot unregister a function of a fixed number of arguments: it is replaced
     * by a stand-in that fails every use with SQLite's "no such function: NAME".
     */
    @Override
    public void removeFunction(String name, int narg) {
        try {
            if (narg == -1) {
                org.sqlite.Function.destroy(connection, name);
            } else {
                register(name, narg, SessionState.unregistered(name), 0, "Error creating function");
            }
        } catch (SQLException e) {
            throw new Sqlite3.OperationalError("Error creating function");
        }
    }

    /** {@code sqlite3_create_function} of a function built by {@link UserFunctions} (or a stand-in). */
    private void register(String name, int narg, org.sqlite.Function function, int flags, String failure) {
        callbacksRegistered();
        try {
            org.sqlite.Function.create(connection, name, function, narg, flags);
        } catch (SQLException e) {
            throw new Sqlite3.OperationalError(failure, null, null, e);
        }
        if (borrowed != null) {
            borrowed.functionRegistered(name, narg);
        }
    }

    @Override
    public void createCollation(String name, java.util.Comparator<String> comparator) throws SQLException {
        callbacksRegistered();
        org.sqlite.Collation.create(connection, name, UserFunctions.collation(comparator, this));
        if (borrowed != null) {
            borrowed.collationRegistered(name);
        }
    }

    @Override
    public void removeCollation(String name) throws SQLException {
        org.sqlite.Collation.destroy(connection, name);
    }

    /**
     * {@code sqlite3_progress_handler}: {@code handler} every {@code n} instructions (true or an exception
     * aborts the statement); null removes it.
     */
    @Override
    public void progressHandler(Connection.ProgressHandler handler, int n) throws SQLException {
        if (handler == null) {
            org.sqlite.ProgressHandler.clearHandler(connection);
        } else {
            callbacksRegistered();
            org.sqlite.ProgressHandler.setHandler(connection, n, new org.sqlite.ProgressHandler() {
                @Override
                protected int progress() {
                    try {
                        return handler.call() ? 1 : 0;
                    } catch (Throwable e) { // any, even an Error: nothing may cross native code
                        return 1;
                    }
                }
            });
        }
        if (borrowed != null) {
            borrowed.progressHandlerSet(handler != null);
        }
    }

    /** {@code sqlite3_serialize}: the named database's bytes, or null when SQLite cannot. */
    @Override
    public byte[] serialize(String name) throws SQLException {
        return connection.serialize(name);
    }

    /** {@code sqlite3_deserialize} into the named database. */
    @Override
    public void deserialize(String name, byte[] data) throws SQLException {
        connection.deserialize(name, data);
    }

    /** {@code sqlite3_limit}: the old value; a negative {@code value} only reads it. */
    @Override
    public int limit(int category, int value) throws SQLException {
        if (value >= 0 && borrowed != null) {
            borrowed.beforeLimit();
        }
        return db.limit(category, value);
    }

    /**
     * {@code sqlite3_backup} of database {@code name} into the database file {@code file}, {@code perStep}
     * pages per step (-1: all at once), {@code progress(remaining, total)} after each step (null: none),
     * {@code sleepMillis} between tries while busy; SQLite's result code.
     */
    @Override
    public int backup(String name, String file, java.util.function.BiConsumer<Integer, Integer> progress, int sleepMillis,
            int perStep) throws SQLException {
        return db.backup(name, file, progress == null ? null : progress::accept, sleepMillis, Integer.MAX_VALUE,
                perStep);
    }

    /** Replaces the main database with the database file {@code file}; SQLite's result code. */
    @Override
    public int restore(String file, int sleepMillis) throws SQLException {
        int rc = db.restore("main", file, null, sleepMillis, Integer.MAX_VALUE, -1);
        forgetEncoding();
        return rc;
    }

    private final Map<Watcher, WatchListener> watchers = new java.util.IdentityHashMap<>();

    /** Starts calling {@code watcher} on every change and transaction end of this connection. */
    @Override
    public void watch(Watcher watcher) {
        WatchListener listener = new WatchListener(watcher);
        watchers.put(watcher, listener);
        connection.addUpdateListener(listener);
        connection.addCommitListener(listener);
    }

    /** Stops calling {@code watcher}. */
    @Override
    public void unwatch(Watcher watcher) {
        WatchListener listener = watchers.remove(watcher);
        if (listener != null) {
            connection.removeUpdateListener(listener);
            connection.removeCommitListener(listener);
        }
    }

    /** A {@link Watcher} as sqlite-jdbc's listeners. */
    private record WatchListener(Watcher watcher) implements org.sqlite.SQLiteUpdateListener, SQLiteCommitListener {
        @Override
        public void onUpdate(Type type, String database, String table, long rowId) {
            watcher.changed(database, table, rowId);
        }

        @Override
        public void onCommit() {
            watcher.committed();
        }

        @Override
        public void onRollback() {
            watcher.rolledBack();
        }
    }

    /** {@code sqlite3_enable_load_extension}: SQLite's result code. */
    @Override
    public int enableLoadExtension(boolean enabled) throws SQLException {
        return db.enable_load_extension(enabled);
    }
}
