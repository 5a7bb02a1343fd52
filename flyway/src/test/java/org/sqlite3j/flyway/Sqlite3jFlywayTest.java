package org.sqlite3j.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.driver.Sqlite3jDataSource;

/** Flyway on real {@code jdbc:sqlite3:} database files. */
class Sqlite3jFlywayTest {

    static final String V1 = "CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n";
    static final String V2 = "INSERT INTO person(name) VALUES ('Ada');\n"
            + "INSERT INTO person(name) VALUES ('Grace');\n";
    /** Creates a table, then fails: the whole migration must be rolled back. */
    static final String V3_BAD = "CREATE TABLE pet(id INTEGER PRIMARY KEY, owner INTEGER);\n"
            + "INSERT INTO pet(owner) VALUES (1);\n"
            + "INSERT INTO no_such_table VALUES (1);\n";

    @TempDir
    Path dir;
    Path migrations;
    Path db;
    String url;

    @BeforeEach
    void setUp() throws IOException {
        migrations = Files.createDirectories(dir.resolve("migrations"));
        write("V1__create_person.sql", V1);
        write("V2__add_people.sql", V2);
        db = dir.resolve("app.db");
        url = "jdbc:sqlite3:" + db;
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql, StandardCharsets.UTF_8);
    }

    private Flyway flyway(String url) {
        return Flyway.configure().dataSource(url, null, null)
                .locations("filesystem:" + migrations).load();
    }

    private Flyway flyway(DataSource ds) {
        return Flyway.configure().dataSource(ds).locations("filesystem:" + migrations).load();
    }

    @Test
    void migratesByUrl() throws SQLException {
        MigrateResult result = flyway(url).migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(2);
        assertThat(result.targetSchemaVersion).isEqualTo("2");
        assertThat(names(url)).containsExactly("Ada", "Grace");
        assertThat(history(url)).containsExactly("1|create person|1", "2|add people|1");
        // the file is a plain SQLite database: sqlite-jdbc reads it too
        assertThat(names("jdbc:sqlite:" + db)).containsExactly("Ada", "Grace");
    }

    @Test
    void migratesByDataSource() throws SQLException {
        Sqlite3jDataSource ds = new Sqlite3jDataSource();
        ds.setDatabase(db.toString());
        ds.setJournalMode("WAL");

        MigrateResult result = flyway(ds).migrate();

        assertThat(result.migrationsExecuted).isEqualTo(2);
        assertThat(names(url)).containsExactly("Ada", "Grace");
        assertThat(history(url)).containsExactly("1|create person|1", "2|add people|1");
        // a second migrate has nothing to do
        assertThat(flyway(ds).migrate().migrationsExecuted).isZero();
    }

    @Test
    void infoShowsMigrationsAppliedAndValidatePasses() throws IOException {
        Flyway flyway = flyway(url);
        assertThat(flyway.info().pending()).hasSize(2);

        flyway.migrate();
        write("V3__add_pet.sql", "CREATE TABLE pet(id INTEGER PRIMARY KEY);\n");

        MigrationInfo[] all = flyway(url).info().all();
        assertThat(all).extracting(i -> i.getVersion().getVersion(), MigrationInfo::getState)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1", MigrationState.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("2", MigrationState.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("3", MigrationState.PENDING));
        assertThat(flyway(url).info().current().getVersion().getVersion()).isEqualTo("2");
        assertThat(all[0].getInstalledOn()).isNotNull();
        assertThat(all[0].getChecksum()).isNotNull();

        // pending migrations are not a validation error when ignored; applied ones must match
        Flyway strict = Flyway.configure().dataSource(url, null, null)
                .locations("filesystem:" + migrations).ignoreMigrationPatterns("*:pending").load();
        strict.validate();
        assertThat(strict.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void changedChecksumFailsValidation() throws IOException {
        flyway(url).migrate();
        write("V2__add_people.sql", V2 + "INSERT INTO person(name) VALUES ('Linus');\n");

        Flyway flyway = flyway(url);
        assertThat(flyway.validateWithResult().validationSuccessful).isFalse();
        assertThatThrownBy(flyway::validate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("2");
        // and migrate refuses to go on (validateOnMigrate)
        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void failingMigrationIsRolledBack() throws IOException, SQLException {
        write("V3__bad.sql", V3_BAD);

        Flyway flyway = flyway(url);
        assertThatThrownBy(flyway::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("V3__bad.sql")
                .hasMessageContaining("no such table: no_such_table");

        // V1 and V2 stay applied; V3's table and row are gone with its transaction
        assertThat(tables(url)).contains("person", "flyway_schema_history").doesNotContain("pet");
        assertThat(names(url)).containsExactly("Ada", "Grace");
        // SQLite has transactional DDL: Flyway records nothing for the rolled-back V3
        assertThat(history(url)).containsExactly("1|create person|1", "2|add people|1");
        assertThat(flyway(url).info().all()).extracting(MigrationInfo::getState)
                .containsExactly(MigrationState.SUCCESS, MigrationState.SUCCESS, MigrationState.PENDING);

        // fixed, it applies
        write("V3__bad.sql", "CREATE TABLE pet(id INTEGER PRIMARY KEY, owner INTEGER);\n");
        assertThat(flyway(url).migrate().migrationsExecuted).isEqualTo(1);
        assertThat(tables(url)).contains("pet");
    }

    @Test
    void cleanDropsEverythingWhenEnabled() throws SQLException {
        flyway(url).migrate();
        assertThatThrownBy(() -> flyway(url).clean()).isInstanceOf(FlywayException.class)
                .hasMessageContaining("clean");
        assertThat(tables(url)).contains("person");

        Flyway.configure().dataSource(url, null, null).locations("filesystem:" + migrations)
                .cleanDisabled(false).load().clean();

        assertThat(tables(url)).doesNotContain("person", "flyway_schema_history");
        assertThat(flyway(url).migrate().migrationsExecuted).isEqualTo(2);
        assertThat(names(url)).containsExactly("Ada", "Grace");
    }

    // ---- reading the database back with plain JDBC ----

    static List<String> names(String url) throws SQLException {
        return column(url, "SELECT name FROM person ORDER BY id");
    }

    static List<String> tables(String url) throws SQLException {
        return column(url, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }

    /** version|description|success of each row of the schema history. */
    static List<String> history(String url) throws SQLException {
        return column(url, "SELECT version || '|' || description || '|' || success"
                + " FROM flyway_schema_history ORDER BY installed_rank");
    }

    static List<String> column(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

}
