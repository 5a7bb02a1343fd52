package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The pickler at every size boundary where CPython changes opcode, batch or frame — ints at the edges
 * of BININT1/BININT2/BININT/LONG1/LONG4, str and bytes of 255/256 bytes, tuples of 3/4 items, 1,000
 * items per APPENDS/SETITEMS/ADDITEMS batch, 64 KiB frames and payloads written outside them — and the
 * datetime values at the edges of their state: each dumped at protocols 0 to 5 byte for byte as
 * CPython 3.13 dumps it (digests committed, checked live when CPython is there), written the same to a
 * stream, and loaded back to what CPython shows for the value. Covers CPython's pickletester
 * AbstractPickleTests (test_ints, test_long, test_unicode_high_plane, test_short_tuples,
 * test_list_chunking, test_dict_chunking, test_set_chunking, test_framing_many_objects,
 * test_framing_large_objects) and datetimetester's pickling tests.
 */
class PicklerBoundariesTest {
    private static final class Entry {
        final String python;
        final Supplier<Object> java;

        Entry(String python, Supplier<Object> java) {
            this.python = python;
            this.java = java;
        }
    }

    private static Entry e(String python, Supplier<Object> java) {
        return new Entry(python, java);
    }

    private static List<Object> range(int n) {
        List<Object> l = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    private static Map<Object, Object> dictRange(int n) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (long i = 0; i < n; i++) {
            m.put(i, i);
        }
        return m;
    }

