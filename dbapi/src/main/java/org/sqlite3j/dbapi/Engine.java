package org.sqlite3j.dbapi;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the façade needs of SQLite: the seam between Python's sqlite3 semantics ({@link Connection},
 * {@link Cursor}, {@link Blob}, ...) and the code that calls SQLite. {@link JdbcEngine} implements it
 * over sqlite-jdbc; nothing else in the façade touches sqlite-jdbc (the architecture test checks it).
 *
 * <p>Statements are {@link Handle}s, opaque outside the engine. Errors are SQLExceptions carrying
 * SQLite's result code ({@link ErrorTable#translate} makes Python's exceptions of them), except where a
 * method says it raises the Python exception itself. Not thread-safe: the owning connection confines it.
 *
 * <p>Not yet engine-neutral: rows are read by {@link RowReader}, which reads sqlite-jdbc's statements,
 * and the connection is opened and adopted by sqlite-jdbc's code ({@link JdbcEngine#open},
 * {@link Borrowed#adopt}); a second engine needs both behind this interface too.
 */
interface Engine {

    /** SQLite's fundamental datatypes ({@code sqlite3_column_type}). */
    int SQLITE_INTEGER = 1;
    int SQLITE_FLOAT = 2;
    int SQLITE_TEXT = 3;
    int SQLITE_BLOB = 4;
    int SQLITE_NULL = 5;

    /** {@code sqlite3_libversion()}. */
    String libversion() throws SQLException;

    /** Whether a transaction is open ({@code !sqlite3_get_autocommit}). */
    boolean inTransaction();

    /** Sets the transaction flag after a statement whose effect the engine could not see. */
    void inTransaction(boolean open);

    // ---- statements ------------------------------------------------------------------------------

    /** {@code sqlite3_prepare_v2} of the first statement of {@code sql}. */
    Handle prepare(String sql) throws SQLException;

    /** Before the user's {@code sql} is prepared (a borrowed connection notes what it may change). */
    void beforeUserSql(String sql) throws SQLException;

    /** Binds {@code values} (null: none) and takes the first step; true when a row is ready. */
    boolean execute(Handle statement, Object[] values) throws SQLException;

    /** {@link #execute(Handle, Object[])}, keeping the transaction flag right for a statement of {@code kind}. */
    boolean execute(Handle statement, Object[] values, Statement.Kind kind) throws SQLException;

    /** The next step: true when a row is ready, false when done (the statement is then reset). */
    boolean step(Handle statement) throws SQLException;

    /** {@link #step} after the row reader took the step and SQLite answered {@code rc}. */
    boolean stepped(Handle statement, int rc) throws SQLException;

    /** {@code sqlite3_reset}, ignoring the error it reports again. */
    void reset(Handle statement);

    /** {@code sqlite3_finalize}. */
    void close(Handle statement);

    /** Queues one row of parameters for {@link #executeBatch}. */
    void addBatch(Handle statement, Object[] values) throws SQLException;

    /** Drops the queued rows. */
    void clearBatch(Handle statement);

    /** Runs the queued rows; each row's changes. A row that returns results is executemany's DML error. */
    long[] executeBatch(Handle statement) throws SQLException;

    /** {@code sqlite3_column_count}. */
    int columnCount(Handle statement) throws SQLException;

    /** {@code sqlite3_column_name} of the first {@code count} columns. */
    String[] columnNames(Handle statement, int count) throws SQLException;

    /** {@code sqlite3_column_decltype}, or null. */
    String declaredType(Handle statement, int i) throws SQLException;

    /** The current row as Python-typed values (TEXT as String, no converters), for a few rows. */
    Object[] readRow(Handle statement, int columns) throws SQLException;

    /** Whether statements with unfinished results may write (asked before the transaction probe). */
    void statementsPending(BooleanSupplier check);

    /** Whether a step may run the user's Java code (functions, collations, a progress handler). */
    boolean javaInSteps();

    // ---- the connection --------------------------------------------------------------------------

    /** Runs a transaction control statement (BEGIN, COMMIT, ROLLBACK) of the façade's own. */
    void control(String sql) throws SQLException;

    /** {@code sqlite3_changes64}. */
    long changes() throws SQLException;

    /** {@code sqlite3_total_changes64}. */
    long totalChanges() throws SQLException;

    /** {@code sqlite3_last_insert_rowid}. */
    long lastInsertRowid() throws SQLException;

    /** Whether the main database stores text as UTF-8 (the row reader then decodes text itself). */
    boolean textIsUtf8() throws SQLException;

    /** Forgets what the engine knows of the database's text encoding (after a deserialize or restore). */
    void forgetEncoding();

    /** {@code sqlite3_interrupt}: from any thread. */
    void interrupt() throws SQLException;

    boolean isClosed();

    /** Closes SQLite, or gives a borrowed connection back. */
    void close() throws SQLException;

    /** Before the JDBC connection underneath is handed to the user. */
    void beforeHandOut() throws SQLException;

    /** The JDBC connection underneath ({@code Connection.unwrap}). */
    java.sql.Connection jdbc();

    // ---- callbacks -------------------------------------------------------------------------------

    /** {@code sqlite3_create_function}: raises {@link Sqlite3.OperationalError} "Error creating function". */
    void createFunction(String name, int narg, ScalarFunction fn, boolean deterministic);

    /** An aggregate: raises {@link Sqlite3.OperationalError} "Error creating aggregate". */
    void createAggregate(String name, int narg, Supplier<? extends Aggregate> factory);

    /** A window function: raises {@link Sqlite3.OperationalError} "Error creating function". */
    void createWindowFunction(String name, int narg, Supplier<? extends WindowFunction> factory);

    /** Removes the function {@code name} of {@code narg} arguments (-1: every one of that name). */
    void removeFunction(String name, int narg);

    /** {@code sqlite3_create_collation}. */
    void createCollation(String name, Comparator<String> comparator) throws SQLException;

    void removeCollation(String name) throws SQLException;

    /** {@code sqlite3_progress_handler}; null removes it. */
    void progressHandler(Connection.ProgressHandler handler, int n) throws SQLException;

    /** What a {@link Blob} watches: rows changed and transactions ending (update, commit, rollback hooks). */
    interface Watcher {
        void changed(String database, String table, long rowId);

        void committed();

        void rolledBack();
    }

    void watch(Watcher watcher);

    void unwatch(Watcher watcher);

    // ---- whole databases, limits, extensions -------------------------------------------------------

    /** {@code sqlite3_serialize}: the bytes, or null when SQLite cannot. */
    byte[] serialize(String name) throws SQLException;

    /** {@code sqlite3_deserialize}. */
    void deserialize(String name, byte[] data) throws SQLException;

    /** {@code sqlite3_limit}: the old value; a negative {@code value} only reads it. */
    int limit(int category, int value) throws SQLException;

    /**
     * {@code sqlite3_backup} of database {@code name} into the database file {@code file}; SQLite's
     * result code. {@code progress(remaining, total)} after each step of {@code perStep} pages (-1: all).
     */
    int backup(String name, String file, BiConsumer<Integer, Integer> progress, int sleepMillis, int perStep)
            throws SQLException;

    /** Replaces the main database with the database file {@code file}; SQLite's result code. */
    int restore(String file, int sleepMillis) throws SQLException;

    /** {@code sqlite3_enable_load_extension}: SQLite's result code. */
    int enableLoadExtension(boolean enabled) throws SQLException;
}
