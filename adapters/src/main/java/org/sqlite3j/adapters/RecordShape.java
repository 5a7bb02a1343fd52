package org.sqlite3j.adapters;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;

/**
 * One record class as this project reads and builds records — the one record codec behind
 * {@link JsonRecords} (JSON text), {@link PickledTypes} (a pickled {@code __dict__}) and the façade's
 * {@code RowFactory.records} (rows): the components' names and types, their values read from a record,
 * a record built through the canonical constructor, and {@link #fit} — a value of Python's model
 * (Long, BigInteger, Double, Boolean, String, byte[], ...) narrowed to a component's Java type.
 *
 * <p>Instances are immutable and thread-safe; build one per record class and keep it.
 */
public final class RecordShape<R extends Record> {

    /** Thrown by {@link #fit} and {@link #construct}: the message names the record and component. */
    public static final class Misfit extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Misfit(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Class<R> type;
    private final RecordComponent[] components;
    private final Method[] accessors;
    private final Constructor<R> constructor;

    private RecordShape(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.accessors = new Method[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            accessors[i] = components[i].getAccessor();
        }
        try {
            for (Method accessor : accessors) {
                accessor.setAccessible(true);
            }
            constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new IllegalArgumentException("the canonical constructor of " + type.getName()
                    + " is not accessible: " + e, e);
        }
    }

    /**
     * The shape of {@code type}.
     *
     * @throws IllegalArgumentException when it is not a record or its canonical constructor or accessors
     *         cannot be made accessible (a record of a module that does not open its package)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <R extends Record> RecordShape<R> of(Class<R> type) {
        if (type == null || !type.isRecord()) {
            throw new IllegalArgumentException((type == null ? "null" : type.getName()) + " is not a record");
        }
        return new RecordShape(type);
    }

    /** The record class. */
    public Class<R> type() {
        return type;
    }

    /** How many components the record has. */
    public int size() {
        return components.length;
    }

    /** The name of component {@code i}. */
    public String name(int i) {
        return components[i].getName();
    }

    /** The (erased) type of component {@code i}. */
    public Class<?> componentType(int i) {
        return components[i].getType();
    }

    /** The generic type of component {@code i} ({@code List<Point>}, ...). */
    public Type genericType(int i) {
        return components[i].getGenericType();
    }

    /** The value of component {@code i} of {@code record} (a primitive boxed). */
    public Object get(Record record, int i) {
        try {
            return accessors[i].invoke(record);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("reading " + where(i) + " failed: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("reading " + where(i) + " failed: " + e, e);
        }
    }

    /**
     * A record built from {@code args} (already fitted) by the canonical constructor.
     *
     * @throws Misfit when the constructor refuses them (its exception is the cause and in the message)
     */
    public R construct(Object[] args) {
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new Misfit(type.getSimpleName() + " refused the values: " + cause, cause);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new Misfit("cannot build " + type.getName() + ": " + e, e);
        }
    }

    /**
     * {@code value} as component {@code i}'s type: itself when it already is one (a wrapper for a
     * primitive); an integer (Long or BigInteger) narrowed exactly to long/int/short/byte or their boxes,
     * to 0/1 for boolean, or widened to double/float; a Double narrowed to float. {@code source} names
     * where the value came from in the messages ("the column", "the pickle").
     *
     * @param nullName how the source spells null in a message ("NULL", "None")
     * @throws Misfit for a null primitive, an integer out of range, or any other type
     */
    public Object fit(int i, Object value, String source, String nullName) {
        Class<?> target = components[i].getType();
        if (value == null) {
            if (target.isPrimitive()) {
                throw new Misfit(nullName + " for the primitive " + where(i), null);
            }
            return null;
        }
        Class<?> boxed = target.isPrimitive() ? java.lang.invoke.MethodType.methodType(target).wrap().returnType()
                : target;
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            BigInteger big = value instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) value;
            try {
                if (boxed == Long.class) {
                    return big.longValueExact();
                } else if (boxed == Integer.class) {
                    return big.intValueExact();
                } else if (boxed == Short.class) {
                    return big.shortValueExact();
                } else if (boxed == Byte.class) {
                    return big.byteValueExact();
                } else if (boxed == Boolean.class) {
                    if (big.signum() < 0 || big.compareTo(BigInteger.ONE) > 0) {
                        throw new ArithmeticException();
                    }
                    return big.signum() == 1;
                } else if (boxed == Double.class) {
                    return big.doubleValue();
                } else if (boxed == Float.class) {
                    return big.floatValue();
                }
            } catch (ArithmeticException e) {
                throw new Misfit(big + " does not fit " + where(i), null);
            }
        }
        if (value instanceof Double d && boxed == Float.class) {
            return d.floatValue();
        }
        throw new Misfit(where(i) + " is " + target.getSimpleName() + ", " + source + " holds "
                + value.getClass().getSimpleName(), null);
    }

    private String where(int i) {
        return type.getSimpleName() + "." + components[i].getName();
    }
}
