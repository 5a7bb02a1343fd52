package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Conform;
import org.sqlite3j.adapters.Recipes;

/**
 * CPython's test_types (DeclTypesTests, ColNamesTests, ObjectAdaptationTests, BinaryConverterTests,
 * DateTimeTests) and the converter cases of test_regression, one Java test per CPython test (named in
 * the comment), on a real database file. Converters are registered on the connection (CPython's tests
 * put them in the global {@code sqlite3.converters} and take them out again); adapters that
 * {@code sqlite3.adapt} must see are registered globally and removed after each test.
 */
class CpythonTypesTest {

    @TempDir
    static Path dir;

    private static int databases;

    Connection con;

    @AfterEach
    void close() {
        if (con != null && !con.isClosed()) {
            con.close();
        }
    }

    Connection open(int detectTypes) {
        con = Sqlite3.connect(dir.resolve("types-" + ++databases + ".db"),
                ConnectOptions.defaults().detectTypes(detectTypes));
        return con;
    }

    /** CPython's DeclTypesTests.Foo: stored through __conform__, read back by the FOO converter. */
    record Foo(String val) implements Conform {
        @Override
        public Object conform() {
            return val;
        }
    }

    /** CPython's DeclTypesTests.BadConform: its __conform__ raises the exception it was made with. */
    record BadConform(RuntimeException exc) implements Conform {
        @Override
        public Object conform() {
            throw exc;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // DeclTypesTests: PARSE_DECLTYPES
    // ---------------------------------------------------------------------------------------------

    @Nested
    class DeclTypes {

        Cursor cur;

        @BeforeEach
        void setUp() {
            open(Sqlite3.PARSE_DECLTYPES);
            cur = con.cursor();
            cur.execute("create table test(i int, s str, f float, b bool, u unicode, foo foo, bin blob,"
                    + " n1 number, n2 number(5), bad bad, cbin cblob)");
            con.converters().register("FLOAT", x -> 47.2);
            con.converters().register("BOOL", x -> Long.parseLong(new String(x, StandardCharsets.US_ASCII)) != 0);
            con.converters().register("FOO", x -> new Foo(new String(x, StandardCharsets.UTF_8)));
            con.converters().register("BAD", x -> new BadConform(new IllegalStateException()));
            con.converters().register("WRONG", x -> "WRONG");
            con.converters().register("NUMBER", x -> Double.parseDouble(new String(x, StandardCharsets.US_ASCII)));
            con.converters().register("CBLOB", x -> "blobish".getBytes(StandardCharsets.US_ASCII));
        }

        @Test // DeclTypesTests.test_string: a [WRONG] column name is ignored without PARSE_COLNAMES
        void string() {
            cur.execute("insert into test(s) values (?)", "foo");
            assertThat(cur.execute("select s as \"s [WRONG]\" from test").fetchone().get(0)).isEqualTo("foo");
        }

        @Test // DeclTypesTests.test_small_int
        void smallInt() {
            cur.execute("insert into test(i) values (?)", 42L);
            assertThat(cur.execute("select i from test").fetchone().get(0)).isEqualTo(42L);
        }

        @Test // DeclTypesTests.test_large_int
        void largeInt() {
            cur.execute("insert into test(i) values (?)", 123456789123456789L);
            assertThat(cur.execute("select i from test").fetchone().get(0)).isEqualTo(123456789123456789L);
        }

        @Test // DeclTypesTests.test_float: the FLOAT converter replaces the value
        void floatConverter() {
            cur.execute("insert into test(f) values (?)", 3.14);
            assertThat(cur.execute("select f from test").fetchone().get(0)).isEqualTo(47.2);
        }

        @Test // DeclTypesTests.test_bool: the BOOL converter gives booleans back
        void boolConverter() {
            cur.execute("insert into test(b) values (?)", false);
            assertThat(cur.execute("select b from test").fetchone().get(0)).isEqualTo(Boolean.FALSE);
            cur.execute("delete from test");
            cur.execute("insert into test(b) values (?)", true);
            assertThat(cur.execute("select b from test").fetchone().get(0)).isEqualTo(Boolean.TRUE);
        }

        @Test // DeclTypesTests.test_unicode: no converter for UNICODE, the text comes back
        void unicode() {
            cur.execute("insert into test(u) values (?)", "\u00d6sterreich");
            assertThat(cur.execute("select u from test").fetchone().get(0)).isEqualTo("\u00d6sterreich");
        }

        @Test // DeclTypesTests.test_foo: stored through conform, read through the FOO converter
        void conformThenConverter() {
            cur.execute("insert into test(foo) values (?)", new Foo("bla"));
            assertThat(cur.execute("select foo from test").fetchone().get(0)).isEqualTo(new Foo("bla"));
        }

        @Test // DeclTypesTests.test_error_in_conform
        void errorInConform() {
            // a TypeError from __conform__ means "not adapted": the value itself is then refused
            BadConform typeError = new BadConform(new Sqlite3.TypeError("bad"));
            assertThatThrownBy(() -> cur.execute("insert into test(bad) values (?)", typeError))
                    .isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("Error binding parameter 1: type 'BadConform' is not supported");
            assertThatThrownBy(() -> cur.execute("insert into test(bad) values (:val)", Map.of("val", typeError)))
                    .isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("Error binding parameter 1: type 'BadConform' is not supported");
            // any other exception (CPython: KeyboardInterrupt) reaches the caller as itself
            IllegalStateException interrupt = new IllegalStateException("interrupted");
            BadConform other = new BadConform(interrupt);
            assertThatThrownBy(() -> cur.execute("insert into test(bad) values (?)", other)).isSameAs(interrupt);
            assertThatThrownBy(() -> cur.execute("insert into test(bad) values (:val)", Map.of("val", other)))
                    .isSameAs(interrupt);
            assertThat(con.execute("select count(*) from test").fetchone().get(0)).isEqualTo(0L);
        }

        @Test // DeclTypesTests.test_blob: the default (no BLOB converter)
        void blob() {
            byte[] sample = "Guglhupf".getBytes(StandardCharsets.US_ASCII);
            cur.execute("insert into test(bin) values (?)", (Object) sample);
            assertThat((byte[]) cur.execute("select bin from test").fetchone().get(0)).isEqualTo(sample);
        }

        @Test // DeclTypesTests.test_number1: the NUMBER converter is used (a float, not an int)
        void number1() {
            cur.execute("insert into test(n1) values (5)");
            assertThat(cur.execute("select n1 from test").fetchone().get(0)).isEqualTo(5.0);
        }

        @Test // DeclTypesTests.test_number2: the declared type is cut at '(' ("number(5)" is NUMBER)
        void number2() {
            cur.execute("insert into test(n2) values (5)");
            assertThat(cur.execute("select n2 from test").fetchone().get(0)).isEqualTo(5.0);
        }

        @Test // DeclTypesTests.test_convert_zero_sized_blob: a converter is not called for b"", which reads None
        void zeroSizedBlobWithAConverter() {
            con.execute("insert into test(cbin) values (?)", (Object) new byte[0]);
            assertThat(con.execute("select cbin from test").fetchone().get(0)).isNull();
            assertThat(con.execute("select bin from (select cbin as bin from test)").fetchone().get(0))
                    .as("through a sub-query the declared type is still CBLOB").isNull();
            assertThat((byte[]) con.execute("select cast(cbin as blob) from test").fetchone().get(0))
                    .as("no converter: b'' itself").isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // ColNamesTests: PARSE_COLNAMES
    // ---------------------------------------------------------------------------------------------

    @Nested
    class ColNames {

        Cursor cur;

        @BeforeEach
        void setUp() {
            open(Sqlite3.PARSE_COLNAMES);
            cur = con.cursor();
            cur.execute("create table test(x foo)");
            con.converters().register("FOO", x -> "[" + new String(x, StandardCharsets.US_ASCII) + "]");
            con.converters().register("BAR", x -> "<" + new String(x, StandardCharsets.US_ASCII) + ">");
            con.converters().register("EXC", x -> 5 / 0);
            con.converters().register("B1B1", x -> "MARKER");
        }

        @Test // ColNamesTests.test_decl_type_not_used: the declared type is not used without PARSE_DECLTYPES
        void declaredTypeNotUsed() {
            cur.execute("insert into test(x) values (?)", "xxx");
            assertThat(cur.execute("select x from test").fetchone().get(0)).isEqualTo("xxx");
        }

        @Test // ColNamesTests.test_none
        void none() {
            cur.execute("insert into test(x) values (?)", (Object) null);
            assertThat(cur.execute("select x from test").fetchone().get(0)).isNull();
            assertThat(cur.execute("select x as \"x [bar]\" from test").fetchone().get(0))
                    .as("NULL is not converted").isNull();
        }

        @Test // ColNamesTests.test_col_name: converter from "[bar]", name cut before the '[' and its space
        void columnName() {
            cur.execute("insert into test(x) values (?)", "xxx");
            cur.execute("select x as \"x y [bar]\" from test");
            assertThat(cur.fetchone().get(0)).isEqualTo("<xxx>");
            assertThat(cur.description().get(0).name()).isEqualTo("x y");
        }

        @Test // ColNamesTests.test_case_in_converter_name
        void converterNameIsCaseInsensitive() {
            assertThat(cur.execute("select 'other' as \"x [b1b1]\"").fetchone().get(0)).isEqualTo("MARKER");
        }

        @Test // ColNamesTests.test_cursor_description_no_row
        void descriptionWithoutRows() {
            cur.execute("select * from test where 0 = 1");
            assertThat(cur.description()).extracting(ColumnDescription::name).containsExactly("x");
        }

        @Test // ColNamesTests.test_cursor_description_insert
        void descriptionOfAnInsert() {
            cur.execute("insert into test values (1)");
            assertThat(cur.description()).isNull();
        }

        @Test // the EXC converter of ColNamesTests' setUp: its exception reaches fetch
        void converterExceptionReachesTheCaller() {
            cur.execute("insert into test(x) values ('a')");
            assertThatThrownBy(() -> cur.execute("select x as \"x [exc]\" from test").fetchone())
                    .isInstanceOf(ArithmeticException.class);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // ObjectAdaptationTests: sqlite3.adapt and an adapter for a base type
    // ---------------------------------------------------------------------------------------------

    @Nested
    class ObjectAdaptation {

        @BeforeEach
        void setUp() {
            open(0);
            Sqlite3.registerAdapter(Long.class, v -> (double) v); // CPython: register_adapter(int, float)
        }

        @AfterEach
        void unregister() {
            Adapters.global().unregister(Long.class);
        }

        @Test // ObjectAdaptationTests.test_caster_is_used: even a built-in type goes through its adapter
        void casterIsUsed() {
            Object val = con.execute("select ?", 4L).fetchone().get(0);
            assertThat(val).isEqualTo(4.0);
        }

        @Test // ObjectAdaptationTests.test_missing_adapter
        void missingAdapter() {
            assertThatThrownBy(() -> Sqlite3.adapt(1.0)).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("can't adapt");
        }

        @Test // ObjectAdaptationTests.test_missing_protocol: adapt(1, None)
        void missingProtocol() {
            assertThatThrownBy(() -> Sqlite3.adapt(1L, null)).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("can't adapt");
        }

        @Test // ObjectAdaptationTests.test_defect_proto: a protocol whose __adapt__ returns None
        void defectProtocol() {
            Sqlite3.Protocol defect = obj -> null;
            assertThatThrownBy(() -> Sqlite3.adapt(1.0, defect)).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("can't adapt");
        }

        @Test // ObjectAdaptationTests.test_defect_self_adapt: a __conform__ that returns None
        void defectSelfAdapt() {
            Conform defect = () -> null;
            assertThatThrownBy(() -> Sqlite3.adapt(defect)).isInstanceOf(Sqlite3.ProgrammingError.class)
                    .hasMessage("can't adapt");
        }

        @Test // ObjectAdaptationTests.test_custom_proto
        void customProtocol() {
            Sqlite3.Protocol custom = obj -> "adapted";
            assertThat(Sqlite3.adapt(1.0, custom)).isEqualTo("adapted");
        }

        @Test // ObjectAdaptationTests.test_adapt: the registered adapter (int -> float)
        void adapt() {
            assertThat(Sqlite3.adapt(42L)).isEqualTo(42.0);
            assertThat(Sqlite3.adapt(42L, Sqlite3.PREPARE_PROTOCOL)).isEqualTo(42.0);
        }

        @Test // ObjectAdaptationTests.test_adapt_alt: adapt(1., None, alt)
        void adaptAlt() {
            assertThat(Sqlite3.adapt(1.0, null, "other")).isEqualTo("other");
            assertThat(Sqlite3.adapt(5L, Sqlite3.PREPARE_PROTOCOL, 7L)).as("the adapter still wins").isEqualTo(5.0);
        }

        @Test // sqlite3.adapt and __conform__ / TypeError (microprotocols.c), checked in CPython 3.13
        void conformAndTypeErrors() {
            assertThat(Sqlite3.adapt(new Foo("bla"))).isEqualTo("bla");
            assertThatThrownBy(() -> Sqlite3.adapt(new BadConform(new Sqlite3.TypeError("x"))))
                    .isInstanceOf(Sqlite3.ProgrammingError.class).hasMessage("can't adapt");
            Sqlite3.Protocol typeError = obj -> {
                throw new Sqlite3.TypeError("x");
            };
            assertThat(Sqlite3.adapt(1.0, typeError, "alt")).isEqualTo("alt");
            assertThat(Sqlite3.adapt(new Foo("bla"), obj -> "proto")).as("conform answers PrepareProtocol only")
                    .isEqualTo("proto");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // BinaryConverterTests
    // ---------------------------------------------------------------------------------------------

    @Test // BinaryConverterTests.test_binary_input_for_converter: the converter gets the BLOB's bytes
    void binaryInputForConverter() {
        open(Sqlite3.PARSE_COLNAMES);
        con.converters().register("bin", CpythonTypesTest::inflate);
        byte[] testdata = "abcdefg".repeat(10).getBytes(StandardCharsets.US_ASCII);
        Object result = con.execute("select ? as \"x [bin]\"", (Object) deflate(testdata)).fetchone().get(0);
        assertThat((byte[]) result).isEqualTo(testdata);
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[1024];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] data) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(data);
        byte[] buffer = new byte[1024];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------
    // DateTimeTests: CPython's default date/timestamp adapters and converters. CPython installs them
    // at import (deprecated since 3.12, with a DeprecationWarning, which has no Java form); here they
    // are the opt-in Recipes.pythonDefaults, registered through the same calls.
    // ---------------------------------------------------------------------------------------------

    @Nested
    class DateTime {

        Cursor cur;

        @BeforeEach
        void setUp() {
            open(Sqlite3.PARSE_DECLTYPES);
            Recipes.pythonDefaults(con.adapters(), con.converters());
            cur = con.cursor();
            cur.execute("create table test(d date, ts timestamp)");
        }

        @Test // DateTimeTests.test_sqlite_date
        void date() {
            LocalDate d = Sqlite3.date(2004, 2, 14);
            cur.execute("insert into test(d) values (?)", d);
            assertThat(cur.execute("select d from test").fetchone().get(0)).isEqualTo(d);
        }

        @Test // DateTimeTests.test_sqlite_timestamp
        void timestamp() {
            LocalDateTime ts = Sqlite3.timestamp(2004, 2, 14, 7, 15, 0);
            cur.execute("insert into test(ts) values (?)", ts);
            assertThat(cur.execute("select ts from test").fetchone().get(0)).isEqualTo(ts);
            assertThat(cur.execute("select cast(ts as text) from test").fetchone().get(0))
                    .isEqualTo("2004-02-14 07:15:00");
        }

        @Test // DateTimeTests.test_sql_timestamp: SQLite's CURRENT_TIMESTAMP read by the converter
        void sqlTimestamp() {
            LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC);
            cur.execute("insert into test(ts) values (current_timestamp)");
            Object ts = cur.execute("select ts from test").fetchone().get(0);
            assertThat(ts).isInstanceOf(LocalDateTime.class);
            assertThat(((LocalDateTime) ts).getYear()).isEqualTo(now.getYear());
        }

        @Test // DateTimeTests.test_date_time_sub_seconds
        void subSeconds() {
            LocalDateTime ts = LocalDateTime.of(2004, 2, 14, 7, 15, 0, 500_000_000);
            cur.execute("insert into test(ts) values (?)", ts);
            assertThat(cur.execute("select ts from test").fetchone().get(0)).isEqualTo(ts);
            assertThat(cur.execute("select cast(ts as text) from test").fetchone().get(0))
                    .isEqualTo("2004-02-14 07:15:00.500000");
        }

        @Test // DateTimeTests.test_date_time_sub_seconds_floating_point
        void subSecondsFloatingPoint() {
            LocalDateTime ts = LocalDateTime.of(2004, 2, 14, 7, 15, 0, 510_241_000);
            cur.execute("insert into test(ts) values (?)", ts);
            assertThat(cur.execute("select ts from test").fetchone().get(0)).isEqualTo(ts);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // test_regression: converters
    // ---------------------------------------------------------------------------------------------

    @Test // RegressionTests.test_convert_timestamp_microsecond_padding: ".456" is 456000 µs, 9 digits cut to 6
    void timestampMicrosecondPadding() {
        open(Sqlite3.PARSE_DECLTYPES);
        Recipes.pythonDefaults(con.adapters(), con.converters());
        Cursor cur = con.cursor();
        cur.execute("CREATE TABLE t (x TIMESTAMP)");
        cur.execute("INSERT INTO t (x) VALUES ('2012-04-04 15:06:00.456')");
        cur.execute("INSERT INTO t (x) VALUES ('2012-04-04 15:06:00.123456789')");
        assertThat(cur.execute("SELECT * FROM t").fetchall()).extracting(r -> r.get(0)).containsExactly(
                LocalDateTime.of(2012, 4, 4, 15, 6, 0, 456_000_000),
                LocalDateTime.of(2012, 4, 4, 15, 6, 0, 123_456_000));
    }

    @Test // RegressionTests.test_type_map_usage: the converters follow a re-prepared cached statement
    void typeMapFollowsARepreparedStatement() {
        open(Sqlite3.PARSE_DECLTYPES);
        Recipes.pythonDefaults(con.adapters(), con.converters());
        String select = "select * from foo";
        Cursor cur = con.cursor();
        cur.execute("create table foo(bar timestamp)");
        LocalDateTime now = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
        cur.execute("insert into foo(bar) values (?)", now);
        assertThat(cur.execute(select).fetchone().get(0)).isEqualTo(now);
        cur.execute("drop table foo");
        cur.execute("create table foo(bar integer)");
        cur.execute("insert into foo(bar) values (5)");
        assertThat(cur.execute(select).fetchone().get(0)).as("no timestamp converter for an INTEGER column")
                .isEqualTo(5L);
    }

    @Test // RegressionTests.test_column_name_with_spaces: without PARSE_COLNAMES the name is kept whole
    void columnNameWithSpaces() {
        open(0);
        Cursor cur = con.cursor();
        cur.execute("select 1 as \"foo bar [datetime]\"");
        assertThat(cur.description().get(0).name()).isEqualTo("foo bar [datetime]");
        cur.execute("select 1 as \"foo baz\"");
        assertThat(cur.description().get(0).name()).isEqualTo("foo baz");
    }

    /** RecursiveUseOfCursors' setUp: a PARSE_COLNAMES connection with two rows. */
    private Cursor recursiveUseFixture() {
        open(Sqlite3.PARSE_COLNAMES);
        Cursor cur = con.cursor();
        cur.execute("create table test(x foo)");
        cur.executemany("insert into test(x) values (?)", List.of(List.of("foo"), List.of("bar")));
        return cur;
    }

    @Test // RecursiveUseOfCursors.test_recursive_cursor_close: a converter that closes the cursor being fetched
    void converterClosingItsCursor() {
        Cursor cur = recursiveUseFixture();
        con.converters().register("CLOSE", x -> {
            cur.close();
            return null;
        });
        cur.execute("select x as \"x [CLOSE]\", x from test");
        assertThatThrownBy(cur::fetchall).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Recursive use of cursors not allowed.");
    }

    @Test // RecursiveUseOfCursors.test_recursive_cursor_iter: a converter that fetches from its own cursor
    void converterFetchingFromItsCursor() {
        Cursor cur = recursiveUseFixture();
        boolean[] first = {true};
        con.converters().register("ITER", x -> {
            if (first[0]) {
                first[0] = false;
                return null;
            }
            return cur.fetchone();
        });
        cur.execute("select x as \"x [ITER]\", x from test");
        assertThatThrownBy(cur::fetchall).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Recursive use of cursors not allowed.");
    }

    // ---------------------------------------------------------------------------------------------
    // test_dbapi.ConstructorTests: PEP 249's type constructors
    // ---------------------------------------------------------------------------------------------

    @Test // ConstructorTests.test_date, test_time, test_timestamp
    void constructors() {
        assertThat(Sqlite3.date(2004, 10, 28)).isEqualTo(LocalDate.of(2004, 10, 28));
        assertThat(Sqlite3.time(12, 39, 35)).isEqualTo(java.time.LocalTime.of(12, 39, 35));
        assertThat(Sqlite3.timestamp(2004, 10, 28, 12, 39, 35)).isEqualTo(LocalDateTime.of(2004, 10, 28, 12, 39, 35));
        assertThatThrownBy(() -> Sqlite3.date(2004, 13, 1)).isInstanceOf(Sqlite3.ValueError.class);
        assertThatThrownBy(() -> Sqlite3.time(24, 0, 0)).isInstanceOf(Sqlite3.ValueError.class);
    }

    @Test // ConstructorTests.test_date_from_ticks, test_time_from_ticks, test_timestamp_from_ticks
    void constructorsFromTicks() {
        // Python: time.localtime(ticks) in the process's zone; here the JVM's
        LocalDateTime local = LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(42), java.time.ZoneId.systemDefault());
        assertThat(Sqlite3.timestampFromTicks(42)).isEqualTo(local);
        assertThat(Sqlite3.dateFromTicks(42)).isEqualTo(local.toLocalDate());
        assertThat(Sqlite3.timeFromTicks(42.9)).as("whole seconds").isEqualTo(local.toLocalTime());
        assertThatThrownBy(() -> Sqlite3.timestampFromTicks(Double.NaN)).isInstanceOf(Sqlite3.ValueError.class);
        assertThatCode(() -> Objects.requireNonNull(Sqlite3.timestampFromTicks(-1.5))).doesNotThrowAnyException();
    }
}
