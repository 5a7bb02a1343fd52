package org.sqlite3j.adapters;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry of {@link Converter}s by type name: Python's {@code sqlite3.converters}, as an
 * instance. Names are case-insensitive (stored upper-cased, as Python does). {@link #global()} is the
 * module-level registry; a connection works on a {@link #child()} that falls back to it. The last
 * registration for a name wins. Thread-safe: copy on write, lock-free lookups.
 */
public final class Converters {

    private static final Converters GLOBAL = new Converters(null);

    private final Converters parent;
    private volatile Map<String, Converter<?>> byName = Map.of();

    private Converters(Converters parent) {
        this.parent = parent;
    }

    /** The module-level registry (Python's global {@code sqlite3.converters}). */
    public static Converters global() {
        return GLOBAL;
    }

    /** A new, empty registry with no parent. */
    public static Converters create() {
        return new Converters(null);
    }

    /** A registry that starts empty and falls back to this one. */
    public Converters child() {
        return new Converters(this);
    }

    /** {@code register_converter(typename, converter)}. */
    public synchronized Converters register(String typename, Converter<?> converter) {
        Objects.requireNonNull(typename, "typename");
        Objects.requireNonNull(converter, "converter");
        Map<String, Converter<?>> copy = new HashMap<>(byName);
        copy.put(typename.toUpperCase(Locale.ROOT), converter);
        byName = Map.copyOf(copy);
        return this;
    }

    /** Removes what this registry (not its parent) holds for {@code typename}. */
    public synchronized Converters unregister(String typename) {
        Map<String, Converter<?>> copy = new HashMap<>(byName);
        copy.remove(typename.toUpperCase(Locale.ROOT));
        byName = Map.copyOf(copy);
        return this;
    }

    /** The converter for {@code typename}, compared case-insensitively. */
    public Optional<Converter<?>> find(String typename) {
        String key = typename.toUpperCase(Locale.ROOT);
        for (Converters r = this; r != null; r = r.parent) {
            Converter<?> c = r.byName.get(key);
            if (c != null) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Whether the chain holds no converter at all. */
    public boolean isEmpty() {
        for (Converters r = this; r != null; r = r.parent) {
            if (!r.byName.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
