package org.sqlite3j.flyway;

import java.sql.Connection;
import java.sql.SQLException;

import org.flywaydb.core.internal.database.sqlite.SQLiteDatabaseType;
import org.sqlite3j.driver.Sqlite3jConnection;

/**
 * Flyway's SQLite support for {@code jdbc:sqlite3:} URLs: Flyway's own {@link SQLiteDatabaseType}
 * (same parser, same {@code SQLiteDatabase}, same schema history, same name "SQLite"), except that
 * it accepts {@code jdbc:sqlite3:} URLs and loads {@value #DRIVER_CLASS} for them. Found by Flyway
 * through {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}, so a URL is enough:
 * {@code Flyway.configure().dataSource("jdbc:sqlite3:app.db", null, null)}, the Flyway CLI, its
 * Maven plugin and Spring Boot's {@code spring.flyway.url}.
 *
 * <p>It never takes {@code jdbc:sqlite:}: a URL of sqlite-jdbc is not one of ours, and among
 * connections (a {@code DataSource}) it claims only those that are, or wrap, a
 * {@link Sqlite3jConnection}; every other SQLite connection goes on to Flyway's own type. For a
 * {@code jdbc:sqlite3:} connection both types would answer to the product name "SQLite", so this
 * one has a higher {@linkplain #getPriority() priority} (Flyway asks types in descending priority).
 */
public class Sqlite3jDatabaseType extends SQLiteDatabaseType {

    /** The URL prefix this type handles. */
    public static final String URL_PREFIX = "jdbc:sqlite3:";

    /** The driver Flyway loads for {@link #URL_PREFIX} URLs. */
    public static final String DRIVER_CLASS = "org.sqlite3j.driver.Sqlite3jDriver";

    /** Above Flyway's SQLite type (0), so that a {@code jdbc:sqlite3:} connection is ours. */
    static final int PRIORITY = 1;

    @Override
    public boolean handlesJDBCUrl(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return DRIVER_CLASS;
    }

    /** SQLite connections of this driver only (also behind a pool's proxy). */
    @Override
    public boolean handlesDatabaseProductNameAndVersion(String databaseProductName,
            String databaseProductVersion, Connection connection) {
        return super.handlesDatabaseProductNameAndVersion(databaseProductName, databaseProductVersion,
                connection) && isSqlite3j(connection);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    private static boolean isSqlite3j(Connection connection) {
        if (connection == null) {
            return false;
        }
        if (connection instanceof Sqlite3jConnection) {
            return true;
        }
        try {
            return connection.isWrapperFor(Sqlite3jConnection.class);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
