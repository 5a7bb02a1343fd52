package org.sqlite3j.driver;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteUpdateListener;
import org.sqlite.core.CoreDatabaseMetaData;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite3j.adapters.Adaptation;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Conform;
import org.sqlite3j.adapters.Converters;
import org.sqlite3j.driver.internal.SqliteErrors;

/**
 * A {@code jdbc:sqlite3:} connection: sqlite-jdbc's {@link SQLiteConnection} underneath, with
 * Python's adapters applied by {@code setObject} and converters by {@code getObject} (per
 * {@code detect_types}).
 *
 * <p><b>It is an {@link SQLiteConnection} itself</b>, on the same database handle, so every
 * sqlite-jdbc helper that takes a connection works on it ({@code org.sqlite.Function.create},
 * {@code Collation.create}, {@code ProgressHandler}, {@code BusyHandler}, update and commit
 * listeners, {@code serialize}), and {@link #unwrap unwrap(SQLiteConnection.class)} (also through a
 * pool's proxy) returns this connection, so that statements made from it keep the adapters,
 * converters, statement cache and pool safety. {@link #sqliteConnection()} reaches sqlite-jdbc's
 * own connection underneath for the rare code that needs sqlite-jdbc's statement classes.
 *
 * <p><b>Errors</b> carry an SQLState and the JDBC 4 subclass frameworks translate (see
 * {@link SqliteErrors#forJdbc}), with SQLite's extended result code as {@code getErrorCode()}.
 *
 * <p><b>Registries.</b> {@link #adapters()} and {@link #converters()} are this connection's own
 * children of the data source's registries (or of the global ones for {@code DriverManager}):
 * what is registered here stays here; lookups fall back to the parents.
 *
 * <p><b>Returned to a pool: nothing leaks to the next borrower.</b> No open transaction (HikariCP
 * does not roll back a manual {@code BEGIN} in auto-commit mode), and the session as configured:
 * PRAGMAs ({@code query_only}, {@code foreign_keys}...), TEMP tables and triggers, attached
 * databases, limits, functions and collations, this connection's registries and
 * {@code detect_types}. {@link #reset()} does it; HikariCP's return and
 * {@link Sqlite3jDataSource#getPooledConnection()}'s handles call it — see {@code GiveBack} for when,
 * and for what cannot be put back.
 *
 * <p>Not thread-safe, like the sqlite-jdbc connection it wraps: one thread at a time.
 */
public final class Sqlite3jConnection extends SQLiteConnection {

    private final SQLiteConnection delegate;
    /** The data source's (or the global) registries, whose children this connection works on. */
    private final Adapters parentAdapters;
    private final Converters parentConverters;
    private Adapters adapters;
    private Converters converters;
    private final String where;
    private final PreparedStatementCache statements;
    private DatabaseMetaData metaData;
    private int detectTypes;
    private final int configuredDetectTypes;
    private final boolean keysUnasked;
    private final boolean pythonDates;
    private final GiveBack giveBack;
    /** Whether anything ran or changed since the last {@link #reset()}: only then is there anything to undo. */
    boolean used;
    /** Whether this connection's registries were reached since the last reset. */
    private boolean registriesReached;

    Sqlite3jConnection(SQLiteConnection delegate, ConnectionSettings settings, Adapters adapters,
            Converters converters) {
        super(delegate.getDatabase());
        this.delegate = delegate;
        this.parentAdapters = adapters;
        this.parentConverters = converters;
        this.adapters = adapters.child();
        this.converters = converters.child();
        this.detectTypes = settings.detectTypes();
        this.configuredDetectTypes = detectTypes;
        this.keysUnasked = settings.keysUnasked();
        this.pythonDates = settings.pythonDates();
        this.where = settings.where();
        this.statements = new PreparedStatementCache(settings.cachedStatements());
        this.giveBack = new GiveBack(delegate, this::rollback);
    }

    /** Names the database, for pool logs: {@code Sqlite3jConnection[jdbc:sqlite3:app.db]}. */
    @Override
    public String toString() {
        return "Sqlite3jConnection[" + where + "]";
    }

    /**
     * This connection's adapter registry (a child of the data source's or the global one); a pool's
     * return gives the connection a new, empty one.
     */
    public Adapters adapters() {
        used = true;
        registriesReached = true;
        return adapters;
    }

    /** This connection's converter registry; see {@link #adapters()}. */
    public Converters converters() {
        used = true;
        registriesReached = true;
        return converters;
    }

