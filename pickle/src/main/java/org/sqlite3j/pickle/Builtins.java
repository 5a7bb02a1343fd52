package org.sqlite3j.pickle;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Python builtins {@link Globals#builtins()} registers: the globals CPython's picklers write for
 * plain data. Each is registered through the same public {@link Globals.Builder#register} users call.
 */
final class Builtins {
    /** {@code copyreg._reconstructor(cls, base, state)}: handled by the Unpickler itself. */
    static final PyClass RECONSTRUCTOR = args -> {
        throw new IllegalStateException("handled by the Unpickler");
    };
    /** {@code copyreg.__newobj__(cls, *args)}: handled by the Unpickler itself. */
    static final PyClass NEWOBJ = args -> {
        throw new IllegalStateException("handled by the Unpickler");
    };
    /** {@code copyreg.__newobj_ex__(cls, args, kwargs)}: handled by the Unpickler itself. */
    static final PyClass NEWOBJ_EX = args -> {
        throw new IllegalStateException("handled by the Unpickler");
    };
    /** {@code builtins.getattr(global, name)}: composes a dotted name, handled by the Unpickler itself. */
    static final PyClass GETATTR = args -> {
        throw new IllegalStateException("handled by the Unpickler");
    };
    /** {@code builtins.object}: a valid base for {@code _reconstructor}, never instantiated. */
    static final PyClass OBJECT = args -> {
        throw new UnpicklingError("builtins.object cannot be instantiated by the unpickler");
    };
    /**
     * {@code functools.partial(func, *args, **kwargs)}: loads as an inert {@link PyObject}; calling it in
     * the stream calls {@code func} through the same policy (how CPython writes NEWOBJ_EX below protocol 4).
     */
    static final PyClass PARTIAL = args -> {
        throw new IllegalStateException("handled by the Unpickler");
    };
    static final PyGlobal PARTIAL_GLOBAL = new PyGlobal("functools", "partial");
    static final PyGlobal OBJECT_GLOBAL = new PyGlobal("builtins", "object");
    /** {@code object.__new__}, the {@code cls.__new__} of every class that does not define its own. */
    static final PyAttribute OBJECT_NEW = new PyAttribute(OBJECT_GLOBAL, "__new__");
    /** Marks a class that must not run its constructor before BUILD (a stub of a known name). */
    static final PyGlobal DECIMAL = new PyGlobal("decimal", "Decimal");

    private Builtins() {
    }

    static Globals.Builder register(Globals.Builder b) {
        b.register("copyreg", "_reconstructor", RECONSTRUCTOR);
        b.register("copyreg", "__newobj__", NEWOBJ);
        b.register("copyreg", "__newobj_ex__", NEWOBJ_EX);
        b.register("builtins", "object", OBJECT);
        b.register("builtins", "getattr", GETATTR);
        b.register("functools", "partial", PARTIAL);
        b.register("zoneinfo", "ZoneInfo", args -> DateTimes.zone(args, 1L));
        b.register("zoneinfo", "ZoneInfo._unpickle", args -> DateTimes.zone(args, args.size() > 1 ? args.get(1) : null));
        b.register("builtins", "set", args -> new LinkedHashSet<>(items(args, "set")));
        b.register("builtins", "frozenset", args -> PyFrozenSet.copyOf(items(args, "frozenset")));
        b.register("builtins", "list", args -> new ArrayList<>(items(args, "list")));
        b.register("builtins", "tuple", args -> PyTuple.copyOf(new ArrayList<>(items(args, "tuple"))));
        b.register("builtins", "dict", Builtins::dict);
        b.register("builtins", "bytes", args -> args.isEmpty() ? new byte[0] : bytes(args, "bytes"));
        b.register("builtins", "bytearray", args -> args.isEmpty() ? new PyByteArray()
                : PyByteArray.wrap(bytes(args, "bytearray")));
        b.register("builtins", "complex", Builtins::complex);
        b.register("builtins", "int", Builtins::integer);
        b.register("builtins", "float", Builtins::toFloat);
        b.register("builtins", "str", args -> args.isEmpty() ? "" : str(args.get(0)));
        b.register("builtins", "bool", args -> !args.isEmpty() && Boolean.TRUE.equals(args.get(0)));
        b.register("_codecs", "encode", args -> encode(args));
        b.register("datetime", "date", DateTimes::date);
        b.register("datetime", "time", DateTimes::time);
        b.register("datetime", "datetime", DateTimes::dateTime);
        b.register("datetime", "timedelta", DateTimes::timeDelta);
        b.register("datetime", "timezone", DateTimes::timeZone);
        b.register("decimal", "Decimal", Builtins::decimal);
        b.register("collections", "OrderedDict", PyClass.of(args -> {
            PyOrderedDict d = new PyOrderedDict();
            if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> m) {
                d.putAll(m);
            }
            return d;
        }, (instance, state) -> {
            if (state instanceof Map<?, ?> m && !m.isEmpty()) {
                throw new UnpicklingError("OrderedDict instance attributes are not supported: " + m.keySet());
            }
            return instance;
        }));
        return b;
    }

    static String typeName(Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof Long || o instanceof BigInteger) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        if (o instanceof PyTuple) {
            return "tuple";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof Map) {
            return "dict";
        }
        if (o instanceof PyFrozenSet) {
            return "frozenset";
        }
        if (o instanceof Set) {
            return "set";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof PyComplex) {
            return "complex";
        }
        if (o instanceof PyByteArray) {
            return "bytearray";
        }
        return o.getClass().getSimpleName();
    }

    private static Collection<?> items(PyTuple args, String type) {
        if (args.isEmpty()) {
            return List.of();
        }
        Object a = args.get(0);
        if (a instanceof Collection<?> c) {
            return c;
        }
        if (a instanceof PyTuple t) {
            return t.asList();
        }
        throw new UnpicklingError(type + "() argument must be a list, tuple or set, not " + typeName(a));
    }

    private static Object dict(PyTuple args) {
        Map<Object, Object> d = new LinkedHashMap<>();
        if (!args.isEmpty()) {
            if (!(args.get(0) instanceof Map<?, ?> m)) {
                throw new UnpicklingError("dict() argument must be a dict, not " + typeName(args.get(0)));
            }
            d.putAll(m);
        }
        return d;
    }

    private static byte[] bytes(PyTuple args, String type) {
        Object a = args.get(0);
        if (a instanceof byte[] b) {
            return args.size() == 1 ? b.clone() : b;
        }
        if (a instanceof String s && args.size() >= 2 && args.get(1) instanceof String enc) {
            return s.getBytes(charset(enc));
        }
        if (a instanceof List<?> list) {
            byte[] out = new byte[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Long l) || l < 0 || l > 255) {
                    throw new UnpicklingError(type + "() items must be ints in range(0, 256)");
                }
                out[i] = (byte) (long) l;
            }
            return out;
        }
        throw new UnpicklingError("cannot build " + type + " from " + typeName(a));
    }

    private static Charset charset(String encoding) {
        String e = encoding.toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (e) {
            case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1" -> StandardCharsets.ISO_8859_1;
            case "utf8", "utf-8" -> StandardCharsets.UTF_8;
            case "ascii", "us-ascii" -> StandardCharsets.US_ASCII;
            default -> throw new UnpicklingError("unsupported encoding '" + encoding + "'");
        };
    }

    private static Object encode(PyTuple args) {
        if (args.isEmpty() || !(args.get(0) instanceof String s)) {
            throw new UnpicklingError("_codecs.encode() expects a str first");
        }
        String enc = args.size() > 1 && args.get(1) instanceof String e ? e : "utf-8";
        Charset cs = charset(enc);
        if (cs != StandardCharsets.UTF_8 && !cs.newEncoder().canEncode(s)) {
            throw new UnpicklingError("'" + enc + "' codec can't encode the string");
        }
        return s.getBytes(cs);
    }

    /** {@code complex()}, {@code complex(s)} of a str, {@code complex(real[, imag])} of numbers. */
    private static Object complex(PyTuple args) {
        if (args.size() > 2) {
            throw Numbers.typeError("complex() takes at most 2 arguments (" + args.size() + " given)");
        }
        Object first = args.isEmpty() ? 0L : args.get(0);
        if (first instanceof String s) {
            if (args.size() > 1) {
                throw Numbers.typeError("complex() can't take second arg if first is a string");
            }
            try {
                return PyNumbers.parseComplex(s);
            } catch (NumberFormatException e) {
                throw Numbers.wrap(e);
            }
        }
        if (args.size() > 1 && args.get(1) instanceof String) {
            throw Numbers.typeError("complex() second arg can't be a string");
        }
        double re = number(first, "complex() first argument must be a string or a number");
        double im = args.size() > 1 ? number(args.get(1), "complex() second argument must be a number") : 0.0;
        return new PyComplex(re, im);
    }

    /** A real number as a double; {@code what} names the argument in the TypeError for anything else. */
    private static double number(Object o, String what) {
        if (o instanceof Double d) {
            return d;
        }
        if (o instanceof Long l) {
            return l;
        }
        if (o instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (o instanceof BigInteger b) {
            double d = b.doubleValue();
            if (Double.isInfinite(d)) {
                String message = "int too large to convert to float";
                throw new UnpicklingError(message, new ArithmeticException(message));
            }
            return d;
        }
        throw Numbers.typeError(what + ", not '" + typeName(o) + "'");
    }

    /** The bytes of a bytes-like argument ({@code bytes}, {@code bytearray}), or null. */
    private static byte[] bytesLike(Object o) {
        return o instanceof byte[] b ? b : o instanceof PyByteArray ba ? ba.toByteArray() : null;
    }

    /** {@code int()}, {@code int(x)} of a number, str or bytes, {@code int(s, base)}. */
    private static Object integer(PyTuple args) {
        if (args.size() > 2) {
            throw Numbers.typeError("int expected at most 2 arguments, got " + args.size());
        }
        if (args.isEmpty()) {
            return 0L;
        }
        Object a = args.get(0);
        try {
            if (args.size() == 2) {
                int base = base(args.get(1));
                if (a instanceof String s) {
                    return PyNumbers.parseInt(s, base);
                }
                byte[] b = bytesLike(a);
                if (b == null) {
                    throw Numbers.typeError("int() can't convert non-string with explicit base");
                }
                return PyNumbers.parseInt(b, base);
            }
            if (a instanceof Long || a instanceof BigInteger) {
                return a;
            }
            if (a instanceof Boolean b) {
                return b ? 1L : 0L;
            }
            if (a instanceof Double d) {
                return truncate(d);
            }
            if (a instanceof String s) {
                return PyNumbers.parseInt(s, 10);
            }
            byte[] b = bytesLike(a);
            if (b != null) {
                return PyNumbers.parseInt(b, 10);
            }
        } catch (NumberFormatException e) {
            throw Numbers.wrap(e);
        }
        throw Numbers.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
                + typeName(a) + "'");
    }

    /** int()'s base argument: an int; anything outside 0 and 2 to 36 is ValueError's message. */
    private static int base(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0; // int('12', True): base 1, refused below
        }
        if (o instanceof BigInteger) {
            throw new NumberFormatException("int() base must be >= 2 and <= 36, or 0");
        }
        if (!(o instanceof Long l)) {
            throw Numbers.typeError("'" + typeName(o) + "' object cannot be interpreted as an integer");
        }
        return l < 0 || l > 36 ? -1 : (int) (long) l; // -1: refused by PyNumbers with CPython's message
    }

    /** {@code int(float)}: toward zero; inf and nan are refused as CPython refuses them. */
    private static Object truncate(double d) {
        if (Double.isNaN(d)) {
            throw new NumberFormatException("cannot convert float NaN to integer");
        }
        if (Double.isInfinite(d)) {
            String message = "cannot convert float infinity to integer";
            throw new UnpicklingError(message, new ArithmeticException(message));
        }
        return Numbers.normalize(new BigDecimal(d).toBigInteger());
    }

    /** {@code float()}, {@code float(x)} of a number, str or bytes. */
    private static Object toFloat(PyTuple args) {
        if (args.size() > 1) {
            throw Numbers.typeError("float expected at most 1 argument, got " + args.size());
        }
        if (args.isEmpty()) {
            return 0.0;
        }
        Object a = args.get(0);
        try {
            if (a instanceof String s) {
                return PyNumbers.parseFloat(s);
            }
            byte[] b = bytesLike(a);
            if (b != null) {
                return PyNumbers.parseFloat(b);
            }
        } catch (NumberFormatException e) {
            throw Numbers.wrap(e);
        }
        return number(a, "float() argument must be a string or a real number");
    }

    private static String str(Object o) {
        if (o instanceof String s) {
            return s;
        }
        throw new UnpicklingError("str() of " + typeName(o) + " is not supported by the unpickler");
    }

    /**
     * {@code decimal.Decimal(s)}: a BigDecimal, read in linear time; a Decimal BigDecimal cannot hold
     * ({@code NaN}, {@code sNaN}, {@code Infinity}, {@code -0}, an exponent past its int scale) is null,
     * which keeps it as a stub of its text. Text Decimal refuses is InvalidOperation's message.
     */
    private static Object decimal(PyTuple args) {
        Object a = args.isEmpty() ? "0" : args.get(0);
        if (a instanceof String s) {
            BigDecimal d;
            try {
                d = PyNumbers.parseDecimal(s);
            } catch (ArithmeticException e) {
                throw Numbers.wrap(e);
            }
            return d == null || d.signum() == 0 && PyNumbers.startsNegative(s) ? null : d;
        }
        if (a instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (a instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        return null;
    }
}
