package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching, description, arraysize, factories (CPython test_dbapi.CursorTests, test_factory). */
class FetchTest {

    Connection con;
    Cursor cur;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        cur = con.cursor();
        cur.execute("create table t(a integer, b text)");
        cur.executemany("insert into t values (?, ?)", List.of(List.of(1, "one"), List.of(2, "two"),
                List.of(3, "three"), List.of(4, "four"), List.of(5, "five")));
    }

    @AfterEach
    void close() {
        con.close();
    }

    @Test // CursorTests.test_fetch_iter
    void iterationYieldsRemainingRows() {
        cur.execute("select a from t order by a");
        List<Long> got = new ArrayList<>();
        for (Row row : cur) {
            got.add((Long) row.get(0));
        }
        assertThat(got).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(cur.iterator().hasNext()).isFalse();
    }

    @Test // CursorTests.test_fetchone, test_fetchone_no_statement
    void fetchoneReturnsNullAtEnd() {
        assertThat(con.cursor().fetchone()).isNull();
        cur.execute("select a from t where a = 2");
        assertThat(cur.fetchone().get(0)).isEqualTo(2L);
        assertThat(cur.fetchone()).isNull();
        assertThat(cur.fetchone()).isNull();
    }

    @Test // CursorTests.test_array_size, test_fetchmany, test_fetchmany_kw_arg
    void fetchmanyHonoursArraysize() {
        cur.execute("select a from t order by a");
        assertThat(cur.arraysize()).isEqualTo(1);
        assertThat(cur.fetchmany()).hasSize(1);
        cur.arraysize(2);
        assertThat(cur.fetchmany()).hasSize(2);
        assertThat(cur.fetchmany(100)).hasSize(2);
        assertThat(cur.fetchmany(100)).isEmpty();
        // CPython quirk: a size of 0 or less fetches everything
        cur.execute("select a from t");
        assertThat(cur.fetchmany(0)).hasSize(5);
        cur.execute("select a from t");
        assertThat(cur.fetchmany(-1)).hasSize(5);
        cur.arraysize(-1);
        cur.execute("select a from t");
        assertThat(cur.fetchmany()).hasSize(5);
    }

    @Test // CursorTests.test_fetchall
    void fetchallAfterPartialFetch() {
        cur.execute("select a from t order by a");
        cur.fetchone();
        List<Row> rest = cur.fetchall();
        assertThat(rest).extracting(r -> r.get(0)).containsExactly(2L, 3L, 4L, 5L);
        assertThat(cur.fetchall()).isEmpty();
    }

    @Test // CursorTests.test_column_count / description tuples
    void descriptionHasSevenFieldsAndNames() {
        cur.execute("select a, b as 'B b', a+1, * from t");
        List<ColumnDescription> d = cur.description();
        assertThat(d).extracting(ColumnDescription::name).containsExactly("a", "B b", "a+1", "a", "b");
        assertThat(d.get(0)).isEqualTo(new ColumnDescription("a", null, null, null, null, null, null));
        cur.execute("select a from t where 0");
        assertThat(cur.description()).hasSize(1);
        assertThat(cur.fetchone()).isNull();
        cur.execute("insert into t values (6, 'six')");
        assertThat(cur.description()).isNull();
        cur.execute("create table u(x)");
        assertThat(cur.description()).isNull();
        assertThat(con.cursor().description()).isNull();
    }

    @Test // the column count follows schema changes (select * re-prepared)
    void descriptionFollowsSchemaChanges() {
        assertThat(cur.execute("select * from t").description()).hasSize(2);
        cur.fetchall();
        con.execute("alter table t add column c");
        assertThat(cur.execute("select * from t").description()).hasSize(3);
        assertThat(cur.fetchone().size()).isEqualTo(3);
    }

    @Test // test_factory.RowFactoryTests (custom factory, dict recipe)
    void customRowFactory() {
        con.rowFactory((c, r) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                m.put(c.description().get(i).name(), r.get(i));
            }
            return m;
        });
        Cursor c = con.execute("select a, b from t order by a");
        @SuppressWarnings("unchecked")
        Map<String, Object> first = c.fetchone(Map.class);
        assertThat(first).containsExactly(Map.entry("a", 1L), Map.entry("b", "one"));
        assertThat(c.fetchmany(1, Map.class)).hasSize(1);
        List<Map> rest = c.stream(Map.class).collect(Collectors.toList());
        assertThat(rest).hasSize(3);
        Cursor d = con.execute("select a from t");
        assertThatThrownBy(() -> d.iterator().next()).isInstanceOf(Sqlite3.TypeError.class)
                .hasMessageContaining("fetchone(LinkedHashMap.class)");
        assertThatThrownBy(d::fetchone).isInstanceOf(Sqlite3.TypeError.class);
        assertThat(d.fetchall(Object.class)).hasSize(3);
        // a cursor keeps the factory it was created with; cursor.rowFactory overrides
        Cursor e = con.cursor();
        e.rowFactory(null);
        assertThat(e.execute("select 1").fetchone()).isInstanceOf(Row.class);
    }

    @Test // test_factory.CursorFactoryTests
    void cursorFactory() {
        class Mine extends Cursor {
            Mine(Connection c) {
                super(c);
            }
        }
        Mine mine = con.cursor(Mine::new);
        assertThat(mine.execute("select 1").fetchall()).hasSize(1);
        try (Connection other = Sqlite3.connect(":memory:")) {
            assertThatThrownBy(() -> con.cursor(c -> other.cursor()))
                    .isInstanceOf(Sqlite3.TypeError.class);
        }
    }

    @Test // test_factory.TextFactoryTests: bytes and custom text factories
    void textFactories() {
        con.textFactory(byte[].class);
        assertThat(con.execute("select 'é', x'61', 1").fetchone().values())
                .containsExactly(new byte[] {(byte) 0xC3, (byte) 0xA9}, new byte[] {0x61}, 1L);
        con.textFactory(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8) + "!");
        assertThat(con.execute("select 'x'").fetchone().get(0)).isEqualTo("x!");
        con.textFactory(String.class);
        assertThat(con.execute("select 'x'").fetchone().get(0)).isEqualTo("x");
        assertThatThrownBy(() -> con.textFactory(Integer.class)).isInstanceOf(Sqlite3.TypeError.class);
    }

    @Test // test_factory.TextFactoryTests.test_string (undecodable text)
    void undecodableTextIsOperationalError() {
        con.execute("create table u(x)");
        con.execute("insert into u values (cast(x'ff41' as text))");
        assertThatThrownBy(() -> con.execute("select x from u").fetchall())
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("Could not decode to UTF-8 column 'x' with text '\uFFFDA'");
        con.textFactory(byte[].class);
        assertThat(con.execute("select x from u").fetchone().get(0)).isEqualTo(new byte[] {(byte) 0xFF, 0x41});
        con.textFactory(String.class);
        assertThat(con.execute("select '\uFFFD'").fetchone().get(0)).isEqualTo("\uFFFD");
    }

    @Test // no CPython test: a UTF-16 database (values checked against CPython 3.13)
    void utf16DatabaseReadsTextAsUtf8() {
        Connection u = Sqlite3.connect(":memory:", ConnectOptions.defaults().detectTypes(Sqlite3.PARSE_DECLTYPES));
        try {
            u.execute("pragma encoding='UTF-16le'");
            u.execute("create table t(x, r raw)");
            u.execute("insert into t values ('h\u00e9llo', 'h\u00e9'), (x'41004200', 12)");
            assertThat(u.execute("select x from t where rowid = 1").fetchone().get(0)).isEqualTo("h\u00e9llo");
            u.converters().register("raw", b -> b);
            // converters get sqlite3_column_blob's bytes: text in the database's encoding
            assertThat(u.execute("select r from t").fetchall()).extracting(row -> row.get(0))
                    .containsExactly(new byte[] {'h', 0, (byte) 0xE9, 0}, new byte[] {'1', '2'});
            u.textFactory(byte[].class);
            assertThat(u.execute("select x from t").fetchall()).extracting(row -> row.get(0))
                    .containsExactly(new byte[] {'h', (byte) 0xC3, (byte) 0xA9, 'l', 'l', 'o'},
                            new byte[] {'A', 0, 'B', 0});
            u.textFactory(String.class);
            assertThat(u.execute("select x, typeof(x) from t").fetchone().values())
                    .containsExactly("h\u00e9llo", "text");
        } finally {
            u.close();
        }
    }

    @Test // test_regression.RegressionTests.test_recursive_cursor_use
    void recursiveUseIsRefused() {
        Cursor c = con.cursor();
        c.rowFactory((cc, r) -> {
            c.execute("select 1");
            return r;
        });
        c.execute("select a from t");
        assertThatThrownBy(c::fetchone)
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Recursive use of cursors not allowed.");
    }

    @Test // test_regression: rows keep coming after commit and rollback (3.13 behaviour)
    void cursorsSurviveCommitAndRollback() {
        Cursor c = con.execute("select a from t order by a");
        c.fetchone();
        con.execute("insert into t values (9, 'nine')");
        con.commit();
        assertThat(c.fetchone().get(0)).isEqualTo(2L);
        con.execute("insert into t values (10, 'ten')");
        con.rollback();
        assertThat(c.fetchall()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test // CursorTests.test_close, use after close
    void closedCursor() {
        Cursor c = con.execute("select a from t");
        c.close();
        c.close();
        String msg = "Cannot operate on a closed cursor.";
        assertThatThrownBy(c::fetchone).isInstanceOf(Sqlite3.ProgrammingError.class).hasMessage(msg);
        assertThatThrownBy(() -> c.execute("select 1")).hasMessage(msg);
        // attributes stay readable, as in Python
        assertThat(c.description()).hasSize(1);
        assertThat(c.rowcount()).isEqualTo(-1);
        assertThat(c.arraysize()).isEqualTo(1);
        assertThat(c.isClosed()).isTrue();
        // its statement went back to the cache and is usable again
        assertThat(con.execute("select a from t").fetchall()).hasSize(5);
    }

    @Test // a cursor dropped mid-result gives its statement back once collected (CPython frees it at once)
    void forgottenCursorReleasesItsStatement() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("forgotten", ".db");
        try (Connection a = Sqlite3.connect(file, ConnectOptions.defaults().timeout(0));
                Connection b = Sqlite3.connect(file, ConnectOptions.defaults().timeout(0))) {
            a.execute("create table t(x)");
            a.executemany("insert into t values (?)", List.of(List.of(1), List.of(2)));
            a.commit();
            a.execute("select x from t").fetchone(); // the cursor is dropped mid-result
            // the pending read statement holds a SHARED lock: b cannot commit a write
            b.execute("insert into t values (3)");
            assertThatThrownBy(b::commit).isInstanceOf(Sqlite3.OperationalError.class)
                    .hasMessage("database is locked");
            for (int i = 0; i < 50; i++) {
                System.gc();
                Thread.sleep(10);
                a.execute("select 1"); // the connection resets forgotten statements when it runs one
                try {
                    b.commit();
                    break;
                } catch (Sqlite3.OperationalError stillLocked) {
                    // the collector has not run yet
                }
            }
            assertThat(b.inTransaction()).isFalse();
            assertThat(a.execute("select count(*) from t").fetchone().get(0)).isEqualTo(3L);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test // CursorTests.test_setinputsizes / test_setoutputsize / test_cursor_connection
    void noOpsAndConnection() {
        cur.setinputsizes(List.of(1, 2));
        cur.setoutputsize(5, null);
        cur.setoutputsize(5, 0);
        assertThat(cur.connection()).isSameAs(con);
    }
}
