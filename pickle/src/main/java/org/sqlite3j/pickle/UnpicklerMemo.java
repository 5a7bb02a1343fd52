package org.sqlite3j.pickle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The Unpickler's memo: dense array for the usual small indices, a map for sparse hostile ones, and
 * a bound on the number of entries. {@code null} (Python None) is a valid value.
 */
final class UnpicklerMemo {
    private static final Object NULL = new Object();
    private static final int DENSE_LIMIT = 1 << 20;

    private Object[] dense = new Object[32];
    private Map<Long, Object> sparse;
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
        if (index < dense.length) {
            if (dense[(int) index] == null) {
                grow();
            }
            dense[(int) index] = v;
            return;
        }
        if (index < DENSE_LIMIT || index < 2L * count) {
            grow();
            dense = Arrays.copyOf(dense, (int) Math.max(index + 1, Math.min(2L * dense.length, Integer.MAX_VALUE - 16)));
            dense[(int) index] = v;
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
        if (index >= 0 && index < dense.length) {
            v = dense[(int) index];
        } else if (sparse != null) {
            v = sparse.get(index);
        }
        if (v == null) {
            throw new UnpicklingError("Memo value not found at index " + index);
        }
        return v == NULL ? null : v;
    }

    /** Replaces every entry identical to {@code from} (after a BUILD returned a new object). */
    void replace(Object from, Object to) {
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] == from) {
                dense[i] = to == null ? NULL : to;
            }
        }
        if (sparse != null) {
            sparse.replaceAll((k, v) -> v == from ? (to == null ? NULL : to) : v);
        }
    }

    void clear() {
        dense = new Object[32];
        sparse = null;
        count = 0;
    }
}
