package org.sqlite3j.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sqlite3j.pickle.PickleBuffer;
import org.sqlite3j.pickle.PyAttribute;
import org.sqlite3j.pickle.PyByteArray;
import org.sqlite3j.pickle.PyComplex;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyGlobal;
import org.sqlite3j.pickle.PyObject;
import org.sqlite3j.pickle.PyOrderedDict;
import org.sqlite3j.pickle.PyRepr;
import org.sqlite3j.pickle.PyTuple;

/**
 * Python's {@code repr()} of the values {@link org.sqlite3j.pickle.Pickle#loads} and the converters
 * produce: {@code None}, {@code True}, ints, floats (shortest round-trip form: {@code 1e+16},
 * {@code 0.1}), str and bytes with Python's quoting and escapes ({@link PyRepr}), tuples, lists, dicts, sets,
 * {@code datetime}/{@code Decimal} values as their constructor calls, and inert {@link PyObject} stubs
 * as {@code module.Class(arg, attr=value)}.
 *
 * <p>The text is bounded: past {@code maxLength} characters it ends in {@code ...}, and structures
 * nested deeper than {@link #MAX_DEPTH} show {@code ...} inside; a container that contains itself
 * shows {@code [...]} as Python does. One instance per call site; not thread-safe.
 */
final class ValueRepr {
    /** Nesting deeper than this shows {@code ...} (the Java stack stays small). */
    static final int MAX_DEPTH = 100;

    private final int maxLength;
    private final StringBuilder sb = new StringBuilder();
    private final Map<Object, Boolean> inProgress = new IdentityHashMap<>();
    private int depth;

    private ValueRepr(int maxLength) {
        this.maxLength = maxLength;
    }

    /** {@code repr(value)}, cut at {@code maxLength} characters (then ending in "..."). */
    static String repr(Object value, int maxLength) {
        ValueRepr r = new ValueRepr(maxLength);
        try {
            r.value(value);
        } catch (Full full) {
            r.sb.setLength(Math.max(0, maxLength - 3));
            r.sb.append("...");
        }
        return r.sb.toString();
    }

    /** {@code repr(value)} without a length bound (the nesting bound still applies). */
    static String repr(Object value) {
        return repr(value, Integer.MAX_VALUE);
    }

    /** Thrown when the text has reached its length bound. */
    private static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    private ValueRepr append(String s) {
        sb.append(s);
        if (sb.length() > maxLength) {
            throw new Full();
        }
        return this;
    }

    private void value(Object v) {
        if (v == null) {
            append("None");
        } else if (v instanceof Boolean b) {
            append(b ? "True" : "False");
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            append(v.toString());
        } else if (v instanceof Double || v instanceof Float) {
            append(floatRepr(((Number) v).doubleValue()));
        } else if (v instanceof String s) {
            append(PyRepr.str(s));
        } else if (v instanceof byte[] b) {
            append(PyRepr.bytes(b));
        } else if (v instanceof PyByteArray b) {
            append("bytearray(").append(PyRepr.bytes(b.toByteArray())).append(")");
        } else if (v instanceof PyComplex c) {
            append(complexRepr(c));
        } else if (v instanceof BigDecimal d) {
            append("Decimal(").append(PyRepr.str(d.toString())).append(")");
        } else if (v instanceof PyGlobal g) {
            append(g.module()).append(".").append(g.name());
        } else if (v instanceof PyAttribute a) {
            append(a.owner().module()).append(".").append(a.owner().name()).append(".").append(a.name());
        } else if (v instanceof PickleBuffer p) {
            append("pickle.PickleBuffer(").append(PyRepr.bytes(p.raw())).append(")");
        } else if (isTemporal(v)) {
            temporal(v);
        } else {
            container(v);
        }
    }

