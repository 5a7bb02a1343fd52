package org.sqlite3j.marshal;

/**
 * Python's {@code SystemError}, which CPython raises for a code object whose fields have the wrong
 * types ({@code "bad argument to internal function"}) or whose name tuples hold a non-string
 * ({@code "non-string found in code slot"}).
 */
public final class SystemError extends MarshalError {
    private static final long serialVersionUID = 1L;

    /** @param message CPython's message, without its C file and line prefix */
    public SystemError(String message) {
        super(message, null);
    }
}
