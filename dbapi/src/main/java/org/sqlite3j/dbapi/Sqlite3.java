package org.sqlite3j.dbapi;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.sqlite3j.adapters.Adaptation;
import org.sqlite3j.adapters.Adapter;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Conform;
import org.sqlite3j.adapters.Converter;
import org.sqlite3j.adapters.Converters;
import org.sqlite3j.sqltext.DeclaredTypes;
import org.sqlite3j.sqltext.SqlScanner;

/**
 * Python's {@code sqlite3} module for Java: {@link #connect(String)}, the module constants and the
 * DB-API 2.0 exception hierarchy.
 *
 * <p>Every public name is the Python name in camelCase ({@code sqlite3.complete_statement} is
 * {@link #completeStatement(String)}, {@code sqlite3.PARSE_DECLTYPES} is {@link #PARSE_DECLTYPES}).
 * The exceptions are unchecked and nested here, so {@code sqlite3.IntegrityError} is
 * {@link IntegrityError Sqlite3.IntegrityError}. Python's built-in exceptions that the module raises
 * ({@code ValueError}, {@code TypeError}, {@code OverflowError}) are nested here too, as subclasses of
 * the nearest Java exception.
 *
 * <p>This class holds no mutable state.
 */
public final class Sqlite3 implements SqliteCodes {

    private Sqlite3() {
    }

    /** {@code sqlite3.apilevel}: the DB-API level supported. */
    public static final String apilevel = "2.0";

    /**
     * {@code sqlite3.threadsafety}: 3 (connections may be shared between threads) because the bundled
     * SQLite is built in serialized mode; {@code checkSameThread} still guards each connection unless
     * turned off, as in Python.
     */
    public static final int threadsafety = 3;

    /** {@code sqlite3.paramstyle}: question-mark placeholders ({@code named} ones work as well). */
    public static final String paramstyle = "qmark";

    /** {@code sqlite3.PARSE_DECLTYPES}: convert columns by the first word of their declared type. */
    public static final int PARSE_DECLTYPES = DeclaredTypes.PARSE_DECLTYPES;

    /** {@code sqlite3.PARSE_COLNAMES}: convert columns by a {@code [type]} in their name. */
    public static final int PARSE_COLNAMES = DeclaredTypes.PARSE_COLNAMES;

    /** {@code sqlite3.LEGACY_TRANSACTION_CONTROL}: the default value of {@code autocommit}. */
    public static final int LEGACY_TRANSACTION_CONTROL = -1;

    // Limit categories for Connection.getlimit / setlimit (sqlite3.SQLITE_LIMIT_*).
    public static final int SQLITE_LIMIT_LENGTH = 0;
    public static final int SQLITE_LIMIT_SQL_LENGTH = 1;
    public static final int SQLITE_LIMIT_COLUMN = 2;
    public static final int SQLITE_LIMIT_EXPR_DEPTH = 3;
    public static final int SQLITE_LIMIT_COMPOUND_SELECT = 4;
    public static final int SQLITE_LIMIT_VDBE_OP = 5;
    public static final int SQLITE_LIMIT_FUNCTION_ARG = 6;
    public static final int SQLITE_LIMIT_ATTACHED = 7;
    public static final int SQLITE_LIMIT_LIKE_PATTERN_LENGTH = 8;
    public static final int SQLITE_LIMIT_VARIABLE_NUMBER = 9;
    public static final int SQLITE_LIMIT_TRIGGER_DEPTH = 10;
    public static final int SQLITE_LIMIT_WORKER_THREADS = 11;