    static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        // ints: each opcode's edges
        for (String big : new String[] {"0", "1", "255", "256", "65535", "65536", "2**31-1", "2**31", "-1", "-255", "-256",
            "-2**31", "-2**31-1", "2**63-1", "2**63", "-2**63", "-2**63-1", "2**64", "2**(8*255-1)-1", "2**(8*255-1)",
            "-2**(8*255-1)", "-2**(8*255-1)-1", "10**4299", "-10**4299", "10**4300", "2**40", "-2**40"}) {
            out.add(e(big, () -> normalizedInt(big)));
        }
        out.add(e("True", () -> true));
        out.add(e("False", () -> false));
        out.add(e("None", () -> null));
        // floats
        for (double d : new double[] {0.0, -0.0, 1e-05, 1e16, 1e+16, 0.1, -2.5, 5e-324, 1.7976931348623157e308,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            out.add(e("float('" + PyRepr.floatRepr(d) + "')", () -> d));
        }
        // str: 1-byte and 4-byte lengths, UTF-8 byte counts at 255/256, protocol 0's escapes
        out.add(e("''", () -> ""));
        out.add(e("'a' * 255", () -> "a".repeat(255)));
        out.add(e("'a' * 256", () -> "a".repeat(256)));
        out.add(e("'\\xe9' * 127", () -> "\u00e9".repeat(127)));
        out.add(e("'\\xe9' * 128", () -> "\u00e9".repeat(128)));
        out.add(e("'\\u20ac' * 85", () -> "\u20ac".repeat(85)));
        out.add(e("'\\u20ac' * 86", () -> "\u20ac".repeat(86)));
        out.add(e("'\\U0001d11e' * 64", () -> "\ud834\udd1e".repeat(64)));
        out.add(e("'\\ud800x'", () -> "\ud800x"));
        out.add(e("'x\\ud800'", () -> "x\ud800")); // a lone high surrogate at the very end
        out.add(e("'\\\\ \\n \\r \\x00 \\x1a \\x7f \\xff \\u0100'", () -> "\\ \n \r \u0000 \u001a \u007f \u00ff \u0100"));
        out.add(e("'a' * 65536", () -> "a".repeat(65536)));
        out.add(e("'a' * 70000", () -> "a".repeat(70000)));
        // bytes and bytearray
        for (int n : new int[] {0, 255, 256, 65535, 65536, 70000}) {
            out.add(e("b'x' * " + n, () -> bytes(n)));
            out.add(e("bytearray(b'x' * " + n + ")", () -> new PyByteArray(bytes(n))));
        }
        out.add(e("bytes(range(256))", () -> {
            byte[] b = new byte[256];
            for (int i = 0; i < 256; i++) {
                b[i] = (byte) i;
            }
            return b;
        }));
        // tuples: TUPLE1-3, then MARK...TUPLE; shared and nested
        out.add(e("()", () -> PyTuple.EMPTY));
        out.add(e("(1,)", () -> PyTuple.of(1L)));
        out.add(e("(1, 2)", () -> PyTuple.of(1L, 2L)));
        out.add(e("(1, 2, 3)", () -> PyTuple.of(1L, 2L, 3L)));
        out.add(e("(1, 2, 3, 4)", () -> PyTuple.of(1L, 2L, 3L, 4L)));
        // built at run time: a literal would let CPython's compiler share the equal inner tuples
        out.add(e("((), tuple([()]), tuple([tuple([()])]))", () -> PyTuple.of(PyTuple.EMPTY, PyTuple.of(PyTuple.EMPTY),
                PyTuple.of(PyTuple.of(PyTuple.EMPTY)))));
        out.add(e("(lambda l: (l, l, [l]))([1])", () -> {
            List<Object> l = new ArrayList<>(List.of(1L));
            return PyTuple.of(l, l, new ArrayList<>(List.of(l)));
        }));
        // memo indices past 255: LONG_BINGET from index 256 on (protocols 1 to 3)
        out.add(e("(lambda l: l + l)([str(i) for i in range(300)])", () -> {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                l.add(Integer.toString(i));
            }
            List<Object> twice = new ArrayList<>(l);
            twice.addAll(l);
            return twice;
        }));
        // None as a dict key; many dicts with new keys, whose frames may end just before a key
        out.add(e("{None: 1, 'a': None}", () -> {
            Map<Object, Object> m = new LinkedHashMap<>();
            m.put(null, 1L);
            m.put("a", null);
            return m;
        }));
        out.add(e("[{'k%d' % i: i} for i in range(20000)]", () -> {
            List<Object> l = new ArrayList<>();
            for (long i = 0; i < 20000; i++) {
                Map<Object, Object> m = new LinkedHashMap<>();
                m.put("k" + i, i);
                l.add(m);
            }
            return l;
        }));
        // batches of 1000
        for (int n : new int[] {0, 1, 999, 1000, 1001, 2000, 2001}) {
            out.add(e("list(range(" + n + "))", () -> new ArrayList<>(range(n))));
            out.add(e("{i: i for i in range(" + n + ")}", () -> dictRange(n)));
            out.add(e("set(range(" + n + "))", () -> new LinkedHashSet<>(range(n))));
            out.add(e("frozenset(range(" + n + "))", () -> PyFrozenSet.copyOf(range(n))));
        }
        // many small objects: frames of 64 KiB
        out.add(e("[str(i) for i in range(30000)]", () -> {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < 30000; i++) {
                l.add(Integer.toString(i));
            }
            return l;
        }));
        out.add(e("[b'y' * 60000, b'z' * 70000, 'w' * 65535, 1]", () -> new ArrayList<>(List.of(
                bytes(60000, 'y'), bytes(70000, 'z'), "w".repeat(65535), 1L))));
        // datetime: the edges of each state
        out.add(e("date(1, 1, 1)", () -> LocalDate.of(1, 1, 1)));
        out.add(e("date(9999, 12, 31)", () -> LocalDate.of(9999, 12, 31)));
        out.add(e("date(2024, 2, 29)", () -> LocalDate.of(2024, 2, 29)));
        out.add(e("time(0, 0)", () -> LocalTime.MIDNIGHT));
        out.add(e("time(23, 59, 59, 999999)", () -> LocalTime.of(23, 59, 59, 999_999_000)));
        out.add(e("time(12, 30, tzinfo=timezone.utc)", () -> OffsetTime.of(12, 30, 0, 0, ZoneOffset.UTC)));
        out.add(e("time(1, 2, 3, 4, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))",
            () -> OffsetTime.of(1, 2, 3, 4000, ZoneOffset.ofHoursMinutes(-5, -30))));
        out.add(e("datetime.datetime(1, 1, 1)", () -> LocalDateTime.of(1, 1, 1, 0, 0)));
        out.add(e("datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)", () -> LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000)));
        out.add(e("datetime.datetime(2024, 5, 1, 12, 30, 15, 250000, tzinfo=timezone(timedelta(hours=14)))",
            () -> OffsetDateTime.of(2024, 5, 1, 12, 30, 15, 250_000_000, ZoneOffset.ofHours(14))));
        out.add(e("datetime.datetime(2024, 5, 1, tzinfo=timezone(timedelta(hours=-18)))",
            () -> OffsetDateTime.of(2024, 5, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-18))));
        out.add(e("datetime.datetime(2024, 5, 1, tzinfo=timezone(timedelta(seconds=3601)))",
            () -> OffsetDateTime.of(2024, 5, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(3601))));
        for (String zone : new String[] {"America/New_York", "Europe/Paris", "Australia/Lord_Howe", "UTC"}) {
            out.add(e("datetime.datetime(2024, 7, 1, 12, tzinfo=ZoneInfo('" + zone + "'))",
                () -> ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of(zone))));
        }
        out.add(e("datetime.datetime(2024, 11, 3, 1, 30, tzinfo=ZoneInfo('America/New_York'))",
            () -> ZonedDateTime.of(LocalDateTime.of(2024, 11, 3, 1, 30), ZoneId.of("America/New_York")).withEarlierOffsetAtOverlap()));
        out.add(e("datetime.datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=ZoneInfo('America/New_York'))",
            () -> ZonedDateTime.of(LocalDateTime.of(2024, 11, 3, 1, 30), ZoneId.of("America/New_York")).withLaterOffsetAtOverlap()));
        out.add(e("ZoneInfo('Asia/Kolkata')", () -> ZoneId.of("Asia/Kolkata")));
        for (String td : new String[] {"timedelta(0)", "timedelta(days=-1, seconds=5, microseconds=7)", "timedelta(days=999999999)",
            "timedelta(days=-999999999)", "timedelta(microseconds=-1)", "timedelta(seconds=86399, microseconds=999999)"}) {
            out.add(e(td, () -> duration(td)));
        }
        for (int seconds : new int[] {0, 3600, -3600, 50400, -64800, 1}) {
            out.add(e("timezone(timedelta(seconds=" + seconds + "))", () -> ZoneOffset.ofTotalSeconds(seconds)));
        }
        // the rest of the value model
        out.add(e("decimal.Decimal('-1.50E-7')", () -> new BigDecimal("-1.50E-7")));
        out.add(e("complex(1.5, -0.0)", () -> new PyComplex(1.5, -0.0)));
        out.add(e("collections.OrderedDict([('b', 1), ('a', [])])", () -> {
            PyOrderedDict d = new PyOrderedDict();
            d.put("b", 1L);
            d.put("a", new ArrayList<>());
            return d;
        }));
        return out;
    }

    private static Object normalizedInt(String python) {
        BigInteger v;
        String s = python.replace("**(8*255-1)", "**2039");
        if (s.matches("-?\\d+")) {
            v = new BigInteger(s);
        } else {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?)(\\d+)\\*\\*(\\d+)([+-]\\d+)?").matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException(python);
            }
            v = new BigInteger(m.group(2)).pow(Integer.parseInt(m.group(3)));
            if (!m.group(1).isEmpty()) {
                v = v.negate();
            }
            if (m.group(4) != null) {
                v = v.add(new BigInteger(m.group(4)));
            }
        }
        return Numbers.normalize(v);
    }

    private static byte[] bytes(int n) {
        return bytes(n, 'x');
    }

    private static byte[] bytes(int n, char c) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }

    private static Duration duration(String td) {
        return switch (td) {
            case "timedelta(0)" -> Duration.ZERO;
            case "timedelta(days=-1, seconds=5, microseconds=7)" -> Duration.ofDays(-1).plusSeconds(5).plusNanos(7000);
            case "timedelta(days=999999999)" -> Duration.ofDays(999_999_999);
            case "timedelta(days=-999999999)" -> Duration.ofDays(-999_999_999);
            case "timedelta(microseconds=-1)" -> Duration.ofNanos(-1000);
            default -> Duration.ofSeconds(86399).plusNanos(999_999_000);
        };
    }

    @Test
    void dumpsIsCPythonsBytesAtEveryBoundaryAndProtocol() throws Exception {
        List<Entry> entries = entries();
        List<Outcomes.Case> cases = new ArrayList<>();
        for (Entry en : entries) {
            cases.add(Outcomes.dumps(en.python));
        }
        List<String> expected = Outcomes.expected("dumps", cases);
        assertThat(Outcomes.mismatches(entries.stream().map(e -> e.python).toList(), expected,
                i -> Outcomes.dumpsOutcome(entries.get(i).java.get()))).isEmpty();
    }

    @Test
    void everyValueLoadsBackAsCPythonShowsIt() throws Exception {
        List<Entry> entries = entries();
        List<Outcomes.Case> cases = new ArrayList<>();
        for (Entry en : entries) {
            cases.add(Outcomes.shows(en.python));
        }
        List<String> expected = Outcomes.expected("shows", cases);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object value = entries.get(i).java.get();
            List<String> shown = new ArrayList<>();
            for (int p = 0; p <= 5; p++) {
                try {
                    shown.add(Outcomes.show(Pickle.loads(Pickle.dumps(value, p))));
                } catch (PicklingError refused) {
                    shown.add("refused"); // the dumps table pins the refusals (10**4300 below protocol 2)
                }
            }
            String actual = "ok " + String.join(" | ", shown);
            if (!actual.equals(expected.get(i))) {
                mismatches.add(entries.get(i).python + "\n    CPython: " + expected.get(i) + "\n    Java:    " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** A stream that hands out at most {@code step} bytes per read, without mark/reset. */
    private static InputStream trickle(byte[] data, int step) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, step), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Test // a stream, written to or read from in pieces of any size, gives the same bytes and values as an array
    void streamsWriteAndReadTheSameAsArrays() throws Exception {
        for (Entry en : entries()) {
            Object value = en.java.get();
            for (int p = 0; p <= 5; p++) {
                byte[] array;
                try {
                    array = Pickle.dumps(value, p);
                } catch (PicklingError refused) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new Pickler(out, p).dump(value);
                assertThat(out.toByteArray()).as("%s at protocol %d", en.python, p).isEqualTo(array);
                String shown = Outcomes.show(Pickle.loads(array));
                for (int step : new int[] {1, 7, 4096}) {
                    assertThat(Outcomes.show(new Unpickler(trickle(array, step)).load()))
                            .as("%s at protocol %d read %d bytes at a time", en.python, p, step).isEqualTo(shown);
                }
                assertThat(Outcomes.show(new Unpickler(new ByteArrayInputStream(array)).load())).isEqualTo(shown);
            }
        }
    }
}
