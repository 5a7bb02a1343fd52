package org.sqlite3j.adapters;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.sqlite3j.pickle.PyNumbers;
import org.sqlite3j.pickle.PyRepr;

/**
 * Records stored as JSON text with no hand-written code: the text form of a record is the JSON
 * object of its components, in declaration order, written exactly as Python's {@code json.dumps}
 * writes the same {@code dict} (separators {@code ", "} and {@code ": "}, non-ASCII escaped as
 * {@code \}{@code uXXXX}, floats as Python's {@code repr}, {@code NaN}/{@code Infinity}), so a Python
 * program reads a row with {@code json.loads} and writes one Java reads back, and equal records give
 * equal text (usable in {@code WHERE} and {@code UNIQUE}).
 *
 * <pre>{@code
 * record Point(double x, double y) {}
 * JsonRecords.register(Point.class, "point", con.adapters(), con.converters());
 * con.execute("CREATE TABLE shape(p point)");            // detect_types=PARSE_DECLTYPES
 * con.execute("INSERT INTO shape VALUES (?)", new Point(1, 2.5));   // stores {"x": 1.0, "y": 2.5}
 * }</pre>
 *
 * <p>Components may be: {@code String}, {@code char}, {@code boolean}, the integer types and
 * {@link BigInteger} (JSON integers), {@code double}/{@code float} (JSON numbers), {@link BigDecimal},
 * {@link UUID}, enums (by name), {@link LocalDate}, {@link LocalDateTime}, {@link LocalTime},
 * {@link OffsetDateTime} and {@link Instant} (JSON strings in Python's {@code isoformat()}), other records
 * (nested objects), and {@code List<T>} / {@code Map<String, T>} of these. Boxed and object components
 * may be {@code null}. Anything else is refused when registering, naming the component. Reading is
 * strict: a missing or unknown key, a value of the wrong JSON type, or malformed JSON is an
 * {@link IllegalArgumentException} naming the record, the component and what came.
 */
public final class JsonRecords {

    /**
     * One codec per record class, made (and checked) at first use; not a registry: nothing to configure.
     * Replaced only by {@link #forgetCodecs()}.
     */
    private static volatile ClassValue<RecordCodec> codecs = newCodecs();
    /** Nesting allowed while reading (lists of lists of records...), far above any sane record. */
    private static final int MAX_DEPTH = 200;

    private JsonRecords() {
    }

    /**
     * Registers an adapter for {@code type} (the record as JSON text) and the converter
     * {@code typename} (JSON text or bytes back to the record).
     *
     * @throws IllegalArgumentException if a component has a type with no JSON form here
     */
    public static <R extends Record> void register(Class<R> type, String typename, Adapters adapters,
            Converters converters) {
        RecordCodec codec = codec(type);
        adapters.register(type, codec::toJson);
        converters.register(typename, bytes -> type.cast(codec.fromJson(new String(bytes, StandardCharsets.UTF_8))));
    }

    /** The JSON text of {@code record}: what the registered adapter stores. */
    public static String toJson(Record record) {
        return codec(record.getClass()).toJson(record);
    }

    /** The record {@code json} describes: what the registered converter returns. */
    public static <R extends Record> R fromJson(Class<R> type, String json) {
        return type.cast(codec(type).fromJson(json));
    }

    private static RecordCodec codec(Class<?> type) {
        return codecs.get(type); // checks every component (and nested record) the first time
    }

    private static ClassValue<RecordCodec> newCodecs() {
        return new ClassValue<>() {
            @Override
            protected RecordCodec computeValue(Class<?> type) {
                return new RecordCodec(type);
            }
        };
    }

    /**
     * Drops every codec made so far: the next use of a record class builds its codec again. For tests
     * under mutation testing, where a codec cached before a mutant was installed would hide the mutant.
     */
    static void forgetCodecs() {
        codecs = newCodecs();
    }

    // ---- the value kinds -----------------------------------------------------------------------

    /** How one component type is written and read. */
    private interface Kind {
        void write(StringBuilder out, Object value);

        Object read(Reader in, String where);
    }

