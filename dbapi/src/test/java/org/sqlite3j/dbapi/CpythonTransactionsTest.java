package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transaction control corners from CPython's test_transactions. */
class CpythonTransactionsTest {

    @TempDir
    Path dir;

    private static List<String> traceOf(Connection con, Consumer<Connection> work) {
        List<String> traced = new ArrayList<>();
        con.setTraceCallback(traced::add);
        try {
            work.accept(con);
        } finally {
            con.setTraceCallback(null);
        }
        return traced;
    }

    @Test // AutocommitAttribute.test_autocommit_enabled_ctx_mgr
    void transactionFormDoesNothingUnderAutocommit() {
        try (Connection con = Sqlite3.connect(":memory:", ConnectOptions.defaults().autocommit(true))) {
            List<String> traced = traceOf(con, c -> c.transaction(inside ->
                    assertThat(inside.inTransaction()).isFalse()));
            assertThat(traced).isEmpty();
            assertThat(con.inTransaction()).isFalse();
        }
    }

    @Test // AutocommitAttribute.test_autocommit_disabled_ctx_mgr
    void transactionFormCommitsThenBeginsWithAutocommitOff() {
        try (Connection con = Sqlite3.connect(":memory:", ConnectOptions.defaults().autocommit(false))) {
            List<String> traced = traceOf(con, c -> c.transaction(inside ->
                    assertThat(inside.inTransaction()).isTrue()));
            assertThat(traced).containsExactly("COMMIT", "BEGIN");
            assertThat(con.inTransaction()).isTrue();
        }
    }

    @Test // AutocommitAttribute.test_autocommit_explicit_then_disabled
    void explicitBeginThenAutocommitOffIssuesNoSecondBegin() {
        try (Connection con = Sqlite3.connect(":memory:", ConnectOptions.defaults().autocommit(true))) {
            assertThat(con.inTransaction()).isFalse();
            List<String> traced = traceOf(con, c -> {
                c.execute("BEGIN DEFERRED");
                c.autocommit(false);
                assertThat(c.inTransaction()).isTrue();
            });
            assertThat(traced).containsExactly("BEGIN DEFERRED");
        }
    }

    private static List<String> implicitTransactionTrace(Connection con) {
        con.execute("create table t(t)");
        return traceOf(con, c -> c.transaction(inside -> inside.execute("insert into t values(1)")));
    }

    @Test // IsolationLevelFromInit.test_isolation_level_deferred
    void deferredFromConnectIsTraced() {
        try (Connection con = Sqlite3.connect(":memory:", ConnectOptions.defaults().isolationLevel("DEFERRED"))) {
            assertThat(implicitTransactionTrace(con))
                    .containsExactly("BEGIN DEFERRED", "insert into t values(1)", "COMMIT");
        }
    }

