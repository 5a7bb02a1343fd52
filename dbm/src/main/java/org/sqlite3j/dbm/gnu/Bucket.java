package org.sqlite3j.dbm.gnu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
 */
final class Bucket {

    /** File address of this bucket. */
    long adr;
    final AvailTable avail = new AvailTable(GdbmConst.BUCKET_AVAIL, GdbmConst.BUCKET_AVAIL);
    int bucketBits;
    int count;
    final int[] hashValue;
    final byte[][] keyStart;
    final long[] dataPointer;
    final int[] keySize;
    final int[] dataSize;
    /** Bytes past the last element (bucket_size need not be a whole number of elements). */
    private final byte[] tail;

    private Bucket(int elems, int tailBytes) {
        hashValue = new int[elems];
        keyStart = new byte[elems][GdbmConst.SMALL];
        dataPointer = new long[elems];
        keySize = new int[elems];
        dataSize = new int[elems];
        tail = new byte[Math.max(0, tailBytes)];
    }

    int elems() {
        return hashValue.length;
    }

    private static int tailBytes(Header h) {
        return h.bucketSize - GdbmConst.BUCKET_TABLE_OFFSET - h.bucketElems * GdbmConst.BUCKET_ELEMENT_SIZE;
    }

    /** {@code _gdbm_new_bucket}: every element empty (hash -1), no avail, {@code bits} bits. */
    static Bucket create(Header h, long adr, int bits) {
        Bucket b = new Bucket(h.bucketElems, tailBytes(h));
        b.adr = adr;
        b.bucketBits = bits;
        java.util.Arrays.fill(b.hashValue, -1);
        return b;
    }

    /**
     * Reads a bucket from its {@code bucket_size} bytes and validates it as {@code _gdbm_get_bucket}
     * does: count and bits in range ({@code Malformed bucket header}), a valid avail table.
     */
    static Bucket parse(byte[] bytes, long adr, Header h, boolean writer) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Bucket k = new Bucket(h.bucketElems, tailBytes(h));
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
            k.hashValue[i] = b.getInt(p);
            b.get(p + 4, k.keyStart[i]);
            k.dataPointer[i] = b.getLong(p + 8);
            k.keySize[i] = b.getInt(p + 16);
            k.dataSize[i] = b.getInt(p + 20);
        }
        b.get(h.bucketSize - k.tail.length, k.tail);
        return k;
    }

    /** The bucket's {@code bucket_size} bytes as GDBM writes them. */
    byte[] toBytes(Header h) {
        byte[] out = new byte[h.bucketSize];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, avail.count);
        avail.writeElems(b, 8);
        b.putInt(104, bucketBits);
        b.putInt(108, count);
        for (int i = 0; i < elems(); i++) {
            int p = GdbmConst.BUCKET_TABLE_OFFSET + i * GdbmConst.BUCKET_ELEMENT_SIZE;
            b.putInt(p, hashValue[i]);
            b.put(p + 4, keyStart[i]);
            b.putLong(p + 8, dataPointer[i]);
            b.putInt(p + 16, keySize[i]);
            b.putInt(p + 20, dataSize[i]);
        }
        b.put(h.bucketSize - tail.length, tail);
        return out;
    }

    /** Copies element {@code from} of {@code src} into slot {@code to} of this bucket. */
    void copyElement(int to, Bucket src, int from) {
        hashValue[to] = src.hashValue[from];
        keyStart[to] = src.keyStart[from].clone();
        dataPointer[to] = src.dataPointer[from];
        keySize[to] = src.keySize[from];
        dataSize[to] = src.dataSize[from];
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
