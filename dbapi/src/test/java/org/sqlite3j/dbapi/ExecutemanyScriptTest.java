package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** executemany and executescript (CPython test_dbapi.CursorTests.test_execute_many_*, ExtensionTests). */
class ExecutemanyScriptTest {

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        con.execute("create table t(id integer primary key, v)");
    }

    @AfterEach
    void close() {
        con.close();
    }

    private long count() {
        return (Long) con.execute("select count(*) from t").fetchone().get(0);
    }

    @Test // CursorTests.test_execute_many_sequence / iterator / generator
    void sequencesIteratorsAndGenerators() {
        con.executemany("insert into t(v) values (?)", List.of(List.of(1), new Object[] {2}, List.of(3)));
        Iterator<List<Integer>> generator = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 1000;
            }

            @Override
            public List<Integer> next() {
                return List.of(i++);
            }
        };
        Cursor c = con.executemany("insert into t(v) values (?)", generator);
        assertThat(c.rowcount()).isEqualTo(1000);
        assertThat(count()).isEqualTo(1003);
        con.executemany("insert into t(v) values (:x)", List.of(Map.of("x", "a"), Map.of("x", "b")));
        assertThat(count()).isEqualTo(1005);
    }

    @Test // the parameter sets are consumed lazily: streaming, never materialised
    void parametersAreStreamed() {
        int[] produced = {0};
        Iterator<List<Integer>> lazy = IntStream.range(0, 2000).mapToObj(i -> {
            produced[0]++;
            return List.of(i);
        }).iterator();
        con.executemany("insert into t(v) values (?)", lazy);
        assertThat(produced[0]).isEqualTo(2000);
        assertThat(count()).isEqualTo(2000);
    }

    @Test // CursorTests.test_execute_many_select
    void onlyDml() {
        assertThatThrownBy(() -> con.executemany("select ?", List.of(List.of(1))))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("executemany() can only execute DML statements.");
        assertThatThrownBy(() -> con.executemany("select ?", List.of()))
                .isInstanceOf(Sqlite3.ProgrammingError.class);
        assertThatThrownBy(() -> con.executemany("begin", List.of(List.of())))
                .isInstanceOf(Sqlite3.ProgrammingError.class);
        con.executemany("create table u(x)", List.of(List.of()));
        con.executemany("pragma user_version = 3", List.of(List.of()));
        assertThat(con.execute("pragma user_version").fetchone().get(0)).isEqualTo(3L);
    }

    @Test // errors part way: earlier sets have run (inside the implicit transaction), rowcount is -1
    void errorPartWayKeepsEarlierRows() {
        Iterator<Object> sets = List.<Object>of(List.of(1, "a"), List.of(2, "b"), List.of(1, "dup"), List.of(3, "c")).iterator();
        Cursor c = con.cursor();
        assertThatThrownBy(() -> c.executemany("insert into t(id, v) values (?, ?)", sets))
                .isInstanceOf(Sqlite3.IntegrityError.class)
                .hasMessage("UNIQUE constraint failed: t.id");
        assertThat(c.rowcount()).isEqualTo(-1);
        assertThat(count()).isEqualTo(2);
        assertThat(con.inTransaction()).isTrue();
    }

    @Test // a bad parameter set after 300 good ones: all 300 ran first
    void badBindingAfterManyRows() {
        Iterator<Object> sets = IntStream.range(0, 301)
                .mapToObj(i -> i < 300 ? (Object) List.of(i) : (Object) List.of(1, 2)).iterator();
        assertThatThrownBy(() -> con.executemany("insert into t(v) values (?)", sets))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Incorrect number of bindings supplied. The current statement uses 1, and there are 2 supplied.");
        assertThat(count()).isEqualTo(300);
    }

    @Test // an iterator that fails: earlier sets ran, the exception propagates unchanged
    void failingIterator() {
        Iterator<Object> sets = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                if (i == 5) {
                    throw new NoSuchElementException("generator broke");
                }
                return List.of(i++);
            }
        };
        assertThatThrownBy(() -> con.executemany("insert into t(v) values (?)", sets))
                .isInstanceOf(NoSuchElementException.class).hasMessage("generator broke");
        assertThat(count()).isEqualTo(5);
    }

    @Test // executemany of RETURNING: refused rather than silently dropping rows
    void returningInExecutemany() {
        assertThatThrownBy(() -> con.executemany("insert into t(v) values (?) returning id",
                List.of(List.of(1), List.of(2))))
                .isInstanceOf(Sqlite3.ProgrammingError.class);
    }

    @Test // ExtensionTests.test_script_string_sql / executescript runs everything
    void executescriptRunsEveryStatement() {
        Cursor c = con.executescript("""
                -- a script
                create table a(x);
                insert into a values ('semi;colon');
                create trigger tr after insert on a begin insert into t(v) values (new.x); end;
                insert into a values (2); select * from a;
                /* trailing */
                """);
        assertThat(c.rowcount()).isEqualTo(-1);
        assertThat(c.description()).isNull();
        assertThat(con.execute("select x from a order by rowid").fetchall())
                .extracting(r -> ((Row) r).get(0)).containsExactly("semi;colon", 2L);
        assertThat(count()).isEqualTo(1);
    }

    @Test // ExtensionTests.test_script_syntax_error / error mid-script
    void executescriptStopsAtFirstError() {
        assertThatThrownBy(() -> con.executescript("insert into t(v) values (1); bogus; insert into t(v) values (2);"))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("near \"bogus\": syntax error");
        assertThat(count()).isEqualTo(1);
    }

    @Test // ExtensionTests.test_script_error_incomplete / NUL
    void executescriptEdgeCases() {
        con.executescript("");
        con.executescript("  ;; -- nothing\n");
        con.executescript("insert into t(v) values (1)"); // no final semicolon
        assertThat(count()).isEqualTo(1);
        assertThatThrownBy(() -> con.executescript("select 1\0"))
                .isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("embedded null character");
    }
}
