package org.sqlite3j.dbm.ndbm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A Berkeley DB HASH database (one file, no sub-databases) read in pure Java, as {@code DB->get} and a
 * {@code DB_NEXT} cursor see it — the way ndbm's {@code dbm_fetch}, {@code dbm_firstkey} and
 * {@code dbm_nextkey} use them, so the way Python's {@code dbm.ndbm} does.
 *
 * <p>Order: buckets 0 to {@code max_bucket}; in each, its page then the pages chained by
 * {@code next_pgno}; on each page, the pairs in index order; a key with duplicates comes once per
 * duplicate (as a cursor returns it). Values: an {@code H_KEYDATA} item's bytes, a big item
 * ({@code H_OFFPAGE}) read from its overflow chain, and for duplicates the first one.
 *
 * <p>Every offset, page number and length is checked against the file before it is used; a damaged file
 * gives {@link org.sqlite3j.dbm.Dbm.NdbmError}, never an exception of another kind, a loop or an
 * allocation larger than the file. Not thread-safe.
 */
public final class HashDatabase implements AutoCloseable {

    private final PageFile file;
    private final HashMeta meta;

    private HashDatabase(PageFile file) {
        this.file = file;
        this.meta = file.meta();
        if (meta.maxBucket() >= file.pageCount()) {
            throw HashMeta.corrupt("max_bucket " + meta.maxBucket() + " needs more pages than the "
                    + file.pageCount() + " the file has");
        }
    }

    /**
     * Opens {@code dbFile} (the full name, ".db" included) for reading.
     *
     * @throws HashMeta.NotHashFile when it is no Berkeley DB hash file at all
     * @throws IOException when it cannot be opened or read
     * @throws org.sqlite3j.dbm.Dbm.NdbmError when it is a hash file this reader cannot read, or damaged
     */
    public static HashDatabase open(Path dbFile) throws IOException, HashMeta.NotHashFile {
        return open(dbFile, PageFile.DEFAULT_CACHE_LIMIT);
    }

