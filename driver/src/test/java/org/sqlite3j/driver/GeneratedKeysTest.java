package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * getGeneratedKeys as JDBC defines it: keys whenever a statement asks (RETURN_GENERATED_KEYS, column
 * names, column indexes; prepareStatement and execute*), one per inserted row, an empty result set
 * when it did not ask — never a 0 read from nowhere.
 */
class GeneratedKeysTest {

    @TempDir
    Path dir;

    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:sqlite3:" + dir.resolve("keys.db"));
        try (Statement s = c.createStatement()) {
            s.execute("create table person(id integer primary key, name text not null)");
            s.execute("insert into person(id, name) values (99, 'first')");
            s.execute("create table tag(code text primary key, label text) without rowid");
            s.execute("create table plain(x)");
        }
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<Long> keys(Statement s) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = s.getGeneratedKeys()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    @Test
    void metadataTellsTheTruth() throws SQLException {
        assertThat(c.getMetaData().supportsGetGeneratedKeys()).isTrue();
    }

    @Test
    void preparedWithReturnGeneratedKeys() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into person(name) values (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "a");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            assertThat(keys(ps)).containsExactly(100L);
            ps.setString(1, "b");
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("last_insert_rowid()");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1)).isEqualTo(101L);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aStatementThatDidNotAskGetsAnEmptyResultNeverAZero() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into person(name) values ('x')")) {
            ps.executeUpdate();
            assertThat(keys(ps)).isEmpty();
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into person(name) values ('y')");
            assertThat(keys(s)).isEmpty();
            // the same statement asking next time gets the key of that execution only
            s.executeUpdate("insert into person(name) values ('z')", Statement.RETURN_GENERATED_KEYS);
            assertThat(keys(s)).containsExactly(102L);
            s.executeUpdate("insert into person(name) values ('w')");
            assertThat(keys(s)).isEmpty();
        }
    }

    @Test
    void everyRowOfAMultiRowInsertAndOfABatch() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("insert into person(name) values ('a'), ('b'), ('c')",
                    Statement.RETURN_GENERATED_KEYS)).isEqualTo(3);
            assertThat(keys(s)).containsExactly(100L, 101L, 102L);
        }
        try (PreparedStatement ps = c.prepareStatement("insert into person(id, name) values (?, ?)",
                new String[] {"id"})) {
            for (long id : new long[] {500, 300, 400}) {
                ps.setLong(1, id);
                ps.setString(2, "n" + id);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
            try (ResultSet rs = ps.getGeneratedKeys()) {
                assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("id");
                List<Long> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong("id"));
                }
                assertThat(ids).containsExactly(500L, 300L, 400L);
            }
        }
    }

    @Test
    void executeAndExecuteLargeUpdateAskingByName() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(s.execute("insert into person(name) values ('a')", new String[] {"ID"})).isFalse();
            assertThat(keys(s)).containsExactly(100L);
            assertThat(s.executeLargeUpdate("insert into person(name) values ('b')", new String[] {"rowid"}))
                    .isEqualTo(1L);
            assertThat(keys(s)).containsExactly(101L);
            assertThat(s.executeUpdate("insert into person(name) values ('c')", new int[] {1})).isEqualTo(1);
            assertThat(keys(s)).containsExactly(102L);
        }
    }

    @Test
    void withClauseCommentsQuotedAndQualifiedNamesAndReplace() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("/* lead */ -- comment\n WITH v(n) AS (SELECT 'q') INSERT OR IGNORE INTO"
                    + " main.\"person\"(name) SELECT n FROM v", Statement.RETURN_GENERATED_KEYS);
            assertThat(keys(s)).containsExactly(100L);
            s.executeUpdate("replace into [person](id, name) values (99, 'again')", Statement.RETURN_GENERATED_KEYS);
            assertThat(keys(s)).containsExactly(99L);
        }
    }

    @Test
    void rowsInsertedElsewhereByTriggersAreNotKeys() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table audit(id integer primary key, what)");
            s.execute("insert into audit(id, what) values (1000, 'seed')");
            s.execute("create trigger t after insert on person begin"
                    + " insert into audit(what) values (new.name); end");
            s.executeUpdate("insert into person(name) values ('a'), ('b')", Statement.RETURN_GENERATED_KEYS);
            assertThat(keys(s)).containsExactly(100L, 101L);
        }
    }

    @Test
    void noKeysWhereNothingWasInsertedOrThereIsNoRowid() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("update person set name = 'u'", Statement.RETURN_GENERATED_KEYS);
            assertThat(keys(s)).isEmpty();
            s.executeUpdate("insert or ignore into person(id, name) values (99, 'dup')", Statement.RETURN_GENERATED_KEYS);
            assertThat(keys(s)).isEmpty();
            s.executeUpdate("insert into tag values ('k', 'v')", Statement.RETURN_GENERATED_KEYS);
            assertThat(keys(s)).isEmpty();
        }
    }

    @Test
    void aColumnThatIsNotTheRowidFailsLoudly() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into person(name) values ('n')",
                new String[] {"name"})) {
            ps.executeUpdate();
            assertThatThrownBy(ps::getGeneratedKeys).isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("'name'").hasMessageContaining("INTEGER PRIMARY KEY id")
                    .hasMessageContaining("RETURNING");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into plain values (1)", new int[] {1})) {
            ps.executeUpdate();
            assertThatThrownBy(ps::getGeneratedKeys).isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("'x'").hasMessageContaining("has none");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into plain values (2)", new int[] {7})) {
            ps.executeUpdate();
            assertThatThrownBy(ps::getGeneratedKeys).isInstanceOf(SQLException.class)
                    .hasMessageContaining("index 7").hasMessageContaining("1 to 1");
        }
        // a table without an alias still has its rowid by name
        try (PreparedStatement ps = c.prepareStatement("insert into plain values (3)", new String[] {"rowid"})) {
            ps.executeUpdate();
            assertThat(keys(ps)).containsExactly(3L);
        }
    }

    @Test
    void badRequestsAreRefused() {
        assertThatThrownBy(() -> c.prepareStatement("insert into plain values (1)", 7))
                .isInstanceOf(SQLException.class).hasMessageContaining("got 7");
        assertThatThrownBy(() -> c.prepareStatement("insert into plain values (1)", new String[0]))
                .isInstanceOf(SQLException.class).hasMessageContaining("non-empty");
    }

    @Test
    void theOptionGivesKeysToStatementsThatDidNotAsk() throws SQLException {
        try (Connection k = DriverManager.getConnection("jdbc:sqlite3:" + dir.resolve("keys.db")
                + "?jdbc.get_generated_keys=true"); Statement s = k.createStatement()) {
            s.executeUpdate("insert into person(name) values ('o')");
            assertThat(keys(s)).containsExactly(100L);
            try (PreparedStatement ps = k.prepareStatement("insert into person(name) values ('p')")) {
                ps.executeUpdate();
                assertThat(keys(ps)).containsExactly(101L);
            }
        }
    }

    @Test
    void cachedStatementsKeepTheirOwnRequest() throws SQLException {
        String sql = "insert into person(name) values ('c')";
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.executeUpdate();
            assertThat(keys(ps)).containsExactly(100L);
        }
        // the same SQL from the cache, without keys this time
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
            assertThat(keys(ps)).isEmpty();
        }
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.executeUpdate();
            assertThat(keys(ps)).containsExactly(102L);
        }
    }

    @Test
    void keysOfAClosedStatementAreRefused() throws SQLException {
        PreparedStatement ps = c.prepareStatement("insert into plain values (1)", Statement.RETURN_GENERATED_KEYS);
        ps.executeUpdate();
        ps.close();
        assertThatThrownBy(ps::getGeneratedKeys).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    @Test
    void throughAHikariPool() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + dir.resolve("keys.db"));
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            for (long expected = 100; expected < 103; expected++) {
                try (Connection p = pool.getConnection();
                     PreparedStatement ps = p.prepareStatement("insert into person(name) values (?)",
                             Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, "h");
                    ps.executeUpdate();
                    assertThat(keys(ps)).containsExactly(expected);
                }
            }
        }
    }
}