    // Options for Connection.getconfig / setconfig (sqlite3.SQLITE_DBCONFIG_*).
    public static final int SQLITE_DBCONFIG_ENABLE_FKEY = 1002;
    public static final int SQLITE_DBCONFIG_ENABLE_TRIGGER = 1003;
    public static final int SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER = 1004;
    public static final int SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION = 1005;
    public static final int SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE = 1006;
    public static final int SQLITE_DBCONFIG_ENABLE_QPSG = 1007;
    public static final int SQLITE_DBCONFIG_TRIGGER_EQP = 1008;
    public static final int SQLITE_DBCONFIG_RESET_DATABASE = 1009;
    public static final int SQLITE_DBCONFIG_DEFENSIVE = 1010;
    public static final int SQLITE_DBCONFIG_WRITABLE_SCHEMA = 1011;
    public static final int SQLITE_DBCONFIG_LEGACY_ALTER_TABLE = 1012;
    public static final int SQLITE_DBCONFIG_DQS_DML = 1013;
    public static final int SQLITE_DBCONFIG_DQS_DDL = 1014;
    public static final int SQLITE_DBCONFIG_ENABLE_VIEW = 1015;
    public static final int SQLITE_DBCONFIG_LEGACY_FILE_FORMAT = 1016;
    public static final int SQLITE_DBCONFIG_TRUSTED_SCHEMA = 1017;

    // Authorizer results (sqlite3.SQLITE_OK / SQLITE_DENY / SQLITE_IGNORE).
    public static final int SQLITE_OK = 0;
    public static final int SQLITE_DENY = 1;
    public static final int SQLITE_IGNORE = 2;

    /** {@code sqlite3.sqlite_version}: the version of the SQLite library in use, e.g. "3.53.4". */
    public static String sqliteVersion() {
        return Connection.libraryVersion();
    }

    /**
     * The engine that runs SQLite under this module and its version, e.g. {@code "sqlite-jdbc 3.53.4.0"}
     * (no Python counterpart; the shell's {@code --version} prints it).
     */
    public static String engine() {
        return JdbcEngine.description();
    }

