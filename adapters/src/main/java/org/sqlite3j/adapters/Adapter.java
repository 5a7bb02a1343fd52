package org.sqlite3j.adapters;

/**
 * Python's adapter callable ({@code sqlite3.register_adapter(type, adapter)}): turns a value of a
 * class of yours into one SQLite can store — {@code null}, {@code Long}/{@code Integer},
 * {@code Double}, {@code String} or {@code byte[]}.
 *
 * @param <T> the class adapted
 */
@FunctionalInterface
public interface Adapter<T> {

    /** The SQLite value for {@code value}; an exception propagates to the caller of execute. */
    Object adapt(T value) throws Exception;
}
