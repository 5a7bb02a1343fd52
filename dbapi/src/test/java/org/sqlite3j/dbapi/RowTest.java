package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sqlite3.Row (CPython test_factory.RowFactoryTests). */
class RowTest {

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        con.rowFactory(Row.FACTORY);
    }

    @AfterEach
    void close() {
        con.close();
    }

    @Test // RowFactoryTests.test_sqlite_row_index
    void indexByPositionAndName() {
        Row row = con.execute("select 1 as a_1, 2 as b").fetchone();
        assertThat(row.get("a_1")).isEqualTo(1L);
        assertThat(row.get("A_1")).isEqualTo(1L);
        assertThat(row.get("B")).isEqualTo(2L);
        assertThat(row.get(0)).isEqualTo(1L);
        assertThat(row.get(-1)).isEqualTo(2L);
        assertThat(row.get(-2)).isEqualTo(1L);
        assertThatThrownBy(() -> row.get("c")).isInstanceOf(Sqlite3.IndexError.class).hasMessage("No item with that key");
        assertThatThrownBy(() -> row.get(2)).isInstanceOf(Sqlite3.IndexError.class).hasMessage("tuple index out of range");
        assertThatThrownBy(() -> row.get(-3)).isInstanceOf(Sqlite3.IndexError.class);
        assertThatThrownBy(() -> row.get(Integer.MAX_VALUE)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test // RowFactoryTests.test_sqlite_row_index_unicode: case is ignored only between ASCII names
    void nonAsciiNamesMustMatchExactly() {
        Row row = con.execute("select 1 as \"\u00ff\", 2 as \"\u00c4b\", 3 as \"Stra\u00dfe\"").fetchone();
        assertThat(row.get("\u00ff")).isEqualTo(1L);
        assertThatThrownBy(() -> row.get("\u0178")).isInstanceOf(Sqlite3.IndexError.class);
        assertThat(row.get("\u00c4b")).isEqualTo(2L);
        assertThatThrownBy(() -> row.get("\u00c4B")).isInstanceOf(Sqlite3.IndexError.class);
        assertThatThrownBy(() -> row.get("\u00e4b")).isInstanceOf(Sqlite3.IndexError.class);
        assertThatThrownBy(() -> row.get("STRA\u00dfE")).isInstanceOf(Sqlite3.IndexError.class);
    }

    @Test // first matching column wins
    void duplicateNamesFirstWins() {
        Row row = con.execute("select 1 as a, 2 as A").fetchone();
        assertThat(row.get("a")).isEqualTo(1L);
        assertThat(row.keys()).containsExactly("a", "A");
    }

    @Test // RowFactoryTests.test_sqlite_row_slice
    void slices() {
        Row row = con.execute("select 1, 2, 3, 4").fetchone();
        assertThat(row.slice(0, 0)).isEmpty();
        assertThat(row.slice(0, 1)).containsExactly(1L);
        assertThat(row.slice(1, 3)).containsExactly(2L, 3L);
        assertThat(row.slice(-2, 4)).containsExactly(3L, 4L);
        assertThat(row.slice(-10, 10)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(row.slice(3, 1)).isEmpty();
        assertThat(row.slice(1, 4)).as("row[1:]").containsExactly(2L, 3L, 4L);
        assertThat(row.slice(-2, -1)).containsExactly(3L);
    }

    @Test // RowFactoryTests.test_sqlite_row_slice (steps; the values CPython 3.13 gives)
    void slicesWithAStep() {
        Row row = con.execute("select 1, 2, 3, 4").fetchone();
        assertThat(row.slice(0, 4, 2)).containsExactly(1L, 3L);
        assertThat(row.slice(3, 0, -2)).containsExactly(4L, 2L);
        assertThat(row.slice(10, -10, -1)).containsExactly(4L, 3L, 2L, 1L);
        assertThat(row.slice(-1, -10, -3)).containsExactly(4L, 1L);
        assertThat(row.slice(-10, 10, 3)).containsExactly(1L, 4L);
        assertThat(row.slice(0, 4, 1)).isEqualTo(row.slice(0, 4));
        assertThatThrownBy(() -> row.slice(0, 1, 0)).isInstanceOf(Sqlite3.ValueError.class)
                .hasMessage("slice step cannot be zero");
    }

    @Test // RowFactoryTests.test_sqlite_row_iter / as_tuple / len / keys
    void iterationSizeKeys() {
        Row row = con.execute("select 1 as a, null as b, 'x' as c").fetchone();
        List<Object> values = new ArrayList<>();
        row.forEach(values::add);
        assertThat(values).containsExactly(1L, null, "x");
        assertThat(row.size()).isEqualTo(3);
        assertThat(row.keys()).containsExactly("a", "b", "c");
        assertThat(row.values()).containsExactly(1L, null, "x");
        assertThat(row).hasToString("(1, None, 'x')");
        assertThat(con.execute("select x'00ff27'").fetchone()).hasToString("(b\"\\x00\\xff'\",)");
        assertThat(con.execute("select x'0a09275c22', 0.1, 1e16, -0.0").fetchone())
                .hasToString("(b'\\n\\t\\'\\\\\"', 0.1, 1e+16, -0.0)");
    }

    @Test // RowFactoryTests.test_sqlite_row_hash_cmp
    void equalityAndHash() {
        Row a = con.execute("select 1 as a, 2 as b").fetchone();
        Row b = con.execute("select 1 as a, 2 as b").fetchone();
        Row c = con.execute("select 1 as a, 3 as b").fetchone();
        Row d = con.execute("select 1 as a, 2 as c").fetchone();
        Row e = con.execute("select 1.0 as a, 2 as b").fetchone();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(a).as("different description").isNotEqualTo(d);
        assertThat(a).as("1 == 1.0 as in Python").isEqualTo(e).hasSameHashCodeAs(e);
        assertThat(a).isNotEqualTo(List.of(1L, 2L));
        Row blob1 = con.execute("select x'01' as a").fetchone();
        Row blob2 = con.execute("select x'01' as a").fetchone();
        assertThat(blob1).isEqualTo(blob2).hasSameHashCodeAs(blob2);
    }

    @Test // typed access and Row.of
    void typedGetAndRowOf() {
        Cursor cur = con.execute("select 5 as n, 'x' as s");
        Row row = cur.fetchone();
        long n = row.get("n", Long.class);
        assertThat(n).isEqualTo(5L);
        assertThat(row.get(1, String.class)).isEqualTo("x");
        assertThat(Row.of(cur, List.of(1L, "y")).get("s")).isEqualTo("y");
        assertThatThrownBy(() -> Row.of(cur, List.of(1L))).isInstanceOf(Sqlite3.ProgrammingError.class);
    }

    @Test // RowFactoryTests.test_sqlite_row_index: CPython 3.13 folds case only between ASCII names (U+0080 is not)
    void caseFoldingStopsAtTheAsciiEdges() {
        Row row = con.execute("select 1 as \"\u0080a\", 2 as z, 3 as \"Z9\"").fetchone();
        assertThat(row.get("\u0080a")).isEqualTo(1L);
        assertThatThrownBy(() -> row.get("\u0080A")).isInstanceOf(Sqlite3.IndexError.class)
                .hasMessage("No item with that key");
        assertThat(row.get("Z")).isEqualTo(2L);
        assertThat(row.get("z9")).isEqualTo(3L);
        assertThat(row.get("Z9")).isEqualTo(3L);
    }

    @Test // RowFactoryTests.test_sqlite_row_slice: bounds that land exactly on the stop or the ends (CPython 3.13's values)
    void stepSlicesAtTheirBounds() {
        Row row = con.execute("select 1, 2, 3, 4").fetchone();
        assertThat(row.slice(3, 1, -2)).as("row[3:1:-2]").containsExactly(4L);
        assertThat(row.slice(-4, -10, -1)).as("row[-4:-10:-1]").containsExactly(1L);
        assertThat(row.slice(4, 0, -1)).as("row[4:0:-1]").containsExactly(4L, 3L, 2L);
        assertThat(row.slice(4, 0, -2)).as("row[4:0:-2]").containsExactly(4L, 2L);
        assertThat(row.slice(0, 4, 3)).as("row[0:4:3]").containsExactly(1L, 4L);
        assertThat(row.slice(1, 3, 1)).as("row[1:3:1]").containsExactly(2L, 3L);
    }

    @Test // RowFactoryTests.test_sqlite_row_hash_cmp: a row equals itself; rows differing in a value or a name hash differently
    void hashFollowsValuesAndNames() {
        Row a = con.execute("select 1 as a, 2 as b").fetchone();
        assertThat(a.equals(a)).isTrue();
        assertThat(a.hashCode()).isNotEqualTo(con.execute("select 1 as a, 3 as b").fetchone().hashCode());
        assertThat(a.hashCode()).isNotEqualTo(con.execute("select 1 as x, 2 as b").fetchone().hashCode());
        assertThat(a.hashCode()).isNotEqualTo(con.execute("select 2 as a, 1 as b").fetchone().hashCode());
        assertThat(a.hashCode()).isNotZero();
    }

    @Test // Row(cursor, values) for a cursor that describes no columns (CPython 3.13 fails there with a SystemError)
    void rowOfACursorWithoutColumns() {
        Cursor cur = con.cursor();
        assertThatThrownBy(() -> Row.of(cur, List.of(1L))).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("row has 1 values but the cursor describes no columns");
        Cursor two = con.execute("select 1 as a, 2 as b");
        assertThatThrownBy(() -> Row.of(two, List.of(1L))).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("row has 1 values but the cursor describes 2 columns");
    }
}
