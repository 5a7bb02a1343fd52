package org.sqlite3j.pickle;

import java.util.HashMap;

/**
 * The Pickler's memo: object identity → memo index (never equals or hashCode, so equal lists stay
 * distinct), plus equality-keyed globals, sharing one index counter.
 *
 * <p>Layout for speed: an open-addressing table of {@code int} pairs (identity hash, index + 1) and an
 * append-only store of the memoized objects. Probing touches only ints; the one reference store per
 * object is sequential, which keeps the garbage collector's write barrier cheap even when the table is
 * large and old. The objects are kept in {@link ObjectChunks}, so a memo of half a million new objects is
 * no "humongous" G1 array rescanned at every young collection.
 */
final class PicklerMemo {
    private int[] slots = new int[128]; // pairs: hash, index + 1 (0 = empty)
    /** The memoized objects by index ({@link ObjectChunks}: no humongous array for a large pickle). */
    private ObjectChunks objects = new ObjectChunks();
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
        return objects.get(index);
    }

    private int append(Object o) {
        objects.set(size, o);
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
        objects = new ObjectChunks();
        size = 0;
        tableCount = 0;
        globals = null;
    }
}
