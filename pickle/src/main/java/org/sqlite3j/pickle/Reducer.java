package org.sqlite3j.pickle;

/**
 * Java's {@code __reduce_ex__} for a type: how the {@link Pickler} writes an object it has no built-in
 * rule for. Registered in a {@link DispatchTable} (copyreg's {@code dispatch_table}) or given to
 * {@link Pickler#reducerOverride}.
 *
 * @param <T> the handled type
 */
@FunctionalInterface
public interface Reducer<T> {
    /**
     * The reduction of {@code obj} at {@code protocol}; a {@code reducerOverride} returns {@code null}
     * for "not handled" (Python's NotImplemented).
     */
    Reduction reduce(T obj, int protocol);
}
