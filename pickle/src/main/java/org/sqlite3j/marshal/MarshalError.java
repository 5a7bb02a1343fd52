package org.sqlite3j.marshal;

/**
 * Root of the exceptions {@link Marshal} raises. Python's {@code marshal} has no common base class
 * (it raises the built-in {@code ValueError}, {@code EOFError}, {@code TypeError} and, for a malformed
 * code object, {@code SystemError}); this sealed Java class only groups those so a caller can catch
 * "any marshal failure" in one clause. Each subclass carries CPython 3.13's message for the same input.
 */
public abstract sealed class MarshalError extends RuntimeException permits ValueError, EOFError, TypeError, SystemError {
    private static final long serialVersionUID = 1L;

    MarshalError(String message, Throwable cause) {
        super(message, cause);
    }
}
