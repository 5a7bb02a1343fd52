package org.sqlite3j.driver;

import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.sqlite.SQLiteConfig;

/**
 * Every option a {@code jdbc:sqlite3:} URL, a {@code Properties} object or a
 * {@link Sqlite3jDataSource} accepts: its name, default, description and allowed values, in one
 * place (like pgjdbc's {@code PGProperty}). {@link Sqlite3jDriver#getPropertyInfo} is built from it.
 *
 * <p>Besides these, the names of sqlite-jdbc's own options ({@link SQLiteConfig.Pragma}, e.g.
 * {@code cache_size}, {@code temp_store}, {@code date_class}) are accepted and passed through to
 * sqlite-jdbc unchanged, checked against sqlite-jdbc's allowed values where it has a list: see
 * {@link #passThrough()}. Any other name is an {@link SQLException} that names the option and the
 * known options; a value outside the allowed ones is an {@link SQLException} that names the
 * option, the value and the allowed values. Choices compare case-insensitively.
 */
public enum Sqlite3jOption {

    DETECT_TYPES("detect_types", "0", Kind.CHOICE,
            "Python's detect_types: 0 none, 1 PARSE_DECLTYPES (converter by the declared type's first"
                    + " word), 2 PARSE_COLNAMES (converter by \"name [type]\"), 3 both",
            "0", "1", "2", "3"),
    ISOLATION_LEVEL("isolation_level", "DEFERRED", Kind.CHOICE,
            "The BEGIN issued when JDBC auto-commit is off (BEGIN DEFERRED, IMMEDIATE or EXCLUSIVE);"
                    + " IMMEDIATE takes the write lock at once, as a writer pool should",
            "DEFERRED", "IMMEDIATE", "EXCLUSIVE"),
    AUTOCOMMIT("autocommit", "true", Kind.CHOICE,
            "The JDBC auto-commit mode of new connections (false: sqlite-jdbc runs BEGIN at once and"
                    + " after every commit/rollback, as Python's autocommit=False)",
            "true", "false"),
    TIMEOUT("timeout", "5.0", Kind.DECIMAL,
            "Python's timeout: seconds to wait for a locked database (the busy timeout)"),
    BUSY_TIMEOUT("busy_timeout", null, Kind.INTEGER,
            "The busy timeout in milliseconds (sqlite-jdbc's name); wins over timeout"),
    URI("uri", "false", Kind.CHOICE,
            "Open the database name as an SQLite URI (file:...); implied by a file: name, mode or cache",
            "true", "false"),
    MODE("mode", null, Kind.CHOICE,
            "URI open mode: ro read-only, rw read-write, rwc read-write-create, memory in-memory",
            "ro", "rw", "rwc", "memory"),
    CACHE("cache", null, Kind.CHOICE,
            "URI cache: shared (one in-memory database for every connection of the process opening the"
                    + " same name) or private",
            "shared", "private"),
    JOURNAL_MODE("journal_mode", null, Kind.CHOICE,
            "PRAGMA journal_mode run on every new connection (WAL for concurrent readers)",
            "DELETE", "TRUNCATE", "PERSIST", "MEMORY", "WAL", "OFF"),
    SYNCHRONOUS("synchronous", null, Kind.CHOICE,
            "PRAGMA synchronous run on every new connection (NORMAL is safe with WAL)",
            "OFF", "NORMAL", "FULL", "EXTRA"),
    FOREIGN_KEYS("foreign_keys", null, Kind.CHOICE,
            "PRAGMA foreign_keys run on every new connection", "true", "false"),
    CACHED_STATEMENTS("cached_statements", "128", Kind.INTEGER,
            "Python's cached_statements: how many closed prepared statements each connection keeps"
                    + " compiled for the next prepareStatement of the same SQL (LRU; 0 turns the cache off)"),
    GET_GENERATED_KEYS("jdbc.get_generated_keys", "false", Kind.CHOICE,
            "Generated keys for statements that did not ask for them (sqlite-jdbc's default is true)."
                    + " Statements that ask (RETURN_GENERATED_KEYS, column names or indexes) always get"
                    + " them; the others cost nothing and get an empty result set when this is false",
            "true", "false"),
    DATE_STORAGE("date_storage", "python", Kind.CHOICE,
            "How setDate/setTime/setTimestamp and setObject of java.sql and java.time values are stored:"
                    + " python (ISO text Python's date/timestamp converters read: 2024-01-02,"
                    + " 2024-01-02 03:04:05.123456) or sqlite-jdbc (its date_class storage, by default"
                    + " epoch milliseconds)",
            "python", "sqlite-jdbc"),
    USER("user", null, Kind.ANY, "Ignored (SQLite has no users); accepted because pools pass it");

    /** How a value is checked. */
    enum Kind { CHOICE, INTEGER, DECIMAL, ANY }

    private static final Map<String, Sqlite3jOption> BY_NAME;
    private static final Map<String, SQLiteConfig.Pragma> PASS_THROUGH;

