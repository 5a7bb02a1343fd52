package org.sqlite3j.tck.differential;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.sqlite3j.adapters.Adapter;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Converter;
import org.sqlite3j.adapters.Converters;
import org.sqlite3j.adapters.Recipes;
import org.sqlite3j.dbapi.Aggregate;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.ScalarFunction;
import org.sqlite3j.dbapi.WindowFunction;

/**
 * The callback library of the scenarios, the twin of runner.py's {@code Callbacks}: each name
 * stands for a callback that behaves as its Python version does on the values SQLite passes
 * (Long for int, Double for float, String for str, byte[] for bytes, null for None), including
 * where Python would raise (adding a str to an int, indexing past the arguments...). "none" stands
 * for Python's None, a null here.
 *
 * <p>The "raise" callbacks throw {@link Failure} ("callback failed") where Python
 * raises {@code ZeroDivisionError("callback failed")}; both print as {@code <callback exception>}
 * when they escape to the caller.
 */
final class Callbacks {

    static final String FAILURE = "callback failed";

    private final List<String> traced;
    private long calls;
    private long progressCalls;

    Callbacks(List<String> traced) {
        this.traced = traced;
    }

    /**
     * What the "raise" callbacks throw: an ArithmeticException as Python's ZeroDivisionError is an
     * ArithmeticError, of its own class so that the facade's OverflowError (also an
     * ArithmeticException) is not mistaken for it.
     */
    static final class Failure extends ArithmeticException {
        Failure() {
            super(FAILURE);
        }
    }

    static Failure fail() {
        throw new Failure();
    }

    /** Python's {@code type(a).__name__} of each argument, joined by commas. */
    static String typeNames(Object[] args) {
        List<String> names = new ArrayList<>();
        for (Object a : args) {
            names.add(typeName(a));
        }
        return String.join(",", names);
    }

    private static String typeName(Object a) {
        if (a == null) {
            return "NoneType";
        }
        if (a instanceof Long) {
            return "int";
        }
        if (a instanceof Double) {
            return "float";
        }
        if (a instanceof String) {
            return "str";
        }
        if (a instanceof byte[]) {
            return "bytes";
        }
        return "?" + a.getClass().getSimpleName();
    }

    /** {@code args[0]}: an IndexError in Python when there is none. */
    private static Object first(Object[] args) {
        if (args.length == 0) {
            throw new IndexOutOfBoundsException("tuple index out of range");
        }
        return args[0];
    }

    // ---- Python arithmetic on the values SQLite passes -------------------------------------------

    private static BigInteger big(Object v) {
        return v instanceof BigInteger ? (BigInteger) v : BigInteger.valueOf((Long) v);
    }

    private static boolean integral(Object v) {
        return v instanceof Long || v instanceof BigInteger;
    }

    /** An int result as Python keeps it: a Long when it fits, a BigInteger otherwise. */
    private static Object normal(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** Python's {@code a + b} for int and float (a TypeError for anything else). */
    static Object add(Object a, Object b) {
        if (integral(a) && integral(b)) {
            return normal(big(a).add(big(b)));
        }
        if ((integral(a) || a instanceof Double) && (integral(b) || b instanceof Double)) {
            return ((Number) a).doubleValue() + ((Number) b).doubleValue();
        }
        throw new IllegalArgumentException("unsupported operand type(s) for +");
    }

    /** Python's {@code -a} for int and float. */
    static Object negate(Object a) {
        if (integral(a)) {
            return normal(big(a).negate());
        }
        if (a instanceof Double) {
            return -(Double) a;
        }
        throw new IllegalArgumentException("bad operand type for unary -");
    }

    /** Python's {@code a - b} for int and float. */
    static Object subtract(Object a, Object b) {
        return add(a, negate(b));
    }

    /** Python's {@code a * 2}: ints and floats doubled, str and bytes repeated. */
    static Object twice(Object a) {
        if (integral(a)) {
            return normal(big(a).shiftLeft(1));
        }
        if (a instanceof Double) {
            return (Double) a * 2;
        }
        if (a instanceof String) {
            return (String) a + a;
        }
        if (a instanceof byte[]) {
            byte[] b = (byte[]) a;
            byte[] r = new byte[b.length * 2];
            System.arraycopy(b, 0, r, 0, b.length);
            System.arraycopy(b, 0, r, b.length, b.length);
            return r;
        }
        throw new IllegalArgumentException("unsupported operand type(s) for *");
    }

    /** Python's {@code a == 3} on the values SQLite passes. */
    private static boolean isThree(Object a) {
        return (a instanceof Long && (Long) a == 3) || (a instanceof Double && (Double) a == 3.0);
    }

    // ---- scalar functions -------------------------------------------------------------------------

    ScalarFunction scalar(String name) {
        switch (name) {
            case "identity":
                return Callbacks::first;
            case "double":
                return args -> twice(first(args));
            case "negate":
                return args -> negate(first(args));
            case "count_args":
                return args -> (long) args.length;
            case "py_type":
                return Callbacks::typeNames;
            case "calls":
                return args -> ++calls;
            case "raise":
                return args -> {
                    throw fail();
                };
            case "raise_if_3":
                return args -> {
                    if (isThree(first(args))) {
                        throw fail();
                    }
                    return args[0];
                };
            case "return_unsupported":
                return args -> new Object();
            case "return_big_int":
                return args -> BigInteger.TWO.pow(64);
            case "return_big_negative_int":
                return args -> BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE);
            case "return_max_int":
                return args -> Long.MAX_VALUE;
            case "return_min_int":
                return args -> Long.MIN_VALUE;
            case "return_bool":
                return args -> true;
            case "return_float":
                return args -> 0.1;
            case "return_float_nan":
                return args -> Double.NaN;
            case "return_float_inf":
                return args -> Double.NEGATIVE_INFINITY;
            case "return_text":
                return args -> "h\u00e9llo \u20ac\uD83D\uDE00";
            case "return_text_nul":
                return args -> "a\u0000b";
            case "return_empty_text":
                return args -> "";
            case "return_lone_surrogate":
                return args -> "\uD800";
            case "return_blob":
                return args -> new byte[] {0, (byte) 0xff};
            case "return_empty_blob":
                return args -> new byte[0];
            case "return_none":
                return args -> null;
            case "none":
                return null;
            default:
                throw new FacadeSession.ScenarioError("no scalar function \"" + name + "\" in the library");
        }
    }

