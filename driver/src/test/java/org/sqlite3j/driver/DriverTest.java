package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/** The driver by URL (Spring's DriverManager style), its options, and what they do to connections. */
class DriverTest {

    @TempDir
    Path dir;

    private String url(String options) {
        return "jdbc:sqlite3:" + dir.resolve("app.db") + options;
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void driverManagerFindsTheDriverByUrlAlone() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(""))) {
            assertThat(c).isInstanceOf(Sqlite3jConnection.class);
            c.createStatement().execute("create table t(x)");
            assertThat(DriverManager.getDriver(url(""))).isInstanceOf(Sqlite3jDriver.class);
        }
        assertThat(dir.resolve("app.db")).exists();
    }

    @Test
    void acceptsOnlyItsOwnPrefix() throws SQLException {
        Sqlite3jDriver d = new Sqlite3jDriver();
        assertThat(d.acceptsURL("jdbc:sqlite3:x.db")).isTrue();
        assertThat(d.acceptsURL("jdbc:sqlite:x.db")).isFalse();
        assertThat(d.acceptsURL("jdbc:sqlite3")).isFalse();
        assertThat(d.connect("jdbc:sqlite:x.db", new Properties())).isNull();
        assertThat(DriverManager.getDriver("jdbc:sqlite:x.db")).isNotInstanceOf(Sqlite3jDriver.class);
    }

    @Test
    void pragmaOptionsApply() throws SQLException {
        try (Connection c = DriverManager.getConnection(
                url("?journal_mode=wal&synchronous=normal&foreign_keys=true&busy_timeout=1234&cache_size=-4000"))) {
            assertThat(one(c, "pragma journal_mode")).isEqualTo("wal");
            assertThat(one(c, "pragma synchronous")).isEqualTo("1");
            assertThat(one(c, "pragma foreign_keys")).isEqualTo("1");
            assertThat(one(c, "pragma busy_timeout")).isEqualTo("1234");
            assertThat(one(c, "pragma cache_size")).isEqualTo("-4000");
        }
    }

    @Test
    void timeoutIsPythonsSecondsAndDefaultsToFive() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(""))) {
            assertThat(one(c, "pragma busy_timeout")).isEqualTo("5000");
        }
        try (Connection c = DriverManager.getConnection(url("?timeout=0.25"))) {
            assertThat(one(c, "pragma busy_timeout")).isEqualTo("250");
        }
    }

    /**
     * The driver opens SQLite as the façade does (one opener): SQL text up to CPython's SQLite limit of
     * 10^9 bytes, where SQLite 3.53's own default refuses more than 1,000,000 ("string or blob too big").
     */
    @Test
    void sqlTextAsLongAsCPythonAllows() throws SQLException {
        String sql = "select '" + "x".repeat(1_500_000) + "'";
        try (Connection c = DriverManager.getConnection(url(""));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).hasSize(1_500_000);
        }
    }

    @Test
    void propertiesApplyAndWinOverTheUrlAsInSqliteJdbc() throws SQLException {
        Properties info = new Properties();
        info.setProperty("foreign_keys", "true");
        info.setProperty("journal_mode", "TRUNCATE");
        info.setProperty("user", "sa");
        try (Connection c = DriverManager.getConnection(url("?journal_mode=WAL&synchronous=OFF"), info)) {
            assertThat(one(c, "pragma foreign_keys")).isEqualTo("1");
            assertThat(one(c, "pragma journal_mode")).isEqualTo("truncate");
            assertThat(one(c, "pragma synchronous")).isEqualTo("0");
        }
        java.sql.DriverPropertyInfo journal = java.util.Arrays.stream(new Sqlite3jDriver()
                .getPropertyInfo(url("?journal_mode=WAL"), info))
                .filter(p -> p.name.equals("journal_mode")).findFirst().orElseThrow();
        assertThat(journal.value).isEqualTo("TRUNCATE");
    }

    @Test
    void theMetadataKeepsSqliteJdbcsUrlByWhichToolsRecogniseSqlite() throws SQLException {
        // jOOQ's dialect detection reads getURL() before the product name: jdbc:sqlite: is SQLITE
        try (Connection c = DriverManager.getConnection(url("?foreign_keys=true"))) {
            assertThat(c.getMetaData().getURL()).startsWith("jdbc:sqlite:").doesNotStartWith("jdbc:sqlite3:");
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("SQLite");
        }
    }

    @Test
    void generatedKeysAreOffByDefaultAndCanBeTurnedOn() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(""))) {
            c.createStatement().execute("create table t(id integer primary key, x)");
            try (PreparedStatement p = c.prepareStatement("insert into t(x) values (1)")) {
                p.executeUpdate();
                assertThat(p.getGeneratedKeys().next()).isFalse();
            }
        }
        try (Connection c = DriverManager.getConnection(url("?jdbc.get_generated_keys=true"))) {
            try (PreparedStatement p = c.prepareStatement("insert into t(x) values (2)")) {
                p.executeUpdate();
                ResultSet keys = p.getGeneratedKeys();
                assertThat(keys.next()).isTrue();
                assertThat(keys.getObject(1)).isEqualTo(2L);
            }
        }
    }

    @Test
    void autocommitFalseBeginsAndIsolationLevelChoosesTheBegin() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("?autocommit=false&isolation_level=immediate"));
                Connection other = DriverManager.getConnection(url("?timeout=0"))) {
            assertThat(c.getAutoCommit()).isFalse();
            // BEGIN IMMEDIATE holds the write lock before any write
            assertThatThrownBy(() -> other.createStatement().execute("create table t(x)"))
                    .hasMessageContaining("SQLITE_BUSY");
            c.rollback();
        }
    }

    @Test
    void modeRoRefusesWrites() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(""))) {
            c.createStatement().execute("create table t(x)");
        }
        try (Connection c = DriverManager.getConnection(url("?mode=ro"))) {
            assertThat(one(c, "select count(*) from t")).isEqualTo("0");
            assertThatThrownBy(() -> c.createStatement().execute("insert into t values (1)"))
                    .hasMessageContaining("readonly");
        }
    }

    @Test
    void sharedCacheMemoryIsOneDatabaseForTwoConnections() throws SQLException {
        String shared = "jdbc:sqlite3:file:drivertest_mem?mode=memory&cache=shared";
        try (Connection a = DriverManager.getConnection(shared); Connection b = DriverManager.getConnection(shared)) {
            a.createStatement().execute("create table t(x)");
            a.createStatement().execute("insert into t values (42)");
            assertThat(one(b, "select x from t")).isEqualTo("42");
        }
        try (Connection a = DriverManager.getConnection("jdbc:sqlite3::memory:");
                Connection b = DriverManager.getConnection("jdbc:sqlite3::memory:")) {
            a.createStatement().execute("create table t(x)");
            assertThatThrownBy(() -> one(b, "select x from t")).hasMessageContaining("no such table");
        }
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void unwrapReachesSqliteJdbc() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(""))) {
            assertThat(c.isWrapperFor(SQLiteConnection.class)).isTrue();
            SQLiteConnection raw = c.unwrap(SQLiteConnection.class);
            assertThat(raw.getBusyTimeout()).isEqualTo(5000);
            assertThat(c.unwrap(Sqlite3jConnection.class)).isSameAs(c);
            Statement s = c.createStatement();
            assertThat(s.getConnection()).isSameAs(c);
            ResultSet rs = s.executeQuery("select 1");
            assertThat(rs.getStatement()).isSameAs(s);
        }
    }

    @Test
    void badUrlsAreErrors() {
        assertThatThrownBy(() -> ConnectionSettings.parse("jdbc:sqlite:x", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("not a jdbc:sqlite3: URL: jdbc:sqlite:x");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3:" + dir + "/missing/dir/x.db"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void globalConvertersApplyToConnectionsByUrl() throws SQLException {
        org.sqlite3j.adapters.Converters.global().register("drivertestpoint",
                b -> Point.parse(new String(b, java.nio.charset.StandardCharsets.US_ASCII)));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite3::memory:?detect_types=2");
                ResultSet rs = c.createStatement().executeQuery("select '1;2' as \"p [drivertestpoint]\"")) {
            rs.next();
            assertThat(rs.getObject(1)).isEqualTo(new Point(1, 2));
            assertThat(rs.getObject("p")).isEqualTo(new Point(1, 2));
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("p");
        } finally {
            org.sqlite3j.adapters.Converters.global().unregister("drivertestpoint");
        }
    }

    @Test
    void metaDataLeadsBackToThisConnection() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(""))) {
            c.createStatement().execute("create table t(x)");
            java.sql.DatabaseMetaData md = c.getMetaData();
            assertThat(md.getConnection()).isSameAs(c);
            assertThat(c.getMetaData()).isSameAs(md);
            assertThat(md.getDatabaseProductName()).isEqualTo("SQLite");
            assertThat(md.getURL()).as("tools recognise SQLite by sqlite-jdbc's URL").startsWith("jdbc:sqlite:");
            assertThat(md.getDriverName()).isEqualTo("sqlite3j");
            assertThat(md.getDriverVersion()).contains("sqlite-jdbc 3.53");
            assertThat(md.getDriverMajorVersion()).isEqualTo(new Sqlite3jDriver().getMajorVersion());
            try (ResultSet tables = md.getTables(null, null, "t", null)) {
                assertThat(tables.next()).isTrue();
                assertThat(tables.getString("TABLE_NAME")).isEqualTo("t");
            }
            assertThat(md.isWrapperFor(org.sqlite.jdbc4.JDBC4DatabaseMetaData.class)).isTrue();
            assertThat(md.unwrap(org.sqlite.jdbc4.JDBC4DatabaseMetaData.class)).isNotNull();
            assertThatThrownBy(() -> md.unwrap(String.class)).isInstanceOf(SQLException.class);
            c.close();
            assertThatThrownBy(() -> md.getTables(null, null, "t", null)).isInstanceOf(SQLException.class);
        }
    }
}
