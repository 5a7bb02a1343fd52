package org.sqlite3j.pickle;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * copyreg's {@code dispatch_table}: reducers for Java classes. Lookup is by the exact class first, then
 * its superclasses, then its interfaces (beyond Python, which matches the exact type only); the
 * newest registration for a class wins. Thread-safe. {@link #global()} is the process-wide default a
 * Pickler uses when it has no table of its own; {@link #copy()} it to keep changes local.
 */
public final class DispatchTable {
    private static final DispatchTable GLOBAL = new DispatchTable();

    private final Map<Class<?>, Reducer<?>> reducers = new ConcurrentHashMap<>();
    private final Map<Class<?>, Optional<Reducer<?>>> cache = new ConcurrentHashMap<>();

    /** An empty table. */
    public DispatchTable() {
    }

    /** The process-wide table ({@code copyreg.dispatch_table}); empty unless someone registers. */
    public static DispatchTable global() {
        return GLOBAL;
    }

    /** A snapshot copy. */
    public DispatchTable copy() {
        DispatchTable t = new DispatchTable();
        t.reducers.putAll(reducers);
        return t;
    }

    /** {@code copyreg.pickle(type, reducer)}: registers (or replaces) the reducer for {@code type}. */
    public <T> DispatchTable register(Class<T> type, Reducer<? super T> reducer) {
        reducers.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(reducer, "reducer"));
        cache.clear();
        return this;
    }

    /** Removes the reducer registered for exactly {@code type}. */
    public DispatchTable remove(Class<?> type) {
        reducers.remove(type);
        cache.clear();
        return this;
    }

    /** The reducer for {@code type}: exact class, superclasses, then interfaces. */
    @SuppressWarnings("unchecked")
    public Optional<Reducer<Object>> find(Class<?> type) {
        if (reducers.isEmpty()) {
            return Optional.empty();
        }
        Optional<Reducer<?>> r = cache.computeIfAbsent(type, this::search);
        return r.map(x -> (Reducer<Object>) x);
    }

    private Optional<Reducer<?>> search(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Reducer<?> r = reducers.get(c);
            if (r != null) {
                return Optional.of(r);
            }
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                Reducer<?> r = reducers.get(i);
                if (r != null) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
