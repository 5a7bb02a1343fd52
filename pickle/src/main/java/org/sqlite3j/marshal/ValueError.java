package org.sqlite3j.marshal;

/**
 * Python's {@code ValueError} as {@code marshal} raises it: {@code "bad marshal data (...)"} for a
 * malformed stream, {@code "recursion limit exceeded"} when loading nests deeper than 2000,
 * {@code "unmarshallable object"} / {@code "object too deeply nested to marshal"} when dumping, and
 * {@code "could not convert string to float: '...'"} for a bad text float.
 */
public sealed class ValueError extends MarshalError permits UnicodeDecodeError {
    private static final long serialVersionUID = 1L;

    /** @param message CPython's message for the same failure */
    public ValueError(String message) {
        super(message, null);
    }
}
