package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cursor.execute: statements, parameters and types (CPython test_dbapi.CursorTests). */
class ExecuteTest {

    Connection con;
    Cursor cur;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:");
        cur = con.cursor();
        cur.execute("create table test(id integer primary key, name text, income number, unique_test text unique)");
        cur.execute("insert into test(name) values ('foo')");
    }

    @AfterEach
    void close() {
        con.close();
    }

    @Test // CursorTests.test_execute_no_args
    void executeWithoutArguments() {
        cur.execute("delete from test");
        assertThat(cur.rowcount()).isEqualTo(1);
    }

    @Test // CursorTests.test_execute_illegal_sql
    void illegalSqlIsOperationalError() {
        assertThatThrownBy(() -> cur.execute("select asdf"))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("no such column: asdf");
        assertThatThrownBy(() -> cur.execute("selec 1"))
                .isInstanceOf(Sqlite3.OperationalError.class)
                .hasMessage("near \"selec\": syntax error");
    }

    @Test // CursorTests.test_execute_multiple_statements
    void onlyOneStatementAtATime() {
        String msg = "You can only execute one statement at a time.";
        for (String sql : List.of("select 5+4; select 4+5", "select 1; //", "select 1; garbage",
                "select 1;;", "select 1; /* c */ select 2")) {
            assertThatThrownBy(() -> cur.execute(sql)).as(sql)
                    .isInstanceOf(Sqlite3.ProgrammingError.class).hasMessage(msg);
        }
        assertThatThrownBy(() -> cur.execute("selec 1; select 2"))
                .isInstanceOf(Sqlite3.OperationalError.class);
    }

    @Test // CursorTests.test_execute_with_appended_comments
    void trailingCommentsAndLeadingSemicolonsAreFine() {
        for (String sql : List.of("select 1;", "select 1; -- c", "select 1 /* c */ ;",
                "select 1; /* unterminated", "select 1 -- x\n; \n", ";select 1", "  ;; select 1")) {
            assertThat(cur.execute(sql).fetchall()).as(sql).hasSize(1);
        }
    }

    @Test // empty statements do nothing
    void emptyStatementsDoNothing() {
        for (String sql : List.of("", "  ", "-- c", ";", "/* x */ ; ;")) {
            cur.execute(sql);
            assertThat(cur.description()).as(sql).isNull();
            assertThat(cur.fetchone()).isNull();
            assertThat(cur.rowcount()).isEqualTo(-1);
        }
    }

    @Test // CursorTests.test_execute_arg_string_with_zero_byte + NUL in the SQL
    void nulCharacters() {
        cur.execute("insert into test(name) values (?)", "a\0b");
        Row row = cur.execute("select name, length(name) from test where id = ?", cur.lastrowid()).fetchone();
        assertThat(row.get(0)).isEqualTo("a\0b");
        assertThatThrownBy(() -> cur.execute("select 1\0"))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("the query contains a null character");
    }

    @Test // CursorTests.test_execute_arg_int / float / string
    void argumentsRoundTripWithPythonTypes() {
        Object[] values = {42L, 42, (short) 7, (byte) 3, 3.5, 2.5f, "Hugo", new byte[] {1, 2, 0},
                null, true, false, BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE), 'c',
                ByteBuffer.wrap(new byte[] {9, 8})};
        Object[] expected = {42L, 42L, 7L, 3L, 3.5, 2.5, "Hugo", new byte[] {1, 2, 0}, null, 1L, 0L,
                Long.MAX_VALUE, Long.MIN_VALUE, "c", new byte[] {9, 8}};
        for (int i = 0; i < values.length; i++) {
            Row got = cur.execute("select ?", values[i]).fetchone();
            assertThat(got.get(0)).as("value %s", values[i]).isEqualTo(expected[i]);
        }
    }

    @Test // NaN binds as NULL (SQLite's rule, as in Python)
    void nanBindsAsNull() {
        assertThat(cur.execute("select ? is null", Double.NaN).fetchone().get(0)).isEqualTo(1L);
    }

    @Test // OverflowError for ints past 64 bits
    void bigIntegersOverflow() {
        assertThatThrownBy(() -> cur.execute("select ?", BigInteger.ONE.shiftLeft(63)))
                .isInstanceOf(Sqlite3.OverflowError.class)
                .hasMessage("Python int too large to convert to SQLite INTEGER");
    }

    @Test // CursorTests.test_execute_non_iterable / unsupported parameter type
    void unsupportedTypes() {
        assertThatThrownBy(() -> cur.execute("select ?", new Object()))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Error binding parameter 1: type 'Object' is not supported");
        assertThatThrownBy(() -> cur.execute("select ?, ?", 1, Set.of(1)))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessageStartingWith("Error binding parameter 2: type '");
        assertThatThrownBy(() -> cur.executemany("insert into test(name) values (?)", List.of(Set.of(1))))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("parameters are of unsupported type");
    }

    @Test // CursorTests.test_execute_wrong_no_of_args1..3, test_execute_too_many_params
    void wrongNumberOfBindings() {
        assertThatThrownBy(() -> cur.execute("insert into test(id) values (?)", 17, "Egon"))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Incorrect number of bindings supplied. The current statement uses 1, and there are 2 supplied.");
        assertThatThrownBy(() -> cur.execute("insert into test(id) values (?)"))
                .hasMessage("Incorrect number of bindings supplied. The current statement uses 1, and there are 0 supplied.");
        assertThatThrownBy(() -> cur.execute("insert into test(id) values (?)", List.of()))
                .hasMessage("Incorrect number of bindings supplied. The current statement uses 1, and there are 0 supplied.");
        assertThatThrownBy(() -> cur.execute("select ?1, ?3", 1, 2))
                .hasMessage("Incorrect number of bindings supplied. The current statement uses 3, and there are 2 supplied.");
    }

    @Test // CursorTests.test_execute_param_list / param_sequence
    void qmarkParametersFromListsArraysAndVarargs() {
        cur.execute("insert into test(name) values (?)", List.of("foo2"));
        cur.execute("insert into test(name) values (?)", new Object[] {"foo3"});
        cur.execute("insert into test(name) values (?)", "foo4");
        assertThat(cur.execute("select count(*) from test where name like 'foo_'").fetchone().get(0))
                .isEqualTo(3L);
        // an array passed as one value is a value of an unsupported type, as a nested list is in Python
        assertThatThrownBy(() -> cur.execute("select ?", (Object) new Object[] {"x"}))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Error binding parameter 1: type 'Object[]' is not supported");
        assertThat(cur.execute("select ?", Arrays.asList((Object) null)).fetchone().get(0)).isNull();
        assertThat(cur.execute("select ?", (Object) null).fetchone().get(0)).isNull();
    }

    @Test // CursorTests.test_execute_indexed_nameless_params
    void numberedParametersTakeTheirPosition() {
        Row row = cur.execute("select ?2, ?1, ?2", 1, 2).fetchone();
        assertThat(row.values()).containsExactly(2L, 1L, 2L);
        Row named = cur.execute("select ?2, ?1", Map.of("1", "a", "2", "b")).fetchone();
        assertThat(named.values()).containsExactly("b", "a");
    }

    @Test // CursorTests.test_execute_named_param_and_sequence (3.14: ProgrammingError)
    void namedPlaceholderWithSequenceIsRefused() {
        assertThatThrownBy(() -> cur.execute("select :a", 1))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Binding 1 (':a') is a named parameter, but you supplied a sequence which requires nameless (qmark) placeholders.");
        assertThatThrownBy(() -> cur.execute("select ?, @b", 1, 2))
                .hasMessage("Binding 2 ('@b') is a named parameter, but you supplied a sequence which requires nameless (qmark) placeholders.");
    }

    @Test // CursorTests.test_execute_dict_mapping, test_execute_dict_mapping_mapping
    void namedParametersFromMaps() {
        Map<String, Object> params = new HashMap<>();
        params.put("name", "foo");
        params.put("unused", 1);
        assertThat(cur.execute("select name from test where name=:name", params).fetchone().get(0))
                .isEqualTo("foo");
        assertThat(cur.execute("select @a, $b, :a", Map.of("a", 1, "b", 2)).fetchone().values())
                .containsExactly(1L, 2L, 1L);
    }

    @Test // CursorTests.test_execute_dict_mapping_too_little_args / _no_args / _unnamed
    void namedParameterErrors() {
        assertThatThrownBy(() -> cur.execute("select name from test where name=:name and id=:id",
                Map.of("name", "foo")))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("You did not supply a value for binding parameter :id.");
        assertThatThrownBy(() -> cur.execute("select $x", Map.of()))
                .hasMessage("You did not supply a value for binding parameter :x.");
        assertThatThrownBy(() -> cur.execute("select name from test where name=?", Map.of("name", "foo")))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Binding 1 has no name, but you supplied a dictionary (which has only names).");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("v", null);
        assertThat(cur.execute("select :v", withNull).fetchone().get(0)).isNull();
    }

    @Test // test_types.SqliteTypeTests: INTEGER is always Long, REAL Double, TEXT String, BLOB byte[]
    void columnTypesArePythonTypes() {
        Row row = cur.execute("select 1, 3000000000, 1.5, 'x', x'0001', null, zeroblob(0)").fetchone();
        assertThat(row.get(0)).isInstanceOf(Long.class).isEqualTo(1L);
        assertThat(row.get(1)).isEqualTo(3_000_000_000L);
        assertThat(row.get(2)).isEqualTo(1.5);
        assertThat(row.get(3)).isEqualTo("x");
        assertThat(row.get(4)).isEqualTo(new byte[] {0, 1});
        assertThat(row.get(5)).isNull();
        assertThat(row.get(6)).isEqualTo(new byte[0]);
    }

    @Test // non-BMP and non-ASCII text round trips
    void unicodeRoundTrips() {
        String text = "Ünïcödé – \uD83D\uDE00 日本";
        assertThat(cur.execute("select ?, length(?)", text, text).fetchone().values())
                .containsExactly(text, 14L);
    }

    @Test // CursorTests.test_same_query_in_multiple_cursors
    void sameQueryInTwoCursors() {
        con.execute("insert into test(name) values ('bar')");
        Cursor a = con.execute("select name from test order by id");
        Cursor b = con.execute("select name from test order by id");
        assertThat(a.fetchone()).isEqualTo(b.fetchone());
        assertThat(a.fetchall()).hasSize(1);
        assertThat(b.fetchall()).hasSize(1);
    }

    @Test // a statement stays cached and right after errors
    void cachedStatementsSurviveErrors() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cur.execute("insert into test(id) values (?)", 1))
                    .isInstanceOf(Sqlite3.IntegrityError.class);
            assertThat(cur.rowcount()).isEqualTo(-1);
            cur.execute("insert into test(id) values (?)", 100 + i);
            assertThat(cur.rowcount()).isEqualTo(1);
        }
        assertThatThrownBy(() -> cur.execute("select abs(?)", -9223372036854775808L))
                .isInstanceOf(Sqlite3.OperationalError.class).hasMessage("integer overflow");
        assertThat(cur.execute("select abs(?)", -5).fetchone().get(0)).isEqualTo(5L);
    }

    @Test // no statement cache at all
    void zeroCachedStatements() {
        try (Connection c = Sqlite3.connect(":memory:", ConnectOptions.defaults().cachedStatements(0))) {
            for (int i = 0; i < 5; i++) {
                assertThat(c.execute("select ?", i).fetchone().get(0)).isEqualTo((long) i);
            }
        }
    }

    @Test // the cache evicts beyond its size and keeps working
    void smallCacheEvicts() {
        try (Connection c = Sqlite3.connect(":memory:", ConnectOptions.defaults().cachedStatements(2))) {
            Cursor held = c.execute("select 1 union all select 2");
            for (int i = 0; i < 10; i++) {
                assertThat(c.execute("select " + i).fetchone().get(0)).isEqualTo((long) i);
            }
            assertThat(held.fetchall()).hasSize(2);
        }
    }
}
