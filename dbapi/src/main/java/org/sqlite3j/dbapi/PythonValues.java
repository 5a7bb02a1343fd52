package org.sqlite3j.dbapi;

import java.util.Arrays;

import org.sqlite3j.pickle.PyRepr;

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
            return reprBytes((byte[]) value);
        }
        if (value instanceof Double) {
            return PyRepr.floatRepr((Double) value);
        }
        return value.toString();
    }

    /** Python's {@code repr(bytes)}: b'..', or b".." when it holds ' and no ". */
    static String reprBytes(byte[] bytes) {
        return PyRepr.bytes(bytes);
    }

}
