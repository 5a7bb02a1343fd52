package org.sqlite3j.pickle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Python's {@code datetime} pickled state ⇄ {@code java.time}: {@code date} ⇄ {@link LocalDate},
 * naive {@code time}/{@code datetime} ⇄ {@link LocalTime}/{@link LocalDateTime}, with a fixed-offset
 * {@code timezone} ⇄ {@link OffsetTime}/{@link OffsetDateTime}, {@code timedelta} ⇄ {@link Duration},
 * unnamed {@code timezone} ⇄ {@link ZoneOffset}. Microseconds are kept exactly; Java nanoseconds below
 * a microsecond are dropped when dumping. A value java.time cannot hold (fold=1, another tzinfo, a
 * named timezone, an offset with microseconds) decodes to {@code null}, and the caller keeps it as a
 * {@link PyObject} stub so it still round-trips.
 */
final class DateTimes {
    static final PyGlobal DATE = new PyGlobal("datetime", "date");
    static final PyGlobal TIME = new PyGlobal("datetime", "time");
    static final PyGlobal DATETIME = new PyGlobal("datetime", "datetime");
    static final PyGlobal TIMEDELTA = new PyGlobal("datetime", "timedelta");
    static final PyGlobal TIMEZONE = new PyGlobal("datetime", "timezone");
    static final PyAttribute ZONEINFO_UNPICKLE = new PyAttribute(new PyGlobal("zoneinfo", "ZoneInfo"), "_unpickle");

    private DateTimes() {
    }

