package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transaction control, legacy and PEP 249 (CPython test_transactions, test_dbapi.test_in_transaction). */
class TransactionTest {

    @TempDir
    Path dir;

    private Connection open(ConnectOptions options) {
        return Sqlite3.connect(dir.resolve("t.db"), options.timeout(0.05));
    }

    private long count(Connection con) {
        return (Long) con.execute("select count(*) from t").fetchone().get(0);
    }

    @Test // test_transactions.TransactionTests.test_dml_does_not_auto_commit_before
    void legacyImplicitBeginBeforeDmlOnly() {
        try (Connection a = open(ConnectOptions.defaults()); Connection b = open(ConnectOptions.defaults())) {
            a.execute("create table t(x)");
            assertThat(a.inTransaction()).isFalse(); // DDL: no implicit BEGIN
            a.execute("insert into t values (1)");
            assertThat(a.inTransaction()).isTrue();
            assertThat(count(b)).isZero(); // not visible before commit
            a.commit();
            assertThat(a.inTransaction()).isFalse();
            assertThat(count(b)).isEqualTo(1);
            a.execute("select * from t");
            assertThat(a.inTransaction()).isFalse(); // SELECT: no implicit BEGIN
            for (String dml : List.of("update t set x = 2", "delete from t where x = 3",
                    "replace into t values (4)", "  /* c */ -- d\n INSERT into t values (5)")) {
                a.execute(dml);
                assertThat(a.inTransaction()).as(dml).isTrue();
                a.rollback();
                assertThat(a.inTransaction()).isFalse();
            }
            a.execute("with q as (select 1) insert into t select * from q");
            assertThat(a.inTransaction()).as("WITH ... INSERT is not DML for Python").isFalse();
        }
    }

    @Test // test_transactions.TransactionTests.test_ddl_does_not_autostart_transaction
    void ddlInsideTransactionDoesNotCommit() {
        try (Connection a = open(ConnectOptions.defaults())) {
            a.execute("create table t(x)");
            a.execute("insert into t values (1)");
            a.execute("create table u(y)");
            assertThat(a.inTransaction()).isTrue();
            a.rollback();
            assertThat(count(a)).isZero();
            assertThatThrownBy(() -> a.execute("select * from u")).isInstanceOf(Sqlite3.OperationalError.class);
        }
    }

    @Test // test_transactions.SpecialCommandTests / isolation levels
    void isolationLevelDecidesTheBegin() {
        try (Connection a = open(ConnectOptions.defaults().isolationLevel("IMMEDIATE"));
                Connection b = open(ConnectOptions.defaults())) {
            a.execute("create table t(x)");
            a.execute("insert into t values (1)");
            // IMMEDIATE took the write lock: another writer cannot begin
            assertThatThrownBy(() -> b.execute("begin immediate"))
                    .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("database is locked");
            a.commit();
            a.isolationLevel("EXCLUSIVE");
            a.execute("insert into t values (2)");
            assertThatThrownBy(() -> b.execute("select * from t"))
                    .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("database is locked");
            a.commit();
        }
    }

    @Test // test_transactions.IsolationLevelFromInit / setting None commits
    void isolationLevelNoneIsAutocommitAndSettingItCommits() {
        try (Connection a = open(ConnectOptions.defaults()); Connection b = open(ConnectOptions.defaults())) {
            a.execute("create table t(x)");
            a.execute("insert into t values (1)");
            assertThat(a.inTransaction()).isTrue();
            a.isolationLevel("IMMEDIATE"); // other values do not commit
            assertThat(a.inTransaction()).isTrue();
            a.isolationLevel(null);
            assertThat(a.inTransaction()).isFalse();
            assertThat(count(b)).isEqualTo(1);
            a.execute("insert into t values (2)");
            assertThat(a.inTransaction()).isFalse();
            assertThat(count(b)).isEqualTo(2);
        }
    }

    @Test // ConnectionTests.test_in_transaction: explicit BEGIN / COMMIT / SAVEPOINT / RELEASE SQL
    void inTransactionFollowsExplicitSql() {
        try (Connection a = open(ConnectOptions.defaults().isolationLevel(null))) {
            a.execute("create table t(x)");
            a.execute("begin");
            assertThat(a.inTransaction()).isTrue();
            a.execute("commit");
            assertThat(a.inTransaction()).isFalse();
            a.execute("BEGIN IMMEDIATE TRANSACTION");
            a.execute("insert into t values (1)");
            a.execute("END");
            assertThat(a.inTransaction()).isFalse();
            a.execute("savepoint sp1");
            assertThat(a.inTransaction()).isTrue();
            a.execute("savepoint sp2");
            a.execute("rollback to sp2");
            assertThat(a.inTransaction()).as("ROLLBACK TO keeps the transaction").isTrue();
            a.execute("release sp2");
            assertThat(a.inTransaction()).isTrue();
            a.execute("release sp1");
            assertThat(a.inTransaction()).isFalse();
            a.execute("begin");
            a.execute("rollback");
            assertThat(a.inTransaction()).isFalse();
            assertThatThrownBy(() -> a.execute("commit"))
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("cannot commit - no transaction is active");
            assertThat(a.inTransaction()).isFalse();
            a.execute("begin");
            assertThatThrownBy(() -> a.execute("begin"))
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("cannot start a transaction within a transaction");
            assertThat(a.inTransaction()).isTrue();
            // legacy executescript commits first, so the script's own COMMIT finds nothing to commit
            assertThatThrownBy(() -> a.executescript("commit; begin;"))
                    .isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("cannot commit - no transaction is active");
            assertThat(a.inTransaction()).isFalse();
            a.executescript("begin; insert into t values (2);");
            assertThat(a.inTransaction()).isTrue();
            a.execute("commit");
            assertThat(a.inTransaction()).isFalse();
        }
    }

