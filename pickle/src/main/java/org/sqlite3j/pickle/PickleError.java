package org.sqlite3j.pickle;

/**
 * Root of the pickle exceptions, Python's {@code pickle.PickleError}. Unchecked, sealed: a caller
 * catches {@link PicklingError} (while dumping) or {@link UnpicklingError} (while loading).
 */
public abstract sealed class PickleError extends RuntimeException permits PicklingError, UnpicklingError {
    private static final long serialVersionUID = 1L;

    PickleError(String message, Throwable cause) {
        super(message, cause);
    }
}
