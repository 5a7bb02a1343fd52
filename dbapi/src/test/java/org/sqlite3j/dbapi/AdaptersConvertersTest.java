package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite3j.adapters.Conform;
import org.sqlite3j.adapters.Recipes;

/** register_adapter / register_converter / detect_types (CPython test_types, test_regression). */
class AdaptersConvertersTest {

    static class Point {
        final long x;

        Point(long x) {
            this.x = x;
        }
    }

    static class SubPoint extends Point {
        SubPoint(long x) {
            super(x);
        }
    }

    record Money(String currency, long cents) implements Conform {
        @Override
        public Object conform() {
            return currency + ":" + cents;
        }
    }

    Connection con;

    @BeforeEach
    void open() {
        con = Sqlite3.connect(":memory:",
                ConnectOptions.defaults().detectTypes(Sqlite3.PARSE_DECLTYPES | Sqlite3.PARSE_COLNAMES));
        con.adapters().register(Point.class, p -> "P(" + p.x + ")");
        con.converters().register("point", b -> ("conv:" + new String(b, StandardCharsets.UTF_8)));
    }

    @AfterEach
    void close() {
        con.close();
    }

    @Test // test_types.ObjectAdaptationTests.test_caster_is_used / exact type only
    void adaptersApplyToTheExactClass() {
        assertThat(con.execute("select ?", new Point(1)).fetchone().get(0)).isEqualTo("P(1)");
        assertThatThrownBy(() -> con.execute("select ?", new SubPoint(1)))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Error binding parameter 1: type 'SubPoint' is not supported");
        con.adapters().registerHierarchy(Point.class, p -> "any point " + p.x);
        assertThat(con.execute("select ?", new SubPoint(2)).fetchone().get(0)).isEqualTo("any point 2");
    }

    @Test // test_types.ObjectAdaptationTests / __conform__, adapter wins over __conform__
    void conformAndPrecedence() {
        assertThat(con.execute("select ?", new Money("EUR", 5)).fetchone().get(0)).isEqualTo("EUR:5");
        con.adapters().register(Money.class, m -> m.cents());
        assertThat(con.execute("select ?", new Money("EUR", 5)).fetchone().get(0)).isEqualTo(5L);
    }

    /**
     * Binding: a __conform__ answering None or raising TypeError leaves the value unadapted, so it is
     * refused as it is; an adapter answering None binds NULL. Outcomes printed by CPython 3.13.
     */
    @Test
    void conformNullOrTypeErrorIsNotAdaptedButAnAdaptersNullBindsNull() {
        record N() implements Conform {
            @Override
            public Object conform() {
                return null;
            }
        }
        record T() implements Conform {
            @Override
            public Object conform() {
                throw new Sqlite3.TypeError("x");
            }
        }
        assertThatThrownBy(() -> con.execute("select ?", new N())).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Error binding parameter 1: type 'N' is not supported");
        assertThatThrownBy(() -> con.execute("select ?", new T())).isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Error binding parameter 1: type 'T' is not supported");
        con.adapters().register(N.class, n -> null);
        assertThat(con.execute("select ?", new N()).fetchone().get(0)).isNull();
    }

    @Test // test_types.ObjectAdaptationTests.test_missing_adapter / adapter errors
    void adapterErrors() {
        con.adapters().register(StringBuilder.class, sb -> {
            throw new ArithmeticException("division by zero");
        });
        assertThatThrownBy(() -> con.execute("select ?", new StringBuilder()))
                .isInstanceOf(ArithmeticException.class).hasMessage("division by zero");
        con.adapters().register(StringBuilder.class, sb -> new Object());
        assertThatThrownBy(() -> con.execute("select ?", new StringBuilder()))
                .isInstanceOf(Sqlite3.ProgrammingError.class)
                .hasMessage("Error binding parameter 1: type 'Object' is not supported");
        con.adapters().register(StringBuilder.class, sb -> new Point(3));
        assertThatThrownBy(() -> con.execute("select ?", new StringBuilder()))
                .as("an adapter's result is not adapted again")
                .hasMessage("Error binding parameter 1: type 'Point' is not supported");
    }

    @Test // a connection's registrations do not leak; global ones reach every connection
    void localAndGlobalRegistries() {
        try (Connection other = Sqlite3.connect(":memory:")) {
            assertThatThrownBy(() -> other.execute("select ?", new Point(1)))
                    .isInstanceOf(Sqlite3.ProgrammingError.class);
        }
        class GlobalOnly {
        }
        Sqlite3.registerAdapter(GlobalOnly.class, g -> "global");
        try (Connection other = Sqlite3.connect(":memory:")) {
            assertThat(other.execute("select ?", new GlobalOnly()).fetchone().get(0)).isEqualTo("global");
        }
        assertThat(con.execute("select ?", new GlobalOnly()).fetchone().get(0)).isEqualTo("global");
    }