    @Test // a COMMIT that fails (a reader holds the lock... here: deferred FK) leaves the transaction open
    void failedCommitKeepsTransaction() {
        try (Connection a = open(ConnectOptions.defaults())) {
            a.execute("pragma foreign_keys = on");
            a.execute("create table p(id integer primary key)");
            a.execute("create table c(p references p(id) deferrable initially deferred)");
            a.execute("insert into c values (5)");
            assertThat(a.inTransaction()).isTrue();
            assertThatThrownBy(a::commit)
                    .isInstanceOfSatisfying(Sqlite3.IntegrityError.class,
                            e -> assertThat(e).hasMessage("FOREIGN KEY constraint failed"));
            assertThat(a.inTransaction()).isTrue();
            a.execute("insert into p values (5)");
            a.commit();
            assertThat(a.inTransaction()).isFalse();
        }
    }

    @Test // automatic rollback (ON CONFLICT ROLLBACK) ends the transaction
    void automaticRollbackIsSeen() {
        try (Connection a = open(ConnectOptions.defaults())) {
            a.execute("create table t(x unique on conflict rollback)");
            a.execute("insert into t values (1)");
            assertThat(a.inTransaction()).isTrue();
            assertThatThrownBy(() -> a.execute("insert into t values (1)"))
                    .isInstanceOf(Sqlite3.IntegrityError.class);
            assertThat(a.inTransaction()).isFalse();
            assertThat(count(a)).isZero();
        }
    }

    @Test // test_transactions.TransactionTests.test_locking / commit, rollback with nothing pending
    void commitAndRollbackWithoutTransactionDoNothing() {
        try (Connection a = open(ConnectOptions.defaults())) {
            a.commit();
            a.rollback();
            assertThat(a.inTransaction()).isFalse();
        }
    }

    @Test // test_transactions.AutocommitAttribute: autocommit=False
    void autocommitFalseIsAlwaysInTransaction() {
        try (Connection setup = open(ConnectOptions.defaults())) {
            setup.execute("create table t(x)");
        }
        try (Connection a = open(ConnectOptions.defaults().autocommit(false));
                Connection b = open(ConnectOptions.defaults())) {
            assertThat(a.autocommit()).isZero();
            assertThat(a.inTransaction()).isTrue();
            a.execute("insert into t values (1)");
            a.commit();
            assertThat(a.inTransaction()).isTrue();
            assertThat(count(b)).isEqualTo(1);
            a.execute("insert into t values (2)");
            a.rollback();
            assertThat(a.inTransaction()).isTrue();
            assertThat(count(b)).isEqualTo(1);
            a.execute("commit"); // explicit SQL: now no transaction, and commit() then fails as in Python
            assertThat(a.inTransaction()).isFalse();
            assertThatThrownBy(a::commit).isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("cannot commit - no transaction is active");
            assertThatThrownBy(a::rollback).isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("cannot rollback - no transaction is active");
            a.autocommit(false);
            assertThat(a.inTransaction()).isTrue();
            a.execute("insert into t values (3)");
            a.autocommit(true); // commits
            assertThat(a.inTransaction()).isFalse();
            assertThat(count(b)).isEqualTo(2);
            a.autocommit(false); // begins
            assertThat(a.inTransaction()).isTrue();
            a.execute("insert into t values (4)");
        }
        try (Connection c = open(ConnectOptions.defaults())) {
            assertThat(count(c)).as("close rolled back").isEqualTo(2);
        }
    }

    @Test // test_transactions.AutocommitAttribute: autocommit=True
    void autocommitTrueLeavesSqliteAlone() {
        try (Connection a = open(ConnectOptions.defaults().autocommit(true).isolationLevel("EXCLUSIVE"))) {
            a.execute("create table t(x)");
            a.execute("insert into t values (1)");
            assertThat(a.inTransaction()).isFalse();
            a.execute("begin");
            a.commit(); // does nothing
            assertThat(a.inTransaction()).isTrue();
            a.rollback(); // does nothing
            assertThat(a.inTransaction()).isTrue();
            a.execute("rollback");
            assertThat(a.inTransaction()).isFalse();
        }
    }