    /** Python's {@code detect_types} of this connection (0 to 3). */
    public int detectTypes() {
        return detectTypes;
    }

    /** Changes {@code detect_types} for result sets opened from now on (until a pool's return). */
    public void detectTypes(int value) {
        if (value < 0 || value > 3) {
            throw new IllegalArgumentException(
                    "detect_types must be 0 to 3 (PARSE_DECLTYPES | PARSE_COLNAMES), got " + value);
        }
        used = true;
        this.detectTypes = value;
    }

    /** The sqlite-jdbc connection underneath. */
    public SQLiteConnection sqliteConnection() {
        used = true;
        giveBack.beforeHandOut();
        return delegate;
    }

    /**
     * The sqlite-jdbc connection underneath, for a layer that itself puts back whatever it changes on
     * it before the connection goes back to the pool — sqlite3j's Python façade over a pool
     * ({@code Sqlite3.connect(dataSource)}). Unlike {@link #sqliteConnection()}, handing it out does
     * not make the next return read and compare the whole session (functions included), which costs
     * about 0.7 ms.
     */
    public SQLiteConnection sqliteConnectionRestoredByCaller() {
        used = true;
        return delegate;
    }

    /** Before {@code sql} runs on this connection: notes whether it may change the session. */
    void beforeSql(String sql) throws SQLException {
        giveBack.beforeSql(sql);
    }

    /**
     * Gives the next borrower the connection as configured: rolls back any open transaction and
     * puts the session back (see {@code GiveBack}). Called when a pool takes the connection back;
     * does nothing when nothing ran or changed since the last reset.
     *
     * @throws SQLException with SQLState 08006 when the session cannot be put back: the connection
     *                      should then be closed (HikariCP evicts it)
     */
    public void reset() throws SQLException {
        if (!used || delegate.isClosed()) {
            return;
        }
        used = false;
        detectTypes = configuredDetectTypes;
        if (registriesReached) {
            registriesReached = false;
            adapters = parentAdapters.child();
            converters = parentConverters.child();
        }
        giveBack.reset();
    }

    /**
     * The SQLite value to bind for {@code value} by {@link Adaptation}'s rule: its adapter's answer, its
     * conform()'s non-null answer, or the value itself. A {@link Conform} whose conform() answers null
     * (or raises {@link Adaptation.NotAdapted}) is refused, as CPython refuses it, rather than bound as
     * NULL or as the text sqlite-jdbc makes of any other object.
     */
    Object adapt(Object value) throws SQLException {
        if (value == null || adapters.isEmpty() && !(value instanceof Conform)) {
            return value;
        }
        Object adapted;
        try {
            adapted = Adaptation.adapt(adapters, value);
        } catch (Adaptation.AdaptationException e) {
            throw new SQLException(e.getMessage(), "22000", e.getCause());
        }
        if (adapted != Adaptation.NOT_ADAPTED) {
            return adapted;
        }
        if (value instanceof Conform) {
            // bound as it is, sqlite-jdbc would store its toString(): refused, as CPython refuses it
            throw new SQLException("type '" + value.getClass().getSimpleName() + "' is not supported: its conform()"
                    + " did not adapt it and no adapter is registered for " + value.getClass().getName(), "22023");
        }
        return value;
    }

    /** Also {@link #reset()} when a pool's proxy calls it on its return (see {@code GiveBack}). */
    @Override
    public void clearWarnings() throws SQLException {
        if (used && GiveBack.calledFromPoolClose()) {
            reset();
        }
        delegate.clearWarnings();
    }

    @Override
    public void close() throws SQLException {
        try {
            statements.clear();
        } finally {
            delegate.close();
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        return new Sqlite3jStatement(this, compiled(delegate::createStatement));
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        return new Sqlite3jStatement(this, compiled(() -> delegate.createStatement(type, concurrency)));
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        return new Sqlite3jStatement(this,
                compiled(() -> delegate.createStatement(type, concurrency, holdability)));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepare(sql, -1, -1, -1, -1, () -> delegate.prepareStatement(sql));
    }

    /**
     * With {@link Statement#RETURN_GENERATED_KEYS}, {@code getGeneratedKeys()} gives the rowid of
     * every row each execution inserted (see {@link GeneratedKeys}).
     */
    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepare(sql, -1, -1, -1, autoGeneratedKeys, () -> delegate.prepareStatement(sql));
    }