    @Test // IsolationLevelPostInit.test_isolation_level_deferrred
    void deferredSetLaterIsTraced() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            con.isolationLevel("DEFERRED");
            assertThat(implicitTransactionTrace(con))
                    .containsExactly("BEGIN DEFERRED", "insert into t values(1)", "COMMIT");
        }
    }

    @Test // IsolationLevelPostInit.test_isolation_level_immediate
    void immediateSetLaterIsTraced() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            con.isolationLevel("IMMEDIATE");
            assertThat(implicitTransactionTrace(con))
                    .containsExactly("BEGIN IMMEDIATE", "insert into t values(1)", "COMMIT");
        }
    }

    /** A connection whose explicit transaction was rolled back while cursor {@code first} was mid-SELECT. */
    private static Connection rolledBackMidSelect(Cursor[] first) {
        Connection con = Sqlite3.connect(":memory:");
        con.transaction(c -> {
            c.execute("create table t(c)");
            c.executemany("insert into t values(?)", List.of(List.of(0), List.of(1), List.of(2)));
        });
        first[0] = con.cursor();
        first[0].execute("begin transaction");
        first[0].execute("select c from t");
        con.rollback();
        return con;
    }

    private static void eachRowOnce(Cursor second) {
        List<Object> seen = new ArrayList<>();
        for (Row row : second) {
            seen.add(row.get(0));
        }
        assertThat(seen).containsExactly(0L, 1L, 2L);
    }

    @Test // RollbackTests.test_no_duplicate_rows_after_rollback_close_cursor
    void noDuplicateRowsAfterRollbackThenClose() {
        Cursor[] first = new Cursor[1];
        try (Connection con = rolledBackMidSelect(first)) {
            Cursor second = con.cursor().execute("select c from t");
            first[0].close();
            eachRowOnce(second);
        }
    }

    @Test // RollbackTests.test_no_duplicate_rows_after_rollback_del_cursor (del: the cursor is simply dropped)
    void noDuplicateRowsAfterRollbackThenDroppingTheCursor() {
        Cursor[] first = new Cursor[1];
        try (Connection con = rolledBackMidSelect(first)) {
            Cursor second = con.cursor().execute("select c from t");
            first[0] = null;
            System.gc();
            eachRowOnce(second);
        }
    }

    @Test // RollbackTests.test_no_duplicate_rows_after_rollback_new_query
    void noDuplicateRowsAfterRollbackThenANewQuery() {
        Cursor[] first = new Cursor[1];
        try (Connection con = rolledBackMidSelect(first)) {
            Cursor second = con.cursor().execute("select c from t");
            first[0].execute("select c from t where c = 1");
            eachRowOnce(second);
        }
    }

    @Test // SpecialCommandTests.test_pragma
    void writingPragmaInsideTheImplicitTransaction() {
        try (Connection con = Sqlite3.connect(":memory:")) {
            Cursor cur = con.cursor();
            cur.execute("create table test(i)");
            cur.execute("insert into test(i) values (5)");
            assertThatCode(() -> cur.execute("pragma count_changes=1")).doesNotThrowAnyException();
        }
    }

    @Test // TransactionTests.test_locking
    void firstWriterCommitsWhileTheSecondIsStillInItsFailedTransaction() {
        Path file = dir.resolve("lock.db");
        ConnectOptions noWait = ConnectOptions.defaults().timeout(0);
        try (Connection one = Sqlite3.connect(file, noWait); Connection two = Sqlite3.connect(file, noWait)) {
            one.execute("create table test(i)");
            one.execute("insert into test(i) values (5)");
            assertThatThrownBy(() -> two.execute("insert into test(i) values (5)"))
                    .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("database is locked");
            assertThatCode(one::commit).doesNotThrowAnyException();
            assertThat(one.execute("select count(*) from test").fetchone().get(0)).isEqualTo(1L);
        }
    }

    @Test // TransactionTests.test_multiple_cursors_and_iternext
    void cursorsKeptAroundDoNotHideCommittedChanges() {
        Path file = dir.resolve("cursors.db");
        ConnectOptions noWait = ConnectOptions.defaults().timeout(0);
        List<Cursor> kept = new ArrayList<>();
        try (Connection one = Sqlite3.connect(file, noWait); Connection two = Sqlite3.connect(file, noWait)) {
            java.util.function.BiFunction<Connection, String, Cursor> run = (con, sql) -> {
                Cursor cur = con.cursor();
                kept.add(cur);
                return cur.execute(sql);
            };
            one.execute("create table t(t)");
            one.cursor().execute("insert into t values (?), (?), (?)", "u1", "u2", "u3");
            one.commit();
            assertThat(run.apply(two, "select count(*) from t").fetchone().get(0)).isEqualTo(3L);
            assertThat(run.apply(two, "delete from t").rowcount()).isEqualTo(3);
            two.commit();
            one.cursor().execute("insert into t values (?)", "u4");
            one.cursor().execute("insert into t values (?)", "u5");
            assertThat(run.apply(two, "select count(*) from t").fetchone().get(0)).isEqualTo(0L);
            assertThat(run.apply(one, "select count(*) from t").fetchone().get(0)).isEqualTo(2L);
            one.commit();
            assertThat(run.apply(two, "select count(*) from t").fetchone().get(0)).isEqualTo(2L);
        }
    }
}
