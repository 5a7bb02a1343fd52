package org.sqlite3j.dbapi;

import java.util.Arrays;

/**
 * Python's equality, hash and repr for the values SQLite returns (null, Long, Double, String,
 * byte[]), so that rows compare as Python's tuples do: {@code 1 == 1.0}, bytes by content.
 */
final class PythonValues {

    private PythonValues() {
    }

    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number && b instanceof Number) {
            if ((a instanceof Long || a instanceof Integer) && (b instanceof Long || b instanceof Integer)) {
                return ((Number) a).longValue() == ((Number) b).longValue();
            }
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            if (a instanceof Double && b instanceof Double) {
                return x == y;
            }
            // int vs float: equal when the float is integral and the same number
            long whole = (a instanceof Double) ? ((Number) b).longValue() : ((Number) a).longValue();
            double real = (a instanceof Double) ? x : y;
            return real == Math.rint(real) && !Double.isInfinite(real) && (long) real == whole
                    && (double) whole == real;
        }
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        return a.equals(b);
    }

    static int hash(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Double) {
            double d = (Double) value;
            if (d == Math.rint(d) && !Double.isInfinite(d) && d >= Long.MIN_VALUE && d < 0x1p63) {
                return Long.hashCode((long) d);
            }
            return value.hashCode();
        }
        if (value instanceof Number) {
            return Long.hashCode(((Number) value).longValue());
        }
        if (value instanceof byte[]) {
            return Arrays.hashCode((byte[]) value);
        }
        return value.hashCode();
    }

    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String) {
            return "'" + ((String) value).replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof byte[]) {
            StringBuilder sb = new StringBuilder("b'");
            for (byte b : (byte[]) value) {
                int c = b & 0xFF;
                if (c == '\\' || c == '\'') {
                    sb.append('\\').append((char) c);
                } else if (c >= 0x20 && c < 0x7F) {
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\x%02x", c));
                }
            }
            return sb.append('\'').toString();
        }
        if (value instanceof Double) {
            double d = (Double) value;
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
        }
        return value.toString();
    }
}
