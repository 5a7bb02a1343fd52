package org.sqlite3j.pickle;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Python's {@code frozenset}: an immutable set keeping the order its elements were given in (the order
 * a pickle lists them, so a loaded frozenset dumps back byte for byte). Equal to any {@link Set} with
 * the same elements, as {@code frozenset({1}) == {1}} in Python; a mutable Python {@code set} is a
 * {@link LinkedHashSet}. The hash is computed once.
 */
public final class PyFrozenSet extends AbstractSet<Object> {
    /** The empty frozenset. */
    public static final PyFrozenSet EMPTY = new PyFrozenSet(new LinkedHashSet<>());

    private final Set<Object> items;
    private final int hash;

    private PyFrozenSet(LinkedHashSet<Object> items) {
        this.items = Collections.unmodifiableSet(items);
        int h = 0;
        for (Object o : items) {
            h += PyTuple.hashOf(o);
        }
        this.hash = h;
    }

    /** A frozenset of the given elements, in iteration order; duplicates collapse. */
    public static PyFrozenSet of(Object... items) {
        LinkedHashSet<Object> set = new LinkedHashSet<>();
        Collections.addAll(set, items);
        return new PyFrozenSet(set);
    }

    /** A frozenset of the elements of a collection, in iteration order. */
    public static PyFrozenSet copyOf(Collection<?> items) {
        return new PyFrozenSet(new LinkedHashSet<>(items));
    }

    @Override
    public Iterator<Object> iterator() {
        return items.iterator();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public boolean contains(Object o) {
        return items.contains(o);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "frozenset(" + items + ")";
    }
}