    // ---- aggregates ---------------------------------------------------------------------------------

    /** Python's {@code Sum}: {@code total += args[0]}, finalize returns the total. */
    static class Sum implements WindowFunction {
        Object total = 0L;

        @Override
        public void step(Object... args) throws Exception {
            total = add(total, first(args));
        }

        @Override
        public Object finalizeValue() throws Exception {
            return total;
        }

        /** Only for the window functions (SumWindow in Python). */
        @Override
        public void inverse(Object... args) throws Exception {
            total = subtract(total, first(args));
        }

        @Override
        public Object value() throws Exception {
            return total;
        }
    }

    /** Python's {@code Concat}: keeps args[0], finalize joins them with "|" (str only). */
    static final class Concat implements Aggregate {
        private final List<Object> parts = new ArrayList<>();

        @Override
        public void step(Object... args) {
            parts.add(first(args));
        }

        @Override
        public Object finalizeValue() {
            for (Object p : parts) {
                if (!(p instanceof String)) {
                    throw new IllegalArgumentException("sequence item: expected str instance");
                }
            }
            return parts.stream().map(p -> (String) p).collect(Collectors.joining("|"));
        }
    }

    static final class CountRows implements Aggregate {
        private long count;

        @Override
        public void step(Object... args) {
            count++;
        }

        @Override
        public Object finalizeValue() {
            return count;
        }
    }

    static final class Types implements Aggregate {
        private final List<String> steps = new ArrayList<>();

        @Override
        public void step(Object... args) {
            steps.add(typeNames(args));
        }

        @Override
        public Object finalizeValue() {
            return String.join(" ", steps);
        }
    }

    Supplier<? extends Aggregate> aggregate(String name) {
        switch (name) {
            case "sum":
                return Sum::new;
            case "concat":
                return Concat::new;
            case "count_rows":
                return CountRows::new;
            case "types":
                return Types::new;
            case "raise_in_init":
                return () -> {
                    throw fail();
                };
            case "raise_in_step":
                return () -> new Sum() {
                    @Override
                    public void step(Object... args) {
                        throw fail();
                    }
                };
            case "raise_in_finalize":
                return () -> new Sum() {
                    @Override
                    public Object finalizeValue() {
                        throw fail();
                    }
                };
            case "finalize_unsupported":
                return () -> new Sum() {
                    @Override
                    public Object finalizeValue() {
                        return new Object();
                    }
                };
            case "finalize_big_int":
                return () -> new Sum() {
                    @Override
                    public Object finalizeValue() {
                        return BigInteger.TWO.pow(64);
                    }
                };
            case "none":
                return null;
            default:
                throw new FacadeSession.ScenarioError("no aggregate \"" + name + "\" in the library");
        }
    }

    // ---- window functions ---------------------------------------------------------------------------

    Supplier<? extends WindowFunction> window(String name) {
        switch (name) {
            case "sum_window":
                return Sum::new;
            case "raise_in_init":
                return () -> {
                    throw fail();
                };
            case "raise_in_step":
                return () -> new Sum() {
                    @Override
                    public void step(Object... args) {
                        throw fail();
                    }
                };
            case "raise_in_value":
                return () -> new Sum() {
                    @Override
                    public Object value() {
                        throw fail();
                    }
                };
            case "raise_in_inverse":
                return () -> new Sum() {
                    @Override
                    public void inverse(Object... args) {
                        throw fail();
                    }
                };
            case "raise_in_finalize":
                return () -> new Sum() {
                    @Override
                    public Object finalizeValue() {
                        throw fail();
                    }
                };
            case "value_unsupported":
                return () -> new Sum() {
                    @Override
                    public Object value() {
                        return new Object();
                    }
                };
            case "none":
                return null;
            default:
                throw new FacadeSession.ScenarioError("no window function \"" + name + "\" in the library");
        }
    }

