package org.sqlite3j.driver;

import java.sql.SQLException;
import java.util.Properties;

/**
 * The fuzz module's window on the driver's package-private URL parser ({@link ConnectionSettings}): it
 * lives in the driver's package (in the fuzz module's test sources only) so that the parser is fuzzed as
 * it is, without opening a file. Nothing else in the fuzz module is outside {@code org.sqlite3j.fuzz}.
 */
public final class UrlParsing {

    private UrlParsing() {
    }

    /**
     * Parses {@code url} with {@code info} as {@code DriverManager.getConnection} does, then derives what a
     * connection would be opened with (SQLite's file name, sqlite-jdbc's configuration, the settings read
     * at open); returns the file name.
     *
     * @throws SQLException for a URL or option the driver refuses (its one documented exception)
     */
    public static String parse(String url, Properties info) throws SQLException {
        ConnectionSettings s = ConnectionSettings.parse(url, info);
        s.config();
        s.detectTypes();
        s.cachedStatements();
        s.busyTimeoutMillis();
        s.keysUnasked();
        s.pythonDates();
        return s.sqliteName();
    }
}
