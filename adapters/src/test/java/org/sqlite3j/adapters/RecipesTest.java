package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sqlite3j.testkit.Python;

/**
 * Python's default date/timestamp recipes (CPython's {@code convert_date} / {@code convert_timestamp})
 * and the BigDecimal recipe ({@code Decimal(text)}), each outcome against CPython 3.13: the value, or
 * the exception family and message. Covers CPython's test_sqlite3 test_types (DateTimeTests,
 * test_sqlite_date, test_sqlite_timestamp, test_date_time_sub_seconds...) and what they leave unpinned:
 * non-digits in the fields, years outside 1-9999, field counts (a million digits: MillionDigitsTest).
 */
class RecipesTest {
    private static final Converters CONVERTERS = Converters.create();

    static {
        Recipes.pythonDefaults(Adapters.create(), CONVERTERS);
        Recipes.bigDecimal(Adapters.create(), CONVERTERS);
    }

    static Object convert(String name, byte[] text) throws Exception {
        return CONVERTERS.find(name).orElseThrow().convert(text);
    }

    private static Object convert(String name, String text) throws Exception {
        return convert(name, text.getBytes(StandardCharsets.UTF_8));
    }

    record Case(String name, byte[] text) {
        @Override
        public String toString() {
            String s = new String(text, StandardCharsets.ISO_8859_1);
            return name + " " + (s.length() > 60 ? s.substring(0, 60) + "... (" + s.length() + ")" : s);
        }
    }

    private static final BigInteger MODULUS = BigInteger.TWO.pow(61).subtract(BigInteger.ONE);

    static String java(Case c) {
        try {
            Object v = convert(c.name(), c.text());
            if (v instanceof LocalDateTime t) {
                return "ok " + Recipes.timestamp(t);
            }
            if (v instanceof BigDecimal d) {
                BigInteger u = d.unscaledValue();
                return "ok decimal " + (u.signum() < 0 ? 1 : 0) + " " + d.precision() + " " + -d.scale() + " " + u.abs().mod(MODULUS);
            }
            return "ok " + v;
        } catch (Exception e) {
            String family = e instanceof ArithmeticException ? "ArithmeticException"
                    : e instanceof IllegalArgumentException ? "IllegalArgumentException" : e.getClass().getSimpleName();
            String m = e.getMessage();
            return "err " + family + " " + m.length() + " " + (m.length() > 200 ? m.substring(0, 200) : m);
        }
    }

    private static final String PROGRAM = String.join("\n",
            "import sys, sqlite3, warnings, decimal, datetime",
            "warnings.simplefilter('ignore')",
            "M = 2**61 - 1",
            "conv = {'date': sqlite3.converters['DATE'], 'timestamp': sqlite3.converters['TIMESTAMP'],",
            "        'decimal': lambda b: decimal.Decimal(b.decode())}",
            "for line in sys.stdin:",
            "    name, data = line.rstrip('\\n').split(' ')",
            "    try:",
            "        v = conv[name](bytes.fromhex(data))",
            "        if isinstance(v, datetime.datetime): r = 'ok ' + v.isoformat(' ')",
            "        elif isinstance(v, datetime.date): r = 'ok ' + v.isoformat()",
            "        else:",
            "            sign, digits, exp = v.as_tuple(); h = 0",
            "            for d in digits: h = (h * 10 + d) % M",
            "            r = 'ok decimal %d %d %d %d' % (sign, len(digits), exp, h)",
            "    except Exception as e:",
            "        f = 'ArithmeticException' if isinstance(e, ArithmeticError) else 'IllegalArgumentException' \\",
            "            if isinstance(e, (ValueError, TypeError)) else type(e).__name__",
            "        m = str(e); r = 'err %s %d %s' % (f, len(m), m[:200])",
            "    print(r)",
            "");

    private static List<String> cpython(List<Case> cases) throws Exception {
        StringBuilder in = new StringBuilder();
        for (Case c : cases) {
            in.append(c.name()).append(' ').append(HexFormat.of().formatHex(c.text())).append('\n');
        }
        String out = Python.oracle(13).call().stdin(in.toString()).stderrApart().script(PROGRAM);
        return List.of(out.split("\n"));
    }

