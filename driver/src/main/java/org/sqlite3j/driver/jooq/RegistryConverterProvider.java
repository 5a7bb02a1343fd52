package org.sqlite3j.driver.jooq;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jooq.Converter;
import org.jooq.ConverterProvider;
import org.jooq.impl.DefaultConverterProvider;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Conform;
import org.sqlite3j.adapters.Converters;

/**
 * A jOOQ {@link ConverterProvider} that answers from the adapter and converter registries, and
 * otherwise from jOOQ's {@link DefaultConverterProvider}; it serves {@code record.get(field,
 * Point.class)}, {@code fetchInto(Point.class)} and the like:
 *
 * <pre>{@code
 * DSLContext ctx = DSL.using(connection, SQLDialect.SQLITE);
 * ctx.configuration().set(new RegistryConverterProvider(adapters, converters));
 * }</pre>
 *
 * A class {@code U} is served when it has an adapter (or implements {@link Conform}) and a
 * converter is registered under its name: the one given by {@link #typename}, else its simple name
 * ({@code Point} → "point", case-insensitive). The database side {@code T} must be String,
 * byte[], Long, Double or Object.
 */
public final class RegistryConverterProvider implements ConverterProvider {

    private final Adapters adapters;
    private final Converters converters;
    private final Map<Class<?>, String> names = new ConcurrentHashMap<>();
    private final ConverterProvider fallback = new DefaultConverterProvider();

    /** A provider over the global registries. */
    public RegistryConverterProvider() {
        this(Adapters.global(), Converters.global());
    }

    /** A provider over these registries (a data source's or a connection's). */
    public RegistryConverterProvider(Adapters adapters, Converters converters) {
        this.adapters = adapters;
        this.converters = converters;
    }

    /** Reads {@code type} with the converter registered as {@code typename}. */
    public RegistryConverterProvider typename(Class<?> type, String typename) {
        names.put(type, typename);
        return this;
    }

    @Override
    public <T, U> Converter<T, U> provide(Class<T> tType, Class<U> uType) {
        String name = names.getOrDefault(uType, uType.getSimpleName());
        boolean databaseSide = tType == String.class || tType == byte[].class || tType == Long.class
                || tType == Double.class || tType == Object.class;
        if (databaseSide && !name.isEmpty()
                && (adapters.find(uType).isPresent() || Conform.class.isAssignableFrom(uType))
                && converters.find(name).isPresent()) {
            return RegistryConverter.of(tType, uType, name, adapters, converters);
        }
        return fallback.provide(tType, uType);
    }
}
