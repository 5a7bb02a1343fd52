package org.sqlite3j.dbapi;

/**
 * A user-defined SQL function for {@link Connection#createFunction(String, int, ScalarFunction)}:
 * Python's {@code create_function(name, narg, func)}.
 *
 * <p>Arguments arrive as Python-typed values (Long, Double, String, byte[], null); the result is
 * bound like a query parameter (null, Long/Integer/Boolean, Double, String, byte[]). An exception
 * — or a result of another type — makes the calling statement fail with
 * {@link Sqlite3.OperationalError} "user-defined function raised exception", as in Python.
 */
@FunctionalInterface
public interface ScalarFunction {

    /** Computes the function's value for one call. */
    Object call(Object... args) throws Exception;
}
