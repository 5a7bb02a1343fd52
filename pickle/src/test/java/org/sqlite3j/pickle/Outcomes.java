package org.sqlite3j.pickle;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.sqlite3j.testkit.Python;

/**
 * One comparable line per outcome of a load (or a {@code pickletools.dis}), for Java and for CPython
 * 3.13 (one subprocess for a whole list of cases): {@code ok <value>} or
 * {@code err <family> <length> <sha-256 of the message> <its first 160 characters>}. The family is the
 * Java side of CPython's exception class, as the project maps them: ValueError and TypeError (and
 * UnicodeDecodeError) are {@code IllegalArgumentException}, OverflowError and decimal.InvalidOperation
 * (ArithmeticErrors) are {@code ArithmeticException}, pickle.UnpicklingError is {@code UnpicklingError};
 * the Java side reads it from the cause of the UnpicklingError it throws. Large ints and Decimal
 * coefficients show as their size and residue modulo 2^61-1.
 */
final class Outcomes {
    static final BigInteger MODULUS = BigInteger.TWO.pow(61).subtract(BigInteger.ONE);

    private Outcomes() {
    }

    /** A case: how to call it ({@code loads}, {@code loads_utf8}: encoding='utf-8', {@code dis}) and the pickle. */
    record Case(String kind, byte[] data) {
        @Override
        public String toString() {
            String hex = HexFormat.of().formatHex(data.length > 40 ? java.util.Arrays.copyOf(data, 40) : data);
            return kind + " " + hex + (data.length > 40 ? "... (" + data.length + " bytes)" : "");
        }
    }

    static Case loads(byte[] data) {
        return new Case("loads", data);
    }