    // ---- collations -----------------------------------------------------------------------------------

    /** Python's str comparison: by code point (Java's compareTo compares UTF-16 units). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    Comparator<String> collation(String name) {
        switch (name) {
            case "reverse":
                return (a, b) -> Integer.signum(compareCodePoints(b, a));
            case "by_length":
                return (a, b) -> a.codePointCount(0, a.length()) - b.codePointCount(0, b.length());
            case "raise":
                return (a, b) -> {
                    throw fail();
                };
            case "none":
                return null;
            default:
                throw new FacadeSession.ScenarioError("no collation \"" + name + "\" in the library");
        }
    }

    // ---- progress handlers ----------------------------------------------------------------------------

    Connection.ProgressHandler progress(String name) {
        switch (name) {
            case "never":
                return () -> false;
            case "always":
                return () -> true;
            case "raise":
                return () -> {
                    throw fail();
                };
            case "count":
                return () -> {
                    progressCalls++;
                    return false;
                };
            case "none":
                return null;
            default:
                throw new FacadeSession.ScenarioError("no progress handler \"" + name + "\" in the library");
        }
    }

    /** Whether the "count" handler was called since the last time this was asked. */
    boolean progressCalled() {
        boolean called = progressCalls > 0;
        progressCalls = 0;
        return called;
    }

    // ---- trace callbacks ------------------------------------------------------------------------------

    // ---- converters and adapters ------------------------------------------------------------------

    /** The "date" and "timestamp" converters of {@link Recipes#pythonDefaults}, Python's defaults. */
    private static final Converters DEFAULT_CONVERTERS = Converters.create();

    static {
        Recipes.pythonDefaults(Adapters.create(), DEFAULT_CONVERTERS);
    }

    /** register_converter NAME IMPL: the twin of runner.py's {@code Callbacks.converter}. */
    static Converter<?> converter(String name) {
        switch (name) {
            case "identity":
                return bytes -> bytes;
            case "tag":
                return bytes -> "conv:" + new String(bytes, StandardCharsets.UTF_8);
            case "bytes_len":
                return bytes -> (long) bytes.length;
            case "int":
                return bytes -> normal(new BigInteger(new String(bytes, StandardCharsets.US_ASCII).strip()));
            case "raise":
                return bytes -> {
                    throw fail();
                };
            case "raise_if_3":
                return bytes -> {
                    String text = new String(bytes, StandardCharsets.US_ASCII);
                    if (text.equals("3")) {
                        throw fail();
                    }
                    return normal(new BigInteger(text.strip()));
                };
            case "none":
                return bytes -> null;
            case "point":
                return bytes -> {
                    String[] xy = new String(bytes, StandardCharsets.UTF_8).split(";", -1);
                    if (xy.length != 2) {
                        throw new IllegalArgumentException("expected x;y");
                    }
                    return new TestObjects.Point(Long.parseLong(xy[0].strip()), Long.parseLong(xy[1].strip()));
                };
            case "date":
                return DEFAULT_CONVERTERS.find("date").orElseThrow();
            case "timestamp":
                return DEFAULT_CONVERTERS.find("timestamp").orElseThrow();
            default:
                throw new FacadeSession.ScenarioError("no converter \"" + name + "\" in the library");
        }
    }

    /** register_adapter CLASS IMPL: the Java class standing for runner.py's ADAPTED_CLASSES. */
    static Class<?> adaptedClass(String name) {
        switch (name) {
            case "Point":
                return TestObjects.Point.class;
            case "SubPoint":
                return TestObjects.SubPoint.class;
            case "Conforming":
                return TestObjects.Conforming.class;
            case "int":
                return Long.class;
            case "float":
                return Double.class;
            case "str":
                return String.class;
            case "bytes":
                return byte[].class;
            case "bool":
                return Boolean.class;
            case "date":
                return LocalDate.class;
            case "datetime":
                return LocalDateTime.class;
            default:
                throw new FacadeSession.ScenarioError("no adapted class \"" + name + "\" in the library");
        }
    }

    /** register_adapter CLASS IMPL: the twin of runner.py's {@code Callbacks.adapter}. */
    static Adapter<Object> adapter(String name) {
        switch (name) {
            case "point_text":
                return value -> {
                    TestObjects.Point p = (TestObjects.Point) value;
                    return p.x + ";" + p.y;
                };
            case "constant":
                return value -> "adapted";
            case "returns_int":
                return value -> 42L;
            case "returns_blob":
                return value -> new byte[] {1, 2};
            case "returns_none":
                return value -> null;
            case "returns_unsupported":
                return value -> new Object();
            case "returns_point":
                return value -> new TestObjects.Point(9, 9);
            case "raise":
                return value -> {
                    throw fail();
                };
            default:
                throw new FacadeSession.ScenarioError("no adapter \"" + name + "\" in the library");
        }
    }

    Consumer<String> trace(String name) {
        switch (name) {
            case "record":
                return traced::add;
            case "raise":
                return statement -> {
                    throw fail();
                };
            case "none":
                return null;
            default:
                throw new FacadeSession.ScenarioError("no trace callback \"" + name + "\" in the library");
        }
    }
}
