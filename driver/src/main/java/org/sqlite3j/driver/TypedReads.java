package org.sqlite3j.driver;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.sqlite3j.adapters.Converter;

/**
 * {@code ResultSet.getObject(column, Class)}: in this order,
 * <ol>
 * <li>the column's {@code detect_types} converter, when its result is of the class asked for;
 * <li>the SQLite value itself when it is of that class (INTEGER as {@code Long});
 * <li>for other classes than those below, a converter registered under the class's simple name
 *     ({@code Point} → "point", case-insensitive), given the value's bytes;
 * <li>{@code BigDecimal}, {@code UUID} (text or 16 bytes) and {@code java.time}: text as the
 *     {@code Recipes} write it (ISO-8601, also with a space for 'T' as Python's
 *     {@code isoformat(" ")}); INTEGER as epoch milliseconds (sqlite-jdbc's storage of
 *     {@code java.util.Date}); local types in the JVM's zone, text without an offset as UTC for
 *     {@code Instant}/{@code OffsetDateTime} (SQLite's {@code CURRENT_TIMESTAMP} is UTC);
 * <li>sqlite-jdbc's own {@code getObject(column, Class)}.
 * </ol>
 * NULL is null for every class.
 */
final class TypedReads {

    /** The classes read by {@link #builtIn} (not by a converter named after them). */
    private static final Set<Class<?>> BUILT_IN = Set.of(Long.class, BigDecimal.class, UUID.class,
            LocalDate.class, LocalDateTime.class, LocalTime.class, OffsetDateTime.class, Instant.class);

    private TypedReads() {
    }

    static <T> T read(Sqlite3jResultSet rs, int column, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("getObject(" + column + ", null): a class is required", "HY009");
        }
        Converter<?> c = rs.converter(column);
        if (c != null) {
            Object v = ColumnConverters.convert(c, rs.delegate.getBytes(column), column);
            if (v == null || type.isInstance(v)) {
                return type.cast(v);
            }
        }
        Object raw = rs.delegate.getObject(column);
        if (raw == null) {
            return null;
        }
        if (raw instanceof Integer) {
            raw = Long.valueOf(((Integer) raw).longValue());
        }
        if (type.isInstance(raw)) {
            return type.cast(raw);
        }
        if (!BUILT_IN.contains(type)) {
            Optional<Converter<?>> named = ((Sqlite3jStatement) rs.getStatement()).connection.converters()
                    .find(type.getSimpleName());
            if (named.isPresent()) {
                Object v = ColumnConverters.convert(named.get(), bytes(raw), column);
                if (v == null || type.isInstance(v)) {
                    return type.cast(v);
                }
            }
        }
        try {
            Object v = builtIn(raw, type);
            if (v != null) {
                return type.cast(v);
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // sqlite-jdbc's words first ("Bad value for type BigDecimal : abc"), then what was wrong
            throw new SQLException("Bad value for type " + type.getSimpleName() + " : " + shown(raw)
                    + " (column " + column + ": " + e.getMessage() + ")", "22018", e);
        }
        if (type == java.sql.Timestamp.class) {
            return type.cast(rs.getTimestamp(column));
        }
        if (type == java.sql.Date.class) {
            return type.cast(rs.getDate(column));
        }
        if (type == java.sql.Time.class) {
            return type.cast(rs.getTime(column));
        }
        return rs.delegate.getObject(column, type);
    }

    private static Object builtIn(Object raw, Class<?> type) {
        String text = raw instanceof String ? ((String) raw).trim() : null;
        long millis = raw instanceof Long ? (Long) raw : 0;
        boolean integer = raw instanceof Long;
        if (type == Long.class && raw instanceof Number) {
            return ((Number) raw).longValue();
        }
        if (type == BigDecimal.class) {
            if (text != null) {
                return new BigDecimal(text);
            }
            if (integer) {
                return BigDecimal.valueOf(millis);
            }
            if (raw instanceof Double) {
                return BigDecimal.valueOf((Double) raw);
            }
        } else if (type == UUID.class) {
            if (text != null) {
                return UUID.fromString(text);
            }
            if (raw instanceof byte[] && ((byte[]) raw).length == 16) {
                ByteBuffer b = ByteBuffer.wrap((byte[]) raw);
                return new UUID(b.getLong(), b.getLong());
            }
        } else if (type == LocalDate.class) {
            if (text != null) {
                return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            }
            if (integer) {
                return Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()).toLocalDate();
            }
        } else if (type == LocalDateTime.class) {
            if (text != null) {
                return LocalDateTime.parse(iso(text));
            }
            if (integer) {
                return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneId.systemDefault());
            }
        } else if (type == LocalTime.class) {
            if (text != null) {
                // also the time of a timestamp ("2021-11-09 11:20:58"), as sqlite-jdbc reads it
                LocalTime t = JdbcDates.localTime(text);
                return t != null ? t : LocalTime.parse(text);
            }
            if (integer) {
                return Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()).toLocalTime();
            }
        } else if (type == OffsetDateTime.class) {
            if (text != null) {
                String iso = iso(text);
                return hasOffset(iso) ? OffsetDateTime.parse(iso)
                        : LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
            }
            if (integer) {
                return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
            }
        } else if (type == Instant.class) {
            if (text != null) {
                String iso = iso(text);
                return hasOffset(iso) ? OffsetDateTime.parse(iso).toInstant()
                        : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            }
            if (integer) {
                return Instant.ofEpochMilli(millis);
            }
        }
        return null;
    }

    /** "2024-05-01 10:15:30" → "2024-05-01T10:15:30". */
    private static String iso(String text) {
        return text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    }

    private static boolean hasOffset(String iso) {
        int t = iso.indexOf('T');
        if (t < 0) {
            return false;
        }
        String time = iso.substring(t);
        return time.endsWith("Z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }

    /** A value's bytes as Python's converters get them: text as UTF-8, numbers as their text. */
    private static byte[] bytes(Object raw) {
        if (raw instanceof byte[]) {
            return (byte[]) raw;
        }
        return String.valueOf(raw).getBytes(StandardCharsets.UTF_8);
    }

    private static String shown(Object raw) {
        return raw instanceof byte[] ? "<" + ((byte[]) raw).length + " bytes>" : String.valueOf(raw);
    }
}