    static Case loads(String latin1) {
        return loads(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Case loadsUtf8(String latin1) {
        return new Case("loads_utf8", latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Case dis(byte[] data) {
        return new Case("dis", data);
    }

    /** {@code pickle.dumps(value, p)} for p in 0..5, the value given as a Python expression (CPython's side). */
    static Case dumps(String pythonExpression) {
        return new Case("dumps", pythonExpression.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Java's side of a {@link #dumps} case: per protocol 0 to 5, the first 16 hex digits of SHA-256 of
     * {@code Pickle.dumps(value, p)}, or {@code E:<family>:<message>} when it is refused.
     */
    static String dumpsOutcome(Object value) {
        List<String> parts = new ArrayList<>();
        for (int p = 0; p <= 5; p++) {
            try {
                parts.add(sha(Pickle.dumps(value, p)).substring(0, 16));
            } catch (PicklingError e) {
                String family = e.getCause() instanceof ArithmeticException ? "ArithmeticException"
                        : e.getCause() instanceof IllegalArgumentException ? "IllegalArgumentException" : "PicklingError";
                parts.add("E:" + family + ":" + e.getMessage());
            }
        }
        return "ok " + String.join(" ", parts);
    }

    private static final String PROGRAM = String.join("\n",
            "import sys, pickle, pickletools, io, hashlib, decimal, zoneinfo, datetime, collections",
            "from datetime import date, time, timedelta, timezone",
            "from zoneinfo import ZoneInfo",
            "M = 2**61 - 1",
            "def show(v):",
            "    if v is None: return 'None'",
            "    if isinstance(v, bool): return 'bool ' + repr(v)",
            "    if isinstance(v, int):",
            "        return 'int ' + (str(v) if v.bit_length() < 4000 else 'bits=%d mod=%d' % (v.bit_length(), v % M))",
            "    if isinstance(v, float): return 'float ' + repr(v)",
            "    if isinstance(v, complex): return 'complex %r %r' % (v.real, v.imag)",
            "    if isinstance(v, str): return 'str ' + repr(v)",
            "    if isinstance(v, (bytes, memoryview)): return 'bytes ' + bytes(v).hex()",  // a read-only view is bytes here
            "    if isinstance(v, decimal.Decimal):",
            "        if not v.is_finite(): return 'decimal ' + str(v)",
            "        sign, digits, exp = v.as_tuple()",
            "        h = 0",
            "        for d in digits: h = (h * 10 + d) % M",
            "        return 'decimal %d %d %d %d' % (sign, len(digits), exp, h)",
            "    if isinstance(v, zoneinfo.ZoneInfo): return 'zone ' + v.key",
            "    if isinstance(v, datetime.datetime):",
            "        return 'datetime ' + v.isoformat() + (' fold' if v.fold else '') + (' ' + v.tzinfo.key if isinstance(v.tzinfo, ZoneInfo) else '')",
            "    if isinstance(v, datetime.date): return 'date ' + v.isoformat()",
            "    if isinstance(v, datetime.time): return 'time ' + v.isoformat() + (' fold' if v.fold else '')",
            "    if isinstance(v, datetime.timedelta): return 'timedelta %d %d %d' % (v.days, v.seconds, v.microseconds)",
            "    if isinstance(v, datetime.timezone): return 'timezone ' + str(v.utcoffset(None))",
            "    if isinstance(v, collections.OrderedDict): return 'odict{' + ', '.join(show(k) + ': ' + show(x) for k, x in v.items()) + '}'",
            "    if isinstance(v, (set, frozenset)): return type(v).__name__ + '{' + ', '.join(sorted(map(show, v))) + '}'",
            "    if isinstance(v, bytearray): return 'bytearray ' + bytes(v).hex()",
            "    if isinstance(v, list): return 'list[' + ', '.join(map(show, v)) + ']'",
            "    if isinstance(v, tuple): return 'tuple(' + ', '.join(map(show, v)) + ')'",
            "    if isinstance(v, dict): return 'dict{' + ', '.join(show(k) + ': ' + show(x) for k, x in v.items()) + '}'",
            "    return 'other ' + type(v).__name__",
            "def family(e):",
            "    if isinstance(e, ArithmeticError): return 'ArithmeticException'",
            "    if isinstance(e, (ValueError, TypeError)): return 'IllegalArgumentException'",
            "    if isinstance(e, pickle.UnpicklingError): return 'UnpicklingError'",
            "    return type(e).__name__",
            "def dumps6(v):",
            "    parts = []",
            "    for p in range(6):",
            "        try: parts.append(hashlib.sha256(pickle.dumps(v, p)).hexdigest()[:16])",
            "        except Exception as e: parts.append('E:%s:%s' % (family(e), e))",
            "    return 'ok ' + ' '.join(parts)",
            "for line in sys.stdin:",
            "    kind, data = line.split()",
            "    data = bytes.fromhex(data)",
            "    try:",
            "        if kind == 'show':",
            "            v = eval(data.decode()); shown = []",
            "            for p in range(6):",
            "                try: shown.append(show(pickle.loads(pickle.dumps(v, p))))",
            "                except Exception: shown.append('refused')",
            "            r = 'ok ' + ' | '.join(shown)",
            "        elif kind == 'dumps':",
            "            r = dumps6(eval(data.decode()))",
            "        elif kind == 'dis':",
            "            out = io.StringIO(); pickletools.dis(data, out); r = 'ok ' + out.getvalue().replace('\\n', '|')",
            "        else:",
            "            enc = {'loads_utf8': {'encoding': 'utf-8'}, 'loads_latin1': {'encoding': 'latin1'}}.get(kind, {})",
            "            r = 'ok ' + show(pickle.loads(data, **enc))",
            "    except Exception as e:",
            "        m = str(e)",
            "        r = 'err %s %d %s %s' % (family(e), len(m), hashlib.sha256(m.encode('utf-8', 'surrogatepass')).hexdigest()[:16], m[:160])",
            "    print(r.replace('\\n', '\\\\n'))",
            "");

    /** Where the committed outcomes live, relative to the module (the tests' working directory). */
    private static final Path COMMITTED = Path.of("src/test/resources/pickle/outcomes");
    /** Set to rewrite the committed outcomes from the live CPython 3.13 ({@code -Dsqlite3j.outcomes.write=true}). */
    static final String WRITE = "sqlite3j.outcomes.write";

    /**
     * CPython 3.13's outcome for each case: from {@code outcomes/<name>.tsv} (committed, one line per
     * case: a digest of the case, a tab, the outcome), so that the tests pin CPython's behaviour without
     * it (mutation testing runs them so); when CPython 3.13 is there, the committed outcomes are checked
     * against it first, and rewritten from it when {@value #WRITE} is set.
     */
    static List<String> expected(String name, List<Case> cases) throws Exception {
        java.util.Optional<Python> live = Python.disabled() ? java.util.Optional.empty() : Python.findOracle(13);
        Path file = COMMITTED.resolve(name + ".tsv");
        if (live.isPresent() && Boolean.getBoolean(WRITE)) {
            List<String> fresh = cpython(cases);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                lines.add(key(cases.get(i)) + "\t" + fresh.get(i));
            }
            java.nio.file.Files.createDirectories(COMMITTED);
            java.nio.file.Files.write(file, lines, StandardCharsets.UTF_8);
        }
        Map<String, String> committed = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 2);
            committed.put(f[0], f[1]);
        }
        List<String> out = new ArrayList<>();
        for (Case c : cases) {
            String o = committed.get(key(c));
            if (o == null) {
                throw new AssertionError("no committed CPython outcome for " + c + " in " + file + ": run the test with"
                        + " CPython 3.13 and -D" + WRITE + "=true");
            }
            out.add(o);
        }
        if (live.isPresent()) {
            org.assertj.core.api.Assertions.assertThat(cpython(live.get(), cases))
                    .as("the committed outcomes in %s are CPython's (rewrite them with -D%s=true)", file, WRITE)
                    .isEqualTo(out);
        }
        return out;
    }

    /** A case's name in the committed file: the first 16 hex digits of SHA-256 of its kind and bytes. */
    private static String key(Case c) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(c.kind().getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            return HexFormat.of().formatHex(md.digest(c.data())).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPython 3.13's outcome for each case (the test is skipped without it). */
    static List<String> cpython(List<Case> cases) throws Exception {
        return cpython(Python.oracle(13), cases);
    }

    private static List<String> cpython(Python python, List<Case> cases) throws Exception {
        StringBuilder in = new StringBuilder();
        for (Case c : cases) {
            in.append(c.kind()).append(' ').append(HexFormat.of().formatHex(c.data())).append('\n');
        }
        String out = python.call().stdin(in.toString()).stderrApart().script(PROGRAM);
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        lines.remove(lines.size() - 1);
        return lines;
    }

    /**
     * Where Java and CPython disagree: for each index whose {@code actual} outcome differs from
     * {@code expected}, its label with both outcomes; empty when every case agrees.
     */
    static List<String> mismatches(List<?> labels, List<String> expected, java.util.function.IntFunction<String> actual) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            String a = actual.apply(i);
            if (!a.equals(expected.get(i))) {
                out.add(labels.get(i) + "\n    CPython: " + expected.get(i) + "\n    Java:    " + a);
            }
        }
        return out;
    }

    /** {@link #mismatches(List, List, java.util.function.IntFunction)} of the cases' own Java outcomes. */
    static List<String> mismatches(List<Case> cases, List<String> expected) {
        return mismatches(cases, expected, i -> java(cases.get(i)));
    }

    /** Java's outcome for each case. */
    static List<String> java(List<Case> cases) {
        List<String> out = new ArrayList<>();
        for (Case c : cases) {
            out.add(java(c));
        }
        return out;
    }

    static String java(Case c) {
        return switch (c.kind()) {
            case "dis" -> outcome(() -> PickleTools.dis(c.data()).replace('\n', '|'), true);
            case "loads_utf8" -> outcome(() -> show(new Unpickler(c.data()).encoding("utf-8").load()), false);
            case "loads_latin1" -> outcome(() -> show(new Unpickler(c.data()).encoding("latin1").load()), false);
            default -> outcome(() -> show(Pickle.loads(c.data())), false);
        };
    }

    private static String outcome(Supplier<String> run, boolean dis) {
        try {
            return "ok " + run.get();
        } catch (UnpicklingError e) {
            String family = e.getCause() instanceof ArithmeticException ? "ArithmeticException"
                    : e.getCause() instanceof IllegalArgumentException ? "IllegalArgumentException" : "UnpicklingError";
            return err(family, e.getMessage());
        } catch (IllegalArgumentException e) {
            if (!dis) {
                throw e; // loads reports every failure as UnpicklingError: anything else is a defect
            }
            return err("IllegalArgumentException", e.getMessage());
        }
    }

    static String err(String family, String message) {
        return "err " + family + " " + message.length() + " " + sha(message).substring(0, 16) + " "
                + (message.length() > 160 ? message.substring(0, 160) : message).replace("\n", "\\n");
    }

    private static String sha(String s) {
        return sha(Utf8.encode(s));
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Java value as CPython's {@code show} prints the Python one. */
    static String show(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return "bool " + (b ? "True" : "False");
        }
        if (v instanceof Long || v instanceof BigInteger) {
            BigInteger i = v instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) v;
            return "int " + (i.bitLength() < 4000 ? i.toString() : "bits=" + i.bitLength() + " mod=" + i.mod(MODULUS));
        }
        if (v instanceof Double d) {
            return "float " + PyRepr.floatRepr(d);
        }
        if (v instanceof PyComplex c) {
            return "complex " + PyRepr.floatRepr(c.real()) + " " + PyRepr.floatRepr(c.imag());
        }
        if (v instanceof String s) {
            return "str " + PyRepr.str(s);
        }
        if (v instanceof byte[] b) {
            return "bytes " + HexFormat.of().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            BigInteger unscaled = d.unscaledValue();
            return "decimal " + (unscaled.signum() < 0 ? 1 : 0) + " " + d.precision() + " " + -d.scale()
                    + " " + unscaled.abs().mod(MODULUS);
        }
        if (v instanceof java.time.ZonedDateTime t) {
            java.time.zone.ZoneOffsetTransition tr = t.getZone().getRules().getTransition(t.toLocalDateTime());
            boolean fold = tr != null && tr.isOverlap() && t.getOffset().equals(tr.getOffsetAfter());
            return "datetime " + isoDateTime(t.toLocalDateTime()) + offset(t.getOffset()) + (fold ? " fold" : "") + " "
                    + t.getZone().getId();
        }
        if (v instanceof java.time.ZoneOffset z) {
            return "timezone " + timedeltaText(z.getTotalSeconds() * 1_000_000L);
        }
        if (v instanceof ZoneId z) {
            return "zone " + z.getId();
        }
        if (v instanceof java.time.LocalDateTime t) {
            return "datetime " + isoDateTime(t);
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return "datetime " + isoDateTime(t.toLocalDateTime()) + offset(t.getOffset());
        }
        if (v instanceof java.time.LocalDate d) {
            return "date " + d;
        }
        if (v instanceof java.time.LocalTime t) {
            return "time " + isoTime(t);
        }
        if (v instanceof java.time.OffsetTime t) {
            return "time " + isoTime(t.toLocalTime()) + offset(t.getOffset());
        }
        if (v instanceof java.time.Duration d) {
            long micros = Math.floorDiv(d.getNano(), 1000);
            return "timedelta " + Math.floorDiv(d.getSeconds(), 86400) + " " + Math.floorMod(d.getSeconds(), 86400) + " " + micros;
        }
        if (v instanceof PyOrderedDict m) {
            List<String> items = new ArrayList<>();
            m.forEach((k, x) -> items.add(show(k) + ": " + show(x)));
            return "odict{" + String.join(", ", items) + "}";
        }
        if (v instanceof PyFrozenSet || v instanceof java.util.Set) {
            List<String> items = new ArrayList<>();
            ((Iterable<?>) v).forEach(x -> items.add(show(x)));
            java.util.Collections.sort(items);
            return (v instanceof PyFrozenSet ? "frozenset{" : "set{") + String.join(", ", items) + "}";
        }
        if (v instanceof PyByteArray b) {
            return "bytearray " + HexFormat.of().formatHex(b.toByteArray());
        }
        if (v instanceof PyTuple t) {
            List<String> items = new ArrayList<>();
            t.asList().forEach(x -> items.add(show(x)));
            return "tuple(" + String.join(", ", items) + ")";
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            l.forEach(x -> items.add(show(x)));
            return "list[" + String.join(", ", items) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> items = new ArrayList<>();
            m.forEach((k, x) -> items.add(show(k) + ": " + show(x)));
            return "dict{" + String.join(", ", items) + "}";
        }
        if (v instanceof PyObject p && p.callable() instanceof PyGlobal g && g.module().equals("datetime")) {
            String shown = stubOfDatetime(g.name(), p.args());
            if (shown != null) {
                return shown;
            }
        }
        return "other " + v.getClass().getSimpleName();
    }

    /**
     * What CPython shows for a datetime value java.time cannot hold, read from the stub's state (May 32,
     * hour 30, fold=1 on a naive value, a sub-second or 19-hour timezone): the stub must keep it exactly.
     */
    private static String stubOfDatetime(String name, PyTuple args) {
        Object first = args.isEmpty() ? null : args.get(0);
        if (name.equals("timezone") && first instanceof java.time.Duration d) {
            return "timezone " + timedeltaText(d.getSeconds() * 1_000_000L + d.getNano() / 1000);
        }
        if (!(first instanceof byte[] b)) {
            return null;
        }
        java.util.function.IntUnaryOperator u = i -> b[i] & 0xff;
        String tz = args.size() > 1 && args.get(1) instanceof java.time.ZoneOffset z ? offset(z) : "";
        if (name.equals("date") && b.length == 4) {
            return String.format("date %04d-%02d-%02d", u.applyAsInt(0) << 8 | u.applyAsInt(1), u.applyAsInt(2), u.applyAsInt(3));
        }
        if (name.equals("time") && b.length == 6) {
            return "time " + clock(u.applyAsInt(0) & 0x7f, u.applyAsInt(1), u.applyAsInt(2),
                    u.applyAsInt(3) << 16 | u.applyAsInt(4) << 8 | u.applyAsInt(5)) + tz + ((b[0] & 0x80) != 0 ? " fold" : "");
        }
        if (name.equals("datetime") && b.length == 10) {
            return String.format("datetime %04d-%02d-%02dT", u.applyAsInt(0) << 8 | u.applyAsInt(1), u.applyAsInt(2) & 0x7f,
                    u.applyAsInt(3)) + clock(u.applyAsInt(4), u.applyAsInt(5), u.applyAsInt(6),
                    u.applyAsInt(7) << 16 | u.applyAsInt(8) << 8 | u.applyAsInt(9)) + tz + ((b[2] & 0x80) != 0 ? " fold" : "");
        }
        return null;
    }

    private static String clock(int h, int m, int s, int micros) {
        return String.format("%02d:%02d:%02d", h, m, s) + (micros == 0 ? "" : String.format(".%06d", micros));
    }

    /** Python's {@code time.isoformat()}: HH:MM:SS, then .ffffff when there are microseconds. */
    private static String isoTime(java.time.LocalTime t) {
        String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        return t.getNano() / 1000 == 0 ? s : s + String.format(".%06d", t.getNano() / 1000);
    }

    private static String isoDateTime(java.time.LocalDateTime t) {
        return t.toLocalDate() + "T" + isoTime(t.toLocalTime());
    }

    /** Python's offset in isoformat(): +HH:MM (+HH:MM:SS with seconds), UTC as +00:00. */
    private static String offset(java.time.ZoneOffset z) {
        return z.getTotalSeconds() == 0 ? "+00:00" : z.getId();
    }

    /** Python's {@code str(timedelta)}: "[-]D day[s], H:MM:SS[.ffffff]". */
    private static String timedeltaText(long micros) {
        long days = Math.floorDiv(micros, 86_400_000_000L);
        long rest = Math.floorMod(micros, 86_400_000_000L);
        long seconds = rest / 1_000_000;
        String hms = String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                + (rest % 1_000_000 == 0 ? "" : String.format(".%06d", rest % 1_000_000));
        return days == 0 ? hms : days + (Math.abs(days) == 1 ? " day, " : " days, ") + hms;
    }

    /** {@code show(loads(dumps(eval(expression), p)))} for p in 0..5, joined by " | ", in CPython (kind "show"). */
    static Case shows(String pythonExpression) {
        return new Case("show", pythonExpression.getBytes(StandardCharsets.UTF_8));
    }

    // ---- building pickles ------------------------------------------------------------------------------

    /**
     * {@code module.name(*args)} as GLOBAL, MARK, the arguments, TUPLE, REDUCE, STOP: a String as
     * BINUNICODE, a byte[] as BINBYTES, a Long as LONG, a Double as BINFLOAT, a Boolean as NEWTRUE/NEWFALSE,
     * null as NONE.
     */
    static byte[] call(String module, String name, Object... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("c" + module + "\n" + name + "\n(").getBytes(StandardCharsets.ISO_8859_1));
        for (Object a : args) {
            if (a == null) {
                out.write('N');
            } else if (a instanceof String s) {
                byte[] b = Utf8.encode(s);
                out.write('X');
                writeU32(out, b.length);
                out.writeBytes(b);
            } else if (a instanceof byte[] b) {
                out.write('B');
                writeU32(out, b.length);
                out.writeBytes(b);
            } else if (a instanceof Long l) {
                out.writeBytes(("L" + l + "L\n").getBytes(StandardCharsets.ISO_8859_1));
            } else if (a instanceof Double d) {
                out.write('G');
                long bits = Double.doubleToRawLongBits(d);
                for (int i = 7; i >= 0; i--) {
                    out.write((int) (bits >>> (8 * i)));
                }
            } else if (a instanceof Boolean b) {
                out.write(b ? 0x88 : 0x89);
            } else {
                throw new IllegalArgumentException("no pickle form here for " + a);
            }
        }
        out.writeBytes("tR.".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static void writeU32(ByteArrayOutputStream out, int n) {
        out.write(n);
        out.write(n >> 8);
        out.write(n >> 16);
        out.write(n >> 24);
    }

    /** {@code opcode + text + "\n" + rest}, all Latin-1. */
    static byte[] line(char opcode, String text, String rest) {
        return (opcode + text + "\n" + rest).getBytes(StandardCharsets.ISO_8859_1);
    }
}
