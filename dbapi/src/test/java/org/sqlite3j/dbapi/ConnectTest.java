package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening databases and connection attributes (CPython test_dbapi.ConnectionTests, OpenTests). */
class ConnectTest {

    @TempDir
    Path dir;

    @Test // OpenTests.test_open_with_path_like_object
    void opensFilePathsAndKeepsData() {
        Path file = dir.resolve("data.db");
        try (Connection con = Sqlite3.connect(file)) {
            con.execute("create table t(x)");
            con.execute("insert into t values (42)");
            con.commit();
        }
        assertThat(file).exists();
        try (Connection con = Sqlite3.connect(file.toString())) {
            assertThat(con.execute("select x from t").fetchone().get(0)).isEqualTo(42L);
        }
    }

    @Test // a plain name with URI characters means a file of that name, as with uri=False
    void plainNamesWithUriCharactersAreFileNames() {
        Path file = dir.resolve("we?ird#na%me.db");
        try (Connection con = Sqlite3.connect(file.toString())) {
            con.execute("create table t(x)");
        }
        assertThat(file).exists();
    }

    @Test // ConnectionTests.test_failed_open
    void failedOpenIsOperationalError() {
        String missing = dir.resolve("no/such/dir/x.db").toString();
        assertThatThrownBy(() -> Sqlite3.connect(missing))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("unable to open database file");
    }

    @Test // OpenTests.test_open_uri
    void uriOpensFile() {
        Path file = dir.resolve("u.db");
        try (Connection con = Sqlite3.connect("file:" + file, ConnectOptions.defaults().uri(true))) {
            con.execute("create table t(x)");
        }
        assertThat(file).exists();
    }

    @Test // OpenTests.test_open_uri_readonly
    void uriReadOnlyRefusesWrites() {
        Path file = dir.resolve("ro.db");
        try (Connection con = Sqlite3.connect(file)) {
            con.execute("create table t(x)");
        }
        try (Connection ro = Sqlite3.connect("file:" + file + "?mode=ro",
                ConnectOptions.defaults().uri(true))) {
            assertThat(ro.execute("select count(*) from t").fetchone().get(0)).isEqualTo(0L);
            assertThatThrownBy(() -> ro.execute("insert into t values (1)"))
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("attempt to write a readonly database");
        }
    }

    @Test // mode=rw refuses to create, mode=rwc creates
    void uriModesRwAndRwc() {
        Path file = dir.resolve("rw.db");
        assertThatThrownBy(() -> Sqlite3.connect("file:" + file + "?mode=rw",
                ConnectOptions.defaults().uri(true)))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("unable to open database file");
        assertThat(file).doesNotExist();
        try (Connection con = Sqlite3.connect("file:" + file + "?mode=rwc",
                ConnectOptions.defaults().uri(true))) {
            con.execute("create table t(x)");
        }
        assertThat(file).exists();
    }

    @Test // shared-cache in-memory databases are shared between connections
    void sharedMemoryDatabase() {
        ConnectOptions uri = ConnectOptions.defaults().uri(true);
        try (Connection a = Sqlite3.connect("file:shared1?mode=memory&cache=shared", uri);
                Connection b = Sqlite3.connect("file:shared1?mode=memory&cache=shared", uri);
                Connection c = Sqlite3.connect(":memory:")) {
            a.execute("create table t(x)");
            a.execute("insert into t values (7)");
            a.commit();
            assertThat(b.execute("select x from t").fetchone().get(0)).isEqualTo(7L);
            assertThatThrownBy(() -> c.execute("select x from t"))
                    .isInstanceOf(Sqlite3.OperationalError.class);
        }
        assertThat(dir.resolve("shared1")).doesNotExist();
    }

    @Test // the empty name is a private temporary database
    void emptyNameIsTemporaryDatabase() {
        try (Connection con = Sqlite3.connect("")) {
            con.execute("create table t(x)");
            con.execute("insert into t values (1)");
            assertThat(con.execute("select count(*) from t").fetchone().get(0)).isEqualTo(1L);
        }
    }

    @Test // ConnectionTests.test_connection_init_bad_isolation_level
    void badIsolationLevelIsValueError() {
        for (String bad : new String[] {"BOGUS", " ", "DEFERRED\0", "IMMEDİATE", "DEFERRED "}) {
            assertThatThrownBy(() -> ConnectOptions.defaults().isolationLevel(bad))
                    .as(bad)
                    .isInstanceOf(Sqlite3.ValueError.class)
                    .hasMessage("isolation_level string must be '', 'DEFERRED', 'IMMEDIATE', or 'EXCLUSIVE'");
        }
        try (Connection con = Sqlite3.connect(":memory:")) {
            assertThatThrownBy(() -> con.isolationLevel("foo"))
                    .isInstanceOf(Sqlite3.ValueError.class);
            assertThat(con.isolationLevel()).isEqualTo("");
        }
    }

