package org.sqlite3j.pickle;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code tuple}: an immutable sequence with value equality. Deliberately not a
 * {@link java.util.List}, so a tuple never equals a list (as in Python). Elements that are
 * {@code byte[]} (Python {@code bytes}) compare and hash by content. A tuple is hashable only when
 * all its elements are (no list, dict, set or bytearray inside), as in Python; the hash of a hashable
 * tuple is computed once at construction, so hashing deep tuple chains never recurses.
 */
public final class PyTuple implements Iterable<Object> {
    private static final Object[] NO_ITEMS = new Object[0];
    /** The empty tuple {@code ()}. */
    public static final PyTuple EMPTY = new PyTuple(NO_ITEMS);

    private final Object[] items;
    private final boolean hashable;
    private final int hash;

    private PyTuple(Object[] items) {
        this.items = items;
        boolean ok = true;
        int h = 1;
        for (Object item : items) {
            if (!isHashable(item)) {
                ok = false;
                break;
            }
            h = 31 * h + hashOf(item);
        }
        this.hashable = ok;
        this.hash = ok ? h : 0;
    }

    /** A tuple of the given items (copied). */
    public static PyTuple of(Object... items) {
        return items.length == 0 ? EMPTY : new PyTuple(items.clone());
    }

    /** A tuple of the items of a list (copied). */
    public static PyTuple copyOf(List<?> items) {
        return items.isEmpty() ? EMPTY : new PyTuple(items.toArray());
    }

    /** Takes ownership of the array: the caller must not change it afterwards. */
    static PyTuple wrap(Object[] items) {
        return items.length == 0 ? EMPTY : new PyTuple(items);
    }

    /** {@code t[i]}. */
    public Object get(int index) {
        return items[index];
    }

    /** {@code len(t)}. */
    public int size() {
        return items.length;
    }

    /** {@code len(t) == 0}. */
    public boolean isEmpty() {
        return items.length == 0;
    }

    /** An unmodifiable list view of the items. */
    public List<Object> asList() {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** Whether Python could hash this tuple (no list, dict, set or bytearray inside). */
    public boolean isHashable() {
        return hashable;
    }

    @Override
    public Iterator<Object> iterator() {
        return asList().iterator();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PyTuple t) || t.items.length != items.length
                || (hashable && t.hashable && hash != t.hash)) {
            return false;
        }
        for (int i = 0; i < items.length; i++) {
            if (!itemEquals(items[i], t.items[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        if (!hashable) {
            throw new IllegalStateException("unhashable type: 'list' (inside a tuple)");
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object item = items[i];
            sb.append(item instanceof byte[] b ? "b" + Arrays.toString(b) : String.valueOf(item));
        }
        return sb.append(items.length == 1 ? ",)" : ")").toString();
    }

    static boolean itemEquals(Object a, Object b) {
        if (a instanceof byte[] x) {
            return b instanceof byte[] y && Arrays.equals(x, y);
        }
        return a == null ? b == null : a.equals(b);
    }

    static int hashOf(Object item) {
        if (item == null) {
            return 0;
        }
        return item instanceof byte[] b ? Arrays.hashCode(b) : item.hashCode();
    }

    /** Python's hashability: lists, dicts, sets, bytearrays and tuples holding them are not. */
    static boolean isHashable(Object item) {
        if (item instanceof PyTuple t) {
            return t.hashable;
        }
        if (item instanceof PyFrozenSet) {
            return true;
        }
        return !(item instanceof List || item instanceof Map || item instanceof Set
                || item instanceof PyByteArray);
    }
}
