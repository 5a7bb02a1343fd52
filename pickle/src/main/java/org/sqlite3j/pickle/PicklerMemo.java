package org.sqlite3j.pickle;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The Pickler's memo: object identity → memo index (never equals or hashCode, so equal lists stay
 * distinct), plus equality-keyed globals, sharing one index counter.
 *
 * <p>Layout for speed: an open-addressing table of {@code int} pairs (identity hash, index + 1) and an
 * append-only store of the memoized objects. Probing touches only ints; the one reference store per
 * object is sequential, which keeps the garbage collector's write barrier cheap even when the table is
 * large and old. The store grows in 16,384-entry chunks rather than as one doubling array: a memo of
 * half a million new objects would otherwise be a "humongous" G1 array in the old generation pointing
 * at young objects, rescanned at every young collection (see {@link UnpicklerMemo}).
 */
final class PicklerMemo {
    private int[] slots = new int[128]; // pairs: hash, index + 1 (0 = empty)
    private static final int SHIFT = 14;
    private static final int CHUNK = 1 << SHIFT;
    /** Objects 0 to {@link #CHUNK} - 1: starts small and doubles up to a chunk. */
    private Object[] first = new Object[32];
    /** Objects from {@link #CHUNK} on, {@code more[k]} from {@code (k + 1) * CHUNK}. */
    private Object[][] more;
    private int size;
    private int tableCount;
    private HashMap<PyGlobal, Integer> globals;

    int size() {
        return size;
    }

    private static int hash(Object o) {
        int h = System.identityHashCode(o);
        return h ^ (h >>> 16);
    }

    /** The memo index of {@code o}, or -1. */
    int get(Object o) {
        if (o instanceof PyGlobal g) {
            Integer i = globals == null ? null : globals.get(g);
            return i == null ? -1 : i;
        }
        int h = hash(o);
        int[] t = slots;
        int mask = (t.length >> 1) - 1;
        int i = h & mask;
        while (true) {
            int e = t[2 * i + 1];
            if (e == 0) {
                return -1;
            }
            if (t[2 * i] == h && object(e - 1) == o) {
                return e - 1;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * One probe for both questions: the memo index of {@code o} if present, else {@code o} is recorded
     * under the next index {@code n} and {@code -n - 1} comes back. Only for objects whose PUT follows
     * their own opcode directly (nothing else is memoized in between).
     */
    int getOrPut(Object o) {
        if ((tableCount + 1) * 4 > slots.length) {
            rehash();
        }
        int h = hash(o);
        int[] t = slots;
        int mask = (t.length >> 1) - 1;
        int i = h & mask;
        while (true) {
            int e = t[2 * i + 1];
            if (e == 0) {
                int index = append(o);
                t[2 * i] = h;
                t[2 * i + 1] = index + 1;
                tableCount++;
                return -index - 1;
            }
            if (t[2 * i] == h && object(e - 1) == o) {
                return e - 1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Records {@code o} under the next index and returns it. */
    int put(Object o) {
        if (o instanceof PyGlobal g) {
            if (globals == null) {
                globals = new HashMap<>();
            }
            int index = append(null);
            globals.put(g, index);
            return index;
        }
        if ((tableCount + 1) * 4 > slots.length) {
            rehash();
        }
        int index = append(o);
        insert(slots, hash(o), index);
        tableCount++;
        return index;
    }

    private Object object(int index) {
        return index < CHUNK ? first[index] : more[(index >>> SHIFT) - 1][index & (CHUNK - 1)];
    }

    private int append(Object o) {
        int n = size;
        if (n < CHUNK) {
            if (n == first.length) {
                first = Arrays.copyOf(first, Math.min(CHUNK, n * 2));
            }
            first[n] = o;
        } else {
            int k = (n >>> SHIFT) - 1;
            if ((n & (CHUNK - 1)) == 0) {
                if (more == null) {
                    more = new Object[4][];
                } else if (k == more.length) {
                    more = Arrays.copyOf(more, k * 2);
                }
                more[k] = new Object[CHUNK];
            }
            more[k][n & (CHUNK - 1)] = o;
        }
        return size++;
    }

    private static void insert(int[] t, int h, int index) {
        int mask = (t.length >> 1) - 1;
        int i = h & mask;
        while (t[2 * i + 1] != 0) {
            i = (i + 1) & mask;
        }
        t[2 * i] = h;
        t[2 * i + 1] = index + 1;
    }

    private void rehash() {
        int[] old = slots;
        int[] t = new int[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                insert(t, old[i], old[i + 1] - 1);
            }
        }
        slots = t;
    }

    void clear() {
        slots = new int[128];
        first = new Object[32];
        more = null;
        size = 0;
        tableCount = 0;
        globals = null;
    }
}
