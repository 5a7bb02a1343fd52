package org.sqlite3j.adapters;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry of {@link Adapter}s: Python's {@code sqlite3.adapters} dictionary, as an instance.
 *
 * <p>{@link #global()} is the module-level registry that {@code Sqlite3.registerAdapter} writes to.
 * A connection (or a data source) works on a {@link #child()}: what it registers stays its own, and
 * what it does not have it finds in its parent, so adapters registered globally later are seen too,
 * as they are in Python.
 *
 * <p>Lookup, as in Python, is by the value's exact class first. Beyond Python, an adapter registered
 * with {@link #registerHierarchy} also serves subclasses and implementations; the nearest registered
 * supertype wins (the class's own superclass chain before its interfaces at each level). The last
 * registration for a class wins.
 *
 * <p>Thread-safe: registration copies on write; lookups never lock.
 */
public final class Adapters {

    private static final Adapters GLOBAL = new Adapters(null);

    private final Adapters parent;
    private volatile Map<Class<?>, Adapter<Object>> exact = Map.of();
    private volatile Map<Class<?>, Adapter<Object>> hierarchy = Map.of();
    private volatile long generation;
    private final Map<Class<?>, Found> cache = new ConcurrentHashMap<>();

    private Adapters(Adapters parent) {
        this.parent = parent;
    }

    /** The module-level registry (Python's global {@code sqlite3.adapters}). */
    public static Adapters global() {
        return GLOBAL;
    }

    /** A new, empty registry with no parent. */
    public static Adapters create() {
        return new Adapters(null);
    }

    /** A registry that starts empty and falls back to this one. */
    public Adapters child() {
        return new Adapters(this);
    }

    /** {@code register_adapter(type, adapter)}: adapts values whose class is exactly {@code type}. */
    public synchronized <T> Adapters register(Class<T> type, Adapter<? super T> adapter) {
        exact = with(exact, type, adapter);
        generation++;
        return this;
    }

    /** Like {@link #register}, and also for subclasses and implementations of {@code type}. */
    public synchronized <T> Adapters registerHierarchy(Class<T> type, Adapter<? super T> adapter) {
        hierarchy = with(hierarchy, type, adapter);
        generation++;
        return this;
    }

    /** Removes what this registry (not its parent) holds for {@code type}. */
    public synchronized Adapters unregister(Class<?> type) {
        Map<Class<?>, Adapter<Object>> e = new HashMap<>(exact);
        Map<Class<?>, Adapter<Object>> h = new HashMap<>(hierarchy);
        e.remove(type);
        h.remove(type);
        exact = Map.copyOf(e);
        hierarchy = Map.copyOf(h);
        generation++;
        return this;
    }

    @SuppressWarnings("unchecked")
    private static Map<Class<?>, Adapter<Object>> with(Map<Class<?>, Adapter<Object>> map,
            Class<?> type, Adapter<?> adapter) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(adapter, "adapter");
        Map<Class<?>, Adapter<Object>> copy = new HashMap<>(map);
        copy.put(type, (Adapter<Object>) adapter);
        return Map.copyOf(copy);
    }

    /** The adapter for values of class {@code type}, if any. */
    public Optional<Adapter<Object>> find(Class<?> type) {
        return Optional.ofNullable(get(type));
    }

    /** The adapter for values of class {@code type}, or null: {@link #find} for per-value hot paths. */
    public Adapter<Object> get(Class<?> type) {
        long chain = chainGeneration();
        Found found = cache.get(type);
        if (found == null || found.generation != chain) {
            found = new Found(chain, lookup(type));
            cache.put(type, found);
        }
        return found.adapter;
    }

    /** Whether any registry in the chain holds an adapter for a class at all (a fast path check). */
    public boolean isEmpty() {
        for (Adapters r = this; r != null; r = r.parent) {
            if (!r.exact.isEmpty() || !r.hierarchy.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private long chainGeneration() {
        long sum = 0;
        for (Adapters r = this; r != null; r = r.parent) {
            sum += r.generation;
        }
        return sum;
    }

    private Adapter<Object> lookup(Class<?> type) {
        for (Adapters r = this; r != null; r = r.parent) {
            Adapter<Object> a = r.exact.get(type);
            if (a != null) {
                return a;
            }
        }
        // nearest supertype: breadth first over superclass and interfaces
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) {
                continue;
            }
            for (Adapters r = this; r != null; r = r.parent) {
                Adapter<Object> a = r.hierarchy.get(c);
                if (a != null) {
                    return a;
                }
            }
            if (c.getSuperclass() != null) {
                queue.add(c.getSuperclass());
            }
            for (Class<?> i : c.getInterfaces()) {
                queue.add(i);
            }
        }
        return null;
    }

    private static final class Found {
        final long generation;
        final Adapter<Object> adapter;

        Found(long generation, Adapter<Object> adapter) {
            this.generation = generation;
            this.adapter = adapter;
        }
    }
}
