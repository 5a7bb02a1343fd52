package org.sqlite3j.pickle;

import java.util.Arrays;

/**
 * Objects by index, growing in fixed 16,384-entry chunks (the first chunk starts at 32 entries and
 * doubles, so small pickles stay cheap) instead of one array that doubles. Both memos keep hundreds of
 * thousands of objects for a large pickle: as one array that would be a multi-megabyte "humongous" G1
 * object in the old generation, pointing at new objects and so rescanned at every young collection
 * (100k small dicts loaded 2.5 times slower that way). Growing adds a chunk and copies no entries.
 */
final class ObjectChunks {
    private static final int SHIFT = 14;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** Indices below {@link #CHUNK}. */
    private Object[] first = new Object[32];
    /** Indices from {@link #CHUNK} on: {@code more[k]} holds {@code (k + 1) * CHUNK} onwards. */
    private Object[][] more;
    private int moreCount;

    /** How many indices there is room for now (every index below is readable). */
    long capacity() {
        return moreCount == 0 ? first.length : (long) (moreCount + 1) * CHUNK;
    }

    /** The object at {@code index} (below {@link #capacity()}), null if none was set. */
    Object get(long index) {
        return index < CHUNK ? first[(int) index] : more[(int) (index >>> SHIFT) - 1][(int) (index & MASK)];
    }

    /** {@link #get(long)} for an int index, small enough (bytecode) for the JIT to inline anywhere. */
    Object get(int index) {
        return index < CHUNK ? first[index] : more[(index >>> SHIFT) - 1][index & MASK];
    }

    /** Sets {@code index} (growing as needed) and returns what was there. */
    Object set(long index, Object value) {
        Object[] chunk;
        int i;
        if (index < CHUNK) {
            if (index >= first.length) {
                growFirst(index);
            }
            chunk = first;
            i = (int) index;
        } else {
            int k = (int) (index >>> SHIFT) - 1;
            if (k >= moreCount) {
                addChunks(k);
            }
            chunk = more[k];
            i = (int) (index & MASK);
        }
        Object old = chunk[i];
        chunk[i] = value;
        return old;
    }

    private void growFirst(long index) {
        first = Arrays.copyOf(first, (int) Math.min(CHUNK, Math.max(index + 1, 2L * first.length)));
    }

    private void addChunks(int k) {
        while (k >= moreCount) {
            addChunk();
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
}
