package org.sqlite3j.pickle;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The Unpickler's memo: dense storage for the usual small indices ({@link ObjectChunks}, no humongous
 * array however large the pickle), a map for sparse hostile ones, and a bound on the number of entries.
 * {@code null} (Python None) is a valid value.
 */
final class UnpicklerMemo {
    private static final Object NULL = new Object();
    private static final int DENSE_LIMIT = 1 << 20;

    private final ObjectChunks dense = new ObjectChunks();
    private Map<Long, Object> sparse;
    /** Objects a BUILD replaced, and what replaced them (see {@link #replace}). */
    private IdentityHashMap<Object, Object> replaced;
    private int count;
    private final int maxSize;

    UnpicklerMemo(int maxSize) {
        this.maxSize = maxSize;
    }

    int size() {
        return count;
    }

    void put(long index, Object value) {
        if (index < 0) {
            throw new UnpicklingError("negative PUT argument");
        }
        Object v = value == null ? NULL : value;
        if (index < dense.capacity() || index < DENSE_LIMIT || index < 2L * count) {
            if (dense.set(index, v) == null) {
                grow();
            }
            return;
        }
        if (sparse == null) {
            sparse = new HashMap<>();
        }
        if (sparse.put(index, v) == null) {
            grow();
        }
    }

    private void grow() {
        if (++count > maxSize) {
            throw new UnpicklingError("memo size limit exceeded: more than " + maxSize + " entries");
        }
    }

    Object get(long index) {
        Object v = null;
        if (index >= 0 && index < dense.capacity()) {
            v = dense.get(index);
        } else if (sparse != null) {
            v = sparse.get(index);
        }
        if (v == null) {
            throw new UnpicklingError("Memo value not found at index " + index);
        }
        if (replaced != null) {
            v = replacement(v);
        }
        return v == NULL ? null : v;
    }

    /**
     * Makes every entry identical to {@code from} read as {@code to} (a BUILD returned a new object):
     * recorded, and applied when an entry is read, so that loading n registered records costs n map
     * entries rather than n scans of the whole memo.
     */
    void replace(Object from, Object to) {
        if (replaced == null) {
            replaced = new IdentityHashMap<>();
        }
        replaced.put(from, to == null ? NULL : to);
    }

    private Object replacement(Object v) {
        for (int hops = 0; hops <= replaced.size(); hops++) { // a chain when an object is built again
            Object r = replaced.get(v);
            if (r == null) {
                break;
            }
            v = r;
        }
        return v;
    }
}
