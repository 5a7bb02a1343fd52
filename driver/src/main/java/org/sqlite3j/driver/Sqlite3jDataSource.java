package org.sqlite3j.driver;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.PooledConnection;
import javax.sql.StatementEventListener;

import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Converters;

/**
 * A {@link DataSource} (and {@link ConnectionPoolDataSource}) for {@code jdbc:sqlite3:} databases,
 * configured with JavaBean setters so pools can create it by class name (HikariCP's
 * {@code dataSourceClassName} with {@code dataSource.database=...}, {@code dataSource.journalMode=WAL}).
 * Either {@link #setUrl} (a whole {@code jdbc:sqlite3:} URL) or {@link #setDatabase} (a path) names
 * the database; the setters add options of {@link Sqlite3jOption} (they win over the URL's, as Properties do).
 * Values are checked when a connection is opened: a bad one is an {@link SQLException} naming the
 * option and the allowed values.
 *
 * <p>Registries: {@link #adapters()} and {@link #converters()} are this data source's children of
 * the global registries; each connection works on a child of them.
 *
 * <p>Configure before first use; the setters are not meant to race with {@code getConnection}.
 */
public class Sqlite3jDataSource implements DataSource, ConnectionPoolDataSource {

    private String url;
    private String database;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Adapters adapters = Adapters.global().child();
    private final Converters converters = Converters.global().child();
    private PrintWriter logWriter;
    private int loginTimeout;

    /** An unconfigured data source (set a URL or a database before use). */
    public Sqlite3jDataSource() {
    }

    /** A data source for {@code url} ({@code jdbc:sqlite3:...}). */
    public Sqlite3jDataSource(String url) {
        this.url = url;
    }

    /** This data source's adapter registry (a child of the global one). */
    public Adapters adapters() {
        return adapters;
    }

    /** This data source's converter registry (a child of the global one). */
    public Converters converters() {
        return converters;
    }

    @Override
    public Sqlite3jConnection getConnection() throws SQLException {
        ConnectionSettings settings = settings();
        return new Sqlite3jConnection(settings.open(), settings, adapters, converters);
    }

    /** SQLite has no users: the same as {@link #getConnection()}. */
    @Override
    public Sqlite3jConnection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    ConnectionSettings settings() throws SQLException {
        if (url != null) {
            Properties props = new Properties();
            props.putAll(options);
            return ConnectionSettings.parse(url, props);
        }
        if (database == null) {
            throw new SQLException("Sqlite3jDataSource has neither url nor database set; expected"
                    + " setUrl(\"jdbc:sqlite3:...\") or setDatabase(path)", "08001");
        }
        return ConnectionSettings.of(database, options, "Sqlite3jDataSource(database=" + database + ")");
    }

    /**
     * A pooled physical connection whose logical handles roll back what they left open
     * ({@link Sqlite3jConnection#reset()}) before telling the pool they were closed.
     */
    @Override
    public PooledConnection getPooledConnection() throws SQLException {
        return new Pooled(getConnection());
    }

    @Override
    public PooledConnection getPooledConnection(String user, String password) throws SQLException {
        return getPooledConnection();
    }

    // ---- JavaBean properties ----

    public String getUrl() {
        return url;
    }

    /** The whole URL, {@code jdbc:sqlite3:<path>[?options]}. */
    public void setUrl(String url) {
        this.url = url;
    }

    public String getDatabase() {
        return database;
    }

    /** The database path, {@code :memory:} or {@code file:} name (when no URL is set). */
    public void setDatabase(String database) {
        this.database = database;
    }

    /** Sets any option of {@link Sqlite3jOption} or sqlite-jdbc's by its name ({@code journal_mode}). */
    public void setOption(String name, String value) {
        options.put(name, value);
    }

    /** The options set on this data source by name. */
    public Map<String, String> getOptions() {
        return Map.copyOf(options);
    }

    public void setDetectTypes(int value) {
        setOption(Sqlite3jOption.DETECT_TYPES.optionName(), String.valueOf(value));
    }

    public void setIsolationLevel(String value) {
        setOption(Sqlite3jOption.ISOLATION_LEVEL.optionName(), value);
    }

    public void setAutocommit(boolean value) {
        setOption(Sqlite3jOption.AUTOCOMMIT.optionName(), String.valueOf(value));
    }

    /**
     * Python's timeout in seconds, as text ("2.5"): pools set bean properties from strings and
     * HikariCP converts none to {@code double}.
     */
    public void setTimeout(String seconds) {
        setOption(Sqlite3jOption.TIMEOUT.optionName(), seconds);
    }