    private static byte[] state(Object first) {
        if (first instanceof byte[] b) {
            return b;
        }
        if (first instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0xff) {
                    return null;
                }
            }
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xff;
    }

    /**
     * Runs a constructor's checks: PyDatetime's failures (ValueError, TypeError, OverflowError) become
     * UnpicklingErrors with CPython's message and the failure as the cause.
     */
    private static <T> T checked(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw Numbers.wrap(e);
        }
    }

    /**
     * The pickled state's bytes when CPython takes the arguments for one: at most {@code maxArgs}
     * arguments, the first {@code size} bytes (or a Latin-1 str, from Python 2) whose byte {@code at}
     * (without its fold bit when {@code fold}) is within [lo, hi]. Anything else is read as arguments.
     */
    private static byte[] saneState(PyTuple args, int maxArgs, int size, int at, boolean fold, int lo, int hi) {
        byte[] b = args.isEmpty() || args.size() > maxArgs ? null : state(args.get(0));
        int v = b == null || b.length != size ? -1 : fold ? b[at] & 0x7f : b[at] & 0xff;
        return v >= lo && v <= hi ? b : null;
    }

    /** A value of java.time from a pickled state, or null (a stub) when java.time has no such value (May 32). */
    private static <T> T orNull(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** {@code datetime.date(state)} or {@code date(y, m, d)} with CPython's checks. */
    static Object date(PyTuple args) {
        byte[] b = saneState(args, 1, 4, 2, false, 1, 12);
        if (b != null) {
            return orNull(() -> LocalDate.of(u(b, 0) << 8 | u(b, 1), u(b, 2), u(b, 3)));
        }
        return checked(() -> {
            int[] v = PyDatetime.ints(args, 3, 3, 3, "year", "month", "day");
            return PyDatetime.date(v[0], v[1], v[2]);
        });
    }

    /** {@code datetime.time(state[, tz])} or {@code time(h, m, s, us, tz)}; {@code null} when java.time cannot hold it. */
    static Object time(PyTuple args) {
        byte[] b = saneState(args, 2, 6, 0, true, 0, 23);
        LocalTime t;
        Object tz;
        if (b != null) {
            if ((b[0] & 0x80) != 0) {
                return null; // fold=1
            }
            t = orNull(() -> LocalTime.of(u(b, 0), u(b, 1), u(b, 2), micros(b, 3) * 1000));
            tz = args.size() > 1 ? args.get(1) : null;
        } else {
            t = checked(() -> {
                int[] v = PyDatetime.ints(args, 4, 5, 0);
                return PyDatetime.time(v[0], v[1], v[2], v[3]);
            });
            tz = args.size() > 4 ? args.get(4) : null;
        }
        checkTzinfo(tz);
        if (t == null) {
            return null;
        }
        if (tz == null) {
            return t;
        }
        return tz instanceof ZoneOffset z ? OffsetTime.of(t, z) : null;
    }

    /** {@code datetime.datetime(state[, tz])} or its 3 to 8 arguments; {@code null} when java.time cannot hold it. */
    static Object dateTime(PyTuple args) {
        byte[] b = saneState(args, 2, 10, 2, true, 1, 12);
        LocalDateTime t;
        Object tz;
        boolean fold = false;
        if (b != null) {
            fold = (b[2] & 0x80) != 0;
            t = orNull(() -> LocalDateTime.of(u(b, 0) << 8 | u(b, 1), u(b, 2) & 0x7f, u(b, 3), u(b, 4), u(b, 5), u(b, 6),
                    micros(b, 7) * 1000));
            tz = args.size() > 1 ? args.get(1) : null;
        } else {
            t = checked(() -> {
                int[] v = PyDatetime.ints(args, 7, 8, 3, "year", "month", "day");
                return LocalDateTime.of(PyDatetime.date(v[0], v[1], v[2]), PyDatetime.time(v[3], v[4], v[5], v[6]));
            });
            tz = args.size() > 7 ? args.get(7) : null;
        }
        checkTzinfo(tz);
        if (t == null) {
            return null;
        }
        if (tz instanceof ZoneOffset z) {
            return fold ? null : OffsetDateTime.of(t, z);
        }
        if (tz instanceof ZoneId zone) {
            return zoned(t, zone, fold);
        }
        return tz == null && !fold ? t : null;
    }

    /** The tzinfo argument: None, a timezone, a ZoneInfo, or a stub of some other tzinfo; else TypeError. */
    private static void checkTzinfo(Object tz) {
        if (tz != null && !(tz instanceof ZoneId) && !(tz instanceof PyObject)) {
            throw Numbers.typeError("tzinfo argument must be None or of a tzinfo subclass, not type '"
                    + Builtins.typeName(tz) + "'");
        }
    }

    /**
     * A ZoneInfo datetime as ZonedDateTime: fold picks the later offset in an overlap; a wall time in a
     * gap (which java.time would move) or fold=1 outside an overlap has no exact form, so {@code null}.
     */
    private static ZonedDateTime zoned(LocalDateTime t, ZoneId zone, boolean fold) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition tr = rules.getTransition(t);
        if (tr == null) {
            return fold ? null : ZonedDateTime.of(t, zone);
        }
        if (tr.isGap()) {
            return null;
        }
        return ZonedDateTime.ofStrict(t, fold ? tr.getOffsetAfter() : tr.getOffsetBefore(), zone);
    }

    /**
     * {@code zoneinfo.ZoneInfo(key)} and {@code ZoneInfo._unpickle(key, from_cache)}: the key is checked
     * first by CPython's rules for keys (not absolute, normalized, inside the zone directory: a ValueError
     * with CPython's message otherwise), then looked up among java.time's region ids only, never as a
     * path. A key java.time does not know, or {@code from_cache} other than 1, gives null (a stub).
     */
    static Object zone(PyTuple args, Object fromCache) {
        if (args.isEmpty()) {
            throw Numbers.typeError("ZoneInfo() missing required argument 'key' (pos 1)");
        }
        if (!(args.get(0) instanceof String key)) {
            throw Numbers.typeError("expected str, bytes or os.PathLike object, not " + Builtins.typeName(args.get(0)));
        }
        checkZoneKey(key);
        if (!Long.valueOf(1).equals(fromCache) || !ZoneId.getAvailableZoneIds().contains(key)) {
            return null;
        }
        return ZoneId.of(key);
    }

    /**
     * CPython's checks of a ZoneInfo key (zoneinfo's TZPATH validation): not absolute; unchanged in length
     * by POSIX path normalization ("a//b", "a/./b", "a/../b", a trailing "/" or "" are not); not leaving
     * the directory it is resolved in ("..", "../x" or "."). Each failure is CPython's ValueError message.
     */
    static void checkZoneKey(String key) {
        if (key.startsWith("/")) {
            throw Numbers.valueError("ZoneInfo keys may not be absolute paths, got: " + key);
        }
        String normalized = normalizePath(key);
        if (normalized.length() != key.length()) {
            throw Numbers.valueError("ZoneInfo keys must be normalized relative paths, got: " + key);
        }
        if (normalized.equals(".") || normalized.equals("..") || normalized.startsWith("../")) {
            throw Numbers.valueError("ZoneInfo keys must refer to subdirectories of TZPATH, got: " + key);
        }
    }

    /** POSIX {@code normpath} of a relative path: empty and "." parts dropped, ".." folded, "." if nothing is left. */
    private static String normalizePath(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? "." : String.join("/", parts);
    }

    private static int micros(byte[] b, int i) {
        return u(b, i) << 16 | u(b, i + 1) << 8 | u(b, i + 2);
    }

    /** {@code datetime.timedelta(days, seconds, microseconds)} of ints, normalized; at most 999999999 days either way. */
    static Object timeDelta(PyTuple args) {
        long[] v = new long[3];
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (i >= 3 || !(a instanceof Long) && !(a instanceof Boolean)) {
                throw new UnpicklingError("timedelta() is read here from up to 3 ints (days, seconds, microseconds), got "
                        + Builtins.typeName(a) + " at position " + (i + 1));
            }
            v[i] = a instanceof Boolean bool ? (bool ? 1 : 0) : (Long) a;
        }
        Duration d;
        try {
            d = Duration.ofDays(v[0]).plusSeconds(v[1]).plusNanos(Math.multiplyExact(v[2], 1000L));
        } catch (ArithmeticException e) {
            throw new UnpicklingError("timedelta(" + v[0] + ", " + v[1] + ", " + v[2] + ") is out of range", e);
        }
        long days = Math.floorDiv(d.getSeconds(), 86400);
        if (Math.abs(days) > 999_999_999) {
            String message = "days=" + days + "; must have magnitude <= 999999999";
            throw new UnpicklingError(message, new ArithmeticException(message));
        }
        return d;
    }

    /**
     * {@code datetime.timezone(offset)}: a ZoneOffset, or {@code null} (a stub) for a named timezone and
     * for an offset java.time cannot hold (seconds fractions, beyond 18 hours); an offset of 24 hours or
     * more is CPython's ValueError.
     */
    static Object timeZone(PyTuple args) {
        if (args.isEmpty() || !(args.get(0) instanceof Duration d)) {
            throw Numbers.typeError("timezone() argument 1 must be datetime.timedelta, not "
                    + (args.isEmpty() ? "nothing" : Builtins.typeName(args.get(0))));
        }
        if (d.abs().compareTo(Duration.ofHours(24)) >= 0) {
            throw Numbers.valueError("offset must be a timedelta strictly between -timedelta(hours=24) and"
                    + " timedelta(hours=24), not " + timedeltaRepr(d) + ".");
        }
        if (args.size() != 1 || d.getNano() != 0 || Math.abs(d.getSeconds()) > 18 * 3600) {
            return null;
        }
        return ZoneOffset.ofTotalSeconds((int) d.getSeconds());
    }

    /** Python's {@code repr(timedelta)}: {@code datetime.timedelta(days=-1, seconds=1)}, {@code datetime.timedelta(0)}. */
    static String timedeltaRepr(Duration d) {
        long days = Math.floorDiv(d.getSeconds(), 86400);
        long seconds = Math.floorMod(d.getSeconds(), 86400);
        long micros = d.getNano() / 1000;
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (days != 0) {
            parts.add("days=" + days);
        }
        if (seconds != 0) {
            parts.add("seconds=" + seconds);
        }
        if (micros != 0) {
            parts.add("microseconds=" + micros);
        }
        return "datetime.timedelta(" + (parts.isEmpty() ? "0" : String.join(", ", parts)) + ")";
    }

    /** The reduction of a java.time value at {@code proto}, or {@code null} when {@code obj} is not one. */
    static Reduction reduce(Object obj, int proto) {
        if (obj instanceof LocalDate d) {
            return new Reduction(DATE, PyTuple.of((Object) dateBytes(d)));
        }
        if (obj instanceof LocalDateTime t) {
            return new Reduction(DATETIME, PyTuple.of((Object) dateTimeBytes(t)));
        }
        if (obj instanceof OffsetDateTime t) {
            return new Reduction(DATETIME, PyTuple.of(dateTimeBytes(t.toLocalDateTime()), t.getOffset()));
        }
        if (obj instanceof ZonedDateTime t) {
            if (t.getZone() instanceof ZoneOffset z) {
                return new Reduction(DATETIME, PyTuple.of(dateTimeBytes(t.toLocalDateTime()), z));
            }
            byte[] state = dateTimeBytes(t.toLocalDateTime());
            ZoneOffsetTransition tr = t.getZone().getRules().getTransition(t.toLocalDateTime());
            if (proto > 3 && tr != null && tr.isOverlap() && t.getOffset().equals(tr.getOffsetAfter())) {
                state[2] |= (byte) 0x80; // fold=1: the second of the two wall-clock readings
            }
            return new Reduction(DATETIME, PyTuple.of(state, t.getZone()));
        }
        if (obj instanceof ZoneId z && !(obj instanceof ZoneOffset)) {
            return new Reduction(ZONEINFO_UNPICKLE, PyTuple.of(z.getId(), 1L));
        }
        if (obj instanceof LocalTime t) {
            return new Reduction(TIME, PyTuple.of((Object) timeBytes(t)));
        }
        if (obj instanceof OffsetTime t) {
            return new Reduction(TIME, PyTuple.of(timeBytes(t.toLocalTime()), t.getOffset()));
        }
        if (obj instanceof Duration d) {
            long micros = Math.floorDiv(d.getNano(), 1000);
            long secs = d.getSeconds();
            long days = Math.floorDiv(secs, 86400);
            return new Reduction(TIMEDELTA, PyTuple.of(days, Math.floorMod(secs, 86400), micros));
        }
        if (obj instanceof ZoneOffset z) {
            return new Reduction(TIMEZONE, PyTuple.of(Duration.ofSeconds(z.getTotalSeconds())));
        }
        return null;
    }

    private static byte[] dateBytes(LocalDate d) {
        int y = d.getYear();
        if (y < 1 || y > 9999) {
            throw new PicklingError("year " + y + " is out of range for Python's datetime (1..9999)");
        }
        return new byte[] {(byte) (y >> 8), (byte) y, (byte) d.getMonthValue(), (byte) d.getDayOfMonth()};
    }

    private static byte[] timeBytes(LocalTime t) {
        int us = t.getNano() / 1000;
        return new byte[] {(byte) t.getHour(), (byte) t.getMinute(), (byte) t.getSecond(),
            (byte) (us >> 16), (byte) (us >> 8), (byte) us};
    }

    private static byte[] dateTimeBytes(LocalDateTime t) {
        byte[] d = dateBytes(t.toLocalDate());
        byte[] tm = timeBytes(t.toLocalTime());
        byte[] out = new byte[10];
        System.arraycopy(d, 0, out, 0, 4);
        System.arraycopy(tm, 0, out, 4, 6);
        return out;
    }
}