    /** As {@link #open(Path)}, keeping at most {@code cacheLimit} bytes of pages in memory. */
    static HashDatabase open(Path dbFile, long cacheLimit) throws IOException, HashMeta.NotHashFile {
        FileChannel channel = FileChannel.open(dbFile, StandardOpenOption.READ);
        try {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HashMeta.DBMETASIZE));
            while (head.hasRemaining() && channel.read(head, head.position()) >= 0) {
                // positioned reads until the head is full or the file ends
            }
            byte[] bytes = new byte[head.position()];
            head.flip().get(bytes);
            HashMeta meta = HashMeta.parse(bytes);
            return new HashDatabase(new PageFile(channel, meta, cacheLimit));
        } catch (IOException | HashMeta.NotHashFile | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public HashMeta meta() {
        return meta;
    }

    /**
     * {@code DB->get}: the value stored under {@code key} (the first duplicate when there are several),
     * or null. When the file uses {@code __ham_func5} (as ndbm's files do) this is {@code __ham_lookup}:
     * the key's bucket, page after page, each searched as {@code __ham_getindex} searches it — so a key
     * that Berkeley DB's own sorted-page search cannot find (an empty key, or a prefix of a big key,
     * sorted inconsistently on a page that also holds big keys) is missing here too, as it is in Python.
     * Otherwise every bucket is looked through.
     */
    public byte[] get(byte[] key) {
        if (!meta.usesFunc5()) {
            byte[][] found = new byte[1][];
            forEachPair((page, i) -> {
                if (found[0] == null && keyEquals(page, i, key)) {
                    found[0] = firstValue(page, i + 1);
                }
            });
            return found[0];
        }
        long bucket = HashFunctions.bucket(HashFunctions.func5(key), meta);
        long pgno = meta.bucketPage(bucket);
        for (long steps = 0; pgno != 0; steps++) {
            if (steps > file.pageCount()) {
                throw HashMeta.corrupt("the page chain of bucket " + bucket + " loops");
            }
            HashPage page = bucketPage(pgno, steps == 0);
            int i = page.type() == HashPage.P_HASH ? indexSorted(page, key) : indexUnsorted(page, key);
            if (i >= 0) {
                return firstValue(page, i + 1);
            }
            pgno = page.nextPgno();
        }
        return null;
    }

    /** Every key in cursor order ({@code dbm_firstkey}, then {@code dbm_nextkey} until the end). */
    public List<byte[]> keys() {
        List<byte[]> keys = new ArrayList<>();
        forEachPair((page, i) -> {
            byte[] key = item(page, i);
            long n = valueCount(page, i + 1);
            for (long d = 0; d < n; d++) {
                keys.add(d == 0 ? key : key.clone());
            }
        });
        return keys;
    }

    /** Every pair in cursor order as (key, value) — the value the first duplicate. */
    public void forEach(java.util.function.BiConsumer<byte[], byte[]> action) {
        forEachPair((page, i) -> action.accept(item(page, i), firstValue(page, i + 1)));
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    // ---- buckets and pages ----

    private interface PairVisitor {
        void visit(HashPage page, int keyIndex);
    }

    /** Visits every pair of every bucket; a page met twice (chains that loop or merge) is corruption. */
    private void forEachPair(PairVisitor visitor) {
        BitSet seen = new BitSet();
        for (long bucket = 0; bucket <= meta.maxBucket(); bucket++) {
            long pgno = meta.bucketPage(bucket);
            boolean first = true;
            while (pgno != 0) {
                if (pgno >= file.pageCount() || seen.get((int) pgno)) {
                    throw HashMeta.corrupt("bucket " + bucket + " chains to page " + pgno
                            + (pgno >= file.pageCount() ? ", beyond the last page" : ", already read"));
                }
                seen.set((int) pgno);
                HashPage page = bucketPage(pgno, first);
                for (int i = 0; i < page.entries(); i += 2) {
                    visitor.visit(page, i);
                }
                pgno = page.nextPgno();
                first = false;
            }
        }
    }

    /** A bucket's page (its first may be unwritten: an empty bucket), or a page chained to it. */
    private HashPage bucketPage(long pgno, boolean first) {
        HashPage page = first
                ? new HashPage(file, pgno, HashPage.P_HASH, HashPage.P_HASH_UNSORTED, HashPage.P_INVALID)
                : new HashPage(file, pgno, HashPage.P_HASH, HashPage.P_HASH_UNSORTED);
        if (page.type() == HashPage.P_INVALID && page.nextPgno() != 0) {
            throw HashMeta.corrupt("unwritten page " + pgno + " chains to page " + page.nextPgno());
        }
        return page;
    }

    // ---- items ----

    /** {@code __ham_getindex_unsorted}: the key index of {@code key} on a pre-4.6 page, or -1. */
    private int indexUnsorted(HashPage page, byte[] key) {
        for (int i = 0; i < page.entries(); i += 2) {
            if (keyEquals(page, i, key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code __ham_getindex_sorted} for a lookup ({@code key_type} H_KEYDATA): Berkeley DB's binary
     * search ({@code DB_BINARY_SEARCH_FOR}) over the pairs of a P_HASH page; the key index, or -1.
     */
    private int indexSorted(HashPage page, byte[] key) {
        int base = 0;
        for (int lim = page.entries() / 2; lim != 0; lim >>= 1) {
            int indx = base + (lim >> 1) * 2;
            int res = compareSorted(page, indx, key);
            if (res == 0) {
                return indx;
            }
            if (res > 0) {
                base = indx + 2;
                lim--;
            }
        }
        return -1;
    }

    /**
     * How {@code __ham_getindex_sorted} orders {@code key} against key item {@code i}: against a big
     * key, {@code __db_moff} (bytes, then the shorter first); against an on-page key, {@code memcmp} of
     * the common length, then — as Berkeley DB has it — the longer first.
     */
    private int compareSorted(HashPage page, int i, byte[] key) {
        int off = page.itemOffset(i);
        int type = page.itemType(i);
        if (type == HashPage.H_OFFPAGE) {
            checkLength(page, i, 12);
            return compareOverflow(key, page.u32(off + 4), page.u32(off + 8));
        }
        if (type != HashPage.H_KEYDATA) {
            throw HashMeta.corrupt("page " + page.pgno() + ": key item " + i + " has type " + type);
        }
        int itemlen = page.itemLength(i) - 1;
        int res = page.compareBytes(key, off + 1, Math.min(itemlen, key.length));
        if (res != 0) {
            return res;
        }
        return itemlen > key.length ? 1 : itemlen < key.length ? -1 : 0;
    }

    /**
     * {@code __db_moff}: {@code key} against the big item of {@code tlen} bytes from page {@code pgno},
     * a page ({@code OV_LEN} bytes) at a time while key bytes remain; then the longer is the greater.
     */
    private int compareOverflow(byte[] key, long pgno, long tlen) {
        int keyPos = 0;
        long left = tlen;
        long p = pgno;
        for (long steps = 0; keyPos < key.length && p != 0; steps++) {
            if (steps >= file.pageCount()) {
                throw HashMeta.corrupt("the overflow chain from page " + pgno + " loops");
            }
            HashPage page = new HashPage(file, p, HashPage.P_OVERFLOW);
            int len = Math.min(page.hfOffset(), key.length - keyPos);
            byte[] chunk = page.bytes(page.overhead(), len);
            left -= len;
            for (int k = 0; k < len; k++, keyPos++) {
                if (key[keyPos] != chunk[k]) {
                    return (key[keyPos] & 0xFF) - (chunk[k] & 0xFF);
                }
            }
            p = page.nextPgno();
        }
        return keyPos < key.length ? 1 : left != 0 ? -1 : 0;
    }

    /** Whether key item {@code i} is {@code key}, reading a big key only when the lengths agree. */
    private boolean keyEquals(HashPage page, int i, byte[] key) {
        int off = page.itemOffset(i);
        int type = page.itemType(i);
        if (type == HashPage.H_KEYDATA) {
            return page.bytesEqual(off + 1, page.itemLength(i) - 1, key);
        }
        if (type == HashPage.H_OFFPAGE) {
            checkLength(page, i, 12);
            return page.u32(off + 8) == key.length && java.util.Arrays.equals(item(page, i), key);
        }
        throw HashMeta.corrupt("page " + page.pgno() + ": key item " + i + " has type " + type);
    }

    /** The bytes of a key or data item that is {@code H_KEYDATA} or {@code H_OFFPAGE}. */
    byte[] item(HashPage page, int i) {
        int off = page.itemOffset(i);
        int type = page.itemType(i);
        if (type == HashPage.H_KEYDATA) {
            return page.bytes(off + 1, page.itemLength(i) - 1);
        }
        if (type == HashPage.H_OFFPAGE) {
            checkLength(page, i, 12);
            return overflow(page.u32(off + 4), page.u32(off + 8));
        }
        throw HashMeta.corrupt("page " + page.pgno() + ": item " + i + " has type " + type
                + " where a key or a value belongs");
    }

    /** The value of data item {@code i}: the item itself, or the first of its duplicates. */
    private byte[] firstValue(HashPage page, int i) {
        int type = page.itemType(i);
        int off = page.itemOffset(i);
        if (type == HashPage.H_DUPLICATE) {
            int len = page.itemLength(i);
            if (len < 5 || page.u16(off + 1) > len - 5) {
                throw HashMeta.corrupt("page " + page.pgno() + ": duplicate set " + i + " is damaged");
            }
            return page.bytes(off + 3, page.u16(off + 1));
        }
        if (type == HashPage.H_OFFDUP) {
            checkLength(page, i, 8);
            return new OffpageDuplicates(this, file).first(page.u32(off + 4));
        }
        return item(page, i);
    }

    /** How many values data item {@code i} holds: 1, or the number of its duplicates. */
    private long valueCount(HashPage page, int i) {
        int type = page.itemType(i);
        int off = page.itemOffset(i);
        if (type == HashPage.H_DUPLICATE) {
            int end = off + page.itemLength(i);
            long n = 0;
            for (int p = off + 1; p < end; n++) {
                int len = page.u16(p);
                if (p + 4 + len > end || page.u16(p + 2 + len) != len) {
                    throw HashMeta.corrupt("page " + page.pgno() + ": duplicate set " + i + " is damaged");
                }
                p += 4 + len;
            }
            return n;
        }
        if (type == HashPage.H_OFFDUP) {
            checkLength(page, i, 8);
            return new OffpageDuplicates(this, file).count(page.u32(off + 4));
        }
        if (type != HashPage.H_KEYDATA && type != HashPage.H_OFFPAGE) {
            throw HashMeta.corrupt("page " + page.pgno() + ": data item " + i + " has type " + type);
        }
        return 1;
    }

    private static void checkLength(HashPage page, int i, int size) {
        if (page.itemLength(i) < size) {
            throw HashMeta.corrupt("page " + page.pgno() + ": item " + i + " is " + page.itemLength(i)
                    + " bytes, shorter than its " + size + "-byte header");
        }
    }

    /**
     * A big item: {@code tlen} bytes on the chain of {@code P_OVERFLOW} pages from {@code pgno}, each
     * holding {@code OV_LEN} ({@code hf_offset}) bytes after its header. The length is checked against
     * what the file can hold before anything is allocated.
     */
    byte[] overflow(long pgno, long tlen) {
        int perPage = meta.pagesize() - meta.pageOverhead();
        if (tlen > file.pageCount() * perPage || tlen > Integer.MAX_VALUE - 16) {
            throw HashMeta.corrupt("a big item of " + tlen + " bytes cannot fit in the file");
        }
        byte[] out = new byte[(int) tlen];
        int pos = 0;
        long p = pgno;
        for (long steps = 0; pos < tlen || steps == 0; steps++) {
            if (p == 0 || steps >= file.pageCount()) {
                throw HashMeta.corrupt("the overflow chain from page " + pgno + " ends after " + pos
                        + " of " + tlen + " bytes");
            }
            HashPage page = new HashPage(file, p, HashPage.P_OVERFLOW);
            int len = page.hfOffset();
            if (len > perPage || len > tlen - pos) {
                throw HashMeta.corrupt("overflow page " + p + " says it holds " + len + " bytes");
            }
            System.arraycopy(page.bytes(page.overhead(), len), 0, out, pos, len);
            pos += len;
            p = page.nextPgno();
        }
        return out;
    }
}
