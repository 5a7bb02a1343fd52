package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits, serialize, backup, trace, config, authorizer, extensions (CPython test_dbapi, test_backup, test_hooks). */
class ConnectionFeaturesTest {

    @TempDir
    Path dir;

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        con.execute("create table t(x)");
        con.executemany("insert into t values (?)", List.of(List.of(1), List.of(2), List.of(3)));
        con.commit();
    }

    @AfterEach
    void close() {
        con.close();
    }

    @Test // no CPython test: CPython's SQL length limit (10^9), not SQLite 3.53's default 1,000,000
    void scriptsAndStatementsLongerThanOneMegabyteRunAsInCPython() {
        assertThat(con.getlimit(Sqlite3.SQLITE_LIMIT_SQL_LENGTH)).isEqualTo(1_000_000_000);
        StringBuilder script = new StringBuilder("create table big(x);\n");
        String row = "insert into big values ('" + "y".repeat(100) + "');\n";
        int rows = 0;
        while (script.length() <= 2_000_000) {
            script.append(row);
            rows++;
        }
        con.executescript(script.toString());
        assertThat(con.execute("select count(*) from big").fetchone().get(0)).isEqualTo((long) rows);
        String longText = "z".repeat(1_500_000);
        assertThat(con.execute("select length('" + longText + "')").fetchone().get(0)).isEqualTo(1_500_000L);
    }

    @Test // ConnectionTests.test_connection_limits, test_connection_bad_limit_category
    void limits() {
        int old = con.setlimit(Sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100);
        assertThat(old).isPositive();
        assertThat(con.getlimit(Sqlite3.SQLITE_LIMIT_SQL_LENGTH)).isEqualTo(100);
        assertThatThrownBy(() -> con.execute("select 1 " + " ".repeat(200)))
                .isInstanceOf(Sqlite3.DataError.class).hasMessage("query string is too large");
        assertThatThrownBy(() -> con.executescript("select 1; " + " ".repeat(200)))
                .isInstanceOf(Sqlite3.DataError.class).hasMessage("query string is too large");
        assertThat(con.setlimit(Sqlite3.SQLITE_LIMIT_SQL_LENGTH, old)).isEqualTo(100);
        assertThat(con.setlimit(Sqlite3.SQLITE_LIMIT_SQL_LENGTH, -1)).as("negative only reads").isEqualTo(old);
        for (int bad : new int[] {-1, 12, 100}) {
            assertThatThrownBy(() -> con.getlimit(bad)).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("'category' is out of bounds");
        }
        con.setlimit(Sqlite3.SQLITE_LIMIT_COLUMN, 2);
        assertThatThrownBy(() -> con.execute("select 1, 2, 3")).isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("too many columns in result set");
    }

    @Test // SerializeTests.test_serialize_deserialize / test_deserialize_corrupt_database
    void serializeAndDeserialize() {
        byte[] image = con.serialize();
        assertThat(image.length).isGreaterThan(0);
        assertThat(new String(image, 0, 15, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3");
        try (Connection other = Sqlite3.connect(":memory:")) {
            other.deserialize(image);
            assertThat(other.execute("select sum(x) from t").fetchone().get(0)).isEqualTo(6L);
            other.deserialize(new byte[1000]);
            assertThatThrownBy(() -> other.execute("select * from t"))
                    .isInstanceOfSatisfying(Sqlite3.DatabaseError.class,
                            e -> assertThat(e.sqliteErrorname()).isEqualTo("SQLITE_NOTADB"))
                    .hasMessage("file is not a database");
        }
        assertThatThrownBy(() -> con.serialize("nope")).isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("unable to serialize 'nope'");
    }

    @Test // BackupTests.test_progress / test_simple / test_progress_all_pages_at_once_*
    void backupToMemoryWithProgress() {
        for (int i = 0; i < 200; i++) {
            con.execute("insert into t values (randomblob(1000))");
        }
        con.commit();
        List<int[]> calls = new ArrayList<>();
        try (Connection target = Sqlite3.connect(":memory:")) {
            con.backup(target, 10, (status, remaining, total) -> calls.add(new int[] {status, remaining, total}), "main", 0);
            assertThat(target.execute("select count(*) from t").fetchone().get(0)).isEqualTo(203L);
        }
        assertThat(calls.size()).isGreaterThan(5);
        int total = calls.get(0)[2];
        assertThat(calls).allSatisfy(c -> assertThat(c[2]).isEqualTo(total));
        assertThat(calls.get(calls.size() - 1)).containsExactly(101, 0, total);
        assertThat(calls.subList(0, calls.size() - 1)).allSatisfy(c -> assertThat(c[0]).isZero());
        calls.clear();
        try (Connection target = Sqlite3.connect(":memory:")) {
            con.backup(target, -1, (s, r, t) -> calls.add(new int[] {s, r, t}), "main", 0.25);
        }
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)[0]).isEqualTo(101);
    }

    @Test // BackupTests.test_database_source_name / backup to a file
    void backupToFileAndErrors() {
        Path file = dir.resolve("copy.db");
        try (Connection target = Sqlite3.connect(file)) {
            con.backup(target);
            assertThat(target.execute("select sum(x) from t").fetchone().get(0)).isEqualTo(6L);
        }
        try (Connection again = Sqlite3.connect(file)) {
            assertThat(again.execute("select count(*) from t").fetchone().get(0)).isEqualTo(3L);
        }
        try (Connection target = Sqlite3.connect(":memory:")) {
            assertThatThrownBy(() -> con.backup(con)).isInstanceOf(Sqlite3.ValueError.class)
                    .hasMessage("target cannot be the same connection instance");
            assertThatThrownBy(() -> con.backup(target, -1, null, "nope", 0))
                    .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("unknown database nope");
            assertThatThrownBy(() -> con.backup(target, 1, (s, r, t) -> {
                throw new IllegalStateException("stop");
            }, "main", 0)).isInstanceOf(IllegalStateException.class).hasMessage("stop");
            target.close();
            assertThatThrownBy(() -> con.backup(target)).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("Cannot operate on a closed database.");
        }
    }

    @Test // TraceCallbackTests: the same texts CPython 3.13 reports (SQLite's expanded SQL)
    void traceCallback() {
        List<String> traced = new ArrayList<>();
        con.setTraceCallback(traced::add);
        con.execute("insert into t values (?)", "a'b");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("1", 1.5);
        params.put("2", null);
        params.put("3", new byte[] {1});
        params.put("4", 1L << 40);
        params.put("n", -2.5e-7);
        con.execute("select ?1, ?2, ?3, ?4, :n", params);
        con.executescript("select 1; select 2;");
        con.setTraceCallback(null);
        con.execute("select 3");
        assertThat(traced).containsExactly("BEGIN ", "insert into t values ('a''b')",
                "select 1.5, NULL, x'01', 1099511627776, -2.5e-07", "COMMIT", "select 1;", " select 2;");
        assertThat(Trace.expand("select ?, :a, ?, :a", 0, 19, new Object[] {1L, "x", 3L}))
                .isEqualTo("select 1, 'x', 3, 'x'");
    }

    @Test // test_hooks.TraceCallbackTests.test_trace_callback_error_does_not_matter / real formatting
    void traceFormatsRealsLikeSqlite() {
        assertThat(Trace.real(1.5)).isEqualTo("1.5");
        assertThat(Trace.real(0.1)).isEqualTo("0.1");
        assertThat(Trace.real(1e300)).isEqualTo("1.0e+300");
        assertThat(Trace.real(-2.5e-7)).isEqualTo("-2.5e-07");
        assertThat(Trace.real(123456789012345678.0)).isEqualTo("1.23456789012346e+17");
        assertThat(Trace.real(1.0 / 3)).isEqualTo("0.333333333333333");
        assertThat(Trace.real(100.0)).isEqualTo("100.0");
        assertThat(Trace.real(1e15)).isEqualTo("1.0e+15");
        assertThat(Trace.real(1e14)).isEqualTo("100000000000000.0");
        assertThat(Trace.real(0.0001)).isEqualTo("0.0001");
        assertThat(Trace.real(0.00001)).isEqualTo("1.0e-05");
        assertThat(Trace.real(-0.0)).isEqualTo("0.0");
        assertThat(Trace.real(Double.POSITIVE_INFINITY)).isEqualTo("Inf");
        con.setTraceCallback(s -> {
            throw new IllegalStateException("ignored");
        });
        assertThat(con.execute("select 1").fetchone().get(0)).isEqualTo(1L);
    }

    @Test // ConnectionTests.test_connection_config
    void config() {
        assertThat(con.getconfig(Sqlite3.SQLITE_DBCONFIG_ENABLE_FKEY)).isFalse();
        con.setconfig(Sqlite3.SQLITE_DBCONFIG_ENABLE_FKEY, true);
        assertThat(con.getconfig(Sqlite3.SQLITE_DBCONFIG_ENABLE_FKEY)).isTrue();
        assertThat(con.execute("pragma foreign_keys").fetchone().get(0)).isEqualTo(1L);
        con.setconfig(Sqlite3.SQLITE_DBCONFIG_ENABLE_FKEY, false);
        assertThat(con.getconfig(Sqlite3.SQLITE_DBCONFIG_ENABLE_FKEY)).isFalse();
        assertThatThrownBy(() -> con.getconfig(-1)).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("unknown config 'op': -1");
        assertThatThrownBy(() -> con.getconfig(Sqlite3.SQLITE_DBCONFIG_DEFENSIVE))
                .isInstanceOf(Sqlite3.NotSupportedError.class)
                .hasMessageStartingWith("SQLITE_DBCONFIG_DEFENSIVE cannot be read or set");
    }

    @Test // AuthorizerTests: not reachable through sqlite-jdbc
    void authorizerIsNotSupported() {
        con.setAuthorizer(null);
        assertThatThrownBy(() -> con.setAuthorizer(new Object()))
                .isInstanceOf(Sqlite3.NotSupportedError.class)
                .hasMessageContaining("sqlite3_set_authorizer");
    }

    @Test // ExtensionTests: load_extension needs enable_load_extension
    void loadExtension() {
        assertThatThrownBy(() -> con.loadExtension(dir.resolve("nope").toString()))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("not authorized");
        con.enableLoadExtension(true);
        assertThat(con.getconfig(Sqlite3.SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION)).isTrue();
        assertThatThrownBy(() -> con.loadExtension(dir.resolve("nope").toString()))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessageContaining("nope");
        con.enableLoadExtension(false);
        assertThatThrownBy(() -> con.loadExtension(dir.resolve("nope").toString()))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("not authorized");
    }
}