    private void container(Object v) {
        if (inProgress.containsKey(v)) {
            append(v instanceof PyTuple ? "(...)" : v instanceof Map<?, ?> ? "{...}"
                    : v instanceof PyObject ? "..." : "[...]");
            return;
        }
        if (depth >= MAX_DEPTH) {
            append("...");
            return;
        }
        inProgress.put(v, Boolean.TRUE);
        depth++;
        try {
            if (v instanceof PyTuple t) {
                append("(");
                items(t.asList());
                append(t.size() == 1 ? ",)" : ")");
            } else if (v instanceof List<?> list) {
                append("[");
                items(list);
                append("]");
            } else if (v instanceof PyOrderedDict d) {
                append("OrderedDict(");
                if (!d.isEmpty()) {
                    dict(d);
                }
                append(")");
            } else if (v instanceof Map<?, ?> m) {
                dict(m);
            } else if (v instanceof PyFrozenSet s) {
                append("frozenset(");
                if (!s.isEmpty()) {
                    set(s);
                }
                append(")");
            } else if (v instanceof Set<?> s) {
                if (s.isEmpty()) {
                    append("set()");
                } else {
                    set(s);
                }
            } else if (v instanceof PyObject o) {
                stub(o);
            } else {
                append(String.valueOf(v));
            }
        } finally {
            depth--;
            inProgress.remove(v);
        }
    }

