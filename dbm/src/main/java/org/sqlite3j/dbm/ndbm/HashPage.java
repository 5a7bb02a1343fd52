package org.sqlite3j.dbm.ndbm;

import java.nio.ByteBuffer;

/**
 * One page of a Berkeley DB file as {@code db_page.h} lays it out: the {@code PAGE} header ({@code pgno},
 * {@code prev_pgno}, {@code next_pgno}, {@code entries}, {@code hf_offset}, {@code type}), then the
 * {@code inp[]} index of item offsets. For hash pages the items pair up, key at {@code inp[2i]} and data
 * at {@code inp[2i+1]}, and an item's length is {@code LEN_HITEM}: it runs to the previous item's start
 * (the page end for item 0). The constructor checks every offset against the page; nothing here reads
 * outside it.
 */
public final class HashPage {

    /** {@code P_INVALID}: a page never written (a bucket with nothing in it). */
    public static final int P_INVALID = 0;
    /** {@code P_HASH_UNSORTED}: a hash page of a database made before Berkeley DB 4.6. */
    public static final int P_HASH_UNSORTED = 2;
    /** {@code P_IBTREE}: an internal page of an off-page duplicate tree. */
    public static final int P_IBTREE = 3;
    /** {@code P_OVERFLOW}: a page of an overflow (big) item. */
    public static final int P_OVERFLOW = 7;
    /** {@code P_LDUP}: a leaf page of an off-page duplicate tree. */
    public static final int P_LDUP = 12;
    /** {@code P_HASH}: a (sorted) hash bucket page. */
    public static final int P_HASH = 13;

    /** {@code H_KEYDATA}: the item's bytes follow its type byte. */
    public static final int H_KEYDATA = 1;
    /** {@code H_DUPLICATE}: on-page duplicates, {@code len data len} triples. */
    public static final int H_DUPLICATE = 2;
    /** {@code H_OFFPAGE}: {@code HOFFPAGE}, a big item on a chain of overflow pages. */
    public static final int H_OFFPAGE = 3;
    /** {@code H_OFFDUP}: {@code HOFFDUP}, duplicates in an off-page tree. */
    public static final int H_OFFDUP = 4;

    private final long pgno;
    private final ByteBuffer buf;
    private final int overhead;
    private final int entries;

    /**
     * Page {@code pgno} read from {@code file}, of one of {@code types}; a hash page (P_HASH,
     * P_HASH_UNSORTED) must have an even number of entries whose offsets decrease, each inside the page.
     * An unwritten page (P_INVALID) is accepted where {@code types} allows it only when it is empty.
     */
    public HashPage(PageFile file, long pgno, int... types) {
        this.pgno = pgno;
        this.buf = file.page(pgno);
        this.overhead = file.meta().pageOverhead();
        int type = type();
        boolean allowed = false;
        for (int t : types) {
            allowed |= t == type;
        }
        if (!allowed) {
            throw HashMeta.corrupt("page " + pgno + " has type " + type + " where one of "
                    + java.util.Arrays.toString(types) + " belongs");
        }
        this.entries = type == P_OVERFLOW ? 0 : u16(20);
        if (type == P_INVALID && entries != 0) {
            throw HashMeta.corrupt("page " + pgno + " has no type but " + entries + " entries");
        }
        int indexEnd = overhead + 2 * entries;
        if (indexEnd > buf.capacity()) {
            throw HashMeta.corrupt("page " + pgno + ": " + entries + " entries do not fit the page");
        }
        if (isHash()) {
            if (entries % 2 != 0) {
                throw HashMeta.corrupt("hash page " + pgno + " has an odd number of entries (" + entries + ")");
            }
            int end = buf.capacity();
            for (int i = 0; i < entries; i++) {
                int off = u16(overhead + 2 * i);
                if (off < indexEnd || off >= end) {
                    throw HashMeta.corrupt("hash page " + pgno + ": item " + i + " at offset " + off
                            + " is outside " + indexEnd + ".." + end);
                }
                end = off;
            }
        }
    }

    private boolean isHash() {
        int t = type();
        return t == P_HASH || t == P_HASH_UNSORTED;
    }

    public long pgno() {
        return pgno;
    }

    /** {@code TYPE(p)}. */
    public int type() {
        return buf.get(25) & 0xFF;
    }

    /** {@code NEXT_PGNO(p)}: the next page of the chain, 0 ({@code PGNO_INVALID}) at its end. */
    public long nextPgno() {
        return u32(16);
    }

    /** {@code NUM_ENT(p)}: how many items the index holds (0 for an overflow page). */
    public int entries() {
        return entries;
    }

    /** {@code HOFFSET(p)}; on an overflow page, {@code OV_LEN}: how many data bytes it holds. */
    public int hfOffset() {
        return u16(22);
    }

    /** {@code P_OVERHEAD}: where the index, or an overflow page's data, starts. */
    public int overhead() {
        return overhead;
    }

    /** {@code inp[i]}: where item {@code i} starts (checked for hash pages by the constructor). */
    public int itemOffset(int i) {
        if (i < 0 || i >= entries) {
            throw HashMeta.corrupt("page " + pgno + " has no item " + i);
        }
        return u16(overhead + 2 * i);
    }

    /** {@code LEN_HITEM}: the length of hash item {@code i}, its type byte included. */
    public int itemLength(int i) {
        int end = i == 0 ? buf.capacity() : itemOffset(i - 1);
        return end - itemOffset(i);
    }

    /** {@code HPAGE_TYPE}: the type byte of hash item {@code i}. */
    public int itemType(int i) {
        return buf.get(itemOffset(i)) & 0xFF;
    }

    /** {@code length} bytes at {@code offset}, checked against the page. */
    public byte[] bytes(int offset, int length) {
        check(offset, length);
        byte[] out = new byte[length];
        buf.get(offset, out);
        return out;
    }

    /** Whether the {@code length} bytes at {@code offset} equal {@code key}. */
    public boolean bytesEqual(int offset, int length, byte[] key) {
        check(offset, length);
        if (length != key.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (buf.get(offset + i) != key[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code memcmp} of the first {@code length} bytes of {@code key} against the {@code length} bytes at
     * {@code offset}: negative, zero or positive as the key's bytes (unsigned) are less, equal or greater.
     */
    public int compareBytes(byte[] key, int offset, int length) {
        check(offset, length);
        for (int i = 0; i < length; i++) {
            byte b = buf.get(offset + i);
            if (key[i] != b) {
                return (key[i] & 0xFF) - (b & 0xFF);
            }
        }
        return 0;
    }

    /** The unsigned 16-bit field at {@code offset}. */
    public int u16(int offset) {
        check(offset, 2);
        return buf.getShort(offset) & 0xFFFF;
    }

    /** The unsigned 32-bit field at {@code offset}. */
    public long u32(int offset) {
        check(offset, 4);
        return buf.getInt(offset) & 0xFFFFFFFFL;
    }

    /** An unsigned byte at {@code offset}. */
    public int u8(int offset) {
        check(offset, 1);
        return buf.get(offset) & 0xFF;
    }

    private void check(int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.capacity() - length) {
            throw HashMeta.corrupt("page " + pgno + ": " + length + " bytes at offset " + offset
                    + " run past the page end " + buf.capacity());
        }
    }
}
