package org.sqlite3j.dbm.gnu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * The elements live in the bucket's own {@code bucket_size} bytes, read and changed in place (an
 * element is one 24-byte run, as in libgdbm's memory, so a probe touches one cache line); the fields
 * before the table are kept as fields and put back by {@link #toBytes}, which allocates nothing.
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
    private final int elems;
    /**
     * The bucket's {@code bucket_size} bytes: the elements as they are now; the fields before the table
     * as last read or written. The bytes past the last element (bucket_size need not be a whole number
     * of elements) are kept as read.
     */
    private final byte[] image;

    private Bucket(int elems, byte[] image) {
        this.elems = elems;
        this.image = image;
    }

    int elems() {
        return elems;
    }

    private static int at(int loc) {
        return GdbmConst.BUCKET_TABLE_OFFSET + loc * GdbmConst.BUCKET_ELEMENT_SIZE;
    }

    /** {@code _gdbm_new_bucket}: every element empty (hash -1), no avail, {@code bits} bits. */
    static Bucket create(Header h, long adr, int bits) {
        Bucket b = new Bucket(h.bucketElems, new byte[h.bucketSize]);
        b.adr = adr;
        b.bucketBits = bits;
        for (int i = 0; i < b.elems; i++) {
            INT.set(b.image, at(i), -1);
        }
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
        return k;
    }

    /** The bucket's {@code bucket_size} bytes as GDBM writes them: its own array (valid until the next change). */
    byte[] toBytes(Header h) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, avail.count);
        b.putInt(4, 0);
        avail.writeElems(b, 8);
        INT.set(image, 104, bucketBits);
        INT.set(image, 108, count);
        return image;
    }

    /** Element {@code loc}'s {@code hash_value}; -1 for an empty element. */
    int hash(int loc) {
        return (int) INT.get(image, at(loc));
    }

    /** Element {@code loc}'s {@code key_start}: its {@value GdbmConst#SMALL} bytes as a little-endian int. */
    int keyStart(int loc) {
        return (int) INT.get(image, at(loc) + 4);
    }

    long dataPointer(int loc) {
        return (long) LONG.get(image, at(loc) + 8);
    }

    int keySize(int loc) {
        return (int) INT.get(image, at(loc) + 16);
    }

    int dataSize(int loc) {
        return (int) INT.get(image, at(loc) + 20);
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

    /** Whether element {@code loc}'s {@code key_start} begins as {@code key} (whose {@link #startOf} is {@code start}) does. */
    boolean startMatches(int loc, byte[] key, int start) {
        return ((keyStart(loc) ^ start) & startMask(key.length)) == 0;
    }

    /**
     * Element {@code loc} becomes {@code key}'s: its hash, and its first bytes in {@code key_start}
     * (the bytes a shorter key does not reach keep what they held, as GDBM's {@code memcpy} leaves them).
     */
    void setKey(int loc, int hash, byte[] key) {
        int mask = startMask(key.length);
        INT.set(image, at(loc), hash);
        INT.set(image, at(loc) + 4, (keyStart(loc) & ~mask) | (startOf(key) & mask));
    }

    /** Element {@code loc}'s record: at {@code pointer}, {@code keySize} + {@code dataSize} bytes. */
    void setData(int loc, long pointer, int keySize, int dataSize) {
        int p = at(loc);
        LONG.set(image, p + 8, pointer);
        INT.set(image, p + 16, keySize);
        INT.set(image, p + 20, dataSize);
    }

    /** Empties element {@code loc} (hash -1; the other fields stay, as GDBM leaves them). */
    void clear(int loc) {
        INT.set(image, at(loc), -1);
    }

    /** Copies element {@code from} of {@code src} into slot {@code to} of this bucket. */
    void copyElement(int to, Bucket src, int from) {
        System.arraycopy(src.image, at(from), image, at(to), GdbmConst.BUCKET_ELEMENT_SIZE);
    }

    /** {@code gdbm_bucket_element_valid_p}: the element's sizes and address are sane. */
    boolean elementValid(int loc) {
        if (loc < 0 || loc >= elems || hash(loc) == -1) {
            return false;
        }
        long ptr = dataPointer(loc);
        int ks = keySize(loc);
        int ds = dataSize(loc);
        return ks >= 0 && GdbmConst.sumOk(ptr, ks) && ds >= 0 && GdbmConst.sumOk(ptr + ks, ds);
    }
}
