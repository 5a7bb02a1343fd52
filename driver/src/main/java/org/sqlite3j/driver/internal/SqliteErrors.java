package org.sqlite3j.driver.internal;

import java.sql.BatchUpdateException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientException;
import java.util.Locale;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What an exception of sqlite-jdbc says about SQLite's error, read in one place: the extended result
 * code and SQLite's own message ({@link #resultCode}, {@link #sqliteMessage}; the façade's Python
 * error table builds on them), and the JDBC 4 form frameworks translate ({@link #forJdbc}): an
 * SQLState and the {@link SQLException} subclass chosen by the primary result code, with
 * {@code getErrorCode()} the extended code and the original exception as the cause.
 *
 * <p>The JDBC table (the SQLStates are PostgreSQL's where SQLite has the same condition, so that
 * Spring's and Hibernate's translators recognise them):
 * <table>
 * <caption>SQLite result code to JDBC</caption>
 * <tr><th>SQLite</th><th>class</th><th>SQLState</th></tr>
 * <tr><td>CONSTRAINT_UNIQUE, _PRIMARYKEY, _ROWID</td><td>SQLIntegrityConstraintViolationException</td><td>23505</td></tr>
 * <tr><td>CONSTRAINT_NOTNULL</td><td>SQLIntegrityConstraintViolationException</td><td>23502</td></tr>
 * <tr><td>CONSTRAINT_FOREIGNKEY</td><td>SQLIntegrityConstraintViolationException</td><td>23503</td></tr>
 * <tr><td>CONSTRAINT_CHECK</td><td>SQLIntegrityConstraintViolationException</td><td>23514</td></tr>
 * <tr><td>other CONSTRAINT</td><td>SQLIntegrityConstraintViolationException</td><td>23000</td></tr>
 * <tr><td>BUSY, LOCKED</td><td>SQLTransactionRollbackException (transient: the statement did
 *     nothing, a retry may succeed)</td><td>40001</td></tr>
 * <tr><td>INTERRUPT</td><td>SQLTimeoutException</td><td>57014</td></tr>
 * <tr><td>ABORT</td><td>SQLTransactionRollbackException</td><td>40000</td></tr>
 * <tr><td>SCHEMA, PROTOCOL</td><td>SQLTransientException</td><td>40001 / 08006</td></tr>
 * <tr><td>ERROR with a syntax or name message</td><td>SQLSyntaxErrorException</td><td>42601 syntax,
 *     42P01 no such table, 42703 no such column, 42883 no such function, 42P07 already exists,
 *     42000 other</td></tr>
 * <tr><td>other ERROR</td><td>SQLException</td><td>HY000</td></tr>
 * <tr><td>CANTOPEN, NOTADB</td><td>SQLNonTransientConnectionException</td><td>08001</td></tr>
 * <tr><td>MISUSE on a closed database</td><td>SQLNonTransientConnectionException</td><td>08003</td></tr>
 * <tr><td>READONLY</td><td>SQLNonTransientException</td><td>25006</td></tr>
 * <tr><td>TOOBIG</td><td>SQLDataException</td><td>22001</td></tr>
 * <tr><td>MISMATCH</td><td>SQLDataException</td><td>22000</td></tr>
 * <tr><td>RANGE</td><td>SQLNonTransientException</td><td>07009</td></tr>
 * <tr><td>AUTH, PERM</td><td>SQLInvalidAuthorizationSpecException / SQLNonTransientException</td><td>28000 / 42501</td></tr>
 * <tr><td>FULL</td><td>SQLNonTransientException</td><td>53100</td></tr>
 * <tr><td>NOMEM</td><td>SQLNonTransientException</td><td>53200</td></tr>
 * <tr><td>IOERR</td><td>SQLNonTransientException</td><td>58030</td></tr>
 * <tr><td>CORRUPT</td><td>SQLNonTransientException</td><td>XX001</td></tr>
 * <tr><td>INTERNAL, NOTFOUND, others</td><td>SQLException</td><td>XX000</td></tr>
 * </table>
 * An {@link SQLException} that did not come from SQLite (sqlite-jdbc's own checks) keeps its class;
 * a missing SQLState becomes "HY000" ({@code "database connection closed"}: 08003 as a
 * {@link SQLNonTransientConnectionException}, {@code "not implemented"}: 0A000 as a
 * {@link SQLFeatureNotSupportedException}).
 */
public final class SqliteErrors {

    private SqliteErrors() {
    }

    /** Primary result codes (sqlite3.h). */
    public static final int SQLITE_ERROR = 1;
    public static final int SQLITE_INTERNAL = 2;
    public static final int SQLITE_PERM = 3;
    public static final int SQLITE_ABORT = 4;
    public static final int SQLITE_BUSY = 5;
    public static final int SQLITE_LOCKED = 6;
    public static final int SQLITE_NOMEM = 7;
    public static final int SQLITE_READONLY = 8;
    public static final int SQLITE_INTERRUPT = 9;
    public static final int SQLITE_IOERR = 10;
    public static final int SQLITE_CORRUPT = 11;
    public static final int SQLITE_NOTFOUND = 12;
    public static final int SQLITE_FULL = 13;
    public static final int SQLITE_CANTOPEN = 14;
    public static final int SQLITE_PROTOCOL = 15;
    public static final int SQLITE_SCHEMA = 17;
    public static final int SQLITE_TOOBIG = 18;
    public static final int SQLITE_CONSTRAINT = 19;
    public static final int SQLITE_MISMATCH = 20;
    public static final int SQLITE_MISUSE = 21;
    public static final int SQLITE_AUTH = 23;
    public static final int SQLITE_RANGE = 25;
    public static final int SQLITE_NOTADB = 26;

    /** Extended constraint codes (sqlite3.h). */
    private static final int CONSTRAINT_CHECK = SQLITE_CONSTRAINT | 1 << 8;
    private static final int CONSTRAINT_FOREIGNKEY = SQLITE_CONSTRAINT | 3 << 8;
    private static final int CONSTRAINT_NOTNULL = SQLITE_CONSTRAINT | 5 << 8;
    private static final int CONSTRAINT_PRIMARYKEY = SQLITE_CONSTRAINT | 6 << 8;
    private static final int CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT | 8 << 8;
    private static final int CONSTRAINT_ROWID = SQLITE_CONSTRAINT | 10 << 8;

    /** How deep {@link #sqliteCause} looks through causes (a wrapped wrapper is still found). */
    private static final int CAUSE_DEPTH = 4;

    /** The {@link SQLiteException} that {@code e} is or wraps, or null when SQLite did not raise it. */
    public static SQLiteException sqliteCause(Throwable e) {
        Throwable t = e;
        for (int i = 0; t != null && i < CAUSE_DEPTH; i++, t = t.getCause()) {
            if (t instanceof SQLiteException se) {
                return se;
            }
        }
        return null;
    }

    /**
     * The cause attached to the {@link SQLiteException} behind {@code e} (the exception of a user callback
     * that made SQLite fail), or null.
     */
    public static Throwable causeOfSqliteError(Throwable e) {
        SQLiteException se = sqliteCause(e);
        return se == null ? null : se.getCause();
    }

    /**
     * SQLite's extended result code behind {@code e} (e.g. 2067, SQLITE_CONSTRAINT_UNIQUE), or -1
     * when SQLite did not raise it. sqlite-jdbc names codes it does not know "UNKNOWN_ERROR" and puts
     * the number in the message ({@code "[UNKNOWN_ERROR] unknown error:<code> (<errmsg>)"}).
     */
    public static int resultCode(Throwable e) {
        SQLiteException se = sqliteCause(e);
        if (se == null) {
            return -1;
        }
        SQLiteErrorCode rc = se.getResultCode();
        if (rc != SQLiteErrorCode.UNKNOWN_ERROR) {
            return rc.code;
        }
        String text = String.valueOf(se.getMessage());
        int colon = text.indexOf(':', rc.toString().length());
        int paren = text.indexOf(" (", rc.toString().length());
        if (colon >= 0 && paren > colon) {
            try {
                return Integer.parseInt(text.substring(colon + 1, paren).trim());
            } catch (NumberFormatException ignored) {
                // fall through to the code sqlite-jdbc kept
            }
        }
        return se.getErrorCode();
    }

    /**
     * SQLite's own message behind {@code e} ({@code sqlite3_errmsg}): sqlite-jdbc formats it as
     * {@code "[SQLITE_NAME] description (errmsg)"}; other exceptions give their message.
     */
    public static String sqliteMessage(Throwable e) {
        SQLiteException se = sqliteCause(e);
        Throwable source = se != null ? se : e;
        String text = source.getMessage() == null ? "" : source.getMessage();
        if (se == null) {
            return text;
        }
        SQLiteErrorCode rc = se.getResultCode();
        String prefix = rc.toString();
        if (rc == SQLiteErrorCode.UNKNOWN_ERROR) {
            int paren = text.indexOf(" (", prefix.length());
            if (paren >= 0) {
                prefix = text.substring(0, paren);
            }
        }
        if (text.startsWith(prefix + " (") && text.endsWith(")")) {
            return text.substring(prefix.length() + 2, text.length() - 1);
        }
        return text;
    }

    /**
     * {@code e} as frameworks expect a JDBC 4 driver's exception (see the class comment): the same
     * message, SQLite's extended code as {@code getErrorCode()}, {@code e} as the cause. An exception
     * that already has an SQLState is returned as it is; a {@link BatchUpdateException} keeps its
     * class and update counts and gets the translated cause as its next exception.
     */
    public static SQLException forJdbc(SQLException e) {
        if (e.getSQLState() != null) {
            return e;
        }
        if (e instanceof BatchUpdateException b) {
            SQLException inner = b.getCause() instanceof SQLException c ? forJdbc(c) : null;
            int code = resultCode(b);
            BatchUpdateException out = new BatchUpdateException(b.getMessage(),
                    inner != null ? inner.getSQLState() : "HY000", code >= 0 ? code : b.getErrorCode(),
                    b.getLargeUpdateCounts(), b);
            if (inner != null) {
                out.setNextException(inner);
            }
            return out;
        }
        int code = resultCode(e);
        String message = e.getMessage();
        if (code < 0) {
            if ("database connection closed".equals(message)) {
                return new SQLNonTransientConnectionException(message, "08003", e);
            }
            if ("not implemented".equals(message) || e instanceof SQLFeatureNotSupportedException) {
                return new SQLFeatureNotSupportedException(message, "0A000", e);
            }
            return new SQLException(message, "HY000", e.getErrorCode(), e);
        }
        switch (code & 0xFF) {
            case SQLITE_CONSTRAINT:
                return new SQLIntegrityConstraintViolationException(message, constraintState(code), code, e);
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                return new SQLTransactionRollbackException(message, "40001", code, e);
            case SQLITE_ABORT:
                return new SQLTransactionRollbackException(message, "40000", code, e);
            case SQLITE_INTERRUPT:
                return new SQLTimeoutException(message, "57014", code, e);
            case SQLITE_SCHEMA:
                return new SQLTransientException(message, "40001", code, e);
            case SQLITE_PROTOCOL:
                return new SQLTransientException(message, "08006", code, e);
            case SQLITE_ERROR: {
                String state = syntaxState(sqliteMessage(e));
                return state != null ? new SQLSyntaxErrorException(message, state, code, e)
                        : new SQLException(message, "HY000", code, e);
            }
            case SQLITE_CANTOPEN:
            case SQLITE_NOTADB:
                return new SQLNonTransientConnectionException(message, "08001", code, e);
            case SQLITE_MISUSE:
                return new SQLNonTransientException(message, "HY010", code, e);
            case SQLITE_READONLY:
                return new SQLNonTransientException(message, "25006", code, e);
            case SQLITE_TOOBIG:
                return new SQLDataException(message, "22001", code, e);
            case SQLITE_MISMATCH:
                return new SQLDataException(message, "22000", code, e);
            case SQLITE_RANGE:
                return new SQLNonTransientException(message, "07009", code, e);
            case SQLITE_AUTH:
                return new SQLInvalidAuthorizationSpecException(message, "28000", code, e);
            case SQLITE_PERM:
                return new SQLNonTransientException(message, "42501", code, e);
            case SQLITE_FULL:
                return new SQLNonTransientException(message, "53100", code, e);
            case SQLITE_NOMEM:
                return new SQLNonTransientException(message, "53200", code, e);
            case SQLITE_IOERR:
                return new SQLNonTransientException(message, "58030", code, e);
            case SQLITE_CORRUPT:
                return new SQLNonTransientException(message, "XX001", code, e);
            default:
                return new SQLException(message, "XX000", code, e);
        }
    }

    private static String constraintState(int code) {
        switch (code) {
            case CONSTRAINT_UNIQUE:
            case CONSTRAINT_PRIMARYKEY:
            case CONSTRAINT_ROWID:
                return "23505";
            case CONSTRAINT_NOTNULL:
                return "23502";
            case CONSTRAINT_FOREIGNKEY:
                return "23503";
            case CONSTRAINT_CHECK:
                return "23514";
            default:
                return "23000";
        }
    }

    /** The SQLState of an SQLITE_ERROR whose message is about the SQL text or a name in it, else null. */
    static String syntaxState(String sqliteMessage) {
        String m = sqliteMessage.toLowerCase(Locale.ROOT);
        if (m.contains("syntax error") || m.startsWith("incomplete input") || m.startsWith("unrecognized token")) {
            return "42601";
        }
        if (m.startsWith("no such table") || m.startsWith("no such view")) {
            return "42P01";
        }
        if (m.startsWith("no such column") || m.startsWith("ambiguous column name")) {
            return "42703";
        }
        if (m.startsWith("no such function") || m.startsWith("wrong number of arguments to function")) {
            return "42883";
        }
        if (m.contains(" already exists")) {
            return "42P07";
        }
        if (m.startsWith("no such index") || m.startsWith("no such trigger") || m.startsWith("no such collation")
                || m.startsWith("no such module") || m.startsWith("unknown database")
                || m.startsWith("no such savepoint")) {
            return "42704";
        }
        return null;
    }
}