    static Case c(String name, String latin1) {
        return new Case(name, latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String s : new String[] {"2024-05-01", "2024-5-1", " 2024-05-01 ", "2024-0a-01", "20:4-05-01", "20/4-05-01",
            "10000-01-01", "2024-13-01", "2024-02-30", "2024-02-29", "2023-02-29", "2024-05", "2024", "2024-05-01-02", "2024_0-05-01",
            "99999999999999999999-01-01", "2024-05-99999999999999999999", "2147483648-01-01", "2024--1-01", "", "2024-05-1x",
            "\u00d9\u00a1-01-01", "2024-00-01", "2024-01-00", "+2024-05-01", "0001-01-01", "9999-12-31", "2024-04-31",
            "1900-02-29", "2000-02-29", "0a24-05-01", "2024-05-0:", "2024-05-0/", "+12024-05-1", "-0005-1-01", "00000-01-01",
            "2024-05-01 ", "\u0000024-05-01", "2024-05-01\u0000", "99999999999999999999-0a-01", "2024-10-20", "2024-12-31",
            "1999-11-30", "0000", "000", "+1234", "-123", "+1234567890", "+12345678901", "+1234-05-01", "2147483647-01-01",
            "2147483648-01-01", "+1234567890-01-01", "0000-1-01", "0000-01-1x"}) {
            cases.add(c("date", s));
        }
        for (String s : new String[] {"2024-05-01 12:30:15.25", "2024-05-01 12:30:15", "2024-05-01", "2024-05-01 12:30",
            "2024-05-01 12:30:15:01", "2024-05-01 12:30:15.1.2", "2024-05-01 24:00:00", "2024-05-01 12:60:00",
            "2024-05-01 12:30:60", "2024-05-01 12:30:15.1234567", "2024-05-01 12:30:15.12a", "2024-05-01 12:30:15.-1",
            "2024-05-01 12:30:15.", "2024-05-01 12:30:15.\u00ff", "2024-05-01  12:30:15", "2024-05-01 12:30:15 ",
            "2024-05 12:00:00", "2024-05-01-01 12:00:00", "2024-05-01 1a:00:00",
            "2024-05-01 12:30:15.+5", "2024-05-01 12:30:15. 5", "2024-5-1 1:2:3.4", "2024-05-01 -1:00:00",
            "2024-05-01 12:30:15.000001", "2024-05-01 12:30:15.9999999", "2024-02-30 00:00:00", "2024-05-01 12:30:15.\u00c3\u00a9",
            "2024-05-01 12:30:99999999999", "2024-05-01 12:30:15.1_2", "10000-01-01 00:00:00", 
            "2024-05-01 12:30:15.\u00d9\u00a1", "2024-05-01 12:30:1\u00d9\u00a1", "2024-05-01 12:30:15:x",
            "2024-05-01 -2147483648:00:00", "2024-05-01 2147483647:00:00", "2024-05-01 2147483648:00:00",
            "2024-05-01 -2147483649:00:00", "2024-05-01 12:30:15.2147483648"}) {
            cases.add(c("timestamp", s));
        }
        for (String s : new String[] {"1.5", " 1.5 ", "1_000.5", "1e5", "-1.50", "abc", "1e", ".5", "1.", "0E-7",
            "123456789012345678901234567890.123456789", "1e999999999999999999999"}) {
            cases.add(c("decimal", s));
        }
        return cases;
    }

    @Test
    void convertersReadTextAsCPythonsConverters() throws Exception {
        assertSameAsCPython("recipes", cases());
    }

