package org.sqlite3j.dbm.gnu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A GDBM hash bucket ({@code hash_bucket}): a small open-addressing hash table of
 * {@code bucket_elems} elements plus six entries of free space ({@code bucket_avail}).
 *
 * <pre>
 *   0 av_count, 4 padding, 8 bucket_avail[6] (16 bytes each), 104 bucket_bits, 108 count,
 * 112 h_table[bucket_elems]: hash_value (-1 = empty), key_start[4], data_pointer (off_t),
 *     key_size, data_size  (24 bytes each)
 * </pre>
 *
 * <p>An element's key and value are stored together elsewhere in the file, at {@code data_pointer}.
 * A bucket keeps its bytes as last read or written; elements change only through
 * {@link #setKey}, {@link #setData}, {@link #clear} and {@link #copyElement}, which mark them, so
 * {@link #toBytes} encodes only the marked elements (and the fields before the table) again and
 * allocates nothing.
 */
final class Bucket {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** File address of this bucket. */
    long adr;
    /** Whether the engine's bucket cache holds this bucket (a bucket dropped from it is not used again). */
    boolean cached;
    final AvailTable avail = new AvailTable(GdbmConst.BUCKET_AVAIL, GdbmConst.BUCKET_AVAIL);
    int bucketBits;
    int count;
    /** Read-only outside this class, as are the four arrays below: change elements through the setters. */
    final int[] hashValue;
    /** {@code key_start} of each element: its {@value GdbmConst#SMALL} bytes as a little-endian int. */
    final int[] keyStart;
    final long[] dataPointer;
    final int[] keySize;
    final int[] dataSize;
    /**
     * The bucket's {@code bucket_size} bytes: as read, then as {@link #toBytes} last wrote them. The
     * bytes past the last element (bucket_size need not be a whole number of elements) are kept as read.
     */
    private final byte[] image;
    /** Elements changed since the image was last encoded, one bit each. */
    private final long[] dirty;

    private Bucket(int elems, byte[] image) {
        hashValue = new int[elems];
        keyStart = new int[elems];
        dataPointer = new long[elems];
        keySize = new int[elems];
        dataSize = new int[elems];
        this.image = image;
        dirty = new long[(elems + 63) >>> 6];
    }

    int elems() {
        return hashValue.length;
    }

    /** {@code _gdbm_new_bucket}: every element empty (hash -1), no avail, {@code bits} bits. */
    static Bucket create(Header h, long adr, int bits) {
        Bucket b = new Bucket(h.bucketElems, new byte[h.bucketSize]);
        b.adr = adr;
        b.bucketBits = bits;
        Arrays.fill(b.hashValue, -1);
        Arrays.fill(b.dirty, -1L);
        return b;
    }

    /**
     * Reads a bucket from its {@code bucket_size} bytes and validates it as {@code _gdbm_get_bucket}
     * does: count and bits in range ({@code Malformed bucket header}), a valid avail table. The bucket
     * keeps {@code bytes} as its own.
     */
    static Bucket parse(byte[] bytes, long adr, Header h, boolean writer) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Bucket k = new Bucket(h.bucketElems, bytes);
        k.adr = adr;
        k.avail.count = b.getInt(0);
        k.bucketBits = b.getInt(104);
        k.count = b.getInt(108);
        if (!(k.count >= 0 && k.count <= h.bucketElems && k.bucketBits >= 0 && k.bucketBits <= h.dirBits)) {
            throw GdbmConst.error(GdbmConst.BAD_BUCKET);
        }
        if (!(k.avail.count >= 0 && k.avail.count <= GdbmConst.BUCKET_AVAIL)) {
            throw GdbmConst.error(GdbmConst.BAD_AVAIL);
        }
        k.avail.readElems(b, 8, GdbmConst.BUCKET_AVAIL);
        if (!k.avail.valid(h.bucketSize, h.nextBlock, writer)) {
            throw GdbmConst.error(GdbmConst.BAD_AVAIL);
        }
        for (int i = 0; i < h.bucketElems; i++) {
            int p = GdbmConst.BUCKET_TABLE_OFFSET + i * GdbmConst.BUCKET_ELEMENT_SIZE;
            k.hashValue[i] = (int) INT.get(bytes, p);
            k.keyStart[i] = (int) INT.get(bytes, p + 4);
            k.dataPointer[i] = (long) LONG.get(bytes, p + 8);
            k.keySize[i] = (int) INT.get(bytes, p + 16);
            k.dataSize[i] = (int) INT.get(bytes, p + 20);
        }
        return k;
    }

    /**
     * The bucket's {@code bucket_size} bytes as GDBM writes them: its own array with the changed
     * elements and the fields before the table encoded again (valid until the next change).
     */
    byte[] toBytes(Header h) {
        byte[] out = image;
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, avail.count);
        b.putInt(4, 0);
        avail.writeElems(b, 8);
        INT.set(out, 104, bucketBits);
        INT.set(out, 108, count);
        for (int w = 0; w < dirty.length; w++) {
            long bits = dirty[w];
            while (bits != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (i >= elems()) {
                    break;
                }
                int p = GdbmConst.BUCKET_TABLE_OFFSET + i * GdbmConst.BUCKET_ELEMENT_SIZE;
                INT.set(out, p, hashValue[i]);
                INT.set(out, p + 4, keyStart[i]);
                LONG.set(out, p + 8, dataPointer[i]);
                INT.set(out, p + 16, keySize[i]);
                INT.set(out, p + 20, dataSize[i]);
            }
            dirty[w] = 0;
        }
        return out;
    }

    private void touch(int loc) {
        dirty[loc >>> 6] |= 1L << loc;
    }

    /** The first {@value GdbmConst#SMALL} bytes of {@code key} (fewer for a shorter key) as a little-endian int. */
    static int startOf(byte[] key) {
        int v = 0;
        for (int i = Math.min(GdbmConst.SMALL, key.length) - 1; i >= 0; i--) {
            v = (v << 8) | (key[i] & 0xFF);
        }
        return v;
    }

    /** The bits of {@link #startOf} that a key of {@code length} bytes sets. */
    static int startMask(int length) {
        return length >= GdbmConst.SMALL ? -1 : (1 << (8 * length)) - 1;
    }

    /** Whether element {@code loc}'s {@code key_start} begins as {@code key} does (as far as either goes). */
    boolean startMatches(int loc, byte[] key, int start) {
        return ((keyStart[loc] ^ start) & startMask(key.length)) == 0;
    }

    /**
     * Element {@code loc} becomes {@code key}'s: its hash, and its first bytes in {@code key_start}
     * (the bytes a shorter key does not reach keep what they held, as GDBM's {@code memcpy} leaves them).
     */
    void setKey(int loc, int hash, byte[] key) {
        int mask = startMask(key.length);
        hashValue[loc] = hash;
        keyStart[loc] = (keyStart[loc] & ~mask) | (startOf(key) & mask);
        touch(loc);
    }

    /** Element {@code loc}'s record: at {@code pointer}, {@code keySize} + {@code dataSize} bytes. */
    void setData(int loc, long pointer, int keySize, int dataSize) {
        dataPointer[loc] = pointer;
        this.keySize[loc] = keySize;
        this.dataSize[loc] = dataSize;
        touch(loc);
    }

    /** Empties element {@code loc} (hash -1; the other fields stay, as GDBM leaves them). */
    void clear(int loc) {
        hashValue[loc] = -1;
        touch(loc);
    }

    /** Copies element {@code from} of {@code src} into slot {@code to} of this bucket. */
    void copyElement(int to, Bucket src, int from) {
        hashValue[to] = src.hashValue[from];
        keyStart[to] = src.keyStart[from];
        dataPointer[to] = src.dataPointer[from];
        keySize[to] = src.keySize[from];
        dataSize[to] = src.dataSize[from];
        touch(to);
    }

    /** {@code gdbm_bucket_element_valid_p}: the element's sizes and address are sane. */
    boolean elementValid(int loc) {
        return loc >= 0 && loc < elems()
                && hashValue[loc] != -1
                && keySize[loc] >= 0
                && GdbmConst.sumOk(dataPointer[loc], keySize[loc])
                && dataSize[loc] >= 0
                && GdbmConst.sumOk(dataPointer[loc] + keySize[loc], dataSize[loc]);
    }
}