    private static Kind kind(Type type, String where, Set<Class<?>> enclosing) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return new ListKind(kind(bound(args[0]), where + "[]", enclosing));
            }
            if (raw == Map.class && bound(args[0]) == String.class) {
                return new MapKind(kind(bound(args[1]), where + "{}", enclosing));
            }
        }
        if (type instanceof Class<?> c) {
            Kind k = scalar(c);
            if (k != null) {
                return k;
            }
            if (c.isEnum()) {
                return new EnumKind(c);
            }
            if (c.isRecord()) {
                if (enclosing.contains(c)) {
                    throw new IllegalArgumentException("JsonRecords: " + where + " is the record " + c.getName()
                            + " again: a record that contains itself has no finite JSON form");
                }
                return new NestedKind(new RecordCodec(c, enclosing));
            }
        }
        throw new IllegalArgumentException("JsonRecords: " + where + " has type " + type.getTypeName()
                + ", which has no JSON form here; supported: String, char, boolean, integer types, BigInteger,"
                + " double, float, BigDecimal, UUID, enums, LocalDate, LocalDateTime, LocalTime, OffsetDateTime,"
                + " Instant, records, List<T> and Map<String, T> of these (or use PickledTypes)");
    }

    private static Type bound(Type t) {
        if (t instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return w.getUpperBounds()[0];
        }
        return t;
    }

    private static Kind scalar(Class<?> c) {
        if (c == String.class) {
            return new TextKind(s -> s, v -> (String) v, "a string");
        }
        if (c == char.class || c == Character.class) {
            return new TextKind(s -> {
                if (s.length() != 1) {
                    throw new IllegalArgumentException("expected a one-character string, got " + quote(s));
                }
                return s.charAt(0);
            }, v -> String.valueOf((char) (Character) v), "a one-character string");
        }
        if (c == boolean.class || c == Boolean.class) {
            return new BooleanKind();
        }
        if (c == long.class || c == Long.class) {
            return new IntegerKind(n -> n.longValueExact());
        }
        if (c == int.class || c == Integer.class) {
            return new IntegerKind(n -> n.intValueExact());
        }
        if (c == short.class || c == Short.class) {
            return new IntegerKind(n -> n.shortValueExact());
        }
        if (c == byte.class || c == Byte.class) {
            return new IntegerKind(n -> n.byteValueExact());
        }
        if (c == BigInteger.class) {
            return new IntegerKind(n -> n);
        }
        if (c == double.class || c == Double.class) {
            return new FloatKind(false);
        }
        if (c == float.class || c == Float.class) {
            return new FloatKind(true);
        }
        if (c == BigDecimal.class) {
            return new TextKind(Recipes::decimal, v -> ((BigDecimal) v).toString(), "a decimal string");
        }
        if (c == UUID.class) {
            return new TextKind(UUID::fromString, Object::toString, "a UUID string");
        }
        if (c == LocalDate.class) {
            return new TextKind(LocalDate::parse, Object::toString, "an ISO date string");
        }
        if (c == LocalDateTime.class) {
            return new TextKind(LocalDateTime::parse, v -> isoDateTime((LocalDateTime) v), "an ISO datetime string");
        }
        if (c == LocalTime.class) {
            return new TextKind(LocalTime::parse, v -> Recipes.isoTime((LocalTime) v), "an ISO time string");
        }
        if (c == OffsetDateTime.class) {
            return new TextKind(OffsetDateTime::parse, v -> isoOffset((OffsetDateTime) v), "an ISO datetime string with an offset");
        }
        if (c == Instant.class) {
            return new TextKind(s -> OffsetDateTime.parse(s).toInstant(),
                    v -> isoOffset(((Instant) v).atOffset(ZoneOffset.UTC)), "an ISO datetime string with an offset");
        }
        return null;
    }

    /** Python's {@code datetime.isoformat()}: seconds always, microseconds when not zero. */
    private static String isoDateTime(LocalDateTime t) {
        String spaced = Recipes.timestamp(t);
        return spaced.substring(0, 10) + 'T' + spaced.substring(11);
    }

    private static String isoOffset(OffsetDateTime t) {
        return isoDateTime(t.toLocalDateTime()) + Recipes.offset(t.getOffset());
    }

    private record TextKind(Parse parse, java.util.function.Function<Object, String> format, String expected)
            implements Kind {
        @Override
        public void write(StringBuilder out, Object value) {
            writeString(out, format.apply(value));
        }

        @Override
        public Object read(Reader in, String where) {
            if (in.peek() != '"') {
                throw in.error(where, "expected " + expected);
            }
            String s = in.string();
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException(in.what + ": " + where + ": expected " + expected + ", got "
                        + quote(s) + " (" + e.getMessage() + ")", e);
            }
        }
    }

    @FunctionalInterface
    private interface Parse {
        Object apply(String s);
    }

    private static final class BooleanKind implements Kind {
        @Override
        public void write(StringBuilder out, Object value) {
            out.append((Boolean) value ? "true" : "false");
        }

        @Override
        public Object read(Reader in, String where) {
            if (in.literal("true")) {
                return Boolean.TRUE;
            }
            if (in.literal("false")) {
                return Boolean.FALSE;
            }
            throw in.error(where, "expected true or false");
        }
    }

    private record IntegerKind(java.util.function.Function<BigInteger, Object> narrow) implements Kind {
        @Override
        public void write(StringBuilder out, Object value) {
            out.append(value); // Long, Integer, Short, Byte, BigInteger: decimal digits, as Python's int
        }

        @Override
        public Object read(Reader in, String where) {
            String n = in.number(where);
            if (n.indexOf('.') >= 0 || n.indexOf('e') >= 0 || n.indexOf('E') >= 0) {
                throw new IllegalArgumentException(in.what + ": " + where + ": expected an integer, got " + n);
            }
            Object v;
            try {
                v = PyNumbers.parseInt(n, 10); // linear, and refused past 4,300 digits as Python's json refuses it
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(in.what + ": " + where + ": " + e.getMessage(), e);
            }
            try {
                return narrow.apply(v instanceof BigInteger b ? b : BigInteger.valueOf((Long) v));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(in.what + ": " + where + ": " + n + " is out of range", e);
            }
        }
    }

    private record FloatKind(boolean single) implements Kind {
        @Override
        public void write(StringBuilder out, Object value) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                out.append("NaN");
            } else if (Double.isInfinite(d)) {
                out.append(d > 0 ? "Infinity" : "-Infinity");
            } else {
                out.append(PyRepr.floatRepr(d));
            }
        }

        @Override
        public Object read(Reader in, String where) {
            double d;
            if (in.literal("NaN")) {
                d = Double.NaN;
            } else if (in.literal("Infinity")) {
                d = Double.POSITIVE_INFINITY;
            } else if (in.literal("-Infinity")) {
                d = Double.NEGATIVE_INFINITY;
            } else {
                d = Double.parseDouble(in.number(where));
            }
            return single ? (Object) (float) d : (Object) d;
        }
    }

    private record EnumKind(Class<?> type) implements Kind {
        @Override
        public void write(StringBuilder out, Object value) {
            writeString(out, ((Enum<?>) value).name());
        }

        @Override
        public Object read(Reader in, String where) {
            if (in.peek() != '"') {
                throw in.error(where, "expected the name of a " + type.getSimpleName() + " constant");
            }
            String name = in.string();
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(name)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(in.what + ": " + where + ": " + quote(name) + " is not a "
                    + type.getSimpleName() + " constant");
        }
    }

    private record ListKind(Kind element) implements Kind {
        @Override
        public void write(StringBuilder out, Object value) {
            out.append('[');
            boolean first = true;
            for (Object item : (List<?>) value) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                writeValue(out, element, item);
            }
            out.append(']');
        }

        @Override
        public Object read(Reader in, String where) {
            in.open('[', where, "a list");
            List<Object> items = new ArrayList<>();
            if (!in.close(']')) {
                do {
                    items.add(readValue(in, element, where + "[" + items.size() + "]", true));
                } while (in.next(']', where));
            }
            in.leave();
            return Collections.unmodifiableList(items);
        }
    }

    private record MapKind(Kind value) implements Kind {
        @Override
        public void write(StringBuilder out, Object map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                writeString(out, (String) e.getKey());
                out.append(": ");
                writeValue(out, value, e.getValue());
            }
            out.append('}');
        }

        @Override
        public Object read(Reader in, String where) {
            in.open('{', where, "an object");
            Map<String, Object> entries = new LinkedHashMap<>();
            if (!in.close('}')) {
                do {
                    String key = in.key(where);
                    entries.put(key, readValue(in, value, where + "[" + quote(key) + "]", true));
                } while (in.next('}', where));
            }
            in.leave();
            return Collections.unmodifiableMap(entries);
        }
    }

    private record NestedKind(RecordCodec codec) implements Kind {
        @Override
        public void write(StringBuilder out, Object value) {
            codec.write(out, (Record) value);
        }

        @Override
        public Object read(Reader in, String where) {
            return codec.read(in, where);
        }
    }

    private static void writeValue(StringBuilder out, Kind kind, Object value) {
        if (value == null) {
            out.append("null");
        } else {
            kind.write(out, value);
        }
    }

    private static Object readValue(Reader in, Kind kind, String where, boolean nullable) {
        if (in.literal("null")) {
            if (!nullable) {
                throw new IllegalArgumentException(in.what + ": " + where + ": null for a primitive component");
            }
            return null;
        }
        return kind.read(in, where);
    }

    // ---- records ------------------------------------------------------------------------------

    /** One record type: its {@link RecordShape} and each component's JSON kind. */
    private static final class RecordCodec {
        private final Class<?> type;
        private final RecordShape<?> shape;
        private final String[] names;
        private final Kind[] kinds;
        private final boolean[] primitive;

        RecordCodec(Class<?> type) {
            this(type, Set.of());
        }

        @SuppressWarnings("unchecked")
        RecordCodec(Class<?> type, Set<Class<?>> outer) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException("JsonRecords: " + type.getName() + " is not a record");
            }
            this.type = type;
            try {
                shape = RecordShape.of((Class<? extends Record>) type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JsonRecords: " + e.getMessage(), e);
            }
            Set<Class<?>> enclosing = new java.util.HashSet<>(outer);
            enclosing.add(type);
            names = new String[shape.size()];
            kinds = new Kind[names.length];
            primitive = new boolean[names.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = shape.name(i);
                primitive[i] = shape.componentType(i).isPrimitive();
                kinds[i] = kind(shape.genericType(i), type.getSimpleName() + "." + names[i], enclosing);
            }
        }

        String toJson(Object record) {
            StringBuilder out = new StringBuilder(32 + 16 * names.length);
            write(out, (Record) record);
            return out.toString();
        }

        void write(StringBuilder out, Record record) {
            out.append('{');
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                writeString(out, names[i]);
                out.append(": ");
                writeValue(out, kinds[i], shape.get(record, i));
            }
            out.append('}');
        }

        Object fromJson(String json) {
            Reader in = new Reader(json, type.getSimpleName());
            Object r = read(in, type.getSimpleName());
            in.end();
            return r;
        }

        Object read(Reader in, String where) {
            in.open('{', where, "a JSON object of " + String.join(", ", names));
            Object[] values = new Object[names.length];
            boolean[] seen = new boolean[names.length];
            if (!in.close('}')) {
                do {
                    String key = in.key(where);
                    int i = index(key);
                    if (i < 0) {
                        throw new IllegalArgumentException(in.what + ": " + where + ": unknown key " + quote(key)
                                + "; expected " + String.join(", ", names));
                    }
                    if (seen[i]) {
                        throw new IllegalArgumentException(in.what + ": " + where + ": key " + quote(key) + " twice");
                    }
                    seen[i] = true;
                    values[i] = readValue(in, kinds[i], where + "." + key, !primitive[i]);
                } while (in.next('}', where));
            }
            in.leave();
            for (int i = 0; i < names.length; i++) {
                if (!seen[i]) {
                    throw new IllegalArgumentException(in.what + ": " + where + ": missing key " + quote(names[i]));
                }
            }
            try {
                return shape.construct(values);
            } catch (RecordShape.Misfit e) {
                Throwable cause = e.getCause();
                throw new IllegalArgumentException(in.what + ": " + e.getMessage(), cause);
            }
        }

        private int index(String key) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    // ---- JSON text ----------------------------------------------------------------------------

    /** A JSON string as Python's {@code json.dumps} writes it (ensure_ascii: everything outside ' '..'~' escaped). */
    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u");
                        String hex = Integer.toHexString(c);
                        out.append("0000", hex.length(), 4).append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        writeString(out, s.length() > 60 ? s.substring(0, 60) + "..." : s);
        return out.toString();
    }

    /** A reader of JSON text (RFC 8259 plus Python's NaN and Infinity), typed by the caller. */
    private static final class Reader {
        final String what;
        private final String s;
        private int pos;
        private int depth;

        Reader(String s, String what) {
            this.s = s;
            this.what = what;
        }

        IllegalArgumentException error(String where, String expected) {
            skipSpace();
            String came = pos >= s.length() ? "the end of the text"
                    : quote(s.substring(pos, Math.min(s.length(), pos + 20)));
            return new IllegalArgumentException(what + ": " + where + ": " + expected + ", got " + came
                    + " at offset " + pos);
        }

        private void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n'
                    || s.charAt(pos) == '\r')) {
                pos++;
            }
        }

        int peek() {
            skipSpace();
            return pos < s.length() ? s.charAt(pos) : -1;
        }

        boolean literal(String word) {
            skipSpace();
            if (s.startsWith(word, pos)) {
                pos += word.length();
                return true;
            }
            return false;
        }

        void open(char c, String where, String expected) {
            if (peek() != c) {
                throw error(where, "expected " + expected);
            }
            if (++depth > MAX_DEPTH) {
                throw new IllegalArgumentException(what + ": nested deeper than " + MAX_DEPTH + " levels");
            }
            pos++;
        }

        void leave() {
            depth--;
        }

        /** Consumes {@code c} if it comes next (an empty list or object). */
        boolean close(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        /** After an item: true at a comma (another item follows), false at {@code end}. */
        boolean next(char end, String where) {
            int c = peek();
            if (c == ',') {
                pos++;
                return true;
            }
            if (c == end) {
                pos++;
                return false;
            }
            throw error(where, "expected ',' or '" + end + "'");
        }

        String key(String where) {
            if (peek() != '"') {
                throw error(where, "expected a key string");
            }
            String k = string();
            if (peek() != ':') {
                throw error(where, "expected ':' after the key " + quote(k));
            }
            pos++;
            return k;
        }

        String string() {
            int quote = pos; // where the string starts, for the messages (start moves past each escape)
            pos++;
            StringBuilder out = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw new IllegalArgumentException(what + ": unterminated string starting at offset " + quote);
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String r = out == null ? s.substring(start, pos) : out.append(s, start, pos).toString();
                    pos++;
                    return r;
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException(what + ": control character U+" + String.format("%04X", (int) c)
                            + " in a string at offset " + pos);
                }
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(s, start, pos);
                if (pos + 1 >= s.length()) {
                    throw new IllegalArgumentException(what + ": unterminated string starting at offset " + quote);
                }
                char e = s.charAt(pos + 1);
                pos += 2;
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw new IllegalArgumentException(what + ": truncated \\u escape at offset " + (pos - 2));
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw new IllegalArgumentException(what + ": invalid \\u escape "
                                    + quote(s.substring(pos - 2, pos + 4)) + " at offset " + (pos - 2), x);
                        }
                        pos += 4;
                    }
                    default -> throw new IllegalArgumentException(what + ": invalid escape \\" + e + " at offset "
                            + (pos - 2));
                }
                start = pos;
            }
        }

        /** A JSON number's text: {@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}. */
        String number(String where) {
            skipSpace();
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
            }
            int intStart = pos;
            int digits = digits();
            if (digits == 0 || (digits > 1 && s.charAt(intStart) == '0')) {
                pos = start;
                throw error(where, "expected a number");
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                if (digits() == 0) {
                    pos = start;
                    throw error(where, "expected a number");
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (digits() == 0) {
                    pos = start;
                    throw error(where, "expected a number");
                }
            }
            return s.substring(start, pos);
        }

        private int digits() {
            int n = 0;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
                n++;
            }
            return n;
        }

        void end() {
            if (peek() != -1) {
                throw error("after the object", "expected the end of the text");
            }
        }
    }
}
