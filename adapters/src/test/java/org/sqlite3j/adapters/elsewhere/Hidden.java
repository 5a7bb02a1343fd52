package org.sqlite3j.adapters.elsewhere;

/**
 * Records the adapters' package cannot reach without {@code setAccessible}: package-private, in
 * another package. The tests get their classes and instances through the public methods.
 */
public final class Hidden {
    private Hidden() {
    }

    record Pair(String name, int count) {
    }

    /** The class of a package-private record. */
    public static Class<? extends Record> pairClass() {
        return Pair.class;
    }

    /** A package-private record's instance. */
    public static Record pair(String name, int count) {
        return new Pair(name, count);
    }
}
