package org.sqlite3j.dbapi;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * {@link RowFactory#records(Class)}: rows as records, columns matched to components by name (ASCII
 * case-insensitively, as {@link Row#get(String)} matches), values converted to the component types:
 * INTEGER to long/int/short/byte (range-checked), boolean (0 or 1) or their boxes, REAL to
 * double/float, and any value to a component type it already is (String, byte[], a converter's
 * result). A column missing, a NULL for a primitive or a value that does not fit raises
 * {@link Sqlite3.TypeError} naming the component.
 */
final class RecordRows<R extends Record> implements RowFactory {

    private final Class<R> type;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;

    RecordRows(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(types);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw (Sqlite3.TypeError) new Sqlite3.TypeError("cannot build " + type.getName() + " from rows"
                    + ErrorTable.reason(e)).initCause(e);
        }
    }

    @Override
    public Object create(Cursor cursor, Row row) {
        Object[] args = new Object[components.length];
        List<String> keys = row.keys();
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Object value;
            try {
                value = row.get(name);
            } catch (Sqlite3.IndexError e) {
                throw new Sqlite3.TypeError("no column '" + name + "' for " + type.getSimpleName()
                        + "." + name + " among " + keys);
            }
            args[i] = fit(value, components[i].getType(), name);
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw (Sqlite3.TypeError) new Sqlite3.TypeError(type.getSimpleName() + " refused the row"
                    + ErrorTable.reason(cause)).initCause(cause);
        } catch (ReflectiveOperationException e) {
            throw (Sqlite3.TypeError) new Sqlite3.TypeError("cannot build " + type.getName()
                    + ErrorTable.reason(e)).initCause(e);
        }
    }

    private Object fit(Object value, Class<?> target, String name) {
        if (value == null) {
            if (target.isPrimitive()) {
                throw new Sqlite3.TypeError("NULL for the primitive " + type.getSimpleName() + "." + name);
            }
            return null;
        }
        if (target.isInstance(value)) {
            return value;
        }
        if (value instanceof Long) {
            long v = (Long) value;
            if (target == long.class) {
                return v;
            }
            if (target == int.class || target == Integer.class) {
                return (int) range(v, Integer.MIN_VALUE, Integer.MAX_VALUE, name);
            }
            if (target == short.class || target == Short.class) {
                return (short) range(v, Short.MIN_VALUE, Short.MAX_VALUE, name);
            }
            if (target == byte.class || target == Byte.class) {
                return (byte) range(v, Byte.MIN_VALUE, Byte.MAX_VALUE, name);
            }
            if (target == boolean.class || target == Boolean.class) {
                return range(v, 0, 1, name) == 1;
            }
            if (target == double.class || target == Double.class) {
                return (double) v;
            }
        }
        if (value instanceof Double) {
            double v = (Double) value;
            if (target == double.class) {
                return v;
            }
            if (target == float.class || target == Float.class) {
                return (float) v;
            }
        }
        throw new Sqlite3.TypeError(type.getSimpleName() + "." + name + " is "
                + target.getSimpleName() + ", the column holds " + value.getClass().getSimpleName());
    }

    private long range(long v, long min, long max, String name) {
        if (v < min || v > max) {
            throw new Sqlite3.TypeError(v + " does not fit " + type.getSimpleName() + "." + name);
        }
        return v;
    }
}
