package org.sqlite3j.dbm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.sqlite3j.pickle.PyRepr;

/**
 * Python's {@code dbm} module: {@code dbm.open(file, flag='r', mode=0o666)} and
 * {@code dbm.whichdb(file)}, and its exceptions ({@code dbm.error} is {@link Error}; each backend's own
 * error is nested here and is an instance of it, as in CPython).
 *
 * <pre>{@code
 * try (DbmFile db = Dbm.open(Path.of("cache"), "c")) {   // dbm.open("cache", "c")
 *     db.put("answer", "42");                           // db["answer"] = "42"
 *     byte[] v = db.get("answer");                      // db.get("answer") -> b"42"
 * }
 * String kind = Dbm.whichdb(Path.of("cache"));          // "dbm.sqlite3"
 * }</pre>
 */
public final class Dbm {

    private Dbm() {
    }

    // ---- exceptions ----

    /** Python's {@code dbm.error}: every backend's error is one of these. */
    public abstract static class Error extends RuntimeException {
        private static final long serialVersionUID = 1L;

        protected Error(String message) {
            super(message);
        }

        protected Error(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code dbm.sqlite3.error}. */
    public static final class SqliteError extends Error {
        private static final long serialVersionUID = 1L;

        public SqliteError(String message) {
            super(message);
        }

        public SqliteError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code dbm.dumb.error}. */
    public static final class DumbError extends Error {
        private static final long serialVersionUID = 1L;

        public DumbError(String message) {
            super(message);
        }

        public DumbError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code dbm.gnu.error}. */
    public static final class GnuError extends Error {
        private static final long serialVersionUID = 1L;

        public GnuError(String message) {
            super(message);
        }

        public GnuError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code dbm.ndbm.error}. */
    public static final class NdbmError extends Error {
        private static final long serialVersionUID = 1L;

        public NdbmError(String message) {
            super(message);
        }

        public NdbmError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code dbm.error} raised by {@code dbm.open} itself (no backend, unknown flag, missing file). */
    public static final class OpenError extends Error {
        private static final long serialVersionUID = 1L;

        public OpenError(String message) {
            super(message);
        }

        public OpenError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Python's {@code KeyError} for a missing key ({@code db[k]}, {@code del db[k]}); not a {@link Error}. */
    public static final class KeyError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final byte[] key;

        public KeyError(byte[] key) {
            super(repr(key));
            this.key = key.clone();
        }

        /** The key that was missing. */
        public byte[] key() {
            return key.clone();
        }
    }

    /** Python's {@code TypeError}: a null key or value. */
    public static final class TypeError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TypeError(String message) {
            super(message);
        }
    }

    /** Python's {@code ValueError}: an argument of the right type but a wrong value (an unknown flag). */
    public static final class ValueError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public ValueError(String message) {
            super(message);
        }
    }

    /** Python's {@code repr} of a bytes value ({@code b'a\x00'}), for messages. */
    static String repr(byte[] b) {
        return PyRepr.bytes(b);
    }

    /** For messages: a key as text when it is ASCII. */
    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    // ---- open / whichdb ----

    /** {@code dbm.open(file)}: read-only. */
    public static DbmFile open(Path file) {
        return open(file, "r", 0666);
    }

    /** {@code dbm.open(file, flag)}. */
    public static DbmFile open(Path file, String flag) {
        return open(file, flag, 0666);
    }

    /**
     * {@code dbm.open(file, flag, mode)}: {@code flag} is "r" (read-only, the default), "w" (read and
     * write), "c" (create if missing) or "n" (always new, empty); any of them may end in "f", "s" or "u"
     * where the backend takes it (GDBM). {@code mode} is the Unix permission of new files (umask applies).
     * The backend is the one {@link #whichdb} names; a new file is made with dbm.sqlite3, as in Python 3.13.
     *
     * <p>As CPython 3.13's {@code dbm.open}: unless {@code flag} contains "n", {@link #whichdb} decides;
     * no file (null) under a flag without "c" or "n" is {@link OpenError} "db file doesn't exist; use
     * 'c' or 'n' flag to create a new db"; a file of no known kind ("") is {@link OpenError} "db type
     * could not be determined"; otherwise the backend's {@code open(file, flag, mode)} is called with
     * the flag as given (so its own checks, such as dbm.sqlite3's {@link ValueError} for "rf", apply).
     */
    public static DbmFile open(Path file, String flag, int mode) {
        if (file == null) {
            throw new TypeError("expected str, bytes or os.PathLike object, not NoneType");
        }
        if (flag == null) {
            throw new TypeError("argument of type 'NoneType' is not iterable");
        }
        String kind = flag.contains("n") ? null : whichdb(file);
        if (kind == null) {
            if (!flag.contains("c") && !flag.contains("n")) {
                throw new OpenError("db file doesn't exist; use 'c' or 'n' flag to create a new db");
            }
            kind = "dbm.sqlite3";
        } else if (kind.isEmpty()) {
            throw new OpenError("db type could not be determined");
        }
        return switch (kind) {
            case "dbm.sqlite3" -> DbmSqlite3.open(file, flag, mode);
            case "dbm.gnu" -> DbmGnu.open(file, flag, mode);
            case "dbm.ndbm" -> DbmNdbm.open(file, flag, mode);
            case "dbm.dumb" -> DbmDumb.open(file, flag, mode);
            default -> throw new OpenError("db type is " + kind + ", but the module is not available");
        };
    }

    /**
     * {@code dbm.whichdb(file)}: the backend that made the file, exactly as CPython 3.13 names it —
     * "dbm.sqlite3", "dbm.gnu", "dbm.ndbm" or "dbm.dumb"; "" when the file is there but of no known
     * kind; null when it cannot be read (missing). The checks and their order are CPython's (see
     * {@code Whichdb}): ndbm's {@code name.pag}+{@code name.dir} or {@code name.db}, dumb's
     * {@code name.dat}+{@code name.dir}, then the file's first bytes (SQLite's header; GDBM's magic
     * numbers in the machine's byte order, as CPython reads them).
     */
    public static String whichdb(Path file) {
        return Whichdb.whichdb(file);
    }
}
