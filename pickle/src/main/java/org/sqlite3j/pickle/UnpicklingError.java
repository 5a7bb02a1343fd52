package org.sqlite3j.pickle;

/**
 * Python's {@code pickle.UnpicklingError}: the stream is malformed, truncated, exceeds a configured
 * bound, or names a global the {@link Globals} policy forbids. Every failure while loading is
 * reported as this class (CPython's EOFError, ValueError and TypeError cases included, with CPython's
 * message where it has one); an I/O failure of the underlying stream is its cause. Where CPython
 * raises a built-in exception instead, the cause says which, as the project maps them: an
 * {@link IllegalArgumentException} for ValueError, TypeError and UnicodeDecodeError (a
 * {@link NumberFormatException} for a number's text), an {@link ArithmeticException} for OverflowError
 * and decimal.InvalidOperation.
 */
public final class UnpicklingError extends PickleError {
    private static final long serialVersionUID = 1L;

    /** @param message what was expected and what came */
    public UnpicklingError(String message) {
        super(message, null);
    }

    /** @param message what was expected and what came; @param cause the underlying failure */
    public UnpicklingError(String message, Throwable cause) {
        super(message, cause);
    }
}
