package org.sqlite3j.adapters;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.sqlite3j.pickle.PyNumbers;
import org.sqlite3j.pickle.PyRepr;

/**
 * Opt-in adapters and converters for the types JVM programs store, registered through the same
 * public {@link Adapters#register} / {@link Converters#register} calls users make (as CPython's
 * {@code dbapi2.py} installs its own). Every value is written as text a Python program can read back
 * with the matching Python recipe — never as epoch milliseconds.
 *
 * <pre>{@code
 * Recipes.pythonDefaults(Adapters.global(), Converters.global());   // date / timestamp
 * Recipes.javaTime(con.adapters(), con.converters());                // one connection only
 * }</pre>
 */
public final class Recipes {

    private Recipes() {
    }

    /**
     * CPython's default adapters and converters (deprecated there since 3.12, kept as recipes):
     * {@link LocalDate} as "YYYY-MM-DD" read by the converter "date", {@link LocalDateTime} as
     * "YYYY-MM-DD HH:MM:SS[.ffffff]" read by the converter "timestamp". The converters read text as
     * CPython's {@code convert_date} / {@code convert_timestamp} do (Python's {@code int()} per field, at
     * most six fractional digits, CPython's errors and messages; see {@link DateText}), and also the text
     * {@link #isoDate} writes for the years Python cannot hold (0, negative, past 9999).
     */
    public static void pythonDefaults(Adapters adapters, Converters converters) {
        adapters.register(LocalDate.class, Recipes::isoDate);
        adapters.register(LocalDateTime.class, Recipes::timestamp);
        converters.register("date", DateText::date);
        converters.register("timestamp", DateText::timestamp);
    }

    /**
     * ISO-8601 text for the other {@code java.time} types, each with a converter of the same name:
     * {@link Instant} ("instant", e.g. 2024-05-01T10:15:30.5Z), {@link OffsetDateTime}
     * ("offsetdatetime", 2024-05-01T10:15:30+02:00), {@link LocalTime} ("time", 10:15:30, seconds always,
     * as Python's {@code time.isoformat()}).
     * Together with {@link #pythonDefaults}: dates and timestamps too.
     */
    public static void javaTime(Adapters adapters, Converters converters) {
        pythonDefaults(adapters, converters);
        adapters.register(Instant.class, Instant::toString);
        adapters.register(OffsetDateTime.class, OffsetDateTime::toString);
        adapters.register(LocalTime.class, Recipes::isoTime);
        converters.register("instant", bytes -> Instant.parse(text(bytes)));
        converters.register("offsetdatetime", bytes -> OffsetDateTime.parse(text(bytes)));
        converters.register("time", bytes -> LocalTime.parse(text(bytes)));
    }

    /**
     * {@link BigDecimal} as its exact decimal text (Python's {@code Decimal(str)} reads it), read by
     * the converter "decimal". A column declared {@code DECIMAL} has NUMERIC affinity and SQLite would
     * store "1.10" as the REAL 1.1; declare it {@code decimal text} (first word "decimal" picks the
     * converter, "text" gives TEXT affinity) and every digit survives.
     */
    public static void bigDecimal(Adapters adapters, Converters converters) {
        adapters.register(BigDecimal.class, BigDecimal::toString);
        converters.register("decimal", bytes -> decimal(text(bytes)));
    }

    /** {@link UUID} as its canonical text, read by the converter "uuid". */
    public static void uuid(Adapters adapters, Converters converters) {
        adapters.register(UUID.class, UUID::toString);
        converters.register("uuid", bytes -> UUID.fromString(text(bytes)));
    }

    /** An enum as its constant's name, read by the converter {@code typename}. */
    public static <E extends Enum<E>> void enumByName(Class<E> type, String typename,
            Adapters adapters, Converters converters) {
        adapters.register(type, Enum::name);
        converters.register(typename, bytes -> Enum.valueOf(type, text(bytes)));
    }

    /**
     * Python's {@code Decimal(text)} as a BigDecimal, in linear time ({@link PyNumbers#parseDecimal});
     * a Decimal BigDecimal has no form for (NaN, Infinity, an exponent past its int scale) is refused.
     */
    static BigDecimal decimal(String text) {
        BigDecimal d = PyNumbers.parseDecimal(text);
        if (d == null) {
            throw new ArithmeticException("Decimal(" + PyRepr.str(text.length() > 60 ? text.substring(0, 60) + "..." : text)
                    + ") has no BigDecimal form (NaN, sNaN, Infinity, or an exponent beyond ±2^31)");
        }
        return d;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Python's {@code datetime.isoformat(" ")}, the text its {@code timestamp} converter reads:
     * "YYYY-MM-DD HH:MM:SS", then ".ffffff" when there is a fraction (nine digits when the value has
     * nanoseconds Python cannot hold; Python reads the first six).
     */
    public static String timestamp(LocalDateTime t) {
        StringBuilder sb = new StringBuilder(26);
        sb.append(isoDate(t.toLocalDate())).append(' ');
        return appendTime(sb, t.toLocalTime()).toString();
    }

    /**
     * Python's {@code isoformat(" ")} of an aware datetime: {@link #timestamp(LocalDateTime)} of its
     * local date and time, then the offset as "+HH:MM" ("+00:00" for UTC, never "Z").
     */
    public static String timestamp(OffsetDateTime t) {
        return timestamp(t.toLocalDateTime()) + offset(t.getOffset());
    }

    /** Python's {@code time.isoformat()}: "HH:MM:SS", then ".ffffff" when there is a fraction. */
    public static String isoTime(LocalTime t) {
        return appendTime(new StringBuilder(15), t).toString();
    }

    /** "+HH:MM" (or "+HH:MM:SS"), as Python's {@code utcoffset} prints it; UTC is "+00:00". */
    public static String offset(java.time.ZoneOffset offset) {
        String id = offset.getId();
        return "Z".equals(id) ? "+00:00" : id;
    }

    private static StringBuilder appendTime(StringBuilder sb, LocalTime t) {
        pad(sb, t.getHour()).append(':');
        pad(sb, t.getMinute()).append(':');
        pad(sb, t.getSecond());
        int nanos = t.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            sb.append('.').append(nanos % 1000 == 0 ? digits.substring(0, 6) : digits);
        }
        return sb;
    }

    /**
     * {@code date.isoformat()}: "YYYY-MM-DD", the same text as {@link LocalDate#toString()}, built as
     * ten Latin-1 bytes for the years 0 to 9999 (the rest, which Python cannot hold, by {@code toString}).
     */
    public static String isoDate(LocalDate d) {
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return d.toString();
        }
        int month = d.getMonthValue();
        int day = d.getDayOfMonth();
        byte[] b = {(byte) ('0' + year / 1000), (byte) ('0' + year / 100 % 10), (byte) ('0' + year / 10 % 10),
            (byte) ('0' + year % 10), '-', (byte) ('0' + month / 10), (byte) ('0' + month % 10), '-',
            (byte) ('0' + day / 10), (byte) ('0' + day % 10)};
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static StringBuilder pad(StringBuilder sb, int n) {
        return sb.append(n < 10 ? "0" : "").append(n);
    }
}
