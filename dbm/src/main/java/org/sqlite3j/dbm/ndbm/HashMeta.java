package org.sqlite3j.dbm.ndbm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import org.sqlite3j.dbm.Dbm;

/**
 * The meta-data page (page 0) of a Berkeley DB HASH file: {@code HMETA33} of {@code db_page.h}. The
 * byte order is the one in which {@code magic} reads as {@link #DB_HASHMAGIC}; every other field is
 * read in it. Field names follow Berkeley DB's.
 *
 * <p>{@link #parse} rejects what is not a hash meta page with {@link NotHashFile} (Berkeley DB's
 * "unexpected file type or format", EINVAL), and a hash file this reader cannot read (encrypted,
 * sub-databases, an unknown version, impossible sizes) with {@link Dbm.NdbmError}.
 */
public record HashMeta(
        ByteOrder order,
        int version,
        int pagesize,
        int encryptAlg,
        int metaflags,
        long free,
        long lastPgno,
        int flags,
        long maxBucket,
        long highMask,
        long lowMask,
        long ffactor,
        long nelem,
        int hCharkey,
        long[] spares) {

    /** {@code DB_HASHMAGIC}. */
    public static final int DB_HASHMAGIC = 0x061561;
    /** {@code P_HASHMETA}: the meta page's type byte (offset 25). */
    public static final int P_HASHMETA = 8;
    /** {@code DBMETA_CHKSUM}: pages carry a checksum after the header. */
    public static final int DBMETA_CHKSUM = 0x01;
    /** {@code DB_HASH_DUP}: the database allows duplicates. */
    public static final int DB_HASH_DUP = 0x01;
    /** {@code DB_HASH_SUBDB}: the file holds sub-databases. */
    public static final int DB_HASH_SUBDB = 0x02;
    /** {@code DBMETASIZE}: the meta page's fields all lie in its first 512 bytes. */
    public static final int DBMETASIZE = 512;
    /** {@code NCACHED}: the number of {@code spares}. */
    public static final int NCACHED = 32;
    /** {@code SIZEOF_PAGE}: the generic page header. */
    public static final int SIZEOF_PAGE = 26;
    /** {@code sizeof(PG_CHKSUM)}: the checksum after the header of every page of a checksummed file. */
    public static final int PG_CHKSUM_SIZE = 6;

    /** Berkeley DB's answer for a file that is no hash database: EINVAL ("unexpected file type or format"). */
    public static final class NotHashFile extends Exception {
        private static final long serialVersionUID = 1L;

        NotHashFile(String message) {
            super(message);
        }
    }

    /**
     * Parses the first {@code DBMETASIZE} bytes of a file ({@code head}, at least that long) as a hash
     * meta page.
     */
    public static HashMeta parse(byte[] head) throws NotHashFile {
        if (head.length < DBMETASIZE) {
            throw new NotHashFile("shorter than a meta page (" + head.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, DBMETASIZE).order(ByteOrder.LITTLE_ENDIAN);
        ByteOrder order;
        if (b.getInt(12) == DB_HASHMAGIC) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b.order(ByteOrder.BIG_ENDIAN).getInt(12) == DB_HASHMAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new NotHashFile("no hash magic number");
        }
        b.order(order);
        int type = b.get(25) & 0xFF;
        if (type != P_HASHMETA) {
            throw new NotHashFile("meta page type " + type + ", not P_HASHMETA");
        }
        long[] spares = new long[NCACHED];
        for (int i = 0; i < NCACHED; i++) {
            spares[i] = u32(b, 96 + 4 * i);
        }
        HashMeta meta = new HashMeta(order, b.getInt(16), b.getInt(20), b.get(24) & 0xFF, b.get(26) & 0xFF,
                u32(b, 28), u32(b, 32), b.getInt(48), u32(b, 72), u32(b, 76), u32(b, 80), u32(b, 84),
                u32(b, 88), b.getInt(92), spares);
        meta.check();
        return meta;
    }

    private void check() {
        if (version < 8 || version > 10) {
            throw unsupported("hash version " + version + " (Berkeley DB 5.3 writes version 9)");
        }
        if (pagesize < 512 || pagesize > 65536 || Integer.bitCount(pagesize) != 1) {
            throw unsupported("page size " + pagesize);
        }
        if (encryptAlg != 0) {
            throw unsupported("an encrypted database");
        }
        if ((flags & DB_HASH_SUBDB) != 0) {
            throw unsupported("a file of sub-databases");
        }
        if (Long.bitCount(highMask + 1) != 1 || lowMask != highMask >>> 1 || maxBucket > highMask
                || maxBucket < lowMask) {
            throw corrupt(String.format(Locale.ROOT, "bad hash table: max_bucket %d, high_mask %#x, low_mask %#x",
                    maxBucket, highMask, lowMask));
        }
    }

    /** {@code spares}: per doubling, the page-number offset of its buckets (a copy). */
    @Override
    public long[] spares() {
        return spares.clone();
    }

    /** Where an item index ({@code inp[]}) or an overflow page's data starts: {@code P_OVERHEAD}. */
    public int pageOverhead() {
        return SIZEOF_PAGE + ((metaflags & DBMETA_CHKSUM) != 0 ? PG_CHKSUM_SIZE : 0);
    }

    /** {@code BS_TO_PAGE(bucket, spares)}: the first page of {@code bucket}. */
    public long bucketPage(long bucket) {
        int doubling = HashFunctions.log2(bucket + 1);
        return (bucket + spares[doubling]) & 0xFFFFFFFFL;
    }

    /** Whether the database was made with {@code DB_DUP} (Python's ndbm never does). */
    public boolean duplicates() {
        return (flags & DB_HASH_DUP) != 0;
    }

    /** Whether {@code h_charkey} is what {@code __ham_func5} gives: lookups may then go straight to a bucket. */
    public boolean usesFunc5() {
        return hCharkey == HashFunctions.func5(HashFunctions.charkey());
    }

    static long u32(ByteBuffer b, int offset) {
        return b.getInt(offset) & 0xFFFFFFFFL;
    }

    static Dbm.NdbmError unsupported(String what) {
        return new Dbm.NdbmError("cannot read this Berkeley DB file: " + what + " is not supported");
    }

    static Dbm.NdbmError corrupt(String what) {
        return new Dbm.NdbmError("corrupt Berkeley DB hash file: " + what);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HashMeta[%s, version %d, pagesize %d, last_pgno %d, max_bucket %d, "
                + "high_mask %#x, low_mask %#x, ffactor %d, nelem %d]", order, version, pagesize, lastPgno,
                maxBucket, highMask, lowMask, ffactor, nelem);
    }
}
