package org.sqlite3j.dbapi;

/**
 * CPython's checks of the arguments of this module's public methods, in one place: a null where
 * Python requires a value is the {@link Sqlite3.TypeError} Python's argument parser raises for
 * None ({@code "execute() argument 1 must be str, not None"}), never a NullPointerException; a name
 * SQLite receives as C text is refused, as CPython refuses it, when it holds NUL or cannot be UTF-8.
 */
final class Arguments {

    private Arguments() {
    }

    /**
     * {@code value}, or TypeError {@code "<what> must be <type>, not None"}.
     *
     * @param what the argument as CPython names it, e.g. {@code "execute() argument 1"} or
     *             {@code "create_function() argument 'name'"}
     */
    static <T> T notNone(T value, String what, String type) {
        if (value == null) {
            throw new Sqlite3.TypeError(what + " must be " + type + ", not None");
        }
        return value;
    }

    /** {@link #notNone} for a {@code str} argument. */
    static String str(String value, String what) {
        return notNone(value, what, "str");
    }

    /**
     * A {@code str} SQLite receives as a C string (a function, collation, table, column or schema
     * name, a statement for complete_statement): not None, then UnicodeEncodeError for a lone
     * surrogate, then ValueError "embedded null character" — CPython's "s" converter encodes to UTF-8
     * first, so {@code "a\0\ud800"} is a UnicodeEncodeError there (checked with 3.13).
     */
    static String name(String value, String what) {
        str(value, what);
        Sqlite3.UnicodeEncodeError.check(value);
        if (value.indexOf('\0') >= 0) {
            throw new Sqlite3.ValueError("embedded null character");
        }
        return value;
    }

    /** CPython's TypeError for None where it iterates: {@code "'NoneType' object is not iterable"}. */
    static <T> T iterable(T value) {
        if (value == null) {
            throw new Sqlite3.TypeError("'NoneType' object is not iterable");
        }
        return value;
    }
}
