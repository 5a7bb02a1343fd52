package org.sqlite3j.dbapi;

/**
 * A user-defined aggregate window function for {@link Connection#createWindowFunction}: Python's
 * class with {@code step}, {@code value}, {@code inverse} and {@code finalize}. Errors become
 * {@link Sqlite3.OperationalError} "user-defined aggregate's 'value' method raised error" and so on.
 */
public interface WindowFunction extends Aggregate {

    /** The current value of the aggregate for the window frame. */
    Object value() throws Exception;

    /** Removes one row's arguments from the frame. */
    void inverse(Object... args) throws Exception;
}
