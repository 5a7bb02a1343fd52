package org.sqlite3j.adapters;

/**
 * Python's converter callable ({@code sqlite3.register_converter(typename, converter)}): turns the
 * bytes of a column value — its text, or the text of a number, or the BLOB itself — into an object.
 * It is not called for NULL and zero-length values, which read as null, as in Python.
 *
 * @param <T> the class produced
 */
@FunctionalInterface
public interface Converter<T> {

    /** The object for one column value; an exception propagates to the caller of fetch. */
    T convert(byte[] value) throws Exception;
}
