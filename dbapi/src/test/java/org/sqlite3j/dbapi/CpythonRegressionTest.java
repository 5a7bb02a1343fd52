package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Old bugs CPython's test_regression guards against, run against the façade. */
class CpythonRegressionTest {

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
    }

    @AfterEach
    void close() {
        if (!con.isClosed()) {
            con.close();
        }
    }

    @Test // RegressionTests.test_statement_finalization_on_close_db
    void closeWhileManyCursorsHoldUnfinishedStatements() {
        List<Cursor> cursors = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            Cursor cur = con.cursor();
            cur.execute("select 1 x union select " + i);
            cursors.add(cur);
        }
        assertThatCode(con::close).doesNotThrowAnyException();
        assertThat(cursors).hasSize(105);
    }

    @Test // RegressionTests.test_workaround_for_buggy_sqlite_transfer_bindings
    void createDropCreateTheSameTable() {
        con.execute("create table foo(bar)");
        con.execute("drop table foo");
        assertThatCode(() -> con.execute("create table foo(bar)")).doesNotThrowAnyException();
    }

    @Test // RegressionTests.test_pragma_autocommit
    void readingPragmaInsideTheImplicitTransaction() {
        Cursor cur = con.cursor();
        cur.execute("create table foo(bar)");
        cur.execute("insert into foo(bar) values (5)");
        assertThat(con.inTransaction()).isTrue();
        cur.execute("pragma page_size");
        assertThat(cur.fetchone().get(0)).isInstanceOf(Long.class);
        assertThat(con.inTransaction()).isTrue();
    }

    @Test // RegressionTests.test_recursive_cursor_use
    void executemanyWhoseParametersUseTheSameCursor() {
        Cursor cur = con.cursor();
        cur.execute("create table a(bar)");
        cur.execute("create table b(baz)");
        Iterator<List<Object>> params = new Iterator<>() {
            boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public List<Object> next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                done = true;
                cur.execute("insert into a(bar) values (?)", 1);
                return List.of(1);
            }
        };
        assertThatThrownBy(() -> cur.executemany("insert into b(baz) values (?)", params))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Recursive use of cursors not allowed.");
    }

    /**
     * CPython's check_cursor order: the connection is checked before the recursion guard, so a cursor used
     * from its own adapter after the connection closed is told "Cannot operate on a closed database."
     * (printed by CPython 3.13), not "Recursive use of cursors not allowed.".
     */
    @Test
    void aClosedConnectionIsReportedBeforeRecursion() {
        Cursor cur = con.cursor();
        RuntimeException[] seen = new RuntimeException[1];
        con.adapters().register(StringBuilder.class, sb -> {
            con.close();
            try {
                cur.execute("select 1");
            } catch (RuntimeException e) {
                seen[0] = e;
            }
            return 1L;
        });
        try {
            cur.execute("select ?", new StringBuilder());
        } catch (RuntimeException outer) {
            // what the outer execute raises after its connection closed under it is not compared
        }
        assertThat(seen[0]).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Cannot operate on a closed database.");
    }

    @Test // RegressionTests.test_table_lock_cursor_replace_stmt
    void reExecutingACursorLetsGoOfItsSelect() {
        Cursor cur = con.cursor();
        cur.execute("create table t(t)");
        cur.executemany("insert into t values(?)", LongStream.range(0, 5).mapToObj(List::of).iterator());
        con.commit();
        cur.execute("select t from t");
        assertThatCode(() -> cur.execute("drop table t")).doesNotThrowAnyException();
        con.commit();
        assertThat(con.execute("select count(*) from sqlite_master where name = 't'").fetchone().get(0))
                .isEqualTo(0L);
    }

    @Test // RegressionTests.test_executescript_step_through_select
    void executescriptStepsThroughEveryRowOfASelect() {
        con.transaction(c -> {
            c.execute("create table t(t)");
            c.executemany("insert into t values(?)", LongStream.range(0, 5).mapToObj(List::of).iterator());
        });
        List<Object> seen = new ArrayList<>();
        con.createFunction("step", 1, args -> {
            seen.add(args[0]);
            return null;
        });
        con.executescript("select step(t) from t");
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L);
    }
}
