package org.sqlite3j.dbapi;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.sqlite3j.driver.internal.SqliteErrors;

/**
 * The one table that turns SQLite's result codes into Python's exception classes, as CPython's
 * {@code Modules/_sqlite/util.c} does: the class comes from the primary code ({@code code & 0xFF}),
 * the exception carries the extended code and its name, and the original {@link SQLException} is
 * kept as the cause.
 */
final class ErrorTable implements SqliteCodes {

    private ErrorTable() {
    }

    // The result codes are SqliteCodes' (the module constants, SQLite's values); SQLITE_OK is the
    // authorizer's in Python, so it is not among them.
    static final int SQLITE_OK = 0;

    /** CPython 3.13's table of result-code names (module.c); it stops at SQLite 3.34's codes. */
    private static final Map<Integer, String> NAMES = names();

    private static void name(Map<Integer, String> names, int code, String name) {
        names.put(code, name);
    }

    private static void extended(Map<Integer, String> names, int primary, int n, String name) {
        names.put(primary | (n << 8), name);
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> names = new HashMap<>();
        String[] primaries = {
            "SQLITE_OK", "SQLITE_ERROR", "SQLITE_INTERNAL", "SQLITE_PERM", "SQLITE_ABORT",
            "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_NOMEM", "SQLITE_READONLY", "SQLITE_INTERRUPT",
            "SQLITE_IOERR", "SQLITE_CORRUPT", "SQLITE_NOTFOUND", "SQLITE_FULL", "SQLITE_CANTOPEN",
            "SQLITE_PROTOCOL", "SQLITE_EMPTY", "SQLITE_SCHEMA", "SQLITE_TOOBIG", "SQLITE_CONSTRAINT",
            "SQLITE_MISMATCH", "SQLITE_MISUSE", "SQLITE_NOLFS", "SQLITE_AUTH", "SQLITE_FORMAT",
            "SQLITE_RANGE", "SQLITE_NOTADB", "SQLITE_NOTICE", "SQLITE_WARNING"
        };
        for (int i = 0; i < primaries.length; i++) {
            name(names, i, primaries[i]);
        }
        name(names, SQLITE_ROW, "SQLITE_ROW");
        name(names, SQLITE_DONE, "SQLITE_DONE");

        extended(names, SQLITE_ERROR, 1, "SQLITE_ERROR_MISSING_COLLSEQ");
        extended(names, SQLITE_ERROR, 2, "SQLITE_ERROR_RETRY");
        extended(names, SQLITE_ERROR, 3, "SQLITE_ERROR_SNAPSHOT");
        String[] ioerr = {
            null, "READ", "SHORT_READ", "WRITE", "FSYNC", "DIR_FSYNC", "TRUNCATE", "FSTAT", "UNLOCK",
            "RDLOCK", "DELETE", "BLOCKED", "NOMEM", "ACCESS", "CHECKRESERVEDLOCK", "LOCK", "CLOSE",
            "DIR_CLOSE", "SHMOPEN", "SHMSIZE", "SHMLOCK", "SHMMAP", "SEEK", "DELETE_NOENT", "MMAP",
            "GETTEMPPATH", "CONVPATH", "VNODE", "AUTH", "BEGIN_ATOMIC", "COMMIT_ATOMIC",
            "ROLLBACK_ATOMIC", "DATA", "CORRUPTFS"
        };
        for (int i = 1; i < ioerr.length; i++) {
            extended(names, SQLITE_IOERR, i, "SQLITE_IOERR_" + ioerr[i]);
        }
        extended(names, SQLITE_LOCKED, 1, "SQLITE_LOCKED_SHAREDCACHE");
        extended(names, SQLITE_LOCKED, 2, "SQLITE_LOCKED_VTAB");
        extended(names, SQLITE_BUSY, 1, "SQLITE_BUSY_RECOVERY");
        extended(names, SQLITE_BUSY, 2, "SQLITE_BUSY_SNAPSHOT");
        extended(names, SQLITE_BUSY, 3, "SQLITE_BUSY_TIMEOUT");
        extended(names, SQLITE_CANTOPEN, 1, "SQLITE_CANTOPEN_NOTEMPDIR");
        extended(names, SQLITE_CANTOPEN, 2, "SQLITE_CANTOPEN_ISDIR");
        extended(names, SQLITE_CANTOPEN, 3, "SQLITE_CANTOPEN_FULLPATH");
        extended(names, SQLITE_CANTOPEN, 4, "SQLITE_CANTOPEN_CONVPATH");
        extended(names, SQLITE_CANTOPEN, 5, "SQLITE_CANTOPEN_DIRTYWAL");
        extended(names, SQLITE_CANTOPEN, 6, "SQLITE_CANTOPEN_SYMLINK");
        extended(names, SQLITE_CORRUPT, 1, "SQLITE_CORRUPT_VTAB");
        extended(names, SQLITE_CORRUPT, 2, "SQLITE_CORRUPT_SEQUENCE");
        extended(names, SQLITE_CORRUPT, 3, "SQLITE_CORRUPT_INDEX");
        extended(names, SQLITE_READONLY, 1, "SQLITE_READONLY_RECOVERY");
        extended(names, SQLITE_READONLY, 2, "SQLITE_READONLY_CANTLOCK");
        extended(names, SQLITE_READONLY, 3, "SQLITE_READONLY_ROLLBACK");
        extended(names, SQLITE_READONLY, 4, "SQLITE_READONLY_DBMOVED");
        extended(names, SQLITE_READONLY, 5, "SQLITE_READONLY_CANTINIT");
        extended(names, SQLITE_READONLY, 6, "SQLITE_READONLY_DIRECTORY");
        extended(names, SQLITE_ABORT, 2, "SQLITE_ABORT_ROLLBACK");
        String[] constraint = {
            null, "CHECK", "COMMITHOOK", "FOREIGNKEY", "FUNCTION", "NOTNULL", "PRIMARYKEY", "TRIGGER",
            "UNIQUE", "VTAB", "ROWID", "PINNED"
        };
        for (int i = 1; i < constraint.length; i++) {
            extended(names, SQLITE_CONSTRAINT, i, "SQLITE_CONSTRAINT_" + constraint[i]);
        }
        extended(names, SQLITE_NOTICE, 1, "SQLITE_NOTICE_RECOVER_WAL");
        extended(names, SQLITE_NOTICE, 2, "SQLITE_NOTICE_RECOVER_ROLLBACK");
        extended(names, SQLITE_WARNING, 1, "SQLITE_WARNING_AUTOINDEX");
        extended(names, SQLITE_AUTH, 1, "SQLITE_AUTH_USER");
        extended(names, SQLITE_OK, 1, "SQLITE_OK_LOAD_PERMANENTLY");
        extended(names, SQLITE_OK, 2, "SQLITE_OK_SYMLINK");
        return Map.copyOf(names);
    }

