package org.sqlite3j.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.flywaydb.core.internal.database.sqlite.SQLiteDatabaseType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.driver.Sqlite3jDataSource;

/** Flyway finds the plugin by itself, gives it jdbc:sqlite3: and leaves jdbc:sqlite: to its own type. */
class PluginDiscoveryTest {

    @TempDir
    Path dir;

    private final ClassicConfiguration config = new ClassicConfiguration();

    @Test
    void flywayLoadsThePluginThroughItsServiceFile() {
        assertThat(DatabaseTypeRegister.getDatabaseTypes())
                .hasAtLeastOneElementOfType(Sqlite3jDatabaseType.class)
                .anySatisfy(t -> assertThat(t).isExactlyInstanceOf(SQLiteDatabaseType.class));
    }

    @Test
    void ourTypeIsAskedBeforeFlywaysSqliteType() {
        assertThat(new Sqlite3jDatabaseType().getPriority()).isGreaterThan(new SQLiteDatabaseType().getPriority());
        var types = DatabaseTypeRegister.getDatabaseTypes();
        int ours = -1;
        int theirs = -1;
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).getClass() == Sqlite3jDatabaseType.class) {
                ours = i;
            } else if (types.get(i).getClass() == SQLiteDatabaseType.class) {
                theirs = i;
            }
        }
        assertThat(ours).isNotNegative().isLessThan(theirs);
    }

    @Test
    void jdbcSqlite3UrlIsOursWithOurDriver() {
        DatabaseType type = DatabaseTypeRegister.getDatabaseTypeForUrl("jdbc:sqlite3:" + dir.resolve("a.db"), config);

        assertThat(type).isExactlyInstanceOf(Sqlite3jDatabaseType.class);
        assertThat(type.getName()).isEqualTo("SQLite");
        assertThat(type.getDriverClass("jdbc:sqlite3:a.db", getClass().getClassLoader()))
                .isEqualTo("org.sqlite3j.driver.Sqlite3jDriver");
        assertThat(DatabaseTypeRegister.getDatabaseTypesForUrl("jdbc:sqlite3:a.db?timeout=1", config))
                .hasSize(1);
    }

    @Test
    void jdbcSqliteUrlStaysFlywaysOwn() {
        DatabaseType type = DatabaseTypeRegister.getDatabaseTypeForUrl("jdbc:sqlite:" + dir.resolve("a.db"), config);

        assertThat(type).isExactlyInstanceOf(SQLiteDatabaseType.class);
        assertThat(type.getDriverClass("jdbc:sqlite:a.db", getClass().getClassLoader())).isEqualTo("org.sqlite.JDBC");
        assertThat(DatabaseTypeRegister.getDatabaseTypesForUrl("jdbc:sqlite:a.db", config)).hasSize(1);
    }

    @Test
    void connectionsGoToTheTypeOfTheirDriver() throws Exception {
        try (Connection ours = DriverManager.getConnection("jdbc:sqlite3:" + dir.resolve("a.db"));
                Connection theirs = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("b.db"));
                Connection viaDataSource = new Sqlite3jDataSource("jdbc:sqlite3:" + dir.resolve("c.db")).getConnection();
                Connection pooledHandle = new Sqlite3jDataSource("jdbc:sqlite3:" + dir.resolve("d.db"))
                        .getPooledConnection().getConnection()) {
            assertThat(DatabaseTypeRegister.getDatabaseTypeForConnection(ours, config))
                    .isExactlyInstanceOf(Sqlite3jDatabaseType.class);
            assertThat(DatabaseTypeRegister.getDatabaseTypeForConnection(viaDataSource, config))
                    .isExactlyInstanceOf(Sqlite3jDatabaseType.class);
            assertThat(DatabaseTypeRegister.getDatabaseTypeForConnection(pooledHandle, config))
                    .isExactlyInstanceOf(Sqlite3jDatabaseType.class);
            assertThat(DatabaseTypeRegister.getDatabaseTypeForConnection(theirs, config))
                    .isExactlyInstanceOf(SQLiteDatabaseType.class);
        }
    }

    @Test
    void jdbcSqliteStillMigratesWithFlywaysType() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("m"));
        Files.writeString(migrations.resolve("V1__t.sql"), "CREATE TABLE t(x);\nINSERT INTO t VALUES (42);\n");
        String url = "jdbc:sqlite:" + dir.resolve("plain.db");

        Flyway.configure().dataSource(url, null, null).locations("filesystem:" + migrations).load().migrate();

        assertThat(Sqlite3jFlywayTest.column(url, "SELECT x FROM t")).containsExactly("42");
        // and the same file opened through jdbc:sqlite3: is already up to date
        assertThat(Flyway.configure().dataSource("jdbc:sqlite3:" + dir.resolve("plain.db"), null, null)
                .locations("filesystem:" + migrations).load().migrate().migrationsExecuted).isZero();
    }

    @Test
    void otherUrlsAreStillUnknown() {
        assertThatThrownBy(() -> DatabaseTypeRegister.getDatabaseTypeForUrl("jdbc:sqlite4:a.db", config))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("No Flyway database plugin found");
    }
}
