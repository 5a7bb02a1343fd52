package org.sqlite3j.driver.jooq;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jooq.Converter;
import org.jooq.exception.DataTypeException;
import org.sqlite3j.adapters.Adaptation;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Conform;
import org.sqlite3j.adapters.Converters;

/**
 * A jOOQ {@link Converter} made of the adapter registry (Java object → SQLite value) and the
 * converter registry (stored bytes → Java object), so that jOOQ — which binds with typed
 * setters/getters and never reaches the driver's {@code setObject}/{@code getObject} — stores and
 * reads registered classes exactly as the driver and Python do:
 *
 * <pre>{@code
 * DataType<Point> POINT = SQLDataType.VARCHAR.asConvertedDataType(
 *         RegistryConverter.of(String.class, Point.class, "point", adapters, converters));
 * }</pre>
 *
 * The database type {@code T} is one of {@code String} (TEXT), {@code byte[]} (BLOB), {@code Long},
 * {@code Double} or {@code Object}; the adapter's value is turned into it (numbers to text, text
 * to UTF-8 and back). Reading gives the converter the value's bytes (text as UTF-8, numbers as
 * their text); NULL and zero-length values read as null without calling it, as in Python. The
 * adapter and converter are looked up on every call, so later registrations apply; their failures
 * are jOOQ {@link DataTypeException}s.
 *
 * @param <T> the database type
 * @param <U> the user's class
 */
public final class RegistryConverter<T, U> implements Converter<T, U> {

    private static final long serialVersionUID = 1L;

    private final Class<T> databaseType;
    private final Class<U> userType;
    private final String typename;
    private final transient Adapters adapters;
    private final transient Converters converters;

    private RegistryConverter(Class<T> databaseType, Class<U> userType, String typename, Adapters adapters,
            Converters converters) {
        this.databaseType = databaseType;
        this.userType = userType;
        this.typename = typename;
        this.adapters = adapters;
        this.converters = converters;
    }

    /**
     * The converter between {@code databaseType} and {@code userType}, adapting with the adapter
     * registered for {@code userType} (or its {@link Conform}) and converting with the converter
     * registered as {@code typename}.
     *
     * @throws IllegalArgumentException when either is missing or {@code databaseType} is not one of
     *         String, byte[], Long, Double, Object
     */
    public static <T, U> RegistryConverter<T, U> of(Class<T> databaseType, Class<U> userType, String typename,
            Adapters adapters, Converters converters) {
        Objects.requireNonNull(databaseType, "databaseType");
        Objects.requireNonNull(userType, "userType");
        if (databaseType != String.class && databaseType != byte[].class && databaseType != Long.class
                && databaseType != Double.class && databaseType != Object.class) {
            throw new IllegalArgumentException("database type must be String, byte[], Long, Double or Object,"
                    + " got " + databaseType.getName());
        }
        if (adapters.find(userType).isEmpty() && !Conform.class.isAssignableFrom(userType)) {
            throw new IllegalArgumentException("no adapter registered for " + userType.getName()
                    + "; register one with adapters.register(" + userType.getSimpleName() + ".class, ...)");
        }
        if (converters.find(typename).isEmpty()) {
            throw new IllegalArgumentException("no converter registered as '" + typename
                    + "'; register one with converters.register(\"" + typename + "\", ...)");
        }
        return new RegistryConverter<>(databaseType, userType, typename, adapters, converters);
    }

    /** {@link #of} with the global registries. */
    public static <T, U> RegistryConverter<T, U> of(Class<T> databaseType, Class<U> userType,
            String typename) {
        return of(databaseType, userType, typename, Adapters.global(), Converters.global());
    }

    @Override
    public U from(T databaseObject) {
        if (databaseObject == null) {
            return null;
        }
        byte[] bytes = databaseObject instanceof byte[] ? (byte[]) databaseObject
                : String.valueOf(databaseObject).getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return null;
        }
        Object value;
        try {
            value = converters.find(typename)
                    .orElseThrow(() -> new DataTypeException("no converter registered as '" + typename + "'"))
                    .convert(bytes);
        } catch (DataTypeException e) {
            throw e;
        } catch (Exception e) {
            throw new DataTypeException("converter '" + typename + "' failed: " + e, e);
        }
        if (value != null && !userType.isInstance(value)) {
            throw new DataTypeException("converter '" + typename + "' returned " + value.getClass().getName()
                    + ", expected " + userType.getName());
        }
        return userType.cast(value);
    }

    @Override
    public T to(U userObject) {
        if (userObject == null) {
            return null;
        }
        Object value;
        try {
            value = Adaptation.adapt(adapters, userObject);
        } catch (Adaptation.AdaptationException e) {
            throw new DataTypeException(e.getMessage(), e.getCause());
        }
        if (value == Adaptation.NOT_ADAPTED) {
            throw new DataTypeException("no adapter registered for " + userObject.getClass().getName()
                    + (userObject instanceof Conform ? " and its conform() did not adapt it" : ""));
        }
        return databaseType.cast(coerce(value));
    }

    private Object coerce(Object v) {
        if (v == null || databaseType == Object.class || databaseType.isInstance(v)) {
            return v;
        }
        if (databaseType == String.class) {
            return v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : String.valueOf(v);
        }
        if (databaseType == byte[].class) {
            return String.valueOf(v).getBytes(StandardCharsets.UTF_8);
        }
        if (databaseType == Long.class && v instanceof Number) {
            return ((Number) v).longValue();
        }
        if (databaseType == Double.class && v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw new DataTypeException("adapter value " + v.getClass().getName() + " does not fit "
                + databaseType.getName() + " for " + userType.getName());
    }

    @Override
    public Class<T> fromType() {
        return databaseType;
    }

    @Override
    public Class<U> toType() {
        return userType;
    }

    @Override
    public String toString() {
        return "RegistryConverter[" + databaseType.getSimpleName() + " <-> " + userType.getName() + " via '"
                + typename + "']";
    }
}
