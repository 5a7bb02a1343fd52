package org.sqlite3j.pickle;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The Unpickler's memo: dense storage for the usual small indices, a map for sparse hostile ones, and
 * a bound on the number of entries. {@code null} (Python None) is a valid value.
 *
 * <p>The dense part is a list of fixed 16,384-entry chunks, not one array that doubles: a memo of
 * half a million objects would otherwise be a multi-megabyte array, which G1 allocates as a
 * "humongous" object in the old generation and has to rescan at every young collection while the
 * memo keeps pointing it at new objects (100k small dicts loaded 2.5 times slower that way). Growing
 * adds a chunk and copies nothing.
 */
final class UnpicklerMemo {
    private static final Object NULL = new Object();
    private static final int DENSE_LIMIT = 1 << 20;
    private static final int SHIFT = 14;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** Indices below {@link #CHUNK}: starts small (a one-record pickle stays cheap) and doubles up to a chunk. */
    private Object[] first = new Object[32];
    /** Indices from {@link #CHUNK} on: {@code more[k]} holds {@code (k + 1) * CHUNK} onwards. */
    private Object[][] more;
    /** How many chunks of {@link #more} are made. */
    private int moreCount;
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

    /** Indices the dense storage holds room for now. */
    private long capacity() {
        return moreCount == 0 ? first.length : (long) (moreCount + 1) * CHUNK;
    }

    void put(long index, Object value) {
        if (index < 0) {
            throw new UnpicklingError("negative PUT argument");
        }
        Object v = value == null ? NULL : value;
        if (index < capacity() || index < DENSE_LIMIT || index < 2L * count) {
            Object[] chunk;
            int i;
            if (index < CHUNK) {
                if (index >= first.length) {
                    first = Arrays.copyOf(first, (int) Math.min(CHUNK, Math.max(index + 1, 2L * first.length)));
                }
                chunk = first;
                i = (int) index;
            } else {
                int k = (int) (index >>> SHIFT) - 1;
                while (k >= moreCount) {
                    addChunk();
                }
                chunk = more[k];
                i = (int) (index & MASK);
            }
            if (chunk[i] == null) {
                grow();
            }
            chunk[i] = v;
            return;
        }
        if (sparse == null) {
            sparse = new HashMap<>();
        }
        if (sparse.put(index, v) == null) {
            grow();
        }
    }

    private void addChunk() {
        if (first.length < CHUNK) {
            first = Arrays.copyOf(first, CHUNK);
        }
        if (more == null) {
            more = new Object[4][];
        } else if (moreCount == more.length) {
            more = Arrays.copyOf(more, moreCount * 2);
        }
        more[moreCount++] = new Object[CHUNK];
    }

    private void grow() {
        if (++count > maxSize) {
            throw new UnpicklingError("memo size limit exceeded: more than " + maxSize + " entries");
        }
    }

    Object get(long index) {
        Object v = null;
        if (index >= 0 && index < first.length) {
            v = first[(int) index];
        } else if (index >= CHUNK && index < capacity()) {
            v = more[(int) (index >>> SHIFT) - 1][(int) (index & MASK)];
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

    void clear() {
        first = new Object[32];
        more = null;
        moreCount = 0;
        sparse = null;
        replaced = null;
        count = 0;
    }
}
