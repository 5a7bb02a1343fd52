package org.sqlite3j.driver;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Converters;

/**
 * The {@code jdbc:sqlite3:} driver: {@code jdbc:sqlite3:<path>[?option=value&...]} with the options
 * of {@link Sqlite3jOption}. Registered with {@link DriverManager} when loaded, and found through
 * {@code META-INF/services/java.sql.Driver}, so a URL alone is enough (Spring, HikariCP's
 * {@code jdbcUrl}). Accepts no other URL: {@code jdbc:sqlite:} stays sqlite-jdbc's.
 *
 * <p>Connections from here use the global adapter and converter registries (each connection on its
 * own child); a {@link Sqlite3jDataSource} has registries of its own.
 */
public final class Sqlite3jDriver implements Driver {

    static {
        try {
            DriverManager.registerDriver(new Sqlite3jDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Loads (and so registers) the driver; for code that cannot rely on the service loader. */
    public static void register() {
        // the static initializer did the work
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        ConnectionSettings settings = ConnectionSettings.parse(url, info);
        return new Sqlite3jConnection(settings.open(), settings, Adapters.global(), Converters.global());
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(ConnectionSettings.PREFIX);
    }

    /** Every option, with the value given in {@code url} or {@code info} ({@code info} wins, as in connect). */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Map<String, String> given = new LinkedHashMap<>();
        if (url != null) {
            int q = url.indexOf('?');
            if (q >= 0) {
                for (String pair : url.substring(q + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        given.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            }
        }
        given.putAll(Sqlite3jOption.fromProperties(info));
        return Sqlite3jOption.propertyInfo(given);
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** SQLite is not a full SQL-92 entry level implementation, so not JDBC compliant. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("org.sqlite3j.driver");
    }
}
