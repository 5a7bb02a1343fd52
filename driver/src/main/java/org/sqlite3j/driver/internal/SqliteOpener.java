package org.sqlite3j.driver.internal;

import java.nio.file.Path;
import java.sql.SQLException;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

/**
 * The one way sqlite3j opens SQLite, for the JDBC driver ({@code ConnectionSettings}) and the façade
 * ({@code Sqlite3.connect}) alike: the busy timeout from Python's seconds, generated keys left to our own
 * statements, {@code file:} names opened as URIs, and SQL text as long as CPython's SQLite allows.
 * Public only for dbapi (an internal package: not an API).
 */
public final class SqliteOpener {

    /** SQLITE_LIMIT_SQL_LENGTH of the SQLite CPython links (its default, SQLITE_MAX_SQL_LENGTH). */
    public static final int CPYTHON_SQL_LENGTH = 1_000_000_000;
    private static final int SQLITE_LIMIT_SQL_LENGTH = 1;

    private SqliteOpener() {
    }

    /** Python's {@code timeout} (seconds) as SQLite's busy timeout in milliseconds, clamped to an int. */
    public static int busyMillis(double seconds) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.round(seconds * 1000)));
    }

    /**
     * A plain file name as a {@code file:} URI naming the same file, so that '?', '#' and '%' in it mean
     * themselves, as they do for Python's {@code connect()}.
     */
    public static String fileUri(String path) {
        String absolute = Path.of(path).toAbsolutePath().toString();
        StringBuilder sb = new StringBuilder("file:");
        for (int i = 0; i < absolute.length(); i++) {
            char c = absolute.charAt(i);
            switch (c) {
                case '%' -> sb.append("%25");
                case '?' -> sb.append("%3F");
                case '#' -> sb.append("%23");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Opens {@code sqliteName} (a path, {@code :memory:} or a {@code file:} URI) with {@code config}.
     * SQLite 3.53 starts SQL text at 1,000,000 bytes (its hard maximum is 2^30); CPython's SQLite allows
     * 10^9, so a long script or dump CPython runs would be refused otherwise.
     */
    public static SQLiteConnection open(String sqliteName, SQLiteConfig config) throws SQLException {
        // generated keys are recorded by our statements, only for those that ask
        config.setGetGeneratedKeys(false);
        if (sqliteName.startsWith("file:")) {
            config.setOpenMode(SQLiteOpenMode.OPEN_URI);
        }
        SQLiteConnection c = (SQLiteConnection) config.createConnection("jdbc:sqlite:" + sqliteName);
        try {
            if (c.getDatabase().limit(SQLITE_LIMIT_SQL_LENGTH, -1) < CPYTHON_SQL_LENGTH) {
                c.getDatabase().limit(SQLITE_LIMIT_SQL_LENGTH, CPYTHON_SQL_LENGTH);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
