package org.sqlite3j.driver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Stand-ins for JDBC objects whose wrapper was closed while what it wrapped lives on (a prepared
 * statement kept in the connection's statement cache, and its result set): every call fails with
 * {@code SQLException("... is closed")}, except {@code close()} (nothing to do) and {@code isClosed()}
 * ({@code true}). A wrapper swaps its delegate for one of these, so no later call through an old
 * handle can reach the statement the next caller was given.
 */
final class Closed {
    /** A closed statement (also stands for a closed prepared statement). */
    static final PreparedStatement STATEMENT = of(PreparedStatement.class, "statement");
    /** A closed result set. */
    static final ResultSet RESULT_SET = of(ResultSet.class, "result set");

    private Closed() {
    }

    /** A closed {@code type} whose calls fail with "{@code what} is closed". */
    static <T> T of(Class<T> type, String what) {
        InvocationHandler h = (proxy, method, args) -> {
            switch (method.getName()) {
                case "close":
                    return null;
                case "isClosed":
                    return Boolean.TRUE;
                case "toString":
                    return "closed " + what;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new SQLException(what + " is closed", "HY010");
            }
        };
        return type.cast(Proxy.newProxyInstance(Closed.class.getClassLoader(), new Class<?>[] {type}, h));
    }
}
