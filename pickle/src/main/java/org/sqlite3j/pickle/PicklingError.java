package org.sqlite3j.pickle;

/** Python's {@code pickle.PicklingError}: an object cannot be written as a pickle. */
public final class PicklingError extends PickleError {
    private static final long serialVersionUID = 1L;

    /** @param message what could not be pickled and why */
    public PicklingError(String message) {
        super(message, null);
    }

    /** @param message what could not be pickled; @param cause the underlying failure */
    public PicklingError(String message, Throwable cause) {
        super(message, cause);
    }
}