    /** The columns must be the table's rowid (its INTEGER PRIMARY KEY): see {@link GeneratedKeys}. */
    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        giveBack.beforeSql(sql);
        GeneratedKeys keys = GeneratedKeys.ask(delegate, sql, 0, null, columnIndexes);
        return new Sqlite3jPreparedStatement(this, compiled(() -> delegate.prepareStatement(sql)), null, keys);
    }

    /** The columns must be the table's rowid (its INTEGER PRIMARY KEY): see {@link GeneratedKeys}. */
    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        giveBack.beforeSql(sql);
        GeneratedKeys keys = GeneratedKeys.ask(delegate, sql, 0, columnNames, null);
        return new Sqlite3jPreparedStatement(this, compiled(() -> delegate.prepareStatement(sql)), null, keys);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        return prepare(sql, type, concurrency, -1, -1, () -> delegate.prepareStatement(sql, type, concurrency));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
            throws SQLException {
        return prepare(sql, type, concurrency, holdability, -1,
                () -> delegate.prepareStatement(sql, type, concurrency, holdability));
    }

    /** sqlite-jdbc's connection underneath, without marking this one used (for this package's helpers). */
    SQLiteConnection raw() {
        return delegate;
    }

    /** {@code date_storage=python}: dates and times as Python's ISO text ({@link JdbcDates}). */
    boolean pythonDates() {
        return pythonDates;
    }

    /** Whether statements that did not ask get generated keys too ({@code jdbc.get_generated_keys=true}). */
    boolean keysUnasked() {
        return keysUnasked;
    }

    // ---- the statement cache (cached_statements) ----

    /** sqlite-jdbc's prepareStatement or createStatement with the options a caller gave. */
    @FunctionalInterface
    private interface Compile<S extends Statement> {
        S compile() throws SQLException;
    }

    /** {@code compile}'s statement; SQLite's errors (a syntax error, a closed database) in JDBC 4 form. */
    private static <S extends Statement> S compiled(Compile<S> compile) throws SQLException {
        try {
            return compile.compile();
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        }
    }

    /**
     * A statement for {@code sql} prepared with these options (-1: not given): the cache's idle one
     * when it has one, else {@code compile}'s; it goes back to the cache when closed.
     */
    private PreparedStatement prepare(String sql, int type, int concurrency, int holdability, int keys,
            Compile<PreparedStatement> compile) throws SQLException {
        giveBack.beforeSql(sql);
        GeneratedKeys asked = keys >= 0 ? GeneratedKeys.ask(delegate, sql, keys, null, null)
                : keysUnasked ? GeneratedKeys.ask(delegate, sql, Statement.RETURN_GENERATED_KEYS, null, null)
                : null;
        PreparedStatementCache.Key key = statements.enabled() && sql != null
                ? new PreparedStatementCache.Key(sql, type, concurrency, holdability) : null;
        // a closed connection's prepareStatement fails as sqlite-jdbc's does
        PreparedStatement ps = key == null || delegate.isClosed() ? null : statements.take(key);
        return new Sqlite3jPreparedStatement(this, ps != null ? ps : compiled(compile), key, asked);
    }

    /**
     * Takes back the statement of a closing {@link Sqlite3jPreparedStatement}: reset (the result set
     * that was open is closed, no read transaction is left, bindings and batch are cleared, limits are
     * back to their defaults) and kept for the next {@code prepareStatement} of the same SQL; closed
     * instead when it cannot be reused.
     */
    void recycle(PreparedStatementCache.Key key, PreparedStatement ps, ResultSet open) throws SQLException {
        boolean keep = false;
        try {
            // sqlite-jdbc finalizes a statement whose execution failed in some ways: such a one is not kept
            if (!delegate.isClosed() && ps instanceof CoreStatement core && !core.pointer.isClosed()
                    && !ps.isCloseOnCompletion()) {
                if (open != null) {
                    open.close();
                }
                core.pointer.safeRunInt((db, p) -> db.reset(p));
                ps.clearParameters();
                ps.clearBatch();
                ps.clearWarnings();
                if (ps.getLargeMaxRows() != 0) {
                    ps.setLargeMaxRows(0);
                }
                if (ps.getQueryTimeout() != 0) {
                    ps.setQueryTimeout(0);
                }
                keep = true;
            }
        } finally {
            if (!keep) {
                ps.close();
            }
        }
        if (keep) {
            statements.give(key, ps);
        }
    }

    /** Idle statements in the cache now (for tests and monitoring). */
    int cachedStatementCount() {
        return statements.size();
    }

    /** How many {@code prepareStatement} calls found their statement in the cache. */
    long statementCacheHits() {
        return statements.hits();
    }

    /** Reaches this wrapper, the sqlite-jdbc connection ({@link SQLiteConnection}) or what it wraps. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(delegate)) {
            used = true;
            giveBack.beforeHandOut();
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }

    // ---- sqlite-jdbc's own API (SQLiteConnection): the same database, through the connection underneath ----

    /**
     * The database handle sqlite-jdbc's helpers ({@code org.sqlite.Function.create},
     * {@code Collation.create}, {@code ProgressHandler}, {@code BusyHandler}) work on: the one under
     * this connection. Marks the connection used, as anything done through it may begin a transaction.
     */
    @Override
    public DB getDatabase() {
        used = true;
        giveBack.beforeHandOut();
        return delegate.getDatabase();
    }

    @Override
    public SQLiteConnectionConfig getConnectionConfig() {
        return delegate.getConnectionConfig();
    }

    @Override
    public SQLiteConfig.TransactionMode getCurrentTransactionMode() {
        return delegate.getCurrentTransactionMode();
    }

    @Override
    public void setCurrentTransactionMode(SQLiteConfig.TransactionMode mode) {
        delegate.setCurrentTransactionMode(mode);
    }

    @Override
    public void setFirstStatementExecuted(boolean executed) {
        delegate.setFirstStatementExecuted(executed);
    }

    @Override
    public boolean isFirstStatementExecuted() {
        return delegate.isFirstStatementExecuted();
    }

    @Override
    public CoreDatabaseMetaData getSQLiteDatabaseMetaData() throws SQLException {
        return delegate.getSQLiteDatabaseMetaData();
    }

    @Override
    public String getUrl() {
        return delegate.getUrl();
    }

    @Override
    public int getBusyTimeout() {
        return delegate.getBusyTimeout();
    }

    @Override
    public void setBusyTimeout(int timeoutMillis) throws SQLException {
        delegate.setBusyTimeout(timeoutMillis);
    }

    @Override
    public void setLimit(SQLiteLimits limit, int value) throws SQLException {
        used = true;
        giveBack.beforeLimit();
        delegate.setLimit(limit, value);
    }

    @Override
    public void getLimit(SQLiteLimits limit) throws SQLException {
        delegate.getLimit(limit);
    }

    @Override
    public String libversion() throws SQLException {
        return delegate.libversion();
    }

    @Override
    public void addUpdateListener(SQLiteUpdateListener listener) {
        used = true;
        delegate.addUpdateListener(listener);
    }

    @Override
    public void removeUpdateListener(SQLiteUpdateListener listener) {
        delegate.removeUpdateListener(listener);
    }

    @Override
    public void addCommitListener(SQLiteCommitListener listener) {
        used = true;
        delegate.addCommitListener(listener);
    }

    @Override
    public void removeCommitListener(SQLiteCommitListener listener) {
        delegate.removeCommitListener(listener);
    }

    @Override
    public byte[] serialize(String schema) throws SQLException {
        try {
            return delegate.serialize(schema);
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        }
    }

    @Override
    public void deserialize(String schema, byte[] buff) throws SQLException {
        used = true;
        try {
            delegate.deserialize(schema, buff);
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        }
    }

    // ---- plain delegation ----

    @Override
    public void abort(Executor x) throws SQLException {
        delegate.abort(x);
    }

    @Override
    public void commit() throws SQLException {
        try {
            delegate.commit();
        } catch (SQLException e) {
            beginAfterAutomaticRollback(e, "commit");   // the failure stands: the work is gone
            throw SqliteErrors.forJdbc(e);
        }
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        return delegate.createArrayOf(typeName, elements);
    }

    @Override
    public Blob createBlob() throws SQLException {
        return delegate.createBlob();
    }

    @Override
    public Clob createClob() throws SQLException {
        return delegate.createClob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        return delegate.createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return delegate.createSQLXML();
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        return delegate.createStruct(typeName, attributes);
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return delegate.getAutoCommit();
    }

    @Override
    public String getCatalog() throws SQLException {
        return delegate.getCatalog();
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return delegate.getClientInfo();
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return delegate.getClientInfo(name);
    }

    @Override
    public int getHoldability() throws SQLException {
        return delegate.getHoldability();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        if (metaData == null) {
            metaData = Sqlite3jDatabaseMetaData.wrap(delegate.getMetaData(), this);
        }
        return metaData;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return delegate.getNetworkTimeout();
    }

    @Override
    public String getSchema() throws SQLException {
        return delegate.getSchema();
    }

    @Override
    public int getTransactionIsolation() {
        return delegate.getTransactionIsolation();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return delegate.getTypeMap();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return delegate.isReadOnly();
    }

    @Override
    public boolean isValid(int x) throws SQLException {
        return delegate.isValid(x);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        return delegate.nativeSQL(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int x, int y, int z) throws SQLException {
        return delegate.prepareCall(sql, x, y, z);
    }

    @Override
    public CallableStatement prepareCall(String sql, int x, int y) throws SQLException {
        return delegate.prepareCall(sql, x, y);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return delegate.prepareCall(sql);
    }

    @Override
    public void releaseSavepoint(Savepoint x) throws SQLException {
        try {
            delegate.releaseSavepoint(x);
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        }
    }

    /** Also when SQLite already rolled the transaction back by itself: see {@link #beginAfterAutomaticRollback}. */
    @Override
    public void rollback() throws SQLException {
        try {
            delegate.rollback();
        } catch (SQLException e) {
            if (!beginAfterAutomaticRollback(e, "rollback")) {
                throw SqliteErrors.forJdbc(e);
            }
        }
    }

    /**
     * SQLite ends a transaction by itself on some errors ({@code SQLITE_FULL}, {@code SQLITE_IOERR},
     * {@code SQLITE_NOMEM}, an {@code INSERT OR ROLLBACK} conflict, a {@code ROLLBACK} in SQL...). With
     * auto-commit off, sqlite-jdbc's {@code rollback()} and {@code commit()} then fail with "cannot
     * rollback (commit) - no transaction is active" before they begin the next transaction, and
     * {@code setAutoCommit(true)} fails the same way: the connection is left outside any transaction
     * with auto-commit off, so the next statements commit one by one and a write the application then
     * rolls back stays (the reliability module's disk-full test found it). When that is why
     * {@code failure} happened, this begins the next transaction as sqlite-jdbc would have and returns
     * true; otherwise false.
     */
    private boolean beginAfterAutomaticRollback(SQLException failure, String what) throws SQLException {
        if (delegate.getAutoCommit() || SqliteErrors.resultCode(failure) != SqliteErrors.SQLITE_ERROR
                || !("cannot " + what + " - no transaction is active").equals(SqliteErrors.sqliteMessage(failure))) {
            return false;
        }
        SQLiteConfig.TransactionMode mode = delegate.getCurrentTransactionMode();
        String begin = mode == null || mode == SQLiteConfig.TransactionMode.DEFERRED ? "begin;"
                : "begin " + mode.name().toLowerCase(java.util.Locale.ROOT) + ";";
        try {
            delegate.getDatabase().exec(begin, false);
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        }
        return true;
    }

    @Override
    public void rollback(Savepoint x) throws SQLException {
        try {
            delegate.rollback(x);
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        }
    }

    @Override
    public void setAutoCommit(boolean x) throws SQLException {
        try {
            delegate.setAutoCommit(x);
        } catch (SQLException e) {
            // switched on after SQLite rolled the transaction back by itself: nothing was left to commit
            if (x && delegate.getAutoCommit() && SqliteErrors.resultCode(e) == SqliteErrors.SQLITE_ERROR
                    && "cannot commit - no transaction is active".equals(SqliteErrors.sqliteMessage(e))) {
                return;
            }
            throw SqliteErrors.forJdbc(e);
        }
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        delegate.setCatalog(catalog);
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        delegate.setClientInfo(name, value);
    }

    @Override
    public void setClientInfo(Properties x) throws SQLClientInfoException {
        delegate.setClientInfo(x);
    }

    @Override
    public void setHoldability(int x) throws SQLException {
        delegate.setHoldability(x);
    }

    @Override
    public void setNetworkTimeout(Executor x, int y) throws SQLException {
        delegate.setNetworkTimeout(x, y);
    }

    @Override
    public void setReadOnly(boolean x) throws SQLException {
        delegate.setReadOnly(x);
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        used = true;
        try {
            return delegate.setSavepoint();
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        }
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        used = true;
        try {
            return delegate.setSavepoint(name);
        } catch (SQLException e) {
            throw SqliteErrors.forJdbc(e);
        }
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        delegate.setSchema(schema);
    }

    @Override
    public void setTransactionIsolation(int x) throws SQLException {
        delegate.setTransactionIsolation(x);
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> x) throws SQLException {
        delegate.setTypeMap(x);
    }

}
