package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cursor.rowcount and cursor.lastrowid (CPython test_dbapi.CursorTests.test_rowcount_*, test_last_row_id_*). */
class RowcountLastrowidTest {

    Connection con;
    Cursor cur;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        cur = con.cursor();
        cur.execute("create table t(id integer primary key, name text unique)");
    }

    @AfterEach
    void close() {
        con.close();
    }

    @Test // CursorTests.test_rowcount_execute
    void rowcountOfDml() {
        assertThat(cur.rowcount()).isEqualTo(-1);
        cur.execute("insert into t(name) values ('a')");
        assertThat(cur.rowcount()).isEqualTo(1);
        cur.execute("insert into t(name) values ('b')");
        cur.execute("update t set name = name || 'x'");
        assertThat(cur.rowcount()).isEqualTo(2);
        cur.execute("delete from t where name = 'nothing'");
        assertThat(cur.rowcount()).isZero();
    }

    @Test // CursorTests.test_rowcount_select / DDL / CTE / vacuum
    void rowcountIsMinusOneForEverythingElse() {
        cur.execute("insert into t(name) values ('a')");
        cur.execute("select * from t");
        assertThat(cur.rowcount()).isEqualTo(-1);
        cur.fetchall();
        assertThat(cur.rowcount()).isEqualTo(-1);
        cur.execute("create table u(x)");
        assertThat(cur.rowcount()).isEqualTo(-1);
        cur.execute("with q as (select 'z') insert into t(name) select * from q");
        assertThat(cur.rowcount()).isEqualTo(-1);
        con.commit();
        cur.execute("vacuum");
        assertThat(cur.rowcount()).isEqualTo(-1);
    }

    @Test // CursorTests.test_rowcount_prefixed_with_comment
    void commentsBeforeDmlStillCount() {
        cur.execute("/* c */ insert into t(name) values ('a')");
        assertThat(cur.rowcount()).isEqualTo(1);
        cur.execute("-- c\n insert into t(name) values ('b')");
        assertThat(cur.rowcount()).isEqualTo(1);
    }

    @Test // CursorTests.test_rowcount_executemany
    void rowcountSumsExecutemany() {
        cur.executemany("insert into t(name) values (?)", List.of(List.of("a"), List.of("b"), List.of("c")));
        assertThat(cur.rowcount()).isEqualTo(3);
        cur.executemany("update t set name = name || ? where id < 3", List.of(List.of("1"), List.of("2")));
        assertThat(cur.rowcount()).isEqualTo(4);
    }

    @Test // CursorTests.test_rowcount_update_returning
    void rowcountWithReturningCountsWhenExhausted() {
        cur.executemany("insert into t(name) values (?)", List.of(List.of("a"), List.of("b")));
        cur.execute("update t set name = name || 'x' returning id");
        assertThat(cur.rowcount()).isZero();
        cur.fetchone();
        assertThat(cur.rowcount()).isZero();
        cur.fetchone();
        assertThat(cur.rowcount()).isEqualTo(2);
        cur.execute("insert into t(name) values ('c') returning id");
        assertThat(cur.rowcount()).isZero();
        cur.fetchone();
        assertThat(cur.rowcount()).isEqualTo(1);
    }

    @Test // rowcount is -1 after an error
    void rowcountAfterError() {
        cur.execute("insert into t(name) values ('a')");
        assertThatThrownBy(() -> cur.execute("insert into t(name) values ('a')"))
                .isInstanceOf(Sqlite3.IntegrityError.class);
        assertThat(cur.rowcount()).isEqualTo(-1);
    }

    @Test // lastrowid: None first, set by execute (even SELECT), not by executemany
    void lastrowidFollowsPythonsRules() {
        Cursor fresh = con.cursor();
        assertThat(fresh.lastrowid()).isNull();
        cur.execute("insert into t(name) values ('a')");
        assertThat(cur.lastrowid()).isEqualTo(1L);
        Cursor other = con.cursor();
        other.execute("select 1");
        assertThat(other.lastrowid()).isEqualTo(1L);
        cur.executemany("insert into t(name) values (?)", List.of(List.of("b"), List.of("c")));
        assertThat(cur.lastrowid()).as("executemany leaves it").isEqualTo(1L);
        cur.execute("update t set name = name");
        assertThat(cur.lastrowid()).as("execute copies the connection's value").isEqualTo(3L);
        assertThatThrownBy(() -> cur.execute("insert into t(id) values (1)"))
                .isInstanceOf(Sqlite3.IntegrityError.class);
        assertThat(cur.lastrowid()).as("a failed insert leaves it").isEqualTo(3L);
        cur.executescript("insert into t(name) values ('s')");
        assertThat(cur.lastrowid()).as("executescript leaves it").isEqualTo(3L);
        assertThat(con.cursor().execute("select 1").lastrowid()).isEqualTo(4L);
    }

    @Test // CursorTests.test_last_row_id_on_replace / on_ignore / insert_o_r
    void lastrowidWithConflictClauses() {
        cur.execute("insert into t(name) values ('a')");
        cur.execute("replace into t(name) values ('a')");
        assertThat(cur.lastrowid()).isEqualTo(2L);
        cur.execute("insert or ignore into t(name) values ('a')");
        assertThat(cur.lastrowid()).isEqualTo(2L);
        for (String verb : List.of("insert or abort", "insert or fail", "insert or rollback")) {
            assertThatThrownBy(() -> cur.execute(verb + " into t(name) values ('a')"))
                    .isInstanceOf(Sqlite3.IntegrityError.class);
            assertThat(cur.lastrowid()).as(verb).isEqualTo(2L);
        }
        assertThat(con.inTransaction()).as("OR ROLLBACK rolled the transaction back").isFalse();
        cur.execute("insert or replace into t(name) values ('a')");
        assertThat(cur.lastrowid()).as("the table is empty again").isEqualTo(1L);
    }

    @Test // no CPython test; checked against CPython 3.13: only inserts move last_insert_rowid
    void lastrowidAfterUpdateDeleteAndPartialInsert() {
        cur.execute("create table log(y)");
        cur.execute("create trigger tr after update on t begin insert into log values (new.name); end");
        cur.execute("insert into t(name) values ('a')");
        cur.execute("insert into t(name) values ('b')");
        cur.execute("update t set name = name || '!'");
        assertThat(cur.lastrowid()).as("a trigger's inserts are undone when it ends").isEqualTo(2L);
        cur.execute("delete from t where id = 1");
        assertThat(cur.lastrowid()).isEqualTo(2L);
        assertThat(con.cursor().execute("select 1").lastrowid()).isEqualTo(2L);
        assertThatThrownBy(() -> cur.execute("insert into t(name) values ('c'), ('b!')"))
                .isInstanceOf(Sqlite3.IntegrityError.class);
        assertThat(cur.lastrowid()).as("a statement that inserted a row, then failed").isEqualTo(2L);
        assertThat(con.execute("select last_insert_rowid()").fetchone().get(0)).isEqualTo(3L);
        assertThat(con.cursor().execute("select 1").lastrowid()).isEqualTo(3L);
    }
}
