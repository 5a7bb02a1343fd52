package org.sqlite3j.dbapi;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.sqlite3j.adapters.Adaptation;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Conform;

/**
 * Turns the parameters of one {@code execute} call into the values SQLite binds, with CPython's
 * rules and messages ({@code _pysqlite_query_execute}'s binding step): a {@link List} or array
 * binds positionally, a {@link Map} binds by name, anything else is "of unsupported type".
 *
 * <p>Values become SQLite's storage classes: {@code null}; Long/Integer/Short/Byte/Boolean and
 * {@link BigInteger} within 64 bits as INTEGER; Double/Float as REAL; String/Character as TEXT;
 * {@code byte[]} and {@link ByteBuffer} as BLOB. Anything else is refused with Python's message.
 */
final class Binder {

    private Binder() {
    }

    private static final Object[] NO_VALUES = new Object[0];

    /**
     * The values to bind for {@code statement}, one per SQLite parameter.
     *
     * @param parameters null (no parameters), a List, an Object[] or a Map
     */
    static Object[] bind(Statement statement, Object parameters, Adapters adapters) {
        List<String> names = statement.parameterNames;
        int needed = names.size();
        if (parameters instanceof Map) {
            return bindNamed(names, (Map<?, ?>) parameters, adapters);
        }
        if (parameters == null) {
            checkCount(needed, 0);
            return NO_VALUES;
        }
        Adapters active = active(adapters);
        if (parameters instanceof Object[]) {
            Object[] array = (Object[]) parameters;
            checkCount(needed, array.length);
            Object[] values = new Object[needed];
            for (int i = 0; i < needed; i++) {
                checkNameless(statement, i);
                values[i] = sqliteValue(array[i], i + 1, active);
            }
            return values;
        }
        if (parameters instanceof List) {
            List<?> list = (List<?>) parameters;
            checkCount(needed, list.size());
            Object[] values = new Object[needed];
            for (int i = 0; i < needed; i++) {
                checkNameless(statement, i);
                values[i] = sqliteValue(list.get(i), i + 1, active);
            }
            return values;
        }
        throw new Sqlite3.ProgrammingError("parameters are of unsupported type");
    }

    /**
     * The registry to ask per value, or null when it holds nothing: Python asks its registry for each
     * value; whether it holds anything at all is asked once per row.
     */
    private static Adapters active(Adapters adapters) {
        return adapters == null || adapters.isEmpty() ? null : adapters;
    }

    /**
     * CPython's binding step for SQL that holds no statement: nothing to bind, but a sequence must
     * be empty and the parameters of a supported type.
     */
    static void bindNothing(Object parameters) {
        if (parameters == null || parameters instanceof Map) {
            return;
        }
        if (parameters instanceof Object[]) {
            checkCount(0, ((Object[]) parameters).length);
        } else if (parameters instanceof List) {
            checkCount(0, ((List<?>) parameters).size());
        } else {
            throw new Sqlite3.ProgrammingError("parameters are of unsupported type");
        }
    }

    private static void checkCount(int needed, int supplied) {
        if (needed != supplied) {
            throw new Sqlite3.ProgrammingError("Incorrect number of bindings supplied. The current"
                    + " statement uses " + needed + ", and there are " + supplied + " supplied.");
        }
    }

    /**
     * Python 3.14: a named placeholder cannot take a value from a sequence (checked in parameter
     * order, so that a value that fails to bind before the first named placeholder reports first).
     */
    private static void checkNameless(Statement statement, int i) {
        if (statement.firstNamed == i + 1) {
            String name = statement.parameterNames.get(i);
            throw new Sqlite3.ProgrammingError("Binding " + (i + 1) + " ('" + name + "') is a named"
                    + " parameter, but you supplied a sequence which requires nameless (qmark)"
                    + " placeholders.");
        }
    }

    private static Object[] bindNamed(List<String> names, Map<?, ?> map, Adapters adapters) {
        Adapters active = active(adapters);
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i);
            if (name == null) {
                throw new Sqlite3.ProgrammingError("Binding " + (i + 1) + " has no name, but you"
                        + " supplied a dictionary (which has only names).");
            }
            String key = name.substring(1);
            Object value = map.get(key);
            if (value == null && !map.containsKey(key)) {
                throw new Sqlite3.ProgrammingError(
                        "You did not supply a value for binding parameter :" + key + ".");
            }
            values[i] = sqliteValue(value, i + 1, active);
        }
        return values;
    }

    /**
     * One value as Python binds it: {@link Adaptation}'s rule (a registered adapter, else the object's
     * own {@link Conform}), else the value itself, which must then be one of SQLite's types. A checked
     * exception of an adapter or of conform is a ProgrammingError with the cause kept.
     *
     * @param position the 1-based parameter number, for the error message
     * @param adapters the connection's registry, or null for none (or when it holds nothing)
     */
    static Object sqliteValue(Object value, int position, Adapters adapters) {
        if (value == null) {
            return null;
        }
        if (adapters == null && !(value instanceof Conform)) {
            return sqliteValue(value, position);
        }
        Object adapted;
        try {
            adapted = Adaptation.adapt(adapters, value);
        } catch (Adaptation.AdaptationException e) {
            throw ErrorTable.adaptationFailed(e);
        }
        return sqliteValue(adapted == Adaptation.NOT_ADAPTED ? value : adapted, position);
    }

    /**
     * One value as SQLite binds it: null, Long/Integer, Double, String or byte[].
     *
     * @param position the 1-based parameter number, for the error message
     */
    static Object sqliteValue(Object value, int position) {
        if (value instanceof String) {
            Sqlite3.UnicodeEncodeError.check((String) value);
            return value;
        }
        if (value == null || value instanceof Long || value instanceof Double
                || value instanceof Integer || value instanceof byte[]) {
            return value;
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? 1 : 0;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.bitLength() > 63) {
                throw new Sqlite3.OverflowError("Python int too large to convert to SQLite INTEGER");
            }
            return big.longValue();
        }
        if (value instanceof Character) {
            return value.toString();
        }
        if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        throw new Sqlite3.ProgrammingError("Error binding parameter " + position + ": type '"
                + value.getClass().getSimpleName() + "' is not supported");
    }
}