    /**
     * The name of an (extended) result code, e.g. {@code "SQLITE_CONSTRAINT_UNIQUE"}, as CPython 3.13
     * names it: codes newer than its table (SQLITE_CONSTRAINT_DATATYPE, SQLITE_IOERR_IN_PAGE...)
     * are {@code "unknown"} there, and so here.
     */
    static String errorName(int code) {
        return NAMES.getOrDefault(code, "unknown");
    }

    /**
     * The Python exception for an SQLite error: the class from the primary code, the message as
     * SQLite's {@code sqlite3_errmsg} gave it.
     */
    static Sqlite3.Error error(int code, String message, Throwable cause) {
        String name = errorName(code);
        Integer boxed = code;
        switch (code & 0xFF) {
            case SQLITE_CONSTRAINT:
            case SQLITE_MISMATCH:
                return new Sqlite3.IntegrityError(message, boxed, name, cause);
            case SQLITE_MISUSE:
            case SQLITE_RANGE:
                return new Sqlite3.InterfaceError(message, boxed, name, cause);
            case SQLITE_TOOBIG:
                return new Sqlite3.DataError(message, boxed, name, cause);
            case SQLITE_INTERNAL:
            case SQLITE_NOTFOUND:
                return new Sqlite3.InternalError(message, boxed, name, cause);
            case SQLITE_NOMEM:
                // CPython raises MemoryError; a DB-API class keeps callers' handlers working.
                return new Sqlite3.OperationalError(message, boxed, name, cause);
            case SQLITE_ERROR:
            case SQLITE_PERM:
            case SQLITE_ABORT:
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
            case SQLITE_READONLY:
            case SQLITE_INTERRUPT:
            case SQLITE_IOERR:
            case SQLITE_FULL:
            case SQLITE_CANTOPEN:
            case SQLITE_PROTOCOL:
            case SQLITE_EMPTY:
            case SQLITE_SCHEMA:
                return new Sqlite3.OperationalError(message, boxed, name, cause);
            default:
                return new Sqlite3.DatabaseError(message, boxed, name, cause);
        }
    }

    /**
     * What a foreign exception says, for a message of this module: {@code ": "} and its message, or
     * nothing when it has none — never its {@code toString()}, which puts the Java class name in
     * front. The exception itself goes in as the cause.
     */
    /**
     * An adapter's or conform()'s failure as the façade raises it: an unchecked exception as it is (CPython
     * lets the adapter's exception through), a checked one as a ProgrammingError with its message.
     */
    static RuntimeException adaptationFailed(org.sqlite3j.adapters.Adaptation.AdaptationException e) {
        if (e.getCause() instanceof RuntimeException cause) {
            return cause;
        }
        return new Sqlite3.ProgrammingError(e.getMessage(), null, null, e.getCause());
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? "" : ": " + message;
    }

    /**
     * Translates an exception of sqlite-jdbc. sqlite-jdbc formats SQLite's errors as
     * {@code "[SQLITE_NAME] description (errmsg)"}; the Python message is the errmsg alone. The
     * cause is the exception of sqlite-jdbc, or, for an error a user callback's exception made, that
     * exception ({@link Engine} attaches it to SQLite's exception, which otherwise has no cause).
     * SQLExceptions that did not come from SQLite (sqlite-jdbc's own checks) become
     * {@link Sqlite3.InterfaceError} with their message.
     */
    static Sqlite3.Error translate(SQLException e) {
        int code = SqliteErrors.resultCode(e);
        if (code >= 0) {
            Throwable callback = SqliteErrors.causeOfSqliteError(e);
            if (callback instanceof UserFunctions.ResultTooBig tooBig) {
                // a user function's too-large result, which sqlite-jdbc can only report as SQLITE_ERROR
                return error(SQLITE_TOOBIG, SqliteErrors.sqliteMessage(e), tooBig.getCause() != null ? tooBig.getCause() : e);
            }
            return error(code, SqliteErrors.sqliteMessage(e), callback != null ? callback : e);
        }
        return new Sqlite3.InterfaceError(String.valueOf(e.getMessage()), null, null, e);
    }
}