    static void assertSameAsCPython(String name, List<Case> cases) throws Exception {
        List<byte[]> keys = new ArrayList<>();
        for (Case c : cases) {
            keys.add((c.name() + "\0" + new String(c.text(), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
        }
        List<String> expected = CommittedOutcomes.expected(name, keys, () -> cpython(cases));
        assertThat(expected).hasSize(cases.size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String actual = java(cases.get(i));
            if (!actual.equals(expected.get(i))) {
                mismatches.add(cases.get(i) + "\n    CPython: " + expected.get(i) + "\n    Java:    " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test // test_types.DateTimeTests: dates and timestamps read back as written
    void datesAndTimestampsReadBack() throws Exception {
        assertThat(convert("date", "2024-05-01")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(convert("date", "0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(convert("timestamp", "2024-05-01 12:30:15.25"))
                .isEqualTo(LocalDateTime.of(2024, 5, 1, 12, 30, 15, 250_000_000));
        assertThatThrownBy(() -> convert("date", "2023-02-30")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("day is out of range for month");
        assertThatThrownBy(() -> convert("date", "2023-0a-01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid literal for int() with base 10: b'0a'");
        assertThatThrownBy(() -> convert("timestamp", "2023-13-01 00:00:00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("month must be in 1..12");
    }

    @Test // the years Python cannot hold: what isoDate writes for them reads back here (CPython refuses them)
    void yearsOutsidePythonsRangeRoundTripInJava() throws Exception {
        Adapter<Object> date = adaptersWithDefaults().find(LocalDate.class).orElseThrow();
        Adapter<Object> timestamp = adaptersWithDefaults().find(LocalDateTime.class).orElseThrow();
        for (LocalDate d : new LocalDate[] {LocalDate.of(0, 1, 1), LocalDate.of(-5, 1, 1), LocalDate.of(12024, 5, 1),
            LocalDate.of(-12024, 12, 31), LocalDate.of(10000, 1, 1), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)}) {
            Object text = date.adapt(d);
            assertThat(convert("date", (String) text)).as("%s", text).isEqualTo(d);
            LocalDateTime t = d.atTime(1, 2, 3, 4_000);
            assertThat(convert("timestamp", (String) timestamp.adapt(t))).isEqualTo(t);
        }
        assertThat(convert("date", "+123456789-01-01")).isEqualTo(LocalDate.of(123_456_789, 1, 1));
        assertThat(convert("date", "+12024-09-19")).isEqualTo(LocalDate.of(12_024, 9, 19));
        assertThat(convert("date", "-1234-09-19")).isEqualTo(LocalDate.of(-1234, 9, 19));
        assertThatThrownBy(() -> convert("date", "0000-13-01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> convert("decimal", "NaN")).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("has no BigDecimal form");
    }

    private static Adapters adaptersWithDefaults() {
        Adapters adapters = Adapters.create();
        Recipes.pythonDefaults(adapters, Converters.create());
        return adapters;
    }

    @Test // test_types.DateTimeTests: the adapters write date.isoformat() / datetime.isoformat(" ")
    void adaptersWritePythonsIsoText() throws Exception {
        Adapter<Object> date = adaptersWithDefaults().find(LocalDate.class).orElseThrow();
        for (LocalDate d : new LocalDate[] {LocalDate.of(2024, 5, 1), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
            LocalDate.of(1999, 10, 9), LocalDate.of(-5, 1, 1), LocalDate.of(12024, 5, 1), LocalDate.of(0, 1, 1),
            LocalDate.of(10000, 1, 1), LocalDate.of(-1, 12, 31)}) {
            assertThat(date.adapt(d)).as("%s", d).isEqualTo(d.toString());
        }
        Adapter<Object> timestamp = adaptersWithDefaults().find(LocalDateTime.class).orElseThrow();
        assertThat(timestamp.adapt(LocalDateTime.of(2024, 5, 1, 12, 30))).isEqualTo("2024-05-01 12:30:00");
        assertThat(timestamp.adapt(LocalDateTime.of(2024, 5, 1, 12, 30, 15, 250_000_000)))
                .isEqualTo("2024-05-01 12:30:15.250000");
        assertThat(timestamp.adapt(LocalDateTime.of(2024, 5, 1, 12, 30, 15, 250_000_001)))
                .isEqualTo("2024-05-01 12:30:15.250000001");
    }

    enum Level { LOW, HIGH }

    @Test // the other recipes: java.time as ISO-8601 text, UUID, an enum by name, each read back by its converter
    void javaTimeUuidAndEnumRecipesRoundTrip() throws Exception {
        Adapters adapters = Adapters.create();
        Converters converters = Converters.create();
        Recipes.javaTime(adapters, converters);
        Recipes.uuid(adapters, converters);
        Recipes.enumByName(Level.class, "level", adapters, converters);
        Object[][] cases = {
            {java.time.Instant.parse("2024-05-01T10:15:30.500Z"), "instant", "2024-05-01T10:15:30.500Z"},
            {java.time.OffsetDateTime.parse("2024-05-01T10:15:30+02:00"), "offsetdatetime", "2024-05-01T10:15:30+02:00"},
            {java.time.LocalTime.of(10, 15), "time", "10:15:00"},
            {java.time.LocalTime.of(10, 15, 1, 5_000), "time", "10:15:01.000005"},
            {java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "uuid", "123e4567-e89b-12d3-a456-426614174000"},
            {Level.HIGH, "level", "HIGH"},
            {LocalDate.of(2024, 5, 1), "date", "2024-05-01"}};
        for (Object[] c : cases) {
            Object text = adapters.find(c[0].getClass()).orElseThrow().adapt(c[0]);
            assertThat(text).as("%s", c[0]).isEqualTo(c[2]);
            assertThat(convert(converters, (String) c[1], (String) text)).isEqualTo(c[0]);
        }
        assertThat(Recipes.timestamp(java.time.OffsetDateTime.parse("2024-05-01T10:15:30.25Z")))
                .isEqualTo("2024-05-01 10:15:30.250000+00:00");
        assertThat(Recipes.offset(java.time.ZoneOffset.ofHoursMinutesSeconds(-1, -30, -15))).isEqualTo("-01:30:15");
    }

    private static Object convert(Converters converters, String name, String text) throws Exception {
        return converters.find(name).orElseThrow().convert(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test // a Decimal BigDecimal cannot hold: refused, the text shown up to 60 characters
    void decimalsWithoutABigDecimalFormAreRefusedNamingTheText() {
        String sixty = "NaN" + "1".repeat(57);
        assertThatThrownBy(() -> convert("decimal", sixty)).isInstanceOf(ArithmeticException.class)
                .hasMessage("Decimal('" + sixty + "') has no BigDecimal form (NaN, sNaN, Infinity, or an exponent beyond ±2^31)");
        assertThatThrownBy(() -> convert("decimal", sixty + "1")).isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("Decimal('" + sixty + "...') has no BigDecimal form");
        assertThatThrownBy(() -> convert("decimal", "-Infinity")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> convert("decimal", "1e3000000000")).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("has no BigDecimal form");
    }
}
