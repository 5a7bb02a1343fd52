package org.sqlite3j.marshal;

/**
 * Python's {@code UnicodeDecodeError} (a {@link ValueError}): a {@code str} in the stream is not UTF-8
 * (lone surrogates are allowed, as CPython's {@code surrogatepass} allows them). The message is
 * CPython's, e.g. {@code "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"}.
 */
public final class UnicodeDecodeError extends ValueError {
    private static final long serialVersionUID = 1L;

    /** @param message CPython's message for the same bytes */
    public UnicodeDecodeError(String message) {
        super(message);
    }
}
