package org.sqlite3j.pickle;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The Pickler's memo: object identity → memo index (never equals or hashCode, so equal lists stay
 * distinct), plus equality-keyed globals, sharing one index counter.
 *
 * <p>Layout for speed: nearly every object a large pickle meets is new, so each costs one read of the
 * table at a random place, and once the table outgrows the processor's last-level cache (a few MiB here)
 * that read is a trip to memory: with 16 bytes a slot, 100k small dicts (400k entries, an 8 MiB table)
 * spent 40% of {@code dumps} waiting for it. So the table is open addressing over single {@code int}
 * slots filled up to 80%, about 5 bytes an entry: each slot packs the entry's memo index + 1 (low
 * {@code bits} bits, {@code bits} = log2 of the slot count) with the rest of its identity hash as a
 * tag (high bits), so a probe compares ints and dereferences only on a tag match. The full hashes and
 * the objects are kept by index in append-only stores for rehashing and the identity check; the
 * objects are in {@link ObjectChunks}, so a memo of half a million new objects is no "humongous" G1
 * array rescanned at every young collection.
 *
 * <p>Public for marshal ({@code org.sqlite3j.marshal}), whose references from version 3 are the same
 * identity memo ({@link #getOrPut}); not otherwise part of the API.
 */
public final class PicklerMemo {
    /** Slots from which the table no longer fits the fast caches and {@link #touch} reads ahead. */
    private static final int LARGE = 1 << 16;

    private static final int FIRST_BITS = 7;
    /** Below this many slots the table grows fourfold (fewer rehashes for small pickles), from it twofold. */
    private static final int QUADRUPLE_BELOW = 1 << 16;
    /** The hash recorded for a global's index (identity hashes here are never negative). */
    private static final int GLOBAL = -1;

    private int bits = FIRST_BITS;
    private int[] slots = new int[1 << FIRST_BITS]; // 0 = empty, else tag << bits | (index + 1)
    /** How many memo indices the table takes before it grows: 80% of its slots. */
    private int limit = limit(1 << FIRST_BITS);
    /** Identity hash by memo index; {@link #GLOBAL} for a global's index (not in the table). */
    private int[] hashes = new int[32];
    /** The memoized objects by index ({@link ObjectChunks}: no humongous array for a large pickle). */
    private ObjectChunks objects = new ObjectChunks();
    private int size;
    private HashMap<PyGlobal, Integer> globals;
    private int touched;

    int size() {
        return size;
    }

    private static int limit(int slotCount) {
        return slotCount / 5 * 4;
    }

    private static int hash(Object o) {
        int h = System.identityHashCode(o);
        return (h ^ (h >>> 16)) & 0x7fffffff;
    }

    /** Whether the table has outgrown the fast caches, so that reading a slot ahead pays off. */
    boolean large() {
        return slots.length >= LARGE;
    }

    /**
     * Reads the home slot of {@code o} and so starts its cache miss now, while other work goes on: the
     * probe for {@code o} a little later then finds the line in cache. The sum only keeps the read.
     */
    void touch(Object o) {
        int[] t = slots;
        touched += t[hash(o) & (t.length - 1)];
    }

    /** The memo index of {@code o}, or -1. */
    int get(Object o) {
        if (o instanceof PyGlobal g) {
            Integer i = globals == null ? null : globals.get(g);
            return i == null ? -1 : i;
        }
        int h = hash(o);
        int b = bits;
        int[] t = slots;
        int mask = t.length - 1;
        int tag = h >>> b;
        int i = h & mask;
        while (true) {
            int v = t[i];
            if (v == 0) {
                return -1;
            }
            if (v >>> b == tag && object((v & mask) - 1) == o) {
                return (v & mask) - 1;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * One probe for both questions: the memo index of {@code o} if present, else {@code o} is recorded
     * under the next index {@code n} and {@code -n - 1} comes back. Only for objects whose PUT follows
     * their own opcode directly (nothing else is memoized in between).
     */
    public int getOrPut(Object o) {
        if (size >= limit) {
            rehash();
        }
        int h = hash(o);
        int b = bits;
        int[] t = slots;
        int mask = t.length - 1;
        int tag = h >>> b;
        int i = h & mask;
        while (true) {
            int v = t[i];
            if (v == 0) {
                int index = append(o, h);
                t[i] = tag << b | (index + 1);
                return -index - 1;
            }
            if (v >>> b == tag && object((v & mask) - 1) == o) {
                return (v & mask) - 1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Records {@code o} (not in the memo yet) under the next index and returns it. */
    int put(Object o) {
        if (o instanceof PyGlobal g) {
            if (globals == null) {
                globals = new HashMap<>();
            }
            int index = append(null, GLOBAL); // no object and no table slot: globals are found by equality
            globals.put(g, index);
            return index;
        }
        if (size >= limit) {
            rehash();
        }
        int h = hash(o);
        int index = append(o, h);
        insert(slots, bits, h, index);
        return index;
    }

    private Object object(int index) {
        return objects.get(index);
    }

    private int append(Object o, int h) {
        int index = size;
        if (index >= hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[index] = h;
        objects.set(index, o);
        size = index + 1;
        return index;
    }

    private static void insert(int[] t, int b, int h, int index) {
        int mask = t.length - 1;
        int i = h & mask;
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = (h >>> b) << b | (index + 1);
    }

    /**
     * A table twice (four times while small) the size, entries inserted in index order: the hashes are
     * read in sequence. The limit counts memo indices (globals take one but no slot), so every index + 1
     * fits the {@code bits} low bits of a slot.
     */
    private void rehash() {
        int b = bits + (slots.length < QUADRUPLE_BELOW ? 2 : 1);
        while (b <= 30 && limit(1 << b) <= size) { // globals alone may have taken many indices
            b++;
        }
        if (b > 30) {
            throw new PicklingError("pickle memo exceeds " + limit + " objects");
        }
        int[] t = new int[1 << b];
        int[] hs = hashes;
        for (int index = 0, n = size; index < n; index++) {
            int h = hs[index];
            if (h != GLOBAL) {
                insert(t, b, h, index);
            }
        }
        slots = t;
        bits = b;
        limit = limit(t.length);
    }

    void clear() {
        bits = FIRST_BITS;
        slots = new int[1 << FIRST_BITS];
        limit = limit(slots.length);
        hashes = new int[32];
        objects = new ObjectChunks();
        size = 0;
        globals = null;
    }
}
