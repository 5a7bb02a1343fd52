package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.BusyHandler;
import org.sqlite.Collation;
import org.sqlite.Function;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteUpdateListener;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * sqlite-jdbc's own API on a {@code jdbc:sqlite3:} connection, which is an {@link SQLiteConnection}:
 * each helper of sqlite-jdbc's that takes a connection works on it (directly, after a cast, and through
 * a HikariCP proxy's unwrap), and what is done through it keeps our adapters and statement cache.
 */
class SqliteJdbcApiTest {

    @TempDir
    Path dir;

    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:sqlite3:" + dir.resolve("api.db"));
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static String one(Connection c, String sql) throws SQLException {
        return DriverTest.one(c, sql);
    }

    @Test
    void theConnectionIsAnSqliteConnectionAndUnwrapsToItself() throws SQLException {
        assertThat(c).isInstanceOf(SQLiteConnection.class);
        SQLiteConnection cast = (SQLiteConnection) c;
        assertThat(c.isWrapperFor(SQLiteConnection.class)).isTrue();
        assertThat(c.unwrap(SQLiteConnection.class)).isSameAs(c);
        assertThat(cast.libversion()).startsWith("3.");
        assertThat(cast.getUrl()).contains("api.db");
        assertThat(cast.getDatabase()).isSameAs(((Sqlite3jConnection) c).sqliteConnection().getDatabase());
    }