    @Test // test_types.DeclTypesTests: first word of the declared type, case-insensitive
    void declaredTypesPickConverters() {
        con.execute("create table t(a point, b Point(3), c unsigned big int, d text)");
        con.execute("insert into t values (1, 'x', 2.5, 'y')");
        con.execute("insert into t values (null, '', x'', 'z')");
        List<Row> rows = con.execute("select a, b, c, d from t").fetchall();
        assertThat(rows.get(0).values()).containsExactly("conv:1", "conv:x", 2.5, "y");
        assertThat(rows.get(1).values()).as("NULL and zero-length values are not converted")
                .containsExactly(null, null, new byte[0], "z");
        con.converters().register("UNSIGNED", b -> "u:" + new String(b, StandardCharsets.UTF_8));
        assertThat(con.execute("select c from t").fetchall()).extracting(r -> r.get(0))
                .containsExactly("u:2.5", null);
        assertThat(con.execute("select * from (select a from t)").fetchone().get(0))
                .as("through a sub-query").isEqualTo("conv:1");
        assertThat(con.execute("select a + 0 from t").fetchone().get(0))
                .as("not through an expression").isEqualTo(1L);
    }

    @Test // test_types.ColNamesTests: "name [type]", precedence, fall back, description names
    void columnNamesPickConverters() {
        con.execute("create table t(a point, e text)");
        con.execute("insert into t values (1, 'z')");
        Cursor c = con.execute("select e as \"e [point]\", e as \"f [nope]\", a as \"g [nope]\","
                + " e as \"h[point]\", e as \"i [point\", a as \"x [a][point]\", a as \"y [b]point]\" from t");
        assertThat(c.fetchone().values()).containsExactly("conv:z", "z", "conv:1", "conv:z", "z",
                "conv:1", "conv:1");
        assertThat(c.description()).extracting(ColumnDescription::name)
                .containsExactly("e", "f", "g", "h", "i", "x", "y");
    }

    @Test // detect_types off: nothing converted, names untouched
    void detectTypesOff() {
        try (Connection plain = Sqlite3.connect(":memory:")) {
            plain.converters().register("point", b -> "never");
            plain.execute("create table t(a point)");
            plain.execute("insert into t values (1)");
            Cursor c = plain.execute("select a as \"a [point]\" from t");
            assertThat(c.fetchone().get(0)).isEqualTo(1L);
            assertThat(c.description().get(0).name()).isEqualTo("a [point]");
        }
    }

    @Test // test_types: a converter's exception reaches the caller
    void converterErrors() {
        con.converters().register("boom", b -> {
            throw new ArithmeticException("division by zero");
        });
        con.execute("create table t(a boom)");
        con.execute("insert into t values (1)");
        assertThatThrownBy(() -> con.execute("select a from t").fetchall())
                .isInstanceOf(ArithmeticException.class);
        assertThat(con.execute("select count(*) from t").fetchone().get(0)).isEqualTo(1L);
    }