    /** {@code sqlite3.sqlite_version_info}: the version as numbers, e.g. {@code [3, 53, 4]}. */
    public static List<Integer> sqliteVersionInfo() {
        String[] parts = sqliteVersion().split("\\.");
        Integer[] numbers = new Integer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = Integer.valueOf(parts[i]);
        }
        return List.of(numbers);
    }

    /**
     * {@code sqlite3.connect(database)}: opens a connection with default options.
     *
     * @param database a file path, {@code ":memory:"}, or {@code ""} for a private temporary database
     */
    public static Connection connect(String database) {
        return connect(database, ConnectOptions.defaults());
    }

    /** {@code sqlite3.connect(database)} for a file path. */
    public static Connection connect(Path database) {
        return connect(database, ConnectOptions.defaults());
    }

    /** {@code sqlite3.connect(database)} for a file path, with options. */
    public static Connection connect(Path database, ConnectOptions options) {
        return connect(database == null ? null : database.toString(), options);
    }

    /**
     * {@code sqlite3.connect(database, timeout=..., detect_types=..., isolation_level=...,
     * check_same_thread=..., cached_statements=..., uri=..., autocommit=...)}.
     *
     * @throws OperationalError when the database cannot be opened
     */
    public static Connection connect(String database, ConnectOptions options) {
        if (database == null) {
            throw new TypeError("expected str, bytes or os.PathLike object, not NoneType");
        }
        Arguments.notNone(options, "connect() argument 'options'", "ConnectOptions");
        return Connection.open(database, options);
    }

    /**
     * A Python-style connection over a connection borrowed from a pool or DataSource (HikariCP, our
     * {@code jdbc:sqlite3:} driver's DataSource, sqlite-jdbc's): every method of this module works on
     * it, and {@link Connection#close()} rolls back what is open and gives the connection back to the
     * pool. Timeout and URI options are the pool's; transaction control and the rest come from
     * {@code options}. Nothing set on it stays with the pooled connection: on close, the functions,
     * collations and progress handler it registered are removed and PRAGMAs, TEMP objects, attached
     * databases and limits go back to what they were when it was borrowed (see {@link Connection#close()}).
     *
     * @throws InterfaceError when the pool's connections are not SQLite connections
     */
    public static Connection connect(javax.sql.DataSource source, ConnectOptions options) {
        Arguments.notNone(source, "connect() argument 'source'", "a DataSource");
        Arguments.notNone(options, "connect() argument 'options'", "ConnectOptions");
        return Connection.borrow(source, options);
    }

    /** {@link #connect(javax.sql.DataSource, ConnectOptions)} with default options. */
    public static Connection connect(javax.sql.DataSource source) {
        return connect(source, ConnectOptions.defaults());
    }

    /**
     * {@code sqlite3.register_adapter(type, adapter)}: every connection adapts values whose class is
     * exactly {@code type} (as in Python; see {@link Adapters#registerHierarchy} for subclasses) with
     * {@code adapter}, unless the connection registered its own. The last registration wins.
     */
    public static <T> void registerAdapter(Class<T> type, Adapter<? super T> adapter) {
        Arguments.notNone(type, "register_adapter() argument 1", "a class");
        Adapters.global().register(type, adapter);
    }

    /**
     * {@code sqlite3.register_converter(typename, converter)}: with {@code detectTypes}, columns
     * declared (PARSE_DECLTYPES) or named (PARSE_COLNAMES, {@code "name [typename]"}) with
     * {@code typename}, compared case-insensitively, are read through {@code converter}.
     */
    public static void registerConverter(String typename, Converter<?> converter) {
        Arguments.str(typename, "register_converter() argument 1");
        Converters.global().register(typename, converter);
    }

    // ---------------------------------------------------------------------------------------------
    // PEP 249's type constructors (CPython: aliases of the datetime classes). The values bind as
    // CPython's deprecated default adapters store them once Recipes.pythonDefaults is registered.
    // ---------------------------------------------------------------------------------------------

    /** {@code sqlite3.Date(year, month, day)}: a {@link LocalDate}; out-of-range fields raise {@link ValueError}. */
    public static LocalDate date(int year, int month, int day) {
        return dateTime(() -> LocalDate.of(year, month, day));
    }

    /** {@code sqlite3.Time(hour, minute, second)}: a {@link LocalTime}. */
    public static LocalTime time(int hour, int minute, int second) {
        return dateTime(() -> LocalTime.of(hour, minute, second));
    }

    /** {@code sqlite3.Timestamp(year, month, day, hour, minute, second)}: a {@link LocalDateTime}. */
    public static LocalDateTime timestamp(int year, int month, int day, int hour, int minute, int second) {
        return dateTime(() -> LocalDateTime.of(year, month, day, hour, minute, second));
    }

    /** {@code sqlite3.DateFromTicks(ticks)}: the local date {@code ticks} seconds after the epoch. */
    public static LocalDate dateFromTicks(double ticks) {
        return timestampFromTicks(ticks).toLocalDate();
    }

    /** {@code sqlite3.TimeFromTicks(ticks)}: the local time of day, whole seconds, {@code ticks} seconds after the epoch. */
    public static LocalTime timeFromTicks(double ticks) {
        return timestampFromTicks(ticks).toLocalTime();
    }

    /**
     * {@code sqlite3.TimestampFromTicks(ticks)}: the local date and time, whole seconds (Python's
     * {@code time.localtime(ticks)[:6]}), {@code ticks} seconds after the epoch, in the JVM's time zone.
     */
    public static LocalDateTime timestampFromTicks(double ticks) {
        if (Double.isNaN(ticks) || Double.isInfinite(ticks)) {
            throw new ValueError("Invalid value " + ticks + " for ticks");
        }
        long seconds = (long) Math.floor(ticks);
        return dateTime(() -> LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneId.systemDefault()));
    }

    private static <T> T dateTime(java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (DateTimeException e) {
            throw new ValueError(e.getMessage());
        }
    }

    /**
     * An adaptation protocol, Python's {@code proto} argument of {@code sqlite3.adapt}: its
     * {@link #adapt} is the protocol's {@code __adapt__(obj)}, returning null when it cannot adapt.
     */
    @FunctionalInterface
    public interface Protocol {

        /** {@code proto.__adapt__(obj)}: the adapted value, or null for "not adapted". */
        Object adapt(Object obj) throws Exception;
    }

    /**
     * {@code sqlite3.PrepareProtocol}: the protocol adapters are registered under and values are
     * bound through. It has no {@code __adapt__} of its own (its {@link Protocol#adapt} answers null).
     */
    public static final Protocol PREPARE_PROTOCOL = obj -> null;

    /**
     * {@code sqlite3.adapt(obj)}: {@code obj} as the global adapters (then its {@code Conform}) turn it
     * into an SQLite value, as binding a parameter does.
     *
     * @throws ProgrammingError "can't adapt" when nothing adapts it
     */
    public static Object adapt(Object obj) {
        return Microprotocols.adapt(obj, PREPARE_PROTOCOL, false, null);
    }

    /**
     * {@code sqlite3.adapt(obj, proto)}: through the global adapters and {@code Conform} only under
     * {@link #PREPARE_PROTOCOL}, else through {@code proto.adapt(obj)}; a null {@code proto} (Python's
     * None) adapts nothing.
     *
     * @throws ProgrammingError "can't adapt" when nothing adapts it
     */
    public static Object adapt(Object obj, Protocol proto) {
        return Microprotocols.adapt(obj, proto, false, null);
    }

    /** {@code sqlite3.adapt(obj, proto, alt)}: as {@link #adapt(Object, Protocol)}, but {@code alt} instead of the error. */
    public static Object adapt(Object obj, Protocol proto, Object alt) {
        return Microprotocols.adapt(obj, proto, true, alt);
    }

    /**
     * {@code sqlite3.complete_statement(statement)}: true if the text ends with a complete SQL
     * statement (a terminating semicolon outside strings, comments and trigger bodies), exactly as
     * {@code sqlite3_complete} decides. No SQL is parsed beyond that.
     *
     * @throws UnicodeEncodeError for a lone surrogate (the text must encode to UTF-8, as in CPython)
     * @throws ValueError "embedded null character" for text containing NUL (CPython's str argument)
     */
    public static boolean completeStatement(String statement) {
        // a C string for SQLite, as CPython's "s" converter: None, NUL and lone surrogates refused
        return SqlScanner.isComplete(Arguments.name(statement, "complete_statement() argument 'statement'"));
    }

    // ---------------------------------------------------------------------------------------------
    // Exceptions: the DB-API 2.0 hierarchy, unchecked.
    // ---------------------------------------------------------------------------------------------

    /**
     * {@code sqlite3.Warning}. Not raised by this module, kept for the DB-API hierarchy.
     */
    public static class Warning extends RuntimeException {
        public Warning(String message) {
            super(message);
        }
    }

    /**
     * {@code sqlite3.Error}: the base of every error of this module. Errors that SQLite itself
     * reported carry its extended result code ({@link #sqliteErrorcode()}) and that code's name
     * ({@link #sqliteErrorname()}); the original {@link java.sql.SQLException} is the cause.
     */
    public abstract static sealed class Error extends RuntimeException
            permits InterfaceError, DatabaseError {
        private final Integer sqliteErrorcode;
        private final String sqliteErrorname;

        Error(String message, Integer sqliteErrorcode, String sqliteErrorname, Throwable cause) {
            super(message, cause);
            this.sqliteErrorcode = sqliteErrorcode;
            this.sqliteErrorname = sqliteErrorname;
        }

        /** {@code e.sqlite_errorcode}: SQLite's extended result code, or null when SQLite gave none. */
        public Integer sqliteErrorcode() {
            return sqliteErrorcode;
        }

        /** {@code e.sqlite_errorname}, e.g. {@code "SQLITE_CONSTRAINT_UNIQUE"}, or null. */
        public String sqliteErrorname() {
            return sqliteErrorname;
        }
    }

    /** {@code sqlite3.InterfaceError}: misuse of the low-level SQLite C API (SQLITE_MISUSE, RANGE). */
    public static non-sealed class InterfaceError extends Error {
        public InterfaceError(String message) {
            this(message, null, null, null);
        }

        InterfaceError(String message, Integer code, String name, Throwable cause) {
            super(message, code, name, cause);
        }
    }

    /** {@code sqlite3.DatabaseError}: errors related to the database. */
    public static sealed class DatabaseError extends Error
            permits DataError, OperationalError, IntegrityError, InternalError, ProgrammingError,
                    NotSupportedError {
        public DatabaseError(String message) {
            this(message, null, null, null);
        }

        DatabaseError(String message, Integer code, String name, Throwable cause) {
            super(message, code, name, cause);
        }
    }

    /** {@code sqlite3.DataError}: problems with the processed data (e.g. SQLITE_TOOBIG). */
    public static final class DataError extends DatabaseError {
        public DataError(String message) {
            this(message, null, null, null);
        }

        DataError(String message, Integer code, String name, Throwable cause) {
            super(message, code, name, cause);
        }
    }

    /**
     * {@code sqlite3.OperationalError}: errors in the database's operation (syntax errors, missing
     * tables, locked or read-only databases, interrupts...).
     */
    public static final class OperationalError extends DatabaseError {
        public OperationalError(String message) {
            this(message, null, null, null);
        }

        OperationalError(String message, Integer code, String name, Throwable cause) {
            super(message, code, name, cause);
        }
    }

    /** {@code sqlite3.IntegrityError}: a constraint failed (SQLITE_CONSTRAINT, SQLITE_MISMATCH). */
    public static final class IntegrityError extends DatabaseError {
        public IntegrityError(String message) {
            this(message, null, null, null);
        }

        IntegrityError(String message, Integer code, String name, Throwable cause) {
            super(message, code, name, cause);
        }
    }

    /** {@code sqlite3.InternalError}: SQLite's internal errors (SQLITE_INTERNAL, SQLITE_NOTFOUND). */
    public static final class InternalError extends DatabaseError {
        public InternalError(String message) {
            this(message, null, null, null);
        }

        InternalError(String message, Integer code, String name, Throwable cause) {
            super(message, code, name, cause);
        }
    }

    /**
     * {@code sqlite3.ProgrammingError}: misuse of this API (closed objects, wrong number of
     * bindings, more than one statement...).
     */
    public static final class ProgrammingError extends DatabaseError {
        public ProgrammingError(String message) {
            this(message, null, null, null);
        }

        ProgrammingError(String message, Integer code, String name, Throwable cause) {
            super(message, code, name, cause);
        }
    }

    /** {@code sqlite3.NotSupportedError}: a feature that this SQLite or this engine does not have. */
    public static final class NotSupportedError extends DatabaseError {
        public NotSupportedError(String message) {
            this(message, null, null, null);
        }

        NotSupportedError(String message, Integer code, String name, Throwable cause) {
            super(message, code, name, cause);
        }
    }

    /** Python's {@code ValueError}: an argument of the right type with a wrong value. */
    public static class ValueError extends IllegalArgumentException {
        public ValueError(String message) {
            super(message);
        }
    }

    /**
     * Python's {@code UnicodeEncodeError} (a ValueError): text that cannot be UTF-8, i.e. a Java
     * string with a lone surrogate, which Java's encoder would otherwise turn into '?' silently.
     */
    public static class UnicodeEncodeError extends ValueError {
        public UnicodeEncodeError(String message) {
            super(message);
        }

        /** Throws when {@code text} holds an unpaired surrogate; CPython's message. */
        static void check(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                    boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1));
                    if (!paired) {
                        throw new UnicodeEncodeError(String.format("'utf-8' codec can't encode character"
                                + " '\\u%04x' in position %d: surrogates not allowed", (int) c,
                                text.codePointCount(0, i)));
                    }
                    i++;
                }
            }
        }
    }

    /**
     * Python's {@code TypeError}: an argument of the wrong type. Thrown by {@link Conform#conform()}, it
     * means "not adapted" ({@link Adaptation.NotAdapted}), as Python's from {@code __conform__}.
     */
    public static class TypeError extends IllegalArgumentException implements Adaptation.NotAdapted {
        public TypeError(String message) {
            super(message);
        }
    }

    /** Python's {@code IndexError}: a row index or key that the row does not have. */
    public static class IndexError extends IndexOutOfBoundsException {
        public IndexError(String message) {
            super(message);
        }
    }

    /** Python's {@code OverflowError}: an integer that does not fit SQLite's 64-bit INTEGER. */
    public static class OverflowError extends ArithmeticException {
        public OverflowError(String message) {
            super(message);
        }
    }
}
