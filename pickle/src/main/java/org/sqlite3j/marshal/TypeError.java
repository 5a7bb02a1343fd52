package org.sqlite3j.marshal;

/**
 * Python's {@code TypeError}: a {@code NULL} object (type code {@code '0'}) where a value is required
 * ({@code "NULL object in marshal data for list"}, ... {@code "for object"} at the top level), or an
 * unhashable dict key or set element ({@code "unhashable type: 'list'"}).
 */
public final class TypeError extends MarshalError {
    private static final long serialVersionUID = 1L;

    /** @param message CPython's message for the same failure */
    public TypeError(String message) {
        super(message, null);
    }
}
