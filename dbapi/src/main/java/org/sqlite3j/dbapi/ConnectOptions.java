package org.sqlite3j.dbapi;

import java.util.Locale;

/**
 * The keyword arguments of Python's {@code sqlite3.connect()}, as an immutable value. Start from
 * {@link #defaults()} and change what you need; each change returns a new instance:
 *
 * <pre>{@code
 * Connection con = Sqlite3.connect("app.db",
 *         ConnectOptions.defaults().timeout(10).isolationLevel(null).cachedStatements(256));
 * }</pre>
 *
 * @param timeout         seconds to wait for a lock held by another connection (Python default 5.0)
 * @param detectTypes     {@link Sqlite3#PARSE_DECLTYPES} and/or {@link Sqlite3#PARSE_COLNAMES}, or 0
 * @param isolationLevel  "" (the default, plain BEGIN), "DEFERRED", "IMMEDIATE", "EXCLUSIVE" (any
 *                        case), or null for SQLite's own autocommit; used in legacy transaction control
 * @param checkSameThread whether only the creating thread may use the connection (Python default true)
 * @param cachedStatements how many prepared statements the connection keeps (Python default 128)
 * @param uri             whether {@code database} is a {@code file:} URI ({@code mode=ro|rw|rwc|memory},
 *                        {@code cache=shared|private}, ...)
 * @param autocommit      {@link Sqlite3#LEGACY_TRANSACTION_CONTROL} (default), 1 (true) or 0 (false)
 */
public record ConnectOptions(
        double timeout,
        int detectTypes,
        String isolationLevel,
        boolean checkSameThread,
        int cachedStatements,
        boolean uri,
        int autocommit) {

    private static final ConnectOptions DEFAULTS =
            new ConnectOptions(5.0, 0, "", true, 128, false, Sqlite3.LEGACY_TRANSACTION_CONTROL);

    /** Validates the values as Python's {@code connect()} does, with Python's exceptions. */
    public ConnectOptions {
        if (Double.isNaN(timeout)) {
            throw new Sqlite3.ValueError("timeout must be a number, not NaN");
        }
        isolationLevel = checkIsolationLevel(isolationLevel);
        checkAutocommit(autocommit);
        if (cachedStatements < 0) {
            throw new Sqlite3.ValueError("cached_statements must be >= 0, not " + cachedStatements);
        }
    }

    /** Python's defaults: timeout 5.0, no type detection, isolation level "", same-thread check on,
     *  128 cached statements, plain file names, legacy transaction control. */
    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    /** {@code timeout=}: seconds to wait for another connection's lock. */
    public ConnectOptions timeout(double seconds) {
        return new ConnectOptions(seconds, detectTypes, isolationLevel, checkSameThread,
                cachedStatements, uri, autocommit);
    }

    /** {@code detect_types=}: a combination of {@link Sqlite3#PARSE_DECLTYPES} and {@link Sqlite3#PARSE_COLNAMES}. */
    public ConnectOptions detectTypes(int flags) {
        return new ConnectOptions(timeout, flags, isolationLevel, checkSameThread, cachedStatements,
                uri, autocommit);
    }

    /** {@code isolation_level=}: "", "DEFERRED", "IMMEDIATE", "EXCLUSIVE", or null. */
    public ConnectOptions isolationLevel(String level) {
        return new ConnectOptions(timeout, detectTypes, level, checkSameThread, cachedStatements,
                uri, autocommit);
    }

    /** {@code check_same_thread=}. */
    public ConnectOptions checkSameThread(boolean check) {
        return new ConnectOptions(timeout, detectTypes, isolationLevel, check, cachedStatements,
                uri, autocommit);
    }

    /** {@code cached_statements=}: the size of the prepared-statement cache (0 disables it). */
    public ConnectOptions cachedStatements(int count) {
        return new ConnectOptions(timeout, detectTypes, isolationLevel, checkSameThread, count,
                uri, autocommit);
    }

    /** {@code uri=}: treat the database name as a {@code file:} URI. */
    public ConnectOptions uri(boolean isUri) {
        return new ConnectOptions(timeout, detectTypes, isolationLevel, checkSameThread,
                cachedStatements, isUri, autocommit);
    }

    /** {@code autocommit=True/False}: PEP 249 transaction control instead of the legacy one. */
    public ConnectOptions autocommit(boolean on) {
        return autocommit(on ? 1 : 0);
    }

    /**
     * {@code autocommit=}: 1 (True), 0 (False) or {@link Sqlite3#LEGACY_TRANSACTION_CONTROL}.
     *
     * @throws Sqlite3.ValueError for any other value
     */
    public ConnectOptions autocommit(int mode) {
        return new ConnectOptions(timeout, detectTypes, isolationLevel, checkSameThread,
                cachedStatements, uri, mode);
    }

    /** Python's check and normalisation of {@code isolation_level}: upper-cased, or ValueError. */
    static String checkIsolationLevel(String level) {
        if (level == null) {
            return null;
        }
        String upper = level.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "":
            case "DEFERRED":
            case "IMMEDIATE":
            case "EXCLUSIVE":
                // Python compares ASCII case-insensitively; toUpperCase(ROOT) would also map
                // non-ASCII letters such as 'ı', so insist the upper-cased text came from ASCII.
                if (level.chars().allMatch(c -> c < 0x80)) {
                    return upper;
                }
                break;
            default:
                break;
        }
        throw new Sqlite3.ValueError(
                "isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'");
    }

    static void checkAutocommit(int mode) {
        if (mode != 0 && mode != 1 && mode != Sqlite3.LEGACY_TRANSACTION_CONTROL) {
            throw new Sqlite3.ValueError(
                    "autocommit must be True, False, or sqlite3.LEGACY_TRANSACTION_CONTROL");
        }
    }
}
