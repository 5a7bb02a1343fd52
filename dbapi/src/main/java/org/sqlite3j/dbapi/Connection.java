package org.sqlite3j.dbapi;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Converters;

/**
 * Python's {@code sqlite3.Connection}: one open SQLite database, its transaction control and its
 * statement cache.
 *
 * <pre>{@code
 * try (Connection con = Sqlite3.connect("app.db")) {
 *     con.execute("CREATE TABLE IF NOT EXISTS t(a, b)");
 *     con.execute("INSERT INTO t VALUES (?, ?)", 1, "one");   // implicit BEGIN (legacy control)
 *     con.commit();
 *     for (Row row : con.execute("SELECT a, b FROM t")) {
 *         System.out.println(row.get("a") + " " + row.get(1));
 *     }
 * }
 * }</pre>
 *
 * <p>Transaction control follows Python 3.12+: with {@code autocommit} left at
 * {@link Sqlite3#LEGACY_TRANSACTION_CONTROL}, a {@code BEGIN <isolationLevel>} is issued before
 * INSERT/UPDATE/DELETE/REPLACE when no transaction is open ({@code isolationLevel(null)} turns that
 * off); with {@code autocommit(false)} a transaction is always open and {@link #commit()} /
 * {@link #rollback()} open the next one; with {@code autocommit(true)} SQLite's own autocommit rules
 * and {@code commit()}/{@code rollback()} do nothing.
 *
 * <p>Threads: unless {@code checkSameThread(false)} was given, only the thread that connected may
 * use the connection and its cursors (Python's rule); {@link #interrupt()} may be called from any
 * thread. {@link #close()} is idempotent; any other call after it raises
 * {@link Sqlite3.ProgrammingError} "Cannot operate on a closed database.".
 */
public class Connection implements AutoCloseable {

    private final Engine engine;
    private final Thread owner;
    private final boolean checkSameThread;
    private final int detectTypes;
    private final StatementCache cache;
    private final Adapters adapters = Adapters.global().child();
    private final Converters converters = Converters.global().child();
    private String isolationLevel;
    private int autocommit;
    private RowFactory rowFactory;
    private Object textFactory = String.class;
    private int textMode = RowReader.TEXT_STR;
    private Function<byte[], ?> textFunction;
    private volatile boolean closed;
    private long lastInsertRowid;
    private boolean lastInsertRowidStale = true;
    /** Cursors holding a statement mid-result, watched so that a forgotten one gives it back. */
    private final HeldStatements held = new HeldStatements();

    private Connection(Engine engine, ConnectOptions options) {
        this.engine = engine;
        // only a write part way through (an unfinished ... RETURNING) makes SQLite refuse the probe's
        // COMMIT ("cannot commit transaction - SQL statements in progress"); unfinished reads do not
        engine.statementsPending(held::anyWriting);
        this.owner = Thread.currentThread();
        this.checkSameThread = options.checkSameThread();
        this.detectTypes = options.detectTypes();
        this.isolationLevel = options.isolationLevel();
        this.autocommit = options.autocommit();
        this.cache = new StatementCache(this, options.cachedStatements());
    }

    static Connection open(String database, ConnectOptions options) {
        return start(JdbcEngine.open(database, options.timeout(), options.uri()), options);
    }