    private void items(Collection<?> items) {
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                append(", ");
            }
            first = false;
            value(item);
        }
    }

    private void set(Set<?> s) {
        append("{");
        items(s);
        append("}");
    }

    private void dict(Map<?, ?> m) {
        append("{");
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                append(", ");
            }
            first = false;
            value(e.getKey());
            append(": ");
            value(e.getValue());
        }
        append("}");
    }

    /**
     * A stub as the constructor call Python would show for a dataclass: {@code module.Class(args...,
     * attr=value...)}; attributes come from a dict state (and the slots of a {@code (dict, slots)}
     * state); any other state shows as {@code __setstate__=...}; appended list and dict items follow.
     */
    private void stub(PyObject o) {
        PyGlobal type = o.type();
        if (type != null) {
            append(type.module()).append(".").append(type.name());
        } else {
            value(o.callable());
        }
        append("(");
        boolean reconstructor = o.callable() instanceof PyGlobal g && "copyreg".equals(g.module())
                && type != o.callable();
        boolean first = true;
        if (!reconstructor) {
            for (Object arg : o.args()) {
                first = separator(first);
                value(arg);
            }
        }
        for (Map.Entry<Object, Object> kw : o.kwargs().entrySet()) {
            first = separator(first);
            append(String.valueOf(kw.getKey())).append("=");
            value(kw.getValue());
        }
        Object state = o.state();
        if (state instanceof PyTuple pair && pair.size() == 2
                && (pair.get(0) == null || pair.get(0) instanceof Map<?, ?>) && pair.get(1) instanceof Map<?, ?>) {
            first = attributes((Map<?, ?>) pair.get(0), first);
            attributes((Map<?, ?>) pair.get(1), first);
        } else if (state instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String)) {
            attributes(m, first);
        } else if (state != null) {
            separator(first);
            append("__setstate__=");
            value(state);
        }
        append(")");
        if (!o.listItems().isEmpty()) {
            append(" + [");
            items(o.listItems());
            append("]");
        }
        if (!o.dictItems().isEmpty()) {
            append(" | ");
            dict(o.dictItems());
        }
    }

    private boolean attributes(Map<?, ?> attrs, boolean first) {
        if (attrs == null) {
            return first;
        }
        for (Map.Entry<?, ?> e : attrs.entrySet()) {
            first = separator(first);
            append(String.valueOf(e.getKey())).append("=");
            value(e.getValue());
        }
        return first;
    }

    private boolean separator(boolean first) {
        if (!first) {
            append(", ");
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // datetime
    // ---------------------------------------------------------------------------------------------

    private static boolean isTemporal(Object v) {
        return v instanceof LocalDate || v instanceof LocalTime || v instanceof LocalDateTime
                || v instanceof OffsetDateTime || v instanceof ZonedDateTime || v instanceof OffsetTime
                || v instanceof Duration || v instanceof ZoneId;
    }

    private void temporal(Object v) {
        if (v instanceof LocalDate d) {
            append("datetime.date(" + date(d) + ")");
        } else if (v instanceof LocalTime t) {
            append("datetime.time(" + time(t) + ")");
        } else if (v instanceof OffsetTime t) {
            append("datetime.time(" + time(t.toLocalTime()) + ", tzinfo=" + zone(t.getOffset()) + ")");
        } else if (v instanceof LocalDateTime dt) {
            append("datetime.datetime(" + date(dt.toLocalDate()) + ", " + time(dt.toLocalTime()) + ")");
        } else if (v instanceof OffsetDateTime dt) {
            append("datetime.datetime(" + date(dt.toLocalDate()) + ", " + time(dt.toLocalTime())
                    + ", tzinfo=" + zone(dt.getOffset()) + ")");
        } else if (v instanceof ZonedDateTime dt) {
            append("datetime.datetime(" + date(dt.toLocalDate()) + ", " + time(dt.toLocalTime())
                    + ", tzinfo=" + zone(dt.getZone()) + ")");
        } else if (v instanceof Duration d) {
            append(timedelta(d));
        } else {
            append(zone((ZoneId) v));
        }
    }

    private static String date(LocalDate d) {
        return d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth();
    }

    /** Hour and minute always; seconds and microseconds only when not zero (as Python). */
    private static String time(LocalTime t) {
        String s = t.getHour() + ", " + t.getMinute();
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            return s + ", " + t.getSecond() + ", " + micros;
        }
        return t.getSecond() != 0 ? s + ", " + t.getSecond() : s;
    }

    private static String zone(ZoneId zone) {
        if (zone instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "datetime.timezone.utc"
                    : "datetime.timezone(" + timedelta(Duration.ofSeconds(offset.getTotalSeconds())) + ")";
        }
        return "zoneinfo.ZoneInfo(key=" + PyRepr.str(zone.getId()) + ")";
    }

    /** {@code datetime.timedelta(days=, seconds=, microseconds=)} normalised as Python does. */
    static String timedelta(Duration d) {
        long micros = d.getNano() / 1000;
        long totalSeconds = d.getSeconds();
        long days = Math.floorDiv(totalSeconds, 86_400);
        long seconds = Math.floorMod(totalSeconds, 86_400);
        StringBuilder s = new StringBuilder();
        if (days != 0) {
            s.append("days=").append(days);
        }
        if (seconds != 0) {
            s.append(s.length() > 0 ? ", " : "").append("seconds=").append(seconds);
        }
        if (micros != 0) {
            s.append(s.length() > 0 ? ", " : "").append("microseconds=").append(micros);
        }
        return "datetime.timedelta(" + (s.length() == 0 ? "0" : s) + ")";
    }

    // ---------------------------------------------------------------------------------------------
    // Numbers and terminal text (str and bytes: the pickle module's PyRepr)
    // ---------------------------------------------------------------------------------------------

    /** Python's {@code repr(float)}: the shortest text that reads back, {@code 1e+16}, {@code 1e-05}. */
    static String floatRepr(double d) {
        return PyRepr.floatRepr(d);
    }

    private static String complexRepr(PyComplex c) {
        String imag = complexPart(c.imag()) + "j";
        if (c.real() == 0 && Math.copySign(1.0, c.real()) > 0) {
            return imag;
        }
        return "(" + complexPart(c.real()) + (imag.startsWith("-") ? "" : "+") + imag + ")";
    }

    /** A part of a complex number's repr: the float's repr without the ".0" Python adds to integral floats. */
    private static String complexPart(double d) {
        String r = PyRepr.floatRepr(d);
        return r.endsWith(".0") ? r.substring(0, r.length() - 2) : r;
    }

    /**
     * Text for a terminal cell: printable characters as they are, the rest escaped as
     * {@link PyRepr#str} escapes them.
     */
    static String printable(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean plain = PyRepr.isPrintable(cp);
            if (!plain && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out != null) {
                if (plain) {
                    out.appendCodePoint(cp);
                } else {
                    String quoted = PyRepr.str(Character.toString(cp)); // a quote is printable: never here
                    out.append(quoted, 1, quoted.length() - 1);
                }
            }
            i += n;
        }
        return out == null ? s : out.toString();
    }
}
