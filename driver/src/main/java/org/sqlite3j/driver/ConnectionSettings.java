package org.sqlite3j.driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite3j.driver.internal.Quote;
import org.sqlite3j.driver.internal.SqliteOpener;

/**
 * A parsed and checked {@code jdbc:sqlite3:<database>[?option=value&...]} plus Properties: what
 * one new connection is opened with. Immutable.
 *
 * <p>The database is everything between the prefix and the first '?': a path, {@code :memory:}, or
 * a {@code file:} URI name. Options after '?' are percent-decoded and, like Properties, checked by
 * {@link Sqlite3jOption#checkAll}; Properties win over URL options of the same name (as in sqlite-jdbc),
 * but an option given twice in the URL is an error. Messages show a long URL or value shortened
 * ({@link Quote}).
 * The URI options {@code mode} and {@code cache} become the query of the {@code file:} name given
 * to SQLite; every other option configures sqlite-jdbc ({@link SQLiteConfig}), so pragmas apply to
 * every connection opened, pooled or not.
 */
final class ConnectionSettings {

    static final String PREFIX = "jdbc:sqlite3:";

    private final String where;
    private final String database;
    private final Map<String, String> options;

    private ConnectionSettings(String where, String database, Map<String, String> options) {
        this.where = where;
        this.database = database;
        this.options = options;
    }

    /** Parses {@code url} (which must start with {@code jdbc:sqlite3:}) merged with {@code info}. */
    static ConnectionSettings parse(String url, Properties info) throws SQLException {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new SQLException("not a jdbc:sqlite3: URL: " + Quote.shorten(url)
                    + "; expected jdbc:sqlite3:<path>[?option=value&...]", "08001");
        }
        String rest = url.substring(PREFIX.length());
        int q = rest.indexOf('?');
        String database = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> merged = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new SQLException("malformed option " + Quote.quote(pair) + " in " + Quote.shorten(url)
                            + "; expected name=value", "08001");
                }
                String name = decode(pair.substring(0, eq), pair, url);
                String value = decode(pair.substring(eq + 1), pair, url);
                String before = merged.putIfAbsent(name, value);
                if (before != null) {
                    throw new SQLException("option " + Quote.quote(name) + " is given twice in "
                            + Quote.shorten(url) + " (" + Quote.quote(before) + " and " + Quote.quote(value)
                            + "); give it once", "08001");
                }
            }
        }
        merged.putAll(Sqlite3jOption.fromProperties(info));
        return of(database, merged, url);
    }

    /** Settings from a database name and options (a data source's), checked. */
    static ConnectionSettings of(String database, Map<String, String> options, String where)
            throws SQLException {
        String shown = Quote.shorten(where);
        return new ConnectionSettings(shown, database, Sqlite3jOption.checkAll(options, shown));
    }

    /** {@code s} percent-decoded ('+' stays itself); a bad escape is an error naming the option. */
    private static String decode(String s, String pair, String url) throws SQLException {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SQLException("malformed option " + Quote.quote(pair) + " in " + Quote.shorten(url)
                    + "; expected name=value with %XX escapes of two hex digits", "08001", e);
        }
    }

    String where() {
        return where;
    }

    String database() {
        return database;
    }

    /** The checked value of {@code option}, else its default (possibly null). */
    String get(Sqlite3jOption option) {
        String v = options.get(option.optionName());
        return v != null ? v : option.defaultValue();
    }

    int detectTypes() {
        return Integer.parseInt(get(Sqlite3jOption.DETECT_TYPES));
    }

    /** {@code jdbc.get_generated_keys=true}: statements that did not ask get their keys too. */
    boolean keysUnasked() {
        return Boolean.parseBoolean(get(Sqlite3jOption.GET_GENERATED_KEYS));
    }

    /** {@code date_storage=python} (the default): dates and times as the ISO text Python reads. */
    boolean pythonDates() {
        return "python".equals(get(Sqlite3jOption.DATE_STORAGE));
    }

    int cachedStatements() {
        return Integer.parseInt(get(Sqlite3jOption.CACHED_STATEMENTS));
    }

    int busyTimeoutMillis() {
        String ms = get(Sqlite3jOption.BUSY_TIMEOUT);
        if (ms != null) {
            return Integer.parseInt(ms);
        }
        return SqliteOpener.busyMillis(Double.parseDouble(get(Sqlite3jOption.TIMEOUT)));
    }

    /** The file name sqlite-jdbc opens: the database, as a {@code file:} URI when URI options apply. */
    String sqliteName() {
        String mode = get(Sqlite3jOption.MODE);
        String cache = get(Sqlite3jOption.CACHE);
        boolean uri = Boolean.parseBoolean(get(Sqlite3jOption.URI)) || database.startsWith("file:")
                || mode != null || cache != null;
        if (!uri) {
            return database;
        }
        StringBuilder name = new StringBuilder(database.startsWith("file:") ? database : "file:" + database);
        char sep = '?';
        if (mode != null) {
            name.append(sep).append("mode=").append(mode);
            sep = '&';
        }
        if (cache != null) {
            name.append(sep).append("cache=").append(cache);
        }
        return name.toString();
    }

    /** sqlite-jdbc's configuration: pass-through options first, then ours over them. */
    SQLiteConfig config() {
        Properties pass = new Properties();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (Sqlite3jOption.passThrough().containsKey(e.getKey())) {
                pass.setProperty(e.getKey(), e.getValue());
            }
        }
        SQLiteConfig config = new SQLiteConfig(pass);
        config.setBusyTimeout(busyTimeoutMillis());
        config.setTransactionMode(get(Sqlite3jOption.ISOLATION_LEVEL));
        String journal = get(Sqlite3jOption.JOURNAL_MODE);
        if (journal != null) {
            config.setJournalMode(SQLiteConfig.JournalMode.valueOf(journal));
        }
        String sync = get(Sqlite3jOption.SYNCHRONOUS);
        if (sync != null) {
            config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(sync));
        }
        String fk = get(Sqlite3jOption.FOREIGN_KEYS);
        if (fk != null) {
            config.enforceForeignKeys(Boolean.parseBoolean(fk));
        }
        return config;
    }

    /** Opens a new sqlite-jdbc connection with these settings ({@link SqliteOpener}, as the façade opens). */
    SQLiteConnection open() throws SQLException {
        SQLiteConnection c = SqliteOpener.open(sqliteName(), config());
        try {
            if (!Boolean.parseBoolean(get(Sqlite3jOption.AUTOCOMMIT))) {
                c.setAutoCommit(false);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