    /** A connection over one borrowed from {@code source}; closing it gives it back. */
    static Connection borrow(javax.sql.DataSource source, ConnectOptions options) {
        java.sql.Connection borrowed;
        try {
            borrowed = source.getConnection();
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
        return start(Borrowed.adopt(borrowed), options);
    }

    private static Connection start(Engine engine, ConnectOptions options) {
        Connection con = new Connection(engine, options);
        if (con.autocommit == 0) {
            con.control("BEGIN");
        }
        return con;
    }

    /** The version of the SQLite library (for {@link Sqlite3#sqliteVersion()}). */
    static String libraryVersion() {
        return LibraryVersion.VALUE;
    }

    private static final class LibraryVersion {
        static final String VALUE = read();

        private static String read() {
            Engine engine = JdbcEngine.open(":memory:", 0, false);
            try {
                return engine.libversion();
            } catch (SQLException e) {
                throw ErrorTable.translate(e);
            } finally {
                try {
                    engine.close();
                } catch (SQLException ignored) {
                    // an in-memory database has nothing to lose
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Cursors and execution
    // ---------------------------------------------------------------------------------------------

    /** {@code con.cursor()}: a new cursor on this connection. */
    public Cursor cursor() {
        checkUsable();
        return new Cursor(this);
    }

    /** {@code con.cursor(factory)}: a cursor made by {@code factory} (a Cursor subclass). */
    public <C extends Cursor> C cursor(Function<Connection, C> factory) {
        checkUsable();
        if (factory == null) {
            throw new Sqlite3.TypeError("the cursor factory must be a function of the connection, not null");
        }
        C cursor = factory.apply(this);
        if (cursor == null || cursor.connection() != this) {
            throw new Sqlite3.TypeError("factory must return a cursor of this connection");
        }
        return cursor;
    }

    /** {@code con.execute(sql)}: runs one statement on a new cursor and returns that cursor. */
    public Cursor execute(String sql) {
        return cursor().execute(sql);
    }

    /** {@code con.execute(sql, parameters)} with qmark parameters given as varargs or an array. */
    public Cursor execute(String sql, Object... parameters) {
        return cursor().execute(sql, parameters);
    }

    /** {@code con.execute(sql, parameters)} with a sequence of qmark parameters. */
    public Cursor execute(String sql, List<?> parameters) {
        return cursor().execute(sql, parameters);
    }

    /** {@code con.execute(sql, parameters)} with named parameters ({@code :name}, {@code @name}, {@code $name}). */
    public Cursor execute(String sql, Map<String, ?> parameters) {
        return cursor().execute(sql, parameters);
    }

    /** {@code con.executemany(sql, seq_of_parameters)}; see {@link Cursor#executemany(String, Iterable)}. */
    public Cursor executemany(String sql, Iterable<?> seqOfParameters) {
        return cursor().executemany(sql, seqOfParameters);
    }

    /** {@code con.executemany(sql, iterator)}: the parameters are consumed one set at a time. */
    public Cursor executemany(String sql, Iterator<?> seqOfParameters) {
        return cursor().executemany(sql, seqOfParameters);
    }

    /** {@code con.executescript(script)}; see {@link Cursor#executescript(String)}. */
    public Cursor executescript(String script) {
        return cursor().executescript(script);
    }

    // ---------------------------------------------------------------------------------------------
    // Transactions
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code con.commit()}: commits the open transaction. Legacy control: does nothing when no
     * transaction is open. {@code autocommit(false)}: COMMIT, then BEGIN the next one.
     * {@code autocommit(true)}: does nothing.
     */
    public void commit() {
        checkUsable();
        if (autocommit == Sqlite3.LEGACY_TRANSACTION_CONTROL) {
            if (engine.inTransaction()) {
                control("COMMIT");
            }
        } else if (autocommit == 0) {
            control("COMMIT");
            control("BEGIN");
        }
    }

    /** {@code con.rollback()}: as {@link #commit()}, rolling back. */
    public void rollback() {
        checkUsable();
        if (autocommit == Sqlite3.LEGACY_TRANSACTION_CONTROL) {
            if (engine.inTransaction()) {
                control("ROLLBACK");
            }
        } else if (autocommit == 0) {
            control("ROLLBACK");
            control("BEGIN");
        }
    }

    /** {@code con.in_transaction}: whether a transaction is open (SQLite is not in autocommit mode). */
    public boolean inTransaction() {
        checkUsable();
        return engine.inTransaction();
    }

    /**
     * {@code con.isolation_level}: "" (plain BEGIN), "DEFERRED", "IMMEDIATE", "EXCLUSIVE", or null
     * when legacy control leaves SQLite in its own autocommit mode.
     */
    public String isolationLevel() {
        checkUsable();
        return isolationLevel;
    }

    /**
     * Sets {@code con.isolation_level}. Setting null commits an open transaction, as Python does;
     * other values only change the next implicit BEGIN.
     *
     * @throws Sqlite3.ValueError for a value other than "", DEFERRED, IMMEDIATE, EXCLUSIVE (any case)
     */
    public void isolationLevel(String level) {
        String normalized = ConnectOptions.checkIsolationLevel(level);
        isolationLevel = normalized; // set before the commit, as CPython does (it stays if COMMIT fails)
        if (normalized == null) {
            commit();
        }
    }

    /**
     * {@code con.autocommit}: 1 (Python's True), 0 (False) or {@link Sqlite3#LEGACY_TRANSACTION_CONTROL}.
     */
    public int autocommit() {
        checkUsable();
        return autocommit;
    }

    /** Sets {@code con.autocommit} to True or False; see {@link #autocommit(int)}. */
    public void autocommit(boolean on) {
        autocommit(on ? 1 : 0);
    }

    /**
     * Sets {@code con.autocommit}. Changing to True commits an open transaction; changing to False
     * opens one; changing to legacy control does neither.
     *
     * @throws Sqlite3.ValueError for a value other than 1, 0 or LEGACY_TRANSACTION_CONTROL
     */
    public void autocommit(int mode) {
        checkUsable();
        ConnectOptions.checkAutocommit(mode);
        autocommit = mode;
        if (mode == 1 && engine.inTransaction()) {
            control("COMMIT");
        } else if (mode == 0 && !engine.inTransaction()) {
            control("BEGIN");
        }
    }

    /** A body of work for {@link #transaction(Action)}. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run(Connection connection) throws E;
    }

    /** A body of work with a result, for {@link #transactionGet(Work)}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(Connection connection) throws E;
    }

    /**
     * Python's {@code with con:}: runs {@code body}, then commits; if the body throws, rolls back and
     * rethrows; if the commit fails, rolls back and throws the commit's error. Like Python, it
     * neither opens a transaction by itself nor closes the connection.
     */
    public <E extends Exception> void transaction(Action<E> body) throws E {
        transactionGet(con -> {
            body.run(con);
            return null;
        });
    }

    /** {@link #transaction(Action)} for a body that returns a value. */
    public <T, E extends Exception> T transactionGet(Work<T, E> body) throws E {
        checkUsable();
        T result;
        try {
            result = body.run(this);
        } catch (Throwable t) {
            try {
                rollback();
            } catch (RuntimeException suppressed) {
                t.addSuppressed(suppressed);
            }
            throw t;
        }
        try {
            commit();
        } catch (RuntimeException commitFailure) {
            try {
                rollback();
            } catch (RuntimeException suppressed) {
                commitFailure.addSuppressed(suppressed);
            }
            throw commitFailure;
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------
    // Attributes
    // ---------------------------------------------------------------------------------------------

    /** {@code con.total_changes}: rows changed by INSERT/UPDATE/DELETE since the connection opened. */
    public long totalChanges() {
        checkUsable();
        try {
            return engine.totalChanges();
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    /** {@code con.row_factory}: null (rows are {@link Row}s) or the factory new cursors start with. */
    public RowFactory rowFactory() {
        return rowFactory;
    }

    /** Sets {@code con.row_factory} for cursors created from now on. */
    public void rowFactory(RowFactory factory) {
        this.rowFactory = factory;
    }

    /** {@code con.text_factory}: {@code String.class}, {@code byte[].class} or a function. */
    public Object textFactory() {
        return textFactory;
    }

    /**
     * Sets {@code con.text_factory}: {@code String.class} (the default) returns TEXT as String,
     * {@code byte[].class} as its UTF-8 bytes.
     *
     * @throws Sqlite3.TypeError for another class
     */
    public void textFactory(Class<?> type) {
        Arguments.notNone(type, "text_factory", "String.class, byte[].class or a function of byte[]");
        if (type == String.class) {
            textMode = RowReader.TEXT_STR;
            textFunction = null;
        } else if (type == byte[].class) {
            textMode = RowReader.TEXT_BYTES;
            textFunction = null;
        } else {
            throw new Sqlite3.TypeError("text_factory must be String.class, byte[].class or a"
                    + " function of byte[], not " + type.getName());
        }
        textFactory = type;
    }

    /** Sets {@code con.text_factory} to a function that receives each TEXT value's UTF-8 bytes. */
    public void textFactory(Function<byte[], ?> factory) {
        Arguments.notNone(factory, "text_factory", "String.class, byte[].class or a function of byte[]");
        textMode = RowReader.TEXT_FUNCTION;
        textFunction = factory;
        textFactory = factory;
    }

    int textMode() {
        return textMode;
    }

    Function<byte[], ?> textFunction() {
        return textFunction;
    }

    /**
     * This connection's adapters: registrations here apply to this connection only; what it lacks
     * comes from {@link Adapters#global()} ({@code Sqlite3.registerAdapter}), as it is when used.
     */
    public Adapters adapters() {
        return adapters;
    }

    /** This connection's converters, falling back to {@link Converters#global()}; see {@link #adapters()}. */
    public Converters converters() {
        return converters;
    }

    /** The {@code detect_types} flags this connection was opened with. */
    public int detectTypes() {
        return detectTypes;
    }

    /**
     * {@code con.interrupt()}: makes the statement running on this connection stop with
     * {@link Sqlite3.OperationalError} "interrupted". Any thread may call it.
     */
    public void interrupt() {
        if (closed) {
            throw new Sqlite3.ProgrammingError("Cannot operate on a closed database.");
        }
        try {
            engine.interrupt();
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // User-defined functions, aggregates, window functions, collations, progress handler
    // ---------------------------------------------------------------------------------------------

    /** {@code con.create_function(name, narg, func)}; see {@link #createFunction(String, int, ScalarFunction, boolean)}. */
    public void createFunction(String name, int narg, ScalarFunction fn) {
        createFunction(name, narg, fn, false);
    }

    /**
     * {@code con.create_function(name, narg, func, deterministic=...)}: registers (or replaces) an
     * SQL function of {@code narg} arguments (-1: any number). A null {@code fn} keeps the name
     * registered but makes every call fail with "user-defined function raised exception" — CPython's
     * behaviour for {@code None}.
     *
     * @throws Sqlite3.OperationalError "Error creating function" when SQLite refuses (narg outside
     *                                   -1..127, a name over 255 bytes)
     */
    public void createFunction(String name, int narg, ScalarFunction fn, boolean deterministic) {
        checkUsable();
        Arguments.name(name, "create_function() argument 'name'");
        engine.createFunction(name, narg, fn, deterministic);
    }

    /**
     * {@code con.create_aggregate(name, narg, aggregate_class)}: {@code factory} makes one
     * {@link Aggregate} per group (Python calls the class). A null factory keeps the name but fails
     * every use with "user-defined aggregate's '__init__' method raised error", as Python's None does.
     */
    public void createAggregate(String name, int narg, Supplier<? extends Aggregate> factory) {
        checkUsable();
        Arguments.name(name, "create_aggregate() argument 'name'");
        engine.createAggregate(name, narg, factory);
    }

    /**
     * {@code con.create_window_function(name, num_params, aggregate_class)}: an aggregate window
     * function. A null factory removes the function; for {@code narg} -1 exactly as SQLite does, for
     * other counts (which sqlite-jdbc cannot unregister) by a function that fails every use with
     * SQLite's "no such function: NAME".
     */
    public void createWindowFunction(String name, int narg, Supplier<? extends WindowFunction> factory) {
        checkUsable();
        Arguments.name(name, "create_window_function() argument 1");
        if (narg < -1 || narg > 127) {
            // CPython raises ProgrammingError(sqlite3_errstr(SQLITE_MISUSE)) for window functions
            throw new Sqlite3.ProgrammingError("bad parameter or other API misuse");
        }
        if (factory != null) {
            engine.createWindowFunction(name, narg, factory);
            return;
        }
        engine.removeFunction(name, narg);
    }

    /**
     * {@code con.create_collation(name, callable)}: a collation comparing two strings (negative, zero
     * or positive, as {@link Comparator} does). A null comparator removes the collation. An exception
     * from the comparator is raised by the statement that used it.
     */
    public void createCollation(String name, Comparator<String> comparator) {
        checkUsable();
        Arguments.name(name, "create_collation() argument 1");
        try {
            if (comparator == null) {
                engine.removeCollation(name);
            } else {
                engine.createCollation(name, comparator);
            }
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    /** A progress handler for {@link #setProgressHandler(ProgressHandler, int)}. */
    @FunctionalInterface
    public interface ProgressHandler {
        /** Called every N virtual-machine instructions; true (or an exception) aborts the statement. */
        boolean call() throws Exception;
    }

    /**
     * {@code con.set_progress_handler(handler, n)}: calls {@code handler} every {@code n} SQLite
     * virtual-machine instructions; when it returns true or throws, the running statement stops with
     * {@link Sqlite3.OperationalError} "interrupted". A null handler (or n &lt;= 0) removes it.
     */
    public void setProgressHandler(ProgressHandler handler, int n) {
        checkUsable();
        try {
            engine.progressHandler(n <= 0 ? null : handler, n);
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Backup, serialize, limits, configuration, trace, authorizer, extensions
    // ---------------------------------------------------------------------------------------------

    /** Python's backup progress callback: {@code progress(status, remaining, total)}. */
    @FunctionalInterface
    public interface BackupProgress {
        /**
         * @param status    SQLITE_OK (0) after a step with pages left, SQLITE_DONE (101) after the last
         * @param remaining pages still to copy
         * @param total     pages in the source database
         */
        void call(int status, int remaining, int total) throws Exception;
    }

    /** {@code con.backup(target)}: copies the whole main database into {@code target}'s main database. */
    public void backup(Connection target) {
        backup(target, -1, null, "main", 0.250);
    }

    /**
     * {@code con.backup(target, pages=, progress=, name=, sleep=)}: copies database {@code name}
     * ("main", "temp" or an attached name) into {@code target}'s main database, {@code pages} pages
     * per step (0 or less: all at once), calling {@code progress} after each step and waiting
     * {@code sleep} seconds when the source is busy. The target may be in memory or a file.
     *
     * @throws Sqlite3.ValueError        when {@code target} is this connection
     * @throws Sqlite3.OperationalError  "unknown database NAME"
     */
    public void backup(Connection target, int pages, BackupProgress progress, String name, double sleep) {
        checkUsable();
        Arguments.notNone(target, "backup() argument 'target'", "sqlite3.Connection");
        Backup.run(this, target, pages, progress, name == null ? "main" : name, sleep);
    }

    /**
     * {@code con.iterdump()}: the database as SQL text, one statement per element, exactly as
     * CPython's {@code iterdump} writes it (BEGIN TRANSACTION; tables and rows; sequences; indexes,
     * triggers and views; COMMIT). Lines are produced as the iterator is read.
     */
    public Iterator<String> iterdump() {
        return iterdump(null);
    }

    /** {@code con.iterdump(filter=pattern)}: only tables whose name matches the LIKE {@code pattern}. */
    public Iterator<String> iterdump(String filter) {
        checkUsable();
        return Dump.iterdump(this, filter);
    }

    /**
     * {@code con.blobopen(table, column, row, readonly=False, name="main")}: incremental access to
     * one BLOB value; see {@link Blob} for what the emulation over SQL covers.
     */
    public Blob blobopen(String table, String column, long row) {
        return blobopen(table, column, row, false, "main");
    }

    /** {@code con.blobopen(table, column, row, readonly=, name=)}. */
    public Blob blobopen(String table, String column, long row, boolean readonly, String name) {
        return new Blob(this, table, column, row, readonly, name);
    }

    /** {@code con.serialize()}: the main database as the bytes of a database file. */
    public byte[] serialize() {
        return serialize("main");
    }

    /**
     * {@code con.serialize(name=)}: the named database as the bytes of a database file.
     *
     * @throws Sqlite3.OperationalError "unable to serialize 'NAME'"
     */
    public byte[] serialize(String name) {
        checkUsable();
        Arguments.name(name, "serialize() argument 'name'");
        try {
            byte[] data = engine.serialize(name);
            if (data == null) {
                throw new Sqlite3.OperationalError("unable to serialize '" + name + "'");
            }
            return data;
        } catch (SQLException e) {
            throw new Sqlite3.OperationalError("unable to serialize '" + name + "'");
        }
    }

    /** {@code con.deserialize(data)}: replaces the main database with the database file {@code data}. */
    public void deserialize(byte[] data) {
        deserialize(data, "main");
    }

    /**
     * {@code con.deserialize(data, name=)}: replaces the named database with an in-memory copy of
     * the database file {@code data}. Bytes that are not a database fail on first use with
     * {@link Sqlite3.DatabaseError} "file is not a database", as in Python.
     */
    public void deserialize(byte[] data, String name) {
        checkUsable();
        if (data == null) {
            throw new Sqlite3.TypeError("a bytes-like object is required, not 'NoneType'");
        }
        Arguments.name(name, "deserialize() argument 'name'");
        try {
            engine.deserialize(name, data);
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        } finally {
            engine.forgetEncoding();
        }
        mayHaveInserted();
    }

    /**
     * {@code con.getlimit(category)}: a run-time limit, one of {@code Sqlite3.SQLITE_LIMIT_*}.
     *
     * @throws Sqlite3.ProgrammingError "'category' is out of bounds"
     */
    public int getlimit(int category) {
        return limit(category, -1);
    }

    /** {@code con.setlimit(category, limit)}: sets a run-time limit (negative: unchanged); returns the old one. */
    public int setlimit(int category, int limit) {
        return limit(category, limit);
    }

    private int limit(int category, int value) {
        checkUsable();
        if (category < Sqlite3.SQLITE_LIMIT_LENGTH || category > Sqlite3.SQLITE_LIMIT_WORKER_THREADS) {
            throw new Sqlite3.ProgrammingError("'category' is out of bounds");
        }
        try {
            return engine.limit(category, value);
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    /**
     * {@code con.getconfig(op)}: a boolean configuration option, one of
     * {@code Sqlite3.SQLITE_DBCONFIG_*}. sqlite-jdbc binds no {@code sqlite3_db_config}; options with
     * a PRAGMA of the same meaning (ENABLE_FKEY, LEGACY_ALTER_TABLE, TRUSTED_SCHEMA, WRITABLE_SCHEMA)
     * and ENABLE_LOAD_EXTENSION work, the others raise {@link Sqlite3.NotSupportedError}.
     *
     * @throws Sqlite3.ValueError "unknown config 'op': N"
     */
    public boolean getconfig(int op) {
        checkUsable();
        if (op == Sqlite3.SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION) {
            return loadExtensionEnabled;
        }
        Row row = cursor().execute("PRAGMA " + DbConfig.pragma(op)).fetchone();
        return row != null && ((Long) row.get(0)) != 0;
    }

    /** {@code con.setconfig(op, enable=True)}; see {@link #getconfig(int)}. */
    public void setconfig(int op, boolean enable) {
        checkUsable();
        if (op == Sqlite3.SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION) {
            enableLoadExtension(enable);
            return;
        }
        cursor().execute("PRAGMA " + DbConfig.pragma(op) + " = " + (enable ? 1 : 0));
    }

    /** {@code con.setconfig(op)}: turns the option on. */
    public void setconfig(int op) {
        setconfig(op, true);
    }

    private boolean loadExtensionEnabled;

    /** {@code con.enable_load_extension(enabled)}: allows {@link #loadExtension(String)} and SQL's load_extension(). */
    public void enableLoadExtension(boolean enabled) {
        checkUsable();
        try {
            int rc = engine.enableLoadExtension(enabled);
            if (rc != ErrorTable.SQLITE_OK) {
                throw ErrorTable.error(rc, "Error enabling load extension", null);
            }
            loadExtensionEnabled = enabled;
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    /** {@code con.load_extension(path)}: loads an SQLite extension (after enableLoadExtension(true)). */
    public void loadExtension(String path) {
        loadExtension(path, null);
    }

    /** {@code con.load_extension(path, entrypoint=)}. */
    public void loadExtension(String path, String entrypoint) {
        checkUsable();
        Arguments.str(path, "load_extension() argument 1");
        if (entrypoint == null) {
            cursor().execute("SELECT load_extension(?)", path).fetchall();
        } else {
            cursor().execute("SELECT load_extension(?, ?)", path, entrypoint).fetchall();
        }
    }

    private java.util.function.Consumer<String> traceCallback;

    /**
     * {@code con.set_trace_callback(callback)}: {@code callback} receives the text of each statement
     * the connection runs, with bound parameters expanded as SQLite's {@code sqlite3_expanded_sql}
     * shows them, including the BEGIN/COMMIT/ROLLBACK of transaction control; null turns tracing
     * off. Exceptions from the callback are ignored, as in Python. sqlite-jdbc binds no trace hook,
     * so statements run inside triggers are not reported.
     */
    public void setTraceCallback(java.util.function.Consumer<String> callback) {
        checkUsable();
        traceCallback = callback;
    }

    boolean tracing() {
        return traceCallback != null;
    }

    void trace(String text) {
        java.util.function.Consumer<String> callback = traceCallback;
        if (callback != null) {
            try {
                callback.accept(text);
            } catch (Throwable ignored) {
                // Python ignores (and optionally prints) exceptions from the trace callback
            }
        }
    }

    /**
     * {@code con.set_authorizer(callback)}. sqlite-jdbc binds no {@code sqlite3_set_authorizer} and
     * an authorizer cannot be emulated outside SQLite's compiler, so setting one raises
     * {@link Sqlite3.NotSupportedError}; null (no authorizer) is accepted.
     */
    public void setAuthorizer(Object callback) {
        checkUsable();
        if (callback != null) {
            throw new Sqlite3.NotSupportedError("set_authorizer is not supported: sqlite-jdbc binds no"
                    + " sqlite3_set_authorizer, so statements cannot be authorized as they compile");
        }
    }

    /**
     * The sqlite-jdbc connection underneath, for features this façade does not wrap. Statements run
     * on it directly are not seen by this connection's transaction tracking. On a connection borrowed
     * from a pool, the whole session (functions and collations included) is then compared and put
     * back when it is given back.
     */
    public java.sql.Connection unwrap() {
        checkUsable();
        try {
            engine.beforeHandOut();
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
        return engine.jdbc();
    }

    /**
     * {@code con.close()}: closes the database. With {@code autocommit(false)} the open
     * transaction is rolled back first; with legacy control an open transaction is discarded (SQLite
     * rolls it back), as in Python. Closing twice does nothing. A connection borrowed from a pool
     * ({@link Sqlite3#connect(javax.sql.DataSource)}) is given back instead, with any transaction
     * rolled back and its session as it was borrowed; when that session cannot be
     * put back, SQLite's connection is closed so that the pool discards it, and this raises
     * {@link Sqlite3.OperationalError}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkThread();
        try {
            if (autocommit == 0 && engine.inTransaction()) {
                control("ROLLBACK");
            }
        } finally {
            closed = true;
            cache.closeAll();
            try {
                engine.close();
            } catch (SQLException e) {
                throw ErrorTable.translate(e);
            }
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------------------------------------
    // For Cursor
    // ---------------------------------------------------------------------------------------------

    Engine engine() {
        return engine;
    }

    /** The thread check then the closed check, in CPython's order. */
    void checkUsable() {
        checkThread();
        if (closed) {
            throw new Sqlite3.ProgrammingError("Cannot operate on a closed database.");
        }
    }

    private void checkThread() {
        if (checkSameThread && Thread.currentThread() != owner) {
            throw new Sqlite3.ProgrammingError("SQLite objects created in a thread can only be used"
                    + " in that same thread. The object was created in thread id " + owner.getId()
                    + " and this is thread id " + Thread.currentThread().getId() + ".");
        }
    }

    /** Runs one of the façade's own transaction statements, translating errors. */
    void control(String sql) {
        trace(sql);
        try {
            engine.control(sql);
        } catch (SQLException e) {
            throw ErrorTable.translate(e);
        }
    }

    /** Legacy control: {@code BEGIN <level>} before DML when no transaction is open. */
    void beginImplicitly(Statement statement) {
        if (autocommit == Sqlite3.LEGACY_TRANSACTION_CONTROL && isolationLevel != null
                && statement.isDml() && !engine.inTransaction()) {
            control("BEGIN " + isolationLevel);
        }
    }

    /** executescript's first step: legacy control commits an open transaction. */
    void commitBeforeScript() {
        if (autocommit == Sqlite3.LEGACY_TRANSACTION_CONTROL && engine.inTransaction()) {
            control("COMMIT");
        }
    }

    /** A statement for {@code sql}, from the cache when free; null when the SQL holds none. */
    Statement acquire(String sql) {
        held.releaseForgotten(this);
        return cache.acquire(sql);
    }

    /** The registry of cursors holding a statement mid-result. */
    HeldStatements held() {
        return held;
    }

    /**
     * The text to trace for a statement: expanded, unless the expansion would exceed SQLITE_LIMIT_LENGTH
     * (see {@link Trace#text}).
     */
    String traceText(Statement statement, Object[] values) {
        return Trace.text(statement, values, this::getlimit);
    }

    /** Gives back a statement a cursor has finished with. */
    void release(Statement statement) {
        cache.release(statement);
    }

    /** Python's check of the SQL's size against SQLITE_LIMIT_SQL_LENGTH, before SQLite sees it. */
    void checkLength(String sql) {
        int limit = getlimit(Sqlite3.SQLITE_LIMIT_SQL_LENGTH);
        if ((long) sql.length() * 3 > limit
                && sql.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > limit) {
            throw new Sqlite3.DataError("query string is too large");
        }
    }

    /** The connection's {@code last_insert_rowid()}, read again only after a statement that may have changed it. */
    long lastInsertRowid() {
        if (lastInsertRowidStale) {
            try {
                lastInsertRowid = engine.lastInsertRowid();
            } catch (SQLException e) {
                throw ErrorTable.translate(e);
            }
            lastInsertRowidStale = false;
        }
        return lastInsertRowid;
    }

    /** Notes that a statement that may insert rows has run. */
    void mayHaveInserted() {
        lastInsertRowidStale = true;
    }
}