    static {
        Map<String, Sqlite3jOption> byName = new LinkedHashMap<>();
        for (Sqlite3jOption o : values()) {
            byName.put(o.optionName, o);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        Map<String, SQLiteConfig.Pragma> pass = new LinkedHashMap<>();
        for (SQLiteConfig.Pragma p : SQLiteConfig.Pragma.values()) {
            if (!byName.containsKey(p.pragmaName)) {
                pass.put(p.pragmaName, p);
            }
        }
        PASS_THROUGH = Collections.unmodifiableMap(pass);
    }

    private final String optionName;
    private final String defaultValue;
    private final Kind kind;
    private final String description;
    private final List<String> choices;

    Sqlite3jOption(String name, String defaultValue, Kind kind, String description, String... choices) {
        this.optionName = name;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.description = description;
        this.choices = List.of(choices);
    }

    /** The name used in URLs and Properties, e.g. {@code detect_types}. */
    public String optionName() {
        return optionName;
    }

    /** The value used when the option is not given, or null when nothing is set by default. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What the option does. */
    public String description() {
        return description;
    }

    /** The allowed values (compared case-insensitively), or an empty list when it is not a choice. */
    public List<String> choices() {
        return choices;
    }

    /** The option called {@code name}, or null. */
    public static Sqlite3jOption byName(String name) {
        return BY_NAME.get(name);
    }

    /** sqlite-jdbc's option names passed through unchanged (those not listed above), by name. */
    public static Map<String, SQLiteConfig.Pragma> passThrough() {
        return PASS_THROUGH;
    }

    /**
     * {@code raw} checked and normalised (choices in their canonical spelling, decimals and integers
     * as given).
     *
     * @param where the URL or data source the value came from, for the message
     */
    public String check(String raw, String where) throws SQLException {
        String v = raw.trim();
        switch (kind) {
            case CHOICE:
                for (String c : choices) {
                    if (c.equalsIgnoreCase(v)) {
                        return c;
                    }
                }
                break;
            case INTEGER:
                try {
                    if (Long.parseLong(v) >= 0 && Long.parseLong(v) <= Integer.MAX_VALUE) {
                        return v;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                break;
            case DECIMAL:
                try {
                    double d = Double.parseDouble(v);
                    if (d >= 0 && d * 1000 <= Integer.MAX_VALUE) {
                        return v;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                break;
            default:
                return v;
        }
        throw new SQLException("invalid value '" + raw + "' for option '" + optionName + "' in " + where
                + "; allowed values: " + allowed(), "22023");
    }

    private String allowed() {
        switch (kind) {
            case CHOICE:
                return String.join(", ", choices);
            case INTEGER:
                return "an integer from 0 to " + Integer.MAX_VALUE;
            case DECIMAL:
                return "a non-negative number of seconds, e.g. 5.0";
            default:
                return "any text";
        }
    }

    /**
     * Checks every entry of {@code options}: our options are normalised, sqlite-jdbc's pass through
     * (checked against its choices), anything else is an error naming the known options.
     *
     * @return the checked options, in the given order
     */
    public static Map<String, String> checkAll(Map<String, String> options, String where)
            throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String name = e.getKey();
            Sqlite3jOption o = BY_NAME.get(name);
            if (o != null) {
                out.put(name, o.check(e.getValue(), where));
                continue;
            }
            SQLiteConfig.Pragma p = PASS_THROUGH.get(name);
            if (p == null) {
                throw new SQLException("unknown option '" + name + "' in " + where + "; known options: "
                        + String.join(", ", BY_NAME.keySet()) + ", and sqlite-jdbc's "
                        + String.join(", ", PASS_THROUGH.keySet()), "42704");
            }
            out.put(name, checkPassThrough(p, e.getValue(), where));
        }
        return out;
    }

    private static String checkPassThrough(SQLiteConfig.Pragma p, String raw, String where)
            throws SQLException {
        if (p == SQLiteConfig.Pragma.OPEN_MODE) {
            // sqlite-jdbc's SQLiteConfig reads it with Integer.parseInt, unguarded
            try {
                Integer.parseInt(raw);
                return raw;
            } catch (NumberFormatException e) {
                throw new SQLException("invalid value '" + raw + "' for option '" + p.pragmaName + "' in " + where
                        + "; allowed values: an integer (SQLite's open flags)", "22023");
            }
        }
        if (p.choices == null || p.choices.length == 0) {
            return raw;
        }
        for (String c : p.choices) {
            if (c.equalsIgnoreCase(raw.trim())) {
                return c;
            }
        }
        throw new SQLException("invalid value '" + raw + "' for option '" + p.pragmaName + "' in " + where
                + "; allowed values: " + String.join(", ", p.choices), "22023");
    }

    /** One {@link DriverPropertyInfo} per option (ours first, then sqlite-jdbc's), showing {@code given}. */
    static DriverPropertyInfo[] propertyInfo(Map<String, String> given) {
        List<DriverPropertyInfo> out = new ArrayList<>();
        for (Sqlite3jOption o : values()) {
            DriverPropertyInfo info = new DriverPropertyInfo(o.optionName,
                    given.getOrDefault(o.optionName, o.defaultValue));
            info.description = o.description;
            info.choices = o.choices.isEmpty() ? null : o.choices.toArray(new String[0]);
            out.add(info);
        }
        for (SQLiteConfig.Pragma p : PASS_THROUGH.values()) {
            DriverPropertyInfo info = new DriverPropertyInfo(p.pragmaName, given.get(p.pragmaName));
            info.description = "sqlite-jdbc: " + p.description;
            info.choices = p.choices;
            out.add(info);
        }
        return out.toArray(new DriverPropertyInfo[0]);
    }

    /** The string form of every entry of {@code props} (values may be non-strings in pools' maps). */
    static Map<String, String> fromProperties(Properties props) {
        Map<String, String> out = new LinkedHashMap<>();
        if (props != null) {
            for (String name : props.stringPropertyNames()) {
                out.put(name, props.getProperty(name));
            }
            for (Map.Entry<Object, Object> e : props.entrySet()) {
                if (e.getValue() != null && !(e.getValue() instanceof String)) {
                    out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
                }
            }
        }
        return out;
    }
}
