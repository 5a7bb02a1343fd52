package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviours of CPython's test_dbapi, test_backup and test_factory that the other dbapi tests leave
 * out: closed connections, limits, config, other threads, URIs, backup corner cases, cursor factories
 * and Row keys.
 */
class CpythonDbapiGapsTest {

    private static final String CLOSED = "Cannot operate on a closed database.";

    @TempDir
    Path dir;

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        con.execute("create table items(id integer primary key, label text, data blob)");
        con.execute("insert into items(label, data) values ('one', x'0102')");
        con.commit();
    }

    @AfterEach
    void close() {
        if (!con.isClosed()) {
            con.close();
        }
    }

    private static Connection closedConnection() {
        Connection closed = Sqlite3.connect(":memory:");
        closed.close();
        return closed;
    }

    private static void refusedAsClosed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(Sqlite3.ProgrammingError.class).hasMessage(CLOSED);
    }

    /** An aggregate summing its only argument. */
    static final class Total implements Aggregate {
        long sum;

        @Override
        public void step(Object... args) {
            sum += (Long) args[0];
        }

        @Override
        public Object finalizeValue() {
            return sum;
        }
    }

    @Test // ClosedConTests.test_closed_create_function
    void createFunctionOnClosedConnection() {
        Connection closed = closedConnection();
        refusedAsClosed(() -> closed.createFunction("seventeen", 1, args -> 17L));
    }

    @Test // ClosedConTests.test_closed_create_aggregate
    void createAggregateOnClosedConnection() {
        Connection closed = closedConnection();
        refusedAsClosed(() -> closed.createAggregate("total", 1, Total::new));
    }

    @Test // ClosedConTests.test_closed_set_progress_callback
    void setProgressHandlerOnClosedConnection() {
        Connection closed = closedConnection();
        refusedAsClosed(() -> closed.setProgressHandler(() -> false, 100));
    }

    @Test // ClosedConTests.test_closed_set_authorizer
    void setAuthorizerOnClosedConnection() {
        Connection closed = closedConnection();
        Object authorizer = (java.util.function.IntSupplier) () -> Sqlite3.SQLITE_OK;
        refusedAsClosed(() -> closed.setAuthorizer(authorizer));
    }

    @Test // ConnectionTests.test_use_after_close
    void connectionShortcutsAndTransactionFormAfterClose() {
        Cursor cur = con.cursor();
        cur.execute("select label from items");
        con.close();
        refusedAsClosed(cur::fetchall);
        refusedAsClosed(() -> con.executemany("select 1", List.of()));
        refusedAsClosed(() -> con.executescript("select 1"));
        refusedAsClosed(() -> con.createFunction("f", 1, args -> args[0]));
        refusedAsClosed(con::cursor);
        List<String> ran = new ArrayList<>();
        refusedAsClosed(() -> con.transaction(c -> ran.add("body")));
        assertThat(ran).as("the body of the transaction form does not run").isEmpty();
    }

    @Test // ConnectionTests.test_connection_bad_limit_category
    void setlimitWithUnknownCategory() {
        for (int category : new int[] {1111, -5, 12}) {
            assertThatThrownBy(() -> con.setlimit(category, 0)).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("'category' is out of bounds");
            assertThatThrownBy(() -> con.getlimit(category)).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("'category' is out of bounds");
        }
    }

    @Test // ConnectionTests.test_connection_config
    void setconfigWithoutAValueTurnsTheOptionOn() {
        int fkeys = Sqlite3.SQLITE_DBCONFIG_ENABLE_FKEY;
        con.setconfig(fkeys, false);
        assertThat(con.getconfig(fkeys)).isFalse();
        con.setconfig(fkeys);
        assertThat(con.getconfig(fkeys)).isTrue();
        con.transaction(c -> c.executescript("create table parent(p integer primary key);"
                + " create table child(c references parent(p));"));
        assertThatThrownBy(() -> con.execute("insert into child values (42)"))
                .isInstanceOf(Sqlite3.IntegrityError.class).hasMessageContaining("constraint");
    }

    @Test // CursorTests.test_execute_dict_mapping_no_args
    void namedStatementWithoutParameters() {
        Cursor cur = con.cursor();
        assertThatThrownBy(() -> cur.execute("select label from items where label = :label"))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Incorrect number of bindings supplied. The current statement uses 1, and there are 0 supplied.");
    }

    @Test // CursorTests.test_execute_too_many_params
    void variableNumberLimit() {
        int old = con.setlimit(Sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 1);
        try {
            Cursor cur = con.cursor();
            assertThat(cur.execute("select label from items where id = ?", 1).fetchall()).hasSize(1);
            assertThatThrownBy(() -> cur.execute("select label from items where id != ? and id != ?", 1, 2))
                    .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("too many SQL variables");
        } finally {
            con.setlimit(Sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, old);
        }
    }

    @Test // ModuleTests.test_error_code_on_exception
    void failedOpenCarriesCantopen() {
        assertThatThrownBy(() -> Sqlite3.connect(dir.toString()))
                .isInstanceOfSatisfying(Sqlite3.OperationalError.class, e -> {
                    assertThat(e.sqliteErrorcode()).isEqualTo(14);
                    assertThat(e.sqliteErrorname()).startsWith("SQLITE_CANTOPEN");
                })
                .hasMessage("unable to open database file");
    }

    @Test // OpenTests.test_open_uri
    void percentEncodedUriOfANonAsciiName() {
        Path file = dir.resolve("@tëst_æ.db");
        String encoded = URLEncoder.encode(file.toString(), StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%2F", "/");
        assertThat(encoded).contains("%C3%A6");
        assertThat(file).doesNotExist();
        try (Connection uri = Sqlite3.connect("file:" + encoded, ConnectOptions.defaults().uri(true))) {
            uri.execute("create table t(x)");
        }
        assertThat(file).exists();
    }

    /** Runs {@code call} on another thread and returns what it threw (null: nothing). */
    private static Throwable fromOtherThread(Runnable call) throws Exception {
        return CompletableFuture.runAsync(call).handle((v, e) -> e == null ? null : e.getCause()).get();
    }

    private static void refusedFromOtherThread(String what, Runnable call) throws Exception {
        assertThat(fromOtherThread(call)).as(what).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessageStartingWith("SQLite objects created in a thread can only be used in that same thread.");
    }

    @Test // ThreadTests.test_check_connection_thread
    void connectionMethodsFromAnotherThread() throws Exception {
        byte[] image = con.serialize();
        Map<String, Runnable> calls = new java.util.LinkedHashMap<>();
        calls.put("cursor", con::cursor);
        calls.put("commit", con::commit);
        calls.put("rollback", con::rollback);
        calls.put("close", con::close);
        calls.put("setTraceCallback", () -> con.setTraceCallback(null));
        calls.put("setAuthorizer", () -> con.setAuthorizer(null));
        calls.put("createCollation", () -> con.createCollation("foo", null));
        calls.put("setlimit", () -> con.setlimit(Sqlite3.SQLITE_LIMIT_LENGTH, -1));
        calls.put("getlimit", () -> con.getlimit(Sqlite3.SQLITE_LIMIT_LENGTH));
        calls.put("blobopen", () -> con.blobopen("items", "data", 1));
        calls.put("serialize", con::serialize);
        calls.put("deserialize", () -> con.deserialize(image));
        calls.put("createWindowFunction", () -> con.createWindowFunction("foo", 0, null));
        for (Map.Entry<String, Runnable> call : calls.entrySet()) {
            refusedFromOtherThread(call.getKey(), call.getValue());
        }
        assertThat(con.isClosed()).isFalse();
        assertThat(con.execute("select label from items").fetchone().get(0)).isEqualTo("one");
    }

    @Test // ThreadTests.test_check_cursor_thread
    void cursorMethodsFromAnotherThread() throws Exception {
        Cursor cur = con.cursor();
        refusedFromOtherThread("insert", () -> cur.execute("insert into items(label) values ('a')"));
        refusedFromOtherThread("close", cur::close);
        refusedFromOtherThread("select", () -> cur.execute("select label from items"));
        refusedFromOtherThread("fetchone", cur::fetchone);
        assertThat(con.execute("select count(*) from items").fetchone().get(0)).isEqualTo(1L);
    }

    // -------------------------------------------------------------------------------- test_backup

    private static Connection source() {
        Connection src = Sqlite3.connect(":memory:");
        src.execute("create table foo(key integer)");
        src.executemany("insert into foo(key) values (?)", List.of(List.of(3), List.of(4)));
        src.commit();
        return src;
    }

    private static List<Object> keys(Connection db, String table) {
        List<Object> keys = new ArrayList<>();
        for (Row row : db.execute("select key from " + table + " order by key")) {
            keys.add(row.get(0));
        }
        return keys;
    }

    @Test // BackupTests.test_bad_source_closed_connection
    void backupFromAClosedSource() {
        try (Connection target = Sqlite3.connect(":memory:")) {
            Connection closed = closedConnection();
            refusedAsClosed(() -> closed.backup(target));
        }
    }

    @Test // BackupTests.test_database_source_name (the attached database; name 'temp' differs)
    void backupOfAnAttachedDatabase() {
        try (Connection src = source()) {
            src.execute("attach database ':memory:' as attached_db");
            src.execute("create table attached_db.foo(key integer)");
            src.executemany("insert into attached_db.foo(key) values (?)", List.of(List.of(3), List.of(4)));
            src.commit();
            try (Connection target = Sqlite3.connect(":memory:")) {
                src.backup(target, -1, null, "attached_db", 0.25);
                assertThat(keys(target, "foo")).containsExactly(3L, 4L);
            }
        }
    }

    @Test // BackupTests.test_modifying_progress
    void progressCallbackThatWritesToTheSource() {
        try (Connection src = source(); Connection target = Sqlite3.connect(":memory:")) {
            List<Integer> remainingSeen = new ArrayList<>();
            src.backup(target, 1, (status, remaining, total) -> {
                if (remainingSeen.isEmpty()) {
                    src.execute("insert into foo(key) values (?)", remaining + 1000);
                    src.commit();
                }
                remainingSeen.add(remaining);
            }, "main", 0.25);
            assertThat(keys(target, "foo")).containsExactly(3L, 4L, 1001L);
            assertThat(remainingSeen).containsExactly(1, 1, 0);
        }
    }

    // ------------------------------------------------------------------------------- test_factory

    @Test // CursorFactoryTests.test_invalid_factory
    void cursorFactoryReturningNothing() {
        assertThatThrownBy(() -> con.cursor(c -> null)).isInstanceOf(Sqlite3.TypeError.class);
    }

    @Test // RowFactoryTests.test_sqlite_row_index
    void rowKeysFoldOnlyAsciiLetters() {
        Row row = con.execute("select 1 as a_1, 2 as b").fetchone();
        assertThat(row.get("A_1")).isEqualTo(1L);
        assertThat(row.get("B")).isEqualTo(2L);
        for (String key : new String[] {"a_\u0011", "a\u007f1", "c"}) {
            assertThatThrownBy(() -> row.get(key)).as(key).isInstanceOf(Sqlite3.IndexError.class)
                    .hasMessage("No item with that key");
        }
    }
}
