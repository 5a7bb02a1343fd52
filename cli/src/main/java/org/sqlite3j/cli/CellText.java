package org.sqlite3j.cli;

import java.util.Arrays;

import org.sqlite3j.pickle.PyRepr;

/**
 * How one result value reads in the shell: TEXT as it is, numbers as Python writes them
 * ({@code 2.5}, {@code 1e+16}), a BLOB that is a pickle as the Python {@code repr()} of its value
 * (see {@link PickleView}; {@code .pickle off} turns that off), any other BLOB as Python's
 * {@code b'...'}, and a value a converter made (with {@code --detect-types}) as its Python repr.
 * NULL is left to each output mode. Long values are cut at {@link #MAX_CHARS} characters.
 */
final class CellText {
    /** Longest text shown for one value; longer values end in "...". */
    static final int MAX_CHARS = 10_000;

    private boolean decodePickles = true;

    boolean decodePickles() {
        return decodePickles;
    }

    void decodePickles(boolean on) {
        this.decodePickles = on;
    }

    /** The text of a non-NULL value. */
    String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof Double d) {
            return ValueRepr.floatRepr(d);
        }
        if (value instanceof byte[] blob) {
            if (decodePickles) {
                var decoded = PickleView.decode(blob);
                if (decoded.isPresent()) {
                    return ValueRepr.repr(decoded.get().value(), MAX_CHARS);
                }
            }
            if (blob.length > MAX_CHARS) {
                String head = PyRepr.bytes(Arrays.copyOf(blob, MAX_CHARS / 4));
                return head.substring(0, head.length() - 1) + "..." + " (" + blob.length + " bytes)";
            }
            return PyRepr.bytes(blob);
        }
        return ValueRepr.repr(value, MAX_CHARS);
    }

    /** Whether the value is a number (right-aligned in tables, unquoted in JSON). */
    static boolean isNumber(Object value) {
        return value instanceof Number;
    }
}
