package org.sqlite3j.marshal;

/**
 * Python's {@code EOFError}: the data ends inside an object. CPython's messages: {@code "EOF read where
 * object expected"} (no type byte), {@code "marshal data too short"} (a length or payload cut short in
 * {@code loads}) and {@code "EOF read where not expected"} (cut short in a one-byte length, or in a
 * stream read by {@code load}).
 */
public final class EOFError extends MarshalError {
    private static final long serialVersionUID = 1L;

    /** @param message CPython's message for the same failure */
    public EOFError(String message) {
        super(message, null);
    }
}
