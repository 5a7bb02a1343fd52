package org.sqlite3j.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * {@code Connection.getMetaData()} of a {@code jdbc:sqlite3:} connection: sqlite-jdbc's metadata
 * (its catalog queries, product name "SQLite" and {@code jdbc:sqlite:} URL, by which tools such as
 * jOOQ and Flyway recognise SQLite), except that {@code getConnection()} answers the
 * {@code jdbc:sqlite3:} connection, so code that reaches a connection through the metadata stays on
 * the adapters, converters and transaction handling it asked for; {@code getDriverName()} and
 * {@code getDriverVersion()} name this driver and the sqlite-jdbc below it.
 *
 * <p>A dynamic proxy: {@link DatabaseMetaData} has some 180 methods, all but these four forwarded
 * unchanged.
 */
final class Sqlite3jDatabaseMetaData implements InvocationHandler {

    /** This driver's version, as {@link Sqlite3jDriver#getMajorVersion()} and minor version say. */
    static final String VERSION = "0.1";

    private final DatabaseMetaData delegate;
    private final Sqlite3jConnection connection;

    private Sqlite3jDatabaseMetaData(DatabaseMetaData delegate, Sqlite3jConnection connection) {
        this.delegate = delegate;
        this.connection = connection;
    }

    static DatabaseMetaData wrap(DatabaseMetaData delegate, Sqlite3jConnection connection) {
        return (DatabaseMetaData) Proxy.newProxyInstance(Sqlite3jDatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, new Sqlite3jDatabaseMetaData(delegate, connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getConnection":
                return connection;
            case "getDriverName":
                return "sqlite3j";
            case "getDriverVersion":
                return VERSION + " (sqlite-jdbc " + delegate.getDriverVersion() + ")";
            case "getDriverMajorVersion":
                return 0;
            case "getDriverMinorVersion":
                return 1;
            case "unwrap":
                return unwrap((Class<?>) args[0]);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(delegate);
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "Sqlite3jDatabaseMetaData[" + delegate + "]";
            default:
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
        }
    }

    private Object unwrap(Class<?> type) throws SQLException {
        if (type.isInstance(delegate)) {
            return delegate;
        }
        // (sqlite-jdbc's own unwrap casts, and throws ClassCastException for any other type)
        throw new SQLException("the database metadata of a jdbc:sqlite3: connection wraps a "
                + delegate.getClass().getName() + ", not a " + type.getName());
    }
}