    /**
     * A converter that raises leaves the row for the next fetch, which converts it again (CPython 3.13:
     * ['(10,)', 'ValueError: bad 2', '(20,)', 'ValueError: bad 3', '(30,)', 'None'], converter called with
     * 1, 2, 2, 3, 3) — with the step to the next row made before converting (no user callbacks) and after
     * (a user function registered), and when the failing row is the last one.
     */
    @Test
    void aFailingConverterLeavesTheRowForTheNextFetch() {
        for (boolean withFunction : new boolean[] {false, true}) {
            Connection c = Sqlite3.connect(":memory:", ConnectOptions.defaults().detectTypes(Sqlite3.PARSE_DECLTYPES));
            try {
                if (withFunction) {
                    c.createFunction("f", 1, args -> args[0]);
                }
                List<String> calls = new ArrayList<>();
                Map<String, Integer> fail = new HashMap<>(Map.of("2", 1, "3", 1));
                c.converters().register("boom", b -> {
                    String text = new String(b, java.nio.charset.StandardCharsets.UTF_8);
                    calls.add(text);
                    if (fail.getOrDefault(text, 0) > 0) {
                        fail.merge(text, -1, Integer::sum);
                        throw new IllegalArgumentException("bad " + text);
                    }
                    return Long.parseLong(text) * 10;
                });
                c.execute("create table t(a boom)");
                c.executemany("insert into t values (?)", List.of(List.of(1), List.of(2), List.of(3)));
                // with f in the WHERE clause, Java runs inside each step: converters then run before it
                Cursor cur = c.execute(withFunction ? "select a from t where f(a) = a order by a"
                        : "select a from t order by a");
                List<String> out = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    try {
                        Row r = cur.fetchone();
                        out.add(r == null ? "None" : r.values().toString());
                    } catch (IllegalArgumentException e) {
                        out.add("error: " + e.getMessage());
                    }
                }
                assertThat(out).as("with a user function: %s", withFunction)
                        .containsExactly("[10]", "error: bad 2", "[20]", "error: bad 3", "[30]", "None");
                assertThat(calls).containsExactly("1", "2", "2", "3", "3");
            } finally {
                c.close();
            }
        }
    }

    @Test // test_types.DateTimeTests: Python's default date/timestamp recipes, ISO text
    void pythonDateRecipes() {
        Recipes.pythonDefaults(con.adapters(), con.converters());
        con.execute("create table t(d date, ts timestamp)");
        LocalDate d = LocalDate.of(2024, 2, 29);
        LocalDateTime ts = LocalDateTime.of(2024, 2, 29, 13, 5, 9, 123_456_000);
        con.execute("insert into t values (?, ?)", d, ts);
        assertThat(con.execute("select cast(d as text), cast(ts as text) from t").fetchone().values())
                .containsExactly("2024-02-29", "2024-02-29 13:05:09.123456");
        assertThat(con.execute("select d, ts from t").fetchone().values()).containsExactly(d, ts);
        con.execute("insert into t values ('2001-01-01', '2001-01-01 00:00:00')");
        con.execute("insert into t values ('2001-01-01', '2001-01-01 00:00:00.5')");
        assertThat(con.execute("select ts from t order by rowid").fetchall()).extracting(r -> r.get(0))
                .containsExactly(ts, LocalDateTime.of(2001, 1, 1, 0, 0), LocalDateTime.of(2001, 1, 1, 0, 0, 0, 500_000_000));
    }

    enum Color { RED, GREEN }

    @Test // the JVM recipes: java.time, BigDecimal (digits kept), UUID, enums
    void jvmRecipes() {
        Recipes.javaTime(con.adapters(), con.converters());
        Recipes.bigDecimal(con.adapters(), con.converters());
        Recipes.uuid(con.adapters(), con.converters());
        Recipes.enumByName(Color.class, "color", con.adapters(), con.converters());
        con.execute("create table t(i instant, o offsetdatetime, lt time, m decimal text, u uuid, c color)");
        Instant i = Instant.parse("2024-05-01T10:15:30.123456789Z");
        OffsetDateTime o = OffsetDateTime.parse("2024-05-01T10:15:30+02:00");
        LocalTime lt = LocalTime.of(10, 15, 30);
        BigDecimal m = new BigDecimal("12345678901234567890.10");
        UUID u = UUID.randomUUID();
        con.execute("insert into t values (?, ?, ?, ?, ?, ?)", i, o, lt, m, u, Color.GREEN);
        assertThat(con.execute("select * from t").fetchone().values()).containsExactly(i, o, lt, m, u, Color.GREEN);
        assertThat(con.execute("select typeof(m), m from (select cast(m as text) m from t)").fetchone().values())
                .containsExactly("text", "12345678901234567890.10");
    }

    record Person(String name, int age, Double score, boolean active) {
    }

    @Test // rows mapped to records by column name
    void recordRows() {
        con.execute("create table p(name, age, score, active)");
        con.execute("insert into p values ('Ann', 41, 9.5, 1), ('Bob', 7, null, 0)");
        con.rowFactory(RowFactory.records(Person.class));
        List<Person> people = con.execute("select AGE, name, score, active from p order by name").fetchall(Person.class);
        assertThat(people).containsExactly(new Person("Ann", 41, 9.5, true), new Person("Bob", 7, null, false));
        assertThatThrownBy(() -> con.execute("select name, age from p").fetchone(Person.class))
                .isInstanceOf(Sqlite3.TypeError.class).hasMessageContaining("no column 'score'");
        assertThatThrownBy(() -> con.execute("select name, 5000000000 as age, 1.0 as score, 1 as active from p").fetchone(Person.class))
                .isInstanceOf(Sqlite3.TypeError.class).hasMessageContaining("does not fit Person.age");
        assertThatThrownBy(() -> con.execute("select name, null as age, 1.0 as score, 1 as active from p").fetchone(Person.class))
                .isInstanceOf(Sqlite3.TypeError.class).hasMessageContaining("NULL for the primitive Person.age");
    }
}