    @Test // legacy control: executescript commits first; autocommit=False does not
    void executescriptCommitsFirstInLegacyMode() {
        try (Connection a = open(ConnectOptions.defaults()); Connection b = open(ConnectOptions.defaults())) {
            a.execute("create table t(x)");
            a.execute("insert into t values (1)");
            a.executescript("select 1;");
            assertThat(a.inTransaction()).isFalse();
            assertThat(count(b)).isEqualTo(1);
        }
        try (Connection a = open(ConnectOptions.defaults().autocommit(false))) {
            a.execute("insert into t values (2)");
            a.executescript("select 1;");
            assertThat(a.inTransaction()).isTrue();
            a.rollback();
            assertThat(count(a)).isEqualTo(1);
        }
    }

    @Test // legacy close does not commit
    void legacyCloseDiscardsPendingWork() {
        try (Connection a = open(ConnectOptions.defaults())) {
            a.execute("create table t(x)");
            a.execute("insert into t values (1)");
        }
        try (Connection a = open(ConnectOptions.defaults())) {
            assertThat(count(a)).isZero();
        }
    }

    @Test // with con: commit on success, rollback on error
    void transactionFormCommitsOrRollsBack() throws Exception {
        try (Connection a = open(ConnectOptions.defaults())) {
            a.execute("create table t(x)");
            a.transaction(c -> c.execute("insert into t values (1)"));
            assertThat(a.inTransaction()).isFalse();
            assertThat(count(a)).isEqualTo(1);
            assertThatThrownBy(() -> a.transaction(c -> {
                c.execute("insert into t values (2)");
                throw new IOException("boom");
            })).isInstanceOf(IOException.class).hasMessage("boom");
            assertThat(a.inTransaction()).isFalse();
            assertThat(count(a)).isEqualTo(1);
            long n = a.transactionGet(c -> {
                c.execute("insert into t values (3)");
                return count(c);
            });
            assertThat(n).isEqualTo(2);
            assertThat(a.inTransaction()).isFalse();
        }
    }

    @Test // a failed commit inside the transaction form rolls back and reports the commit's error
    void transactionFormRollsBackWhenCommitFails() {
        try (Connection a = open(ConnectOptions.defaults())) {
            a.execute("pragma foreign_keys = on");
            a.execute("create table p(id integer primary key)");
            a.execute("create table c(p references p(id) deferrable initially deferred)");
            assertThatThrownBy(() -> a.transaction(con -> con.execute("insert into c values (1)")))
                    .isInstanceOf(Sqlite3.IntegrityError.class);
            assertThat(a.inTransaction()).isFalse();
            assertThat(a.execute("select count(*) from c").fetchone().get(0)).isEqualTo(0L);
        }
    }

    @Test // total_changes counts every changed row
    void totalChanges() {
        try (Connection a = open(ConnectOptions.defaults())) {
            a.execute("create table t(x)");
            assertThat(a.totalChanges()).isZero();
            a.executemany("insert into t values (?)", List.of(List.of(1), List.of(2), List.of(3)));
            a.execute("update t set x = x + 1");
            assertThat(a.totalChanges()).isEqualTo(6);
        }
    }

    @Test // random differential B4: COMMIT/ROLLBACK while another statement is part way through
    void transactionEndsWhileAStatementIsPending() {
        try (Connection a = open(ConnectOptions.defaults())) {
            a.execute("create table t(x)");
            Cursor pending = a.execute("insert into t values (1), (2) returning x");
            assertThat(a.inTransaction()).isTrue();
            a.rollback();
            assertThat(a.inTransaction()).isFalse();
            assertThat(pending.fetchall()).hasSize(2); // CPython too: the statement goes on
            Cursor reader = a.execute("select 1 union select 2");
            reader.fetchone();
            a.execute("savepoint s"); // a pending read: no probe possible, the flag follows the SQL
            assertThat(a.inTransaction()).isTrue();
            a.execute("rollback");
            assertThat(a.inTransaction()).isFalse();
            assertThat(reader.fetchall()).hasSize(1);
            a.execute("begin");
            a.execute("commit");
            assertThat(a.inTransaction()).isFalse();
        }
    }

    @Test // random differential seeds 1004 #297 and 1007 #240: an unfinished SELECT does not hide the end of a transaction
    void releaseAndCommitEndTheTransactionWhileAReadIsUnfinished() {
        try (Connection con = open(ConnectOptions.defaults())) {
            con.execute("create table t(a)");
            con.executemany("insert into t values (?)", List.of(List.of(1), List.of(2), List.of(3)));
            con.commit();
            Cursor reader = con.execute("select a from t order by a");
            assertThat(reader.fetchone().get(0)).isEqualTo(1L);
            con.execute("savepoint sp");
            assertThat(con.inTransaction()).isTrue();
            con.execute("release savepoint sp");
            assertThat(con.inTransaction()).as("RELEASE of the outermost savepoint").isFalse();
            con.executescript("savepoint sp2; release sp2;");
            assertThat(con.inTransaction()).as("the same in a script").isFalse();
            con.execute("begin");
            con.execute("commit");
            assertThat(con.inTransaction()).isFalse();
            assertThat(reader.fetchall()).extracting(r -> r.get(0)).containsExactly(2L, 3L);
        }
    }
}