    public void setBusyTimeout(int millis) {
        setOption(Sqlite3jOption.BUSY_TIMEOUT.optionName(), String.valueOf(millis));
    }

    public void setUri(boolean value) {
        setOption(Sqlite3jOption.URI.optionName(), String.valueOf(value));
    }

    public void setMode(String value) {
        setOption(Sqlite3jOption.MODE.optionName(), value);
    }

    public void setCache(String value) {
        setOption(Sqlite3jOption.CACHE.optionName(), value);
    }

    public void setJournalMode(String value) {
        setOption(Sqlite3jOption.JOURNAL_MODE.optionName(), value);
    }

    public void setSynchronous(String value) {
        setOption(Sqlite3jOption.SYNCHRONOUS.optionName(), value);
    }

    public void setForeignKeys(boolean value) {
        setOption(Sqlite3jOption.FOREIGN_KEYS.optionName(), String.valueOf(value));
    }

    public void setCachedStatements(int value) {
        setOption(Sqlite3jOption.CACHED_STATEMENTS.optionName(), String.valueOf(value));
    }

    /** {@code date_storage}: "python" (the default) or "sqlite-jdbc". */
    public void setDateStorage(String value) {
        setOption(Sqlite3jOption.DATE_STORAGE.optionName(), value);
    }

    public void setGetGeneratedKeys(boolean value) {
        setOption(Sqlite3jOption.GET_GENERATED_KEYS.optionName(), String.valueOf(value));
    }

    // ---- CommonDataSource ----

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("org.sqlite3j.driver");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Sqlite3jDataSource does not wrap " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /**
     * One physical connection handed out as logical handles (dynamic proxies): closing a handle
     * resets the physical connection and notifies the pool's listeners; closing this closes it.
     */
    private static final class Pooled implements PooledConnection {

        private final Sqlite3jConnection physical;
        private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
        private Connection handle;

        Pooled(Sqlite3jConnection physical) {
            this.physical = physical;
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            if (physical.isClosed()) {
                throw new SQLException("pooled connection is closed", "08003");
            }
            InvocationHandler h = new InvocationHandler() {
                private boolean closed;
                /** The statements made through this handle, closed with it (as a pool's proxy does). */
                private final List<Statement> statements = new ArrayList<>();

                @Override
                public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
                    switch (m.getName()) {
                        case "close":
                            if (!closed) {
                                closed = true;
                                closeStatements();
                                try {
                                    physical.reset();
                                } catch (SQLException e) {
                                    // JDBC's signal that the physical connection is unusable: the pool drops it
                                    ConnectionEvent event = new ConnectionEvent(Pooled.this, e);
                                    for (ConnectionEventListener l : listeners) {
                                        l.connectionErrorOccurred(event);
                                    }
                                    throw e;
                                }
                                ConnectionEvent event = new ConnectionEvent(Pooled.this);
                                for (ConnectionEventListener l : listeners) {
                                    l.connectionClosed(event);
                                }
                            }
                            return null;
                        case "isClosed":
                            return closed || physical.isClosed();
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "logical " + physical;
                        default:
                            if (closed) {
                                throw new SQLException("connection handle is closed", "08003");
                            }
                            Object result;
                            try {
                                result = m.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (result instanceof Statement statement) {
                                statements.removeIf(Pooled::isClosedQuietly);
                                statements.add(statement);
                            }
                            return result;
                    }
                }

                private void closeStatements() {
                    for (Statement statement : statements) {
                        try {
                            statement.close();
                        } catch (SQLException ignored) {
                            // closing what the borrower left open; the reset below reports real trouble
                        }
                    }
                    statements.clear();
                }
            };
            handle = (Connection) Proxy.newProxyInstance(Sqlite3jDataSource.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, h);
            return handle;
        }

        @Override
        public void close() throws SQLException {
            physical.close();
        }

        private static boolean isClosedQuietly(Statement statement) {
            try {
                return statement.isClosed();
            } catch (SQLException e) {
                return true;
            }
        }

        @Override
        public void addConnectionEventListener(ConnectionEventListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeConnectionEventListener(ConnectionEventListener listener) {
            listeners.remove(listener);
        }

        @Override
        public void addStatementEventListener(StatementEventListener listener) {
            // statements are not pooled
        }

        @Override
        public void removeStatementEventListener(StatementEventListener listener) {
            // statements are not pooled
        }
    }
}
