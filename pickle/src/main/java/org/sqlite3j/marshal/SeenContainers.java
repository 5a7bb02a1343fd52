package org.sqlite3j.marshal;

import java.util.Arrays;

/**
 * The watching pass's record of the containers it has written ({@link MarshalWriter}), which only has
 * to tell, now and then, whether one was written twice; nearly always none was.
 *
 * <p>So it keeps no identity table. Each container {@link #note noted} is only appended to a log with
 * its identity hash (taken while the container is being written: its header is in cache then). A
 * check ({@link #repeats()}) sets the bits of the new entries' hashes in a bitmap of at least
 * {@link #BITS_PER_ENTRY} bits an entry, in one tight loop; an entry whose bit was set already is a
 * <em>suspect</em>, which may repeat an earlier one, and one sequential scan of the log settles the
 * suspects, comparing identities only where a logged hash equals a suspect's. A memo looked up as each
 * container was written cost a cache miss per container, one after another between the dependent
 * reads of walking the value; here the random reads come together in loops whose misses overlap, and
 * {@link MarshalWriter} checks only when the log or its output has doubled, so the scans add up to a
 * few times the log. Not thread-safe; one per pass.
 */
final class SeenContainers {
    /** Bitmap bits per logged container at least (so about 1 in 8 new containers is a suspect). */
    static final int BITS_PER_ENTRY = 8;
    private static final int FIRST_BITMAP_BITS = 16;
    private static final int FILTER_LOG = 16;
    private static final int FILTER_BITS = 1 << FILTER_LOG;
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private int[] hashes = new int[CHUNK];
    /** The logged containers by index, in arrays of {@link #CHUNK} (no humongous G1 array). */
    private Object[][] objects = new Object[16][];
    private int size;

    private long[] bitmap = new long[(1 << FIRST_BITMAP_BITS) >>> 6];
    private int bitmapMask = (1 << FIRST_BITMAP_BITS) - 1;

    /** How many logged containers have their bit set (the rest came after the last check). */
    private int marked;
    /** Log indices of the suspects found by the current check. */
    private int[] suspects = new int[64];
    private int suspectCount;

    /** How many containers are logged. */
    int size() {
        return size;
    }

    /** Logs {@code o}, a container being written: two appends, nothing looked up. */
    void note(Object o) {
        int h = System.identityHashCode(o);
        int index = size;
        if (index == hashes.length) {
            hashes = Arrays.copyOf(hashes, index * 2);
        }
        hashes[index] = h;
        int chunk = index >>> CHUNK_BITS;
        if ((index & (CHUNK - 1)) == 0) {
            if (chunk == objects.length) {
                objects = Arrays.copyOf(objects, chunk * 2);
            }
            objects[chunk] = new Object[CHUNK];
        }
        objects[chunk][index & (CHUNK - 1)] = o;
        size = index + 1;
    }

    /**
     * Sets the bits of the containers logged since the last check, a suspect for each bit already set:
     * one tight loop, so that its reads of the bitmap overlap.
     */
    private void markNew() {
        if ((long) size * BITS_PER_ENTRY > bitmapMask) {
            growBitmap();
        }
        long[] b = bitmap;
        int m = bitmapMask;
        int[] hs = hashes;
        for (int i = marked, n = size; i < n; i++) {
            int bit = hs[i] & m;
            long word = b[bit >>> 6];
            long mask = 1L << bit;
            if ((word & mask) != 0) {
                suspect(i);
            } else {
                b[bit >>> 6] = word | mask;
            }
        }
        marked = size;
    }

    private void suspect(int index) {
        if (suspectCount == suspects.length) {
            suspects = Arrays.copyOf(suspects, suspectCount * 2);
        }
        suspects[suspectCount++] = index;
    }

    /** A bitmap big enough for the log (at least four times the size), refilled from the marked hashes. */
    private void growBitmap() {
        int bits = Integer.numberOfTrailingZeros(bitmapMask + 1) + 2;
        while (bits < 30 && (long) size * BITS_PER_ENTRY > (1L << bits) - 1) {
            bits++;
        }
        if (bits > 30) {
            return;  // 128 MiB of bitmap: more suspects from here on, still exact
        }
        long[] b = new long[(1 << bits) >>> 6];
        int m = (1 << bits) - 1;
        int[] hs = hashes;
        for (int i = 0, n = marked; i < n; i++) {
            int bit = hs[i] & m;
            b[bit >>> 6] |= 1L << bit;
        }
        bitmap = b;
        bitmapMask = m;
    }

    /** The bit of {@code h} in {@link #repeats()}'s filter: high hash bits (the bitmap takes the low ones). */
    private static int filterBit(int h) {
        return (h >>> 15) & (FILTER_BITS - 1);
    }

    private Object object(int index) {
        return objects[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }

    /**
     * Whether a container logged since the last call was logged before (the same object): its bit is
     * set (a suspect) or it is not; then one scan of the logged hashes settles the suspects, an object
     * compared only where the hash is a suspect's.
     */
    boolean repeats() {
        markNew();
        int n = suspectCount;
        if (n == 0) {
            return false;
        }
        suspectCount = 0;
        // the suspects by hash: open addressing (index + 1, 0 = empty) at most half full, and a
        // 64-Kibit filter of their hashes' high bits (8 KiB, in L1) that most log entries stop at
        int bits = 32 - Integer.numberOfLeadingZeros(n * 2 - 1);
        int[] table = new int[1 << Math.max(bits, 4)];
        int mask = table.length - 1;
        long[] filter = new long[FILTER_BITS >>> 6];
        int[] hs = hashes;
        for (int k = 0; k < n; k++) {
            int s = suspects[k];
            int h = hs[s];
            int f = filterBit(h);
            filter[f >>> 6] |= 1L << f;
            int slot = h & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = s + 1;
        }
        for (int i = 0, total = size; i < total; i++) {
            int h = hs[i];
            int f = filterBit(h);
            if ((filter[f >>> 6] & 1L << f) == 0) {
                continue;
            }
            int slot = h & mask;
            for (int e = table[slot]; e != 0; e = table[slot]) {
                int s = e - 1;
                if (s != i && hs[s] == h && object(s) == object(i)) {
                    return true;
                }
                slot = (slot + 1) & mask;
            }
        }
        return false;
    }
}
