package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Records as JSON text (issue 5: "a record can be adapted/converted with no hand-written code where an
 * unambiguous encoding exists ... for a text form"). The expected text was written by CPython 3.13's
 * {@code json.dumps} for the equal dict (see the comment in {@link #textIsExactlyPythonsJsonDumps}); the
 * live check with {@code python3} is tck's JsonColumnInteropTest.
 */
class JsonRecordsTest {

    enum Color { RED, GREEN }

    record Point(double x, double y) {
    }

    record Item(String name, int qty, long big, double price, float ratio, boolean active, Character grade,
            BigInteger huge, BigDecimal cost, UUID id, Color color, LocalDate day, LocalDateTime at, LocalTime time,
            OffsetDateTime when, Instant instant, List<String> tags, Map<String, Integer> counts, Point where,
            Integer missing, List<Point> path, double nan, double inf) {
    }

    static Item item() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("x", 1);
        counts.put("y", 2);
        return new Item("café \"q\" \\ \n\t☃ \uD83D\uDE00 \u007f\u0001", 3, 9007199254740993L, 0.1 + 0.2, 0.1f, true,
                'A', BigInteger.TWO.pow(70), new BigDecimal("1.50"), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                Color.RED, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6_000), LocalTime.of(10, 15),
                OffsetDateTime.parse("2024-05-01T10:15:30+02:00"), Instant.parse("2024-05-01T08:15:30.5Z"),
                List.of("a", "b"), counts, new Point(1.5, -2), null, List.of(new Point(0, 0), new Point(1e16, 1e-5)),
                Double.NaN, Double.NEGATIVE_INFINITY);
    }

    /*
     * d = {"name": "caf\u00e9 \"q\" \\ \n\t\u2603 \U0001F600 \x7f\x01", "qty": 3, "big": 9007199254740993,
     *      "price": 0.1 + 0.2, "ratio": <0.1 as a C float>, "active": True, "grade": "A", "huge": 2**70,
     *      "cost": "1.50", "id": "123e4567-...", "color": "RED", "day": "2024-02-29",
     *      "at": "2024-01-02T03:04:05.000006", "time": "10:15:00", "when": "2024-05-01T10:15:30+02:00",
     *      "instant": "2024-05-01T08:15:30.500000+00:00", "tags": ["a", "b"], "counts": {"x": 1, "y": 2},
     *      "where": {"x": 1.5, "y": -2.0}, "missing": None, "path": [{"x": 0.0, "y": 0.0}, {"x": 1e16, "y": 1e-05}],
     *      "nan": float("nan"), "inf": float("-inf")}
     * json.dumps(d)
     */
    static final String PYTHON = "{\"name\": \"caf\\u00e9 \\\"q\\\" \\\\ \\n\\t\\u2603 \\ud83d\\ude00 \\u007f\\u0001\", "
            + "\"qty\": 3, \"big\": 9007199254740993, \"price\": 0.30000000000000004, \"ratio\": 0.10000000149011612, "
            + "\"active\": true, \"grade\": \"A\", \"huge\": 1180591620717411303424, \"cost\": \"1.50\", "
            + "\"id\": \"123e4567-e89b-12d3-a456-426614174000\", \"color\": \"RED\", \"day\": \"2024-02-29\", "
            + "\"at\": \"2024-01-02T03:04:05.000006\", \"time\": \"10:15:00\", \"when\": \"2024-05-01T10:15:30+02:00\", "
            + "\"instant\": \"2024-05-01T08:15:30.500000+00:00\", \"tags\": [\"a\", \"b\"], \"counts\": {\"x\": 1, \"y\": 2}, "
            + "\"where\": {\"x\": 1.5, \"y\": -2.0}, \"missing\": null, \"path\": [{\"x\": 0.0, \"y\": 0.0}, "
            + "{\"x\": 1e+16, \"y\": 1e-05}], \"nan\": NaN, \"inf\": -Infinity}";

    @Test
    void textIsExactlyPythonsJsonDumps() {
        assertThat(JsonRecords.toJson(item())).isEqualTo(PYTHON);
    }

    @Test
    void textReadsBackToAnEqualRecord() {
        Item back = JsonRecords.fromJson(Item.class, PYTHON);
        Item expected = item();
        // NaN != NaN in a record's equals: compare the rest and the NaN separately
        assertThat(back).usingRecursiveComparison().ignoringFields("nan").isEqualTo(expected);
        assertThat(back.nan()).isNaN();
        assertThat(back.ratio()).isEqualTo(0.1f);
        assertThat(back.tags()).isUnmodifiable();
        // whitespace and key order are free when reading (Python's json.dumps(indent=2, sort_keys=True) too)
        Point p = JsonRecords.fromJson(Point.class, "{\n  \"y\" : 2 ,\"x\":1.5e0 }");
        assertThat(p).isEqualTo(new Point(1.5, 2));
    }

    @Test
    void registeredAdapterAndConverterGoThroughThePublicRegistries() throws Exception {
        Adapters adapters = Adapters.create();
        Converters converters = Converters.create();
        JsonRecords.register(Point.class, "point", adapters, converters);
        Object stored = adapters.find(Point.class).orElseThrow().adapt(new Point(1, 2.5));
        assertThat(stored).isEqualTo("{\"x\": 1.0, \"y\": 2.5}");
        Object read = converters.find("POINT").orElseThrow().convert("{\"x\": 1, \"y\": 2.5}".getBytes(StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(new Point(1, 2.5));
    }

    record Bad(String ok, Object anything) {
    }

    record Loop(String name, List<Loop> children) {
    }

    record Primitive(int n) {
    }

    record Small(byte b, char c, Color color, UUID id) {
    }

    @Test
    void componentsWithoutAJsonFormAreRefusedWhenRegistering() {
        assertThatThrownBy(() -> JsonRecords.register(Bad.class, "bad", Adapters.create(), Converters.create()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad.anything has type java.lang.Object, which has no JSON form here");
        assertThatThrownBy(() -> JsonRecords.toJson(new Loop("a", List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains itself");
    }

    @Test
    void badTextIsAClearErrorNamingTheComponent() {
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Point: Point: missing key \"y\"");
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 1, \"y\": 2, \"z\": 3}"))
                .hasMessage("Point: Point: unknown key \"z\"; expected x, y");
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 1, \"x\": 2}"))
                .hasMessage("Point: Point: key \"x\" twice");
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": \"1\", \"y\": 2}"))
                .hasMessage("Point: Point.x: expected a number, got \"\\\"1\\\", \\\"y\\\": 2}\" at offset 6");
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 1, \"y\": 2} trailing"))
                .hasMessageStartingWith("Point: after the object: expected the end of the text, got \"trailing\"");
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "[1, 2]"))
                .hasMessageStartingWith("Point: Point: expected a JSON object of x, y, got \"[1, 2]\"");
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 1, \"y\": 2"))
                .hasMessageStartingWith("Point: Point: expected ',' or '}', got the end of the text");
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 01, \"y\": 2}"))
                .hasMessageStartingWith("Point: Point.x: expected a number");
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 1, \"y\": null}"))
                .hasMessage("Point: Point.y: null for a primitive component");
        assertThatThrownBy(() -> JsonRecords.fromJson(Primitive.class, "{\"n\": 2147483648}"))
                .hasMessage("Primitive: Primitive.n: 2147483648 is out of range");
        assertThatThrownBy(() -> JsonRecords.fromJson(Primitive.class, "{\"n\": 1.5}"))
                .hasMessage("Primitive: Primitive.n: expected an integer, got 1.5");
        assertThatThrownBy(() -> JsonRecords.fromJson(Small.class, "{\"b\": 1, \"c\": \"ab\", \"color\": \"RED\", \"id\": null}"))
                .hasMessageStartingWith("Small: Small.c: expected a one-character string, got \"ab\"");
        assertThatThrownBy(() -> JsonRecords.fromJson(Small.class, "{\"b\": 1, \"c\": \"a\", \"color\": \"BLUE\", \"id\": null}"))
                .hasMessage("Small: Small.color: \"BLUE\" is not a Color constant");
        assertThatThrownBy(() -> JsonRecords.fromJson(Small.class, "{\"b\": 1, \"c\": \"a\", \"color\": \"RED\", \"id\": \"nope\"}"))
                .hasMessageStartingWith("Small: Small.id: expected a UUID string, got \"nope\"");
        assertThatThrownBy(() -> JsonRecords.fromJson(Small.class, "{\"b\": 1, \"c\": \"\\q\", \"color\": \"RED\", \"id\": null}"))
                .hasMessageStartingWith("Small: invalid escape \\q");
        assertThat(JsonRecords.fromJson(Small.class, "{\"b\": -128, \"c\": \"\\u00e9\", \"color\": \"GREEN\", \"id\": null}"))
                .isEqualTo(new Small((byte) -128, 'é', Color.GREEN, null));
    }

    record Deep(List<List<List<List<String>>>> levels, String name) {
    }

    @Test
    void hostileTextFailsCleanly() {
        // a 100,000-deep list where the type expects four levels: refused at the fifth, no StackOverflowError
        String deep = "{\"levels\": " + "[".repeat(100_000) + "]".repeat(100_000) + ", \"name\": \"x\"}";
        assertThatThrownBy(() -> JsonRecords.fromJson(Deep.class, deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Deep.levels[0][0][0][0]: expected a string");
        assertThatThrownBy(() -> JsonRecords.fromJson(Deep.class, "{\"levels\": [], \"name\": \"unterminated"))
                .hasMessage("Deep: unterminated string starting at offset 23");
        assertThatThrownBy(() -> JsonRecords.fromJson(Deep.class, "{\"levels\": [], \"name\": \"\\u12"))
                .hasMessageStartingWith("Deep: truncated \\u escape");
        assertThat(JsonRecords.fromJson(Deep.class, "{\"levels\": [[[[\"a\"]]]], \"name\": \"x\"}").levels())
                .isEqualTo(List.of(List.of(List.of(List.of("a")))));
    }

    record Many(List<Point> points, Map<String, List<Integer>> lists, List<? extends String> words, char c, boolean b) {
    }

    record Maps(List<Map<String, Short>> maps) {
    }

    @Test // nesting is counted per level, not per item: 300 sibling objects, lists and maps read back
    void manySiblingsAreNotDeepNesting() {
        List<Map<String, Short>> maps = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            maps.add(Map.of("s", (short) (i - 150)));
        }
        assertThat(JsonRecords.fromJson(Maps.class, JsonRecords.toJson(new Maps(maps)))).isEqualTo(new Maps(maps));
        assertThatThrownBy(() -> JsonRecords.fromJson(Maps.class, "{\"maps\": [{\"s\": 32768}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Maps: Maps.maps[0][\"s\"]: 32768 is out of range");
        List<Point> points = new java.util.ArrayList<>();
        Map<String, List<Integer>> lists = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            points.add(new Point(i, -i));
            lists.put("k" + i, List.of(i, 0));
        }
        Many many = new Many(points, lists, List.of("a", "b"), 'z', false);
        assertThat(JsonRecords.fromJson(Many.class, JsonRecords.toJson(many))).isEqualTo(many);
    }

    @Test // JSON's number grammar, as Python's json reads it: 0 and -0 alone, no leading zeros, complete exponents
    void numbersFollowJsonsGrammar() {
        assertThat(JsonRecords.fromJson(Point.class, "{\"x\": 0, \"y\": -0}")).isEqualTo(new Point(0, -0.0));
        assertThat(JsonRecords.fromJson(Point.class, "{\"x\": 0.5e+1, \"y\": 10E-1}")).isEqualTo(new Point(5, 1));
        for (String bad : new String[] {"01", "-", "1.", ".5", "1e", "1e+", "1E-", "+1"}) {
            assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 1, \"y\": " + bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a number");
        }
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 1, \"y\": "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Point: Point.y: expected a number, got the end of the text at offset 14");
        assertThatThrownBy(() -> JsonRecords.fromJson(Point.class, "{\"x\": 1, \"y\": 1e"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Point: Point.y: expected a number, got \"1e\" at offset 14");
    }

    @Test // string escapes: each malformed one named with its offset, the text cut short, the quote of a long key
    void malformedStringsAreNamedWithTheirOffset() {
        Object[][] cases = {
            {"{\"n\": 1, \"ab\\", "Primitive: unterminated string starting at offset 9"},
            {"{\"n\": 1, \"\\u004", "Primitive: truncated \\u escape at offset 10"},
            {"{\"n\": 1, \"\\u0041", "Primitive: unterminated string starting at offset 9"},
            {"{\"n\": 1, \"\\u00G1\"", "Primitive: invalid \\u escape \"\\\\u00G1\" at offset 10"},
            {"{\"n\": 1, \"a\\xb\": 2}", "Primitive: invalid escape \\x at offset 11"},
            {"{\"n\": 1, \"a\u0001\": 2}", "Primitive: control character U+0001 in a string at offset 11"}};
        for (Object[] c : cases) {
            assertThatThrownBy(() -> JsonRecords.fromJson(Primitive.class, (String) c[0])).as((String) c[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessage((String) c[1]);
        }
        String sixty = "k".repeat(60);
        assertThatThrownBy(() -> JsonRecords.fromJson(Primitive.class, "{\"" + sixty + "\": 1}"))
                .hasMessage("Primitive: Primitive: unknown key \"" + sixty + "\"; expected n");
        assertThatThrownBy(() -> JsonRecords.fromJson(Primitive.class, "{\"" + sixty + "k\": 1}"))
                .hasMessage("Primitive: Primitive: unknown key \"" + sixty + "...\"; expected n");
        assertThat(JsonRecords.fromJson(Primitive.class, "{\"\\u006e\": 7}")).isEqualTo(new Primitive(7));
    }

    record Words(String s) {
    }

    @Test // json.dumps(ensure_ascii): printable ASCII as itself, from U+0020 to U+007E; the rest escaped
    void printableAsciiBoundsAreExact() {
        assertThat(JsonRecords.toJson(new Words("\u001f \u007e\u007f\u0080"))).isEqualTo("{\"s\": \"\\u001f ~\\u007f\\u0080\"}");
        assertThat(JsonRecords.fromJson(Words.class, "{\"s\": \"\\u001f ~\\u007f\"}")).isEqualTo(new Words("\u001f ~\u007f"));
    }
}
