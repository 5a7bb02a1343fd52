package org.sqlite3j.dbapi;

/**
 * A user-defined aggregate for {@link Connection#createAggregate}: Python's aggregate class with
 * {@code step(*args)} and {@code finalize()}. A new instance is made (by the factory given to
 * {@code createAggregate}) for each group that has at least one row; a group without rows gives
 * NULL without making one, as in Python.
 *
 * <p>Java's {@code Object.finalize} takes the Python name, so the last call is
 * {@link #finalizeValue()}. Exceptions become {@link Sqlite3.OperationalError}
 * "user-defined aggregate's 'step' method raised error" (and likewise for '__init__' — the
 * factory — and 'finalize').
 */
public interface Aggregate {

    /** Adds one row's arguments. */
    void step(Object... args) throws Exception;

    /** Python's {@code finalize()}: the aggregate's value for the group. */
    Object finalizeValue() throws Exception;
}
