package org.sqlite3j.driver;

import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;

import org.sqlite3j.adapters.Recipes;

/**
 * Dates and times on the JDBC path, stored as Python stores them ({@code date_storage=python}, the
 * default): the text of Python's {@code isoformat}, which its {@code date} and {@code timestamp}
 * converters read back (the same text {@link Recipes} writes).
 *
 * <table>
 * <caption>What is stored</caption>
 * <tr><th>value</th><th>text</th></tr>
 * <tr><td>{@code java.sql.Date}, {@code LocalDate}</td><td>2024-01-02</td></tr>
 * <tr><td>{@code Timestamp}, {@code java.util.Date}, {@code LocalDateTime}</td>
 *     <td>2024-01-02 03:04:05[.ffffff]</td></tr>
 * <tr><td>{@code Time}, {@code LocalTime}</td><td>03:04:05[.ffffff]</td></tr>
 * <tr><td>{@code OffsetDateTime}, {@code ZonedDateTime}, {@code Instant} (UTC)</td>
 *     <td>2024-01-02 03:04:05[.ffffff]+02:00</td></tr>
 * <tr><td>{@code OffsetTime}</td><td>03:04:05+02:00</td></tr>
 * </table>
 * A {@code java.sql}/{@code java.util} value is read in the JVM's time zone, or in the
 * {@link Calendar}'s where one is given ({@code setTimestamp(i, ts, cal)}), as sqlite-jdbc does.
 *
 * <p>Reading ({@code getDate}, {@code getTime}, {@code getTimestamp}) accepts that text (also with
 * 'T', an offset or 'Z', a date alone, a time alone), INTEGER epoch milliseconds (sqlite-jdbc's
 * default storage) and, for anything else, sqlite-jdbc's own reading (its REAL Julian days and
 * {@code date_string_format} text).
 */
final class JdbcDates {

    private JdbcDates() {
    }

    // ---- writing ----

    /**
     * The text a date/time value is stored as, or null when {@code x} is no date/time value (the
     * caller binds it as it is).
     */
    static String text(Object x, Calendar calendar) {
        if (x instanceof java.util.Date d) {
            ZoneId zone = zone(calendar);
            if (d instanceof java.sql.Date) {
                return Recipes.isoDate(Instant.ofEpochMilli(d.getTime()).atZone(zone).toLocalDate());
            }
            if (d instanceof Time) {
                return Recipes.isoTime(Instant.ofEpochMilli(d.getTime()).atZone(zone).toLocalTime());
            }
            if (d instanceof Timestamp ts) {
                LocalDateTime local = calendar == null ? ts.toLocalDateTime()
                        : LocalDateTime.ofInstant(ts.toInstant(), zone);
                return Recipes.timestamp(local);
            }
            return Recipes.timestamp(LocalDateTime.ofInstant(d.toInstant(), zone));
        }
        if (!(x instanceof java.time.temporal.TemporalAccessor)) {
            return null;
        }
        if (x instanceof LocalDate d) {
            return Recipes.isoDate(d);
        }
        if (x instanceof LocalDateTime t) {
            return Recipes.timestamp(t);
        }
        if (x instanceof LocalTime t) {
            return Recipes.isoTime(t);
        }
        if (x instanceof OffsetDateTime t) {
            return Recipes.timestamp(t);
        }
        if (x instanceof ZonedDateTime t) {
            return Recipes.timestamp(t.toOffsetDateTime());
        }
        if (x instanceof Instant t) {
            return Recipes.timestamp(t.atOffset(java.time.ZoneOffset.UTC));
        }
        if (x instanceof OffsetTime t) {
            return Recipes.isoTime(t.toLocalTime()) + Recipes.offset(t.getOffset());
        }
        return null;
    }

    private static ZoneId zone(Calendar calendar) {
        return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
    }

    // ---- reading ----

    /** What a stored value means as a point in local time (the caller picks the date or the time). */
    private record Parsed(LocalDate date, LocalTime time, java.time.ZoneOffset offset) {
    }

    /**
     * {@code raw} (the column's value) as a timestamp, or null when it is not one of the forms this
     * class reads (the caller then asks sqlite-jdbc).
     */
    static Timestamp timestamp(Object raw, Calendar calendar) throws SQLException {
        if (raw instanceof Long || raw instanceof Integer) {
            return new Timestamp(((Number) raw).longValue());
        }
        Parsed p = raw instanceof String s ? parse(s) : null;
        if (p == null) {
            return null;
        }
        LocalDateTime local = (p.date != null ? p.date : LocalDate.EPOCH)
                .atTime(p.time != null ? p.time : LocalTime.MIDNIGHT);
        if (p.offset != null) {
            return Timestamp.from(local.toInstant(p.offset));
        }
        return calendar == null ? Timestamp.valueOf(local) : Timestamp.from(local.atZone(zone(calendar)).toInstant());
    }

    /** {@code raw} as a date (midnight in the zone), or null as for {@link #timestamp}. */
    static java.sql.Date date(Object raw, Calendar calendar) throws SQLException {
        if (raw instanceof Long || raw instanceof Integer) {
            return new java.sql.Date(((Number) raw).longValue());
        }
        Parsed p = raw instanceof String s ? parse(s) : null;
        if (p == null || p.date == null) {
            return null;
        }
        return new java.sql.Date(p.date.atStartOfDay(zone(calendar)).toInstant().toEpochMilli());
    }

    /** {@code raw} as a time of day (on 1970-01-01 in the zone), or null as for {@link #timestamp}. */
    static Time time(Object raw, Calendar calendar) throws SQLException {
        if (raw instanceof Long || raw instanceof Integer) {
            return new Time(((Number) raw).longValue());
        }
        Parsed p = raw instanceof String s ? parse(s) : null;
        if (p == null || p.time == null) {
            return null;
        }
        return new Time(LocalDate.EPOCH.atTime(p.time).atZone(zone(calendar)).toInstant().toEpochMilli());
    }

    /** The time of day of a text value ("2021-11-09 11:20:58" → 11:20:58), or null when it has none. */
    static LocalTime localTime(String text) {
        Parsed p = parse(text);
        return p == null ? null : p.time;
    }

    /**
     * Reads "YYYY-MM-DD", "HH:MM[:SS[.f...]]" or both separated by ' ' or 'T', with an optional
     * "Z" or "±HH:MM" after the time; null for anything else (or an impossible date or time).
     */
    private static Parsed parse(String raw) {
        String s = raw.trim();
        try {
            LocalDate date = null;
            String rest = s;
            if (s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
                date = LocalDate.parse(s.substring(0, 10));
                rest = s.substring(10);
                if (rest.isEmpty()) {
                    return new Parsed(date, null, null);
                }
                if (rest.charAt(0) != ' ' && rest.charAt(0) != 'T') {
                    return null;
                }
                rest = rest.substring(1);
            }
            java.time.ZoneOffset offset = null;
            int sign = Math.max(rest.lastIndexOf('+'), rest.lastIndexOf('-'));
            if (rest.endsWith("Z")) {
                offset = java.time.ZoneOffset.UTC;
                rest = rest.substring(0, rest.length() - 1);
            } else if (sign > 0) {
                offset = java.time.ZoneOffset.of(rest.substring(sign));
                rest = rest.substring(0, sign);
            }
            if (rest.length() < 5 || rest.charAt(2) != ':') {
                return null;
            }
            return new Parsed(date, LocalTime.parse(rest), offset);
        } catch (DateTimeException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }
}