    @Test // ConnectionTests.test_connection_init_good_isolation_levels
    void goodIsolationLevelsAreUpperCased() {
        for (String level : new String[] {"", "deferred", "Immediate", "EXCLUSIVE", null}) {
            try (Connection con = Sqlite3.connect(":memory:",
                    ConnectOptions.defaults().isolationLevel(level))) {
                assertThat(con.isolationLevel())
                        .isEqualTo(level == null ? null : level.toUpperCase(java.util.Locale.ROOT));
                con.isolationLevel(level);
                assertThat(con.isolationLevel())
                        .isEqualTo(level == null ? null : level.toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    @Test // test_transactions.AutocommitAttribute.test_autocommit_setget_invalid
    void badAutocommitIsValueError() {
        assertThatThrownBy(() -> ConnectOptions.defaults().autocommit(2))
                .isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("autocommit must be True, False, or sqlite3.LEGACY_TRANSACTION_CONTROL");
        try (Connection con = Sqlite3.connect(":memory:")) {
            assertThatThrownBy(() -> con.autocommit(5)).isInstanceOf(Sqlite3.ValueError.class);
            assertThat(con.autocommit()).isEqualTo(Sqlite3.LEGACY_TRANSACTION_CONTROL);
        }
    }

    @Test // ConnectionTests.test_close, test_use_after_close
    void useAfterCloseIsProgrammingError() {
        Connection con = Sqlite3.connect(":memory:");
        Cursor cur = con.cursor();
        con.close();
        con.close(); // idempotent
        String closed = "Cannot operate on a closed database.";
        assertThatThrownBy(() -> con.execute("select 1")).isInstanceOf(Sqlite3.ProgrammingError.class).hasMessage(closed);
        assertThatThrownBy(con::cursor).hasMessage(closed);
        assertThatThrownBy(con::commit).hasMessage(closed);
        assertThatThrownBy(con::rollback).hasMessage(closed);
        assertThatThrownBy(con::inTransaction).hasMessage(closed);
        assertThatThrownBy(con::totalChanges).hasMessage(closed);
        assertThatThrownBy(con::interrupt).hasMessage(closed);
        assertThatThrownBy(() -> cur.execute("select 1")).hasMessage(closed);
        assertThatThrownBy(cur::fetchall).hasMessage(closed);
        assertThatThrownBy(cur::close).hasMessage(closed);
        assertThatThrownBy(con::isolationLevel).hasMessage(closed);
        assertThatThrownBy(con::autocommit).hasMessage(closed);
        assertThat(cur.rowcount()).isEqualTo(-1); // attributes stay readable
        assertThat(con.isClosed()).isTrue();
        assertThatThrownBy(() -> Sqlite3.connect("a\0b")).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("embedded null byte");
    }

    @Test // test_dbapi.ThreadTests (check_same_thread)
    void otherThreadsAreRefusedUnlessAllowed() throws Exception {
        try (Connection con = Sqlite3.connect(":memory:")) {
            Cursor cur = con.cursor();
            Throwable t = CompletableFuture.runAsync(() -> con.execute("select 1"))
                    .handle((v, e) -> e).get();
            assertThat(t.getCause()).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessageStartingWith("SQLite objects created in a thread can only be used in that same thread.");
            Throwable t2 = CompletableFuture.runAsync(cur::fetchone).handle((v, e) -> e).get();
            assertThat(t2.getCause()).isInstanceOf(Sqlite3.ProgrammingError.class);
        }
        Connection shared = Sqlite3.connect(":memory:", ConnectOptions.defaults().checkSameThread(false));
        Object value = CompletableFuture.supplyAsync(
                () -> shared.execute("select 5").fetchone()).get();
        assertThat(((Row) value).get(0)).isEqualTo(5L);
        CompletableFuture.runAsync(shared::close).get();
        assertThat(shared.isClosed()).isTrue();
    }

    @Test // ConnectionTests.test_interrupt_on_closed_db / test_interrupt
    void interruptStopsALongQuery() throws ExecutionException, InterruptedException {
        try (Connection con = Sqlite3.connect(":memory:", ConnectOptions.defaults().checkSameThread(false))) {
            con.interrupt(); // nothing running: no effect on the next statement
            assertThat(con.execute("select 1").fetchone().get(0)).isEqualTo(1L);
            CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                con.interrupt();
            });
            assertThatThrownBy(() -> con.execute(
                    "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c")
                    .fetchall())
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("interrupted");
            stopper.get();
        }
    }

    @Test // timeout: a second writer waits, then fails with "database is locked"
    void timeoutAppliesToLocks() {
        Path file = dir.resolve("lock.db");
        try (Connection a = Sqlite3.connect(file, ConnectOptions.defaults().timeout(0.1));
                Connection b = Sqlite3.connect(file, ConnectOptions.defaults().timeout(0.1))) {
            a.execute("create table t(x)");
            a.execute("begin immediate");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> b.execute("insert into t values (1)"))
                    .isInstanceOfSatisfying(Sqlite3.OperationalError.class, e -> {
                        assertThat(e).hasMessage("database is locked");
                        assertThat(e.sqliteErrorcode() & 0xFF).isEqualTo(5);
                    });
            assertThat(System.nanoTime() - t0).isGreaterThan(50_000_000L);
            a.rollback();
            b.execute("insert into t values (1)");
            b.commit();
        }
    }

    @Test // detect_types is stored for the adapters layer
    void detectTypesIsKept() throws Exception {
        try (Connection con = Sqlite3.connect(":memory:",
                ConnectOptions.defaults().detectTypes(Sqlite3.PARSE_DECLTYPES | Sqlite3.PARSE_COLNAMES))) {
            assertThat(con.detectTypes()).isEqualTo(3);
        }
        assertThat(Files.list(dir)).isEmpty();
    }
}