    @Test
    void functionsAndAggregatesOfSqliteJdbc() throws SQLException {
        Function.create(c, "twice", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(value_int(0) * 2);
            }
        });
        Function.create(c, "total2", new Function.Aggregate() {
            long sum;

            @Override
            protected void xStep() throws SQLException {
                sum += value_long(0);
            }

            @Override
            protected void xFinal() throws SQLException {
                result(sum * 2);
            }
        });
        assertThat(one(c, "select twice(21)")).isEqualTo("42");
        assertThat(one(c, "select total2(x) from (select 1 x union all select 2)")).isEqualTo("6");
        Function.destroy(c, "twice");
        assertThatThrownBy(() -> one(c, "select twice(1)")).isInstanceOf(SQLException.class)
                .hasMessageContaining("no such function");
    }

    @Test
    void collations() throws SQLException {
        Collation.create(c, "REVERSE", new Collation() {
            @Override
            protected int xCompare(String a, String b) {
                return b.compareTo(a);
            }
        });
        List<String> order = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select x from (select 'a' x union all select 'c' union all"
                     + " select 'b') order by x collate REVERSE")) {
            while (rs.next()) {
                order.add(rs.getString(1));
            }
        }
        assertThat(order).containsExactly("c", "b", "a");
    }

    @Test
    void progressHandlerInterrupts() throws SQLException {
        AtomicInteger calls = new AtomicInteger();
        ProgressHandler.setHandler(c, 100, new ProgressHandler() {
            @Override
            protected int progress() {
                return calls.incrementAndGet() > 3 ? 1 : 0;
            }
        });
        assertThatThrownBy(() -> one(c, "with recursive r(n) as (select 1 union all select n + 1 from r)"
                + " select count(*) from r")).isInstanceOf(SQLException.class).hasMessageContaining("interrupt");
        ProgressHandler.clearHandler(c);
        assertThat(one(c, "select 1")).isEqualTo("1");
        assertThat(calls.get()).isGreaterThan(3);
    }

    @Test
    void busyHandlerIsCalledWhileLocked() throws SQLException {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite3:" + dir.resolve("api.db"));
             Statement s = c.createStatement()) {
            s.execute("create table t(x)");
            s.execute("begin immediate");
            AtomicInteger tries = new AtomicInteger();
            BusyHandler.setHandler(other, new BusyHandler() {
                @Override
                protected int callback(int n) {
                    return tries.incrementAndGet() < 3 ? 1 : 0;
                }
            });
            assertThatThrownBy(() -> other.createStatement().executeUpdate("insert into t values (1)"))
                    .isInstanceOf(SQLException.class);
            assertThat(tries.get()).isEqualTo(3);
            s.execute("rollback");
        }
    }

    @Test
    void updateAndCommitListeners() throws SQLException {
        SQLiteConnection sc = c.unwrap(SQLiteConnection.class);
        List<String> seen = new ArrayList<>();
        SQLiteUpdateListener updates = (type, db, table, rowid) -> seen.add(type + " " + table + " " + rowid);
        sc.addUpdateListener(updates);
        AtomicInteger commits = new AtomicInteger();
        sc.addCommitListener(new org.sqlite.SQLiteCommitListener() {
            @Override
            public void onCommit() {
                commits.incrementAndGet();
            }

            @Override
            public void onRollback() {
            }
        });
        try (Statement s = c.createStatement()) {
            s.execute("create table t(x)");
            s.execute("insert into t values (1)");
            s.execute("update t set x = 2");
        }
        sc.removeUpdateListener(updates);
        try (Statement s = c.createStatement()) {
            s.execute("delete from t");
        }
        assertThat(seen).containsExactly("INSERT t 1", "UPDATE t 1");
        assertThat(commits.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void serializeAndDeserialize() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table t(x)");
            s.execute("insert into t values ('kept')");
        }
        byte[] image = ((SQLiteConnection) c).serialize("main");
        assertThat(new String(image, 0, 15, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3");
        try (Connection mem = DriverManager.getConnection("jdbc:sqlite3::memory:")) {
            ((SQLiteConnection) mem).deserialize("main", image);
            assertThat(one(mem, "select x from t")).isEqualTo("kept");
        }
    }

    @Test
    void backupAndRestoreStatements() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table t(x)");
            s.execute("insert into t values ('saved')");
            s.executeUpdate("backup to " + dir.resolve("copy.db"));
        }
        assertThat(Files.exists(dir.resolve("copy.db"))).isTrue();
        try (Connection mem = DriverManager.getConnection("jdbc:sqlite3::memory:");
             Statement s = mem.createStatement()) {
            s.executeUpdate("restore from " + dir.resolve("copy.db"));
            assertThat(one(mem, "select x from t")).isEqualTo("saved");
        }
    }

    @Test
    void databaseMetadataAnswersAsSqliteJdbcDoes() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table parent(id integer primary key, name text not null)");
            s.execute("create table child(id integer primary key, parent_id integer references parent(id),"
                    + " note varchar(20) default 'x')");
            s.execute("create unique index child_note on child(note)");
            s.execute("create view v as select id from child");
        }
        java.sql.DatabaseMetaData md = c.getMetaData();
        assertThat(md.getConnection()).isSameAs(c);
        assertThat(md.getDatabaseProductName()).isEqualTo("SQLite");
        assertThat(md.supportsGetGeneratedKeys()).isTrue();
        assertThat(md.supportsSavepoints()).isTrue();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_TYPE") + " " + rs.getString("TABLE_NAME"));
            }
        }
        assertThat(tables).containsExactlyInAnyOrder("TABLE child", "TABLE parent", "VIEW v");
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, null, "child", "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME") + ":"
                        + rs.getString("COLUMN_DEF"));
            }
        }
        assertThat(columns).containsExactly("id:INTEGER:null", "parent_id:INTEGER:null", "note:VARCHAR:'x'");
        try (ResultSet rs = md.getPrimaryKeys(null, null, "parent")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
        }
        try (ResultSet rs = md.getImportedKeys(null, null, "child")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("PKTABLE_NAME")).isEqualTo("parent");
            assertThat(rs.getString("FKCOLUMN_NAME")).isEqualTo("parent_id");
        }
        try (ResultSet rs = md.getIndexInfo(null, null, "child", true, false)) {
            List<String> unique = new ArrayList<>();
            while (rs.next()) {
                unique.add(rs.getString("INDEX_NAME"));
            }
            assertThat(unique).contains("child_note");
        }
    }

    @Test
    void throughAPoolProxyTheHelpersWorkAndAdaptersStillApply() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite3:" + dir.resolve("api.db"));
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config); Connection p = pool.getConnection()) {
            SQLiteConnection sc = p.unwrap(SQLiteConnection.class);
            assertThat(sc).isInstanceOf(Sqlite3jConnection.class);
            ((Sqlite3jConnection) sc).adapters().register(Point.class, pt -> pt.x() + ";" + pt.y());
            Function.create(sc, "plus1", new Function() {
                @Override
                protected void xFunc() throws SQLException {
                    result(value_int(0) + 1);
                }
            });
            try (PreparedStatement ps = sc.prepareStatement("select ?, plus1(41)")) {
                ps.setObject(1, new Point(1, 2));
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("1.0;2.0");
                    assertThat(rs.getObject(2)).isEqualTo(42L);
                }
            }
        }
    }
}
