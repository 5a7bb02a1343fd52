package org.sqlite3j.dbm.gnu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One open GDBM file: header, bucket directory, bucket cache and the operations of gdbmopen.c,
 * findkey.c, gdbmstore.c, gdbmdelete.c, bucket.c ({@code _gdbm_split_bucket}), gdbmseq.c,
 * gdbmcount.c and update.c, ported so that files written here have the layout libgdbm 1.23 gives
 * them (and so the same key order).
 *
 * <h2>Order of writes (crash rule)</h2>
 * As in GDBM, an update writes the key/value record first, then every changed bucket, then the
 * directory, then the header, and finally extends the file to {@code next_block}. New buckets and a
 * doubled directory always go to fresh space, so until the header is written the old header still
 * describes a complete, readable database. One addition: GDBM refuses a file longer than its
 * header's {@code next_block} ("Database needs recovery"), and a process dying after data was
 * appended but before the header was written would leave exactly that. So before the first write
 * past the on-disk {@code next_block}, the 8-byte {@code next_block} field of the on-disk header is
 * raised first (a header whose {@code next_block} lies beyond the end of the file is valid for GDBM).
 * What remains is GDBM's own window: a record rewritten in space freed by the same update, and free
 * lists that may still list space the dying update had just taken.
 *
 * <p>Not thread-safe.
 */
final class GdbmEngine {

    final GdbmChannel io;
    final boolean writer;
    private final boolean syncWrites;
    Header header;
    long[] dir;
    boolean headerChanged;
    boolean directoryChanged;
    /** GDBM's {@code dbf->bucket}: the current bucket. */
    Bucket current;
    /** GDBM's {@code dbf->bucket_dir}. */
    int bucketDir;
    /** Set by a failed update or a file longer than {@code next_block}: every operation then fails. */
    boolean needRecovery;
    final Falloc falloc = new Falloc(this);
    private final Map<Long, Bucket> cache = new LinkedHashMap<>(256, 0.75f, true);
    /**
     * The bucket last used through each directory entry (parallel to {@link #dir}): a lookup that finds
     * it there, still cached and still the entry's bucket, skips the cache map.
     */
    private Bucket[] byDir;
    private final Set<Bucket> changed = new LinkedHashSet<>();
    /** {@code next_block} as the header on disk says it. */
    private long diskNextBlock;
    /** The hash of the key last looked up. */
    private int lastHash;
    /** Element location of the key last returned by a scan. */
    private int scanLoc;

    private GdbmEngine(GdbmChannel io, boolean writer, boolean syncWrites) {
        this.io = io;
        this.writer = writer;
        this.syncWrites = syncWrites;
    }

    /**
     * Opens the database in {@code io}: an empty file (writers only) becomes a new database of
     * {@code blockSize} bytes a block (rounded as GDBM rounds it); otherwise the header and directory
     * are read and validated.
     */
    static GdbmEngine open(GdbmChannel io, boolean writer, boolean syncWrites, int blockSize, boolean numsync) {
        GdbmEngine db = new GdbmEngine(io, writer, syncWrites);
        long size = io.size();
        if (size == 0) {
            if (!writer) {
                throw GdbmConst.error(GdbmConst.EMPTY_DATABASE);
            }
            db.create(blockSize, numsync);
        } else {
            db.read(size);
        }
        return db;
    }

    private void create(int requested, boolean numsync) {
        int bs = Math.max(requested, GdbmConst.MIN_BLOCK_SIZE);
        bs = Header.directorySize(bs)[0];
        header = Header.create(bs, numsync);
        dir = new long[header.dirSize / GdbmConst.OFF_T];
        Arrays.fill(dir, 2L * bs);
        Bucket first = Bucket.create(header, 2L * bs, 0);
        first.avail.count = 1;
        first.avail.avAdr[0] = 3L * bs;
        first.avail.avSize[0] = bs;
        // Directory and bucket first, header last: a file cut short here has no magic number yet.
        io.write(header.dir, dirBytes());
        io.write(first.adr, first.toBytes(header));
        io.extend(header.nextBlock);
        io.write(0, header.toBytes());
        diskNextBlock = header.nextBlock;
        io.force();
    }

    private void read(long size) {
        byte[] first = io.read(0, GdbmConst.FILE_HEADER_SIZE);
        Header h = Header.parseFixed(first, size);
        h.parseBlock(io.read(0, h.blockSize), writer);
        header = h;
        needRecovery = h.needsRecovery;
        if (h.dirSize % GdbmConst.OFF_T != 0) {
            throw GdbmConst.error(GdbmConst.BAD_HEADER);
        }
        ByteBuffer b = ByteBuffer.wrap(io.read(h.dir, h.dirSize)).order(ByteOrder.LITTLE_ENDIAN);
        dir = new long[h.dirSize / GdbmConst.OFF_T];
        for (int i = 0; i < dir.length; i++) {
            dir[i] = b.getLong(i * GdbmConst.OFF_T);
        }
        diskNextBlock = h.nextBlock;
    }

    private byte[] dirBytes() {
        ByteBuffer b = ByteBuffer.allocate(dir.length * GdbmConst.OFF_T).order(ByteOrder.LITTLE_ENDIAN);
        for (long d : dir) {
            b.putLong(d);
        }
        return b.array();
    }

    /** Fails with "Database needs recovery" when the file is in that state (GDBM_ASSERT_CONSISTENCY). */
    void assertConsistent() {
        if (needRecovery) {
            throw GdbmConst.error(GdbmConst.NEED_RECOVERY);
        }
    }

    // ---- buckets ----

    /** {@code _gdbm_get_bucket}: makes the bucket of directory entry {@code dirIndex} current. */
    void getBucket(int dirIndex) {
        if (!(dirIndex >= 0 && dirIndex < dir.length && dir[dirIndex] >= header.blockSize)) {
            throw GdbmConst.error(GdbmConst.BAD_DIR_ENTRY);
        }
        long adr = dir[dirIndex];
        if (byDir == null || byDir.length != dir.length) {
            byDir = new Bucket[dir.length];
        }
        Bucket b = byDir[dirIndex];
        if (b == null || b.adr != adr || !b.cached) {
            b = cache.get(adr);
            if (b == null) {
                b = Bucket.parse(io.read(adr, header.bucketSize), adr, header, writer);
                cachePut(b);
            }
            byDir[dirIndex] = b;
        }
        bucketDir = dirIndex;
        current = b;
    }

    /** Test hook: when positive, the most buckets kept (instead of following the directory). */
    int bucketCacheLimit;

    private void cachePut(Bucket b) {
        cache.put(b.adr, b);
        b.cached = true;
        int limit = bucketCacheLimit > 0 ? bucketCacheLimit
                : Math.max(GdbmConst.CACHE_SIZE, Math.min(dir.length, GdbmConst.MAX_CACHE_SIZE));
        if (cache.size() > limit) {
            var it = cache.entrySet().iterator();
            while (cache.size() > limit && it.hasNext()) {
                Bucket old = it.next().getValue();
                if (!changed.contains(old) && old != current) {
                    it.remove();
                    old.cached = false;
                }
            }
        }
    }

    /** {@code _gdbm_current_bucket_changed} for any bucket: it is written by the next end of update. */
    void markChanged(Bucket b) {
        changed.add(b);
    }

    /** The next directory index holding another bucket ({@code _gdbm_next_bucket_dir}). */
    private int nextBucketDir(int index) {
        long cur = dir[index];
        while (++index < dir.length && dir[index] == cur) {
            // same bucket
        }
        return index;
    }

    // ---- lookups ----

    /** {@code _gdbm_read_entry}: the key and value of element {@code loc} of the current bucket. */
    private byte[] readEntry(int loc) {
        checkEntry(loc);
        return io.read(current.dataPointer(loc), (long) current.keySize(loc) + current.dataSize(loc));
    }

    /** What {@code _gdbm_read_entry} checks: a valid element whose key and value are in the file. */
    private void checkEntry(int loc) {
        if (!current.elementValid(loc)) {
            throw GdbmConst.error(GdbmConst.BAD_HASH_TABLE);
        }
        io.check(current.dataPointer(loc), (long) current.keySize(loc) + current.dataSize(loc));
    }

    /** {@code _gdbm_findkey}: the element of {@code key} in its (now current) bucket, or -1. */
    int findKey(byte[] key) {
        int hash = GdbmHash.hash(key);
        lastHash = hash;
        getBucket(GdbmHash.bucketDir(hash, header.dirBits));
        int elems = header.bucketElems;
        int loc = hash % elems;
        int home = loc;
        int start = Bucket.startOf(key);
        Bucket b = current;
        for (int h = b.hash(loc); h != -1; h = b.hash(loc)) {
            if (h == hash && b.keySize(loc) == key.length && b.startMatches(loc, key, start)) {
                checkEntry(loc);
                if (io.equalsAt(current.dataPointer(loc), key)) {
                    return loc;
                }
            }
            loc = loc + 1 == elems ? 0 : loc + 1;
            if (loc == home) {
                break;
            }
        }
        return -1;
    }

    /** {@code gdbm_fetch}: the value stored under {@code key}, or null. */
    byte[] fetch(byte[] key) {
        assertConsistent();
        int loc = findKey(key);
        if (loc < 0) {
            return null;
        }
        return io.read(current.dataPointer(loc) + key.length, current.dataSize(loc));
    }

    /** {@code gdbm_count}: the sum of the buckets' counts. */
    long count() {
        assertConsistent();
        long n = 0;
        for (int i = 0; i < dir.length; i = nextBucketDir(i)) {
            getBucket(i);
            n += current.count;
        }
        return n;
    }

    /** {@code gdbm_firstkey}: the first key in hash order, or null. */
    byte[] firstKey() {
        assertConsistent();
        getBucket(0);
        return nextFrom(-1);
    }

    /** {@code gdbm_nextkey}: the key after {@code key}, or null (also when {@code key} is not there). */
    byte[] nextKey(byte[] key) {
        assertConsistent();
        int loc = findKey(key);
        return loc < 0 ? null : nextFrom(loc);
    }

    /** Every key, in firstkey/nextkey order. */
    List<byte[]> keys() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] k = firstKey(); k != null; k = nextFrom(scanLoc)) {
            out.add(k);
        }
        return out;
    }

    /** Every record (key, value) in directory order, as {@code gdbm_recover} visits them. */
    void forEachRecord(java.util.function.BiConsumer<byte[], byte[]> action) {
        assertConsistent();
        for (int i = 0; i < dir.length; i = nextBucketDir(i)) {
            getBucket(i);
            Bucket b = current;
            for (int loc = 0; loc < header.bucketElems; loc++) {
                if (b.hash(loc) == -1) {
                    continue;
                }
                current = b;
                byte[] entry = readEntry(loc);
                int ks = b.keySize(loc);
                action.accept(Arrays.copyOf(entry, ks), Arrays.copyOfRange(entry, ks, entry.length));
            }
        }
    }

    /** {@code get_next_key}: the key of the next used element after {@code loc}. */
    private byte[] nextFrom(int loc) {
        while (true) {
            loc++;
            if (loc == header.bucketElems) {
                loc = 0;
                while (bucketDir < dir.length && current.adr == dir[bucketDir]) {
                    bucketDir++;
                }
                if (bucketDir < dir.length) {
                    getBucket(bucketDir);
                } else {
                    return null;
                }
            }
            if (current.hash(loc) != -1) {
                break;
            }
        }
        byte[] entry = readEntry(loc);
        byte[] key = Arrays.copyOf(entry, current.keySize(loc));
        int hash = GdbmHash.hash(key);
        int b = GdbmHash.bucketDir(hash, header.dirBits);
        if (!(b >= 0 && b < dir.length && dir[b] >= header.blockSize
                && dir[b] == dir[bucketDir] && hash == current.hash(loc))) {
            throw GdbmConst.error(GdbmConst.BAD_HASH_ENTRY);
        }
        scanLoc = loc;
        return key;
    }

    // ---- updates ----

    /**
     * {@code gdbm_store}: stores {@code value} under {@code key}; when the key is there, replaces it
     * if {@code replace}, else leaves it and returns false.
     */
    boolean store(byte[] key, byte[] value, boolean replace) {
        assertConsistent();
        long total = (long) key.length + value.length;
        if (total > Integer.MAX_VALUE) {
            throw GdbmConst.error(GdbmConst.MALFORMED_DATA);
        }
        try {
            int loc = findKey(key);
            int hash = lastHash;
            int newSize = (int) total;
            long fileAdr = 0;
            if (loc != -1) {
                if (!replace) {
                    return false;
                }
                long freeAdr = current.dataPointer(loc);
                int freeSize = current.keySize(loc) + current.dataSize(loc);
                if (freeSize != newSize) {
                    falloc.free(freeAdr, freeSize);
                } else {
                    fileAdr = freeAdr;
                }
            }
            if (fileAdr == 0) {
                fileAdr = falloc.alloc(newSize);
            }
            if (loc == -1) {
                if (current.count == header.bucketElems) {
                    splitBucket(hash);
                }
                int elems = header.bucketElems;
                int start = hash % elems;
                loc = start;
                while (current.hash(loc) != -1) {
                    loc = (loc + 1) % elems;
                    if (loc == start) {
                        throw GdbmConst.error(GdbmConst.BAD_HASH_TABLE);
                    }
                }
                current.count++;
                current.setKey(loc, hash, key);
            }
            current.setData(loc, fileAdr, key.length, value.length);
            byte[] entry = Arrays.copyOf(key, newSize);
            System.arraycopy(value, 0, entry, key.length, value.length);
            writeData(fileAdr, entry, 0, newSize);
            markChanged(current);
            endUpdate();
            return true;
        } catch (RuntimeException e) {
            needRecovery = true;
            throw e;
        }
    }

    /** {@code gdbm_delete}: removes {@code key}; false when it is not there. */
    boolean delete(byte[] key) {
        assertConsistent();
        try {
            int loc = findKey(key);
            if (loc == -1) {
                return false;
            }
            Bucket b = current;
            int elems = header.bucketElems;
            long freeAdr = b.dataPointer(loc);
            int freeSize = b.keySize(loc) + b.dataSize(loc);
            b.clear(loc);
            b.count--;
            int lastLoc = loc;
            loc = (loc + 1) % elems;
            while (loc != lastLoc && b.hash(loc) != -1) {
                int home = b.hash(loc) % elems;
                if ((lastLoc < loc && (home <= lastLoc || home > loc))
                        || (lastLoc > loc && home <= lastLoc && home > loc)) {
                    b.copyElement(lastLoc, b, loc);
                    b.clear(loc);
                    lastLoc = loc;
                }
                loc = (loc + 1) % elems;
            }
            falloc.free(freeAdr, freeSize);
            markChanged(b);
            endUpdate();
            return true;
        } catch (RuntimeException e) {
            needRecovery = true;
            throw e;
        }
    }

    /** {@code _gdbm_split_bucket}: splits the full current bucket, doubling the directory if needed. */
    private void splitBucket(int nextInsert) {
        List<long[]> oldDirs = new ArrayList<>();
        while (current.count == header.bucketElems) {
            int newBits = current.bucketBits + 1;
            long adr0 = falloc.alloc(header.bucketSize);
            Bucket b0 = Bucket.create(header, adr0, newBits);
            long adr1 = falloc.alloc(header.bucketSize);
            Bucket b1 = Bucket.create(header, adr1, newBits);
            if (cache.containsKey(adr0) || cache.containsKey(adr1)) {
                throw GdbmConst.error("Bucket cache corrupted");
            }
            if (header.dirBits == current.bucketBits) {
                if (header.dirSize >= Integer.MAX_VALUE / 2) {
                    throw GdbmConst.error(GdbmConst.DIR_OVERFLOW);
                }
                int dirSize = header.dirSize * 2;
                long dirAdr = falloc.alloc(dirSize);
                long[] newDir = new long[dir.length * 2];
                for (int i = 0; i < dir.length; i++) {
                    newDir[2 * i] = dir[i];
                    newDir[2 * i + 1] = dir[i];
                }
                oldDirs.add(new long[] {header.dir, header.dirSize});
                header.dir = dirAdr;
                header.dirSize = dirSize;
                header.dirBits = newBits;
                headerChanged = true;
                bucketDir *= 2;
                dir = newDir;
            }
            Bucket[] nc = {b0, b1};
            int elems = header.bucketElems;
            for (int i = 0; i < elems; i++) {
                int hv = current.hash(i);
                if (hv < 0) {
                    throw GdbmConst.error(GdbmConst.BAD_HASH_TABLE);
                }
                Bucket to = nc[(hv >> (GdbmConst.HASH_BITS - newBits)) & 1];
                int loc = hv % elems;
                while (to.hash(loc) != -1) {
                    loc = (loc + 1) % elems;
                }
                to.copyElement(loc, current, i);
                to.count++;
            }
            b1.avail.avAdr[0] = falloc.alloc(header.blockSize);
            b1.avail.avSize[0] = header.blockSize;
            b1.avail.count = 1;
            b0.avail.count = current.avail.count;
            int index = 0;
            if (b0.avail.count == GdbmConst.BUCKET_AVAIL) {
                b1.avail.put(current.avail.avSize[0], current.avail.avAdr[0], false);
                index = 1;
                b0.avail.count--;
            }
            for (int index1 = 0; index < current.avail.count; index++, index1++) {
                b0.avail.avSize[index1] = current.avail.avSize[index];
                b0.avail.avAdr[index1] = current.avail.avAdr[index];
            }
            int shift = header.dirBits - newBits;
            int dirStart1 = (bucketDir >> shift) | 1;
            int dirEnd = (dirStart1 + 1) << shift;
            dirStart1 = dirStart1 << shift;
            int dirStart0 = dirStart1 - (dirEnd - dirStart1);
            Arrays.fill(dir, dirStart0, dirStart1, adr0);
            Arrays.fill(dir, dirStart1, dirEnd, adr1);
            markChanged(b0);
            markChanged(b1);
            cachePut(b0);
            cachePut(b1);
            directoryChanged = true;
            bucketDir = GdbmHash.bucketDir(nextInsert, header.dirBits);
            long oldAdr = current.adr;
            cache.remove(oldAdr);
            current.cached = false;
            changed.remove(current);
            if (dir[bucketDir] != adr0) {
                Bucket t = nc[0];
                nc[0] = nc[1];
                nc[1] = t;
            }
            nc[1].avail.put(header.bucketSize, oldAdr, false);
            current = nc[0];
        }
        for (long[] old : oldDirs) {
            falloc.free(old[0], (int) old[1]);
        }
    }

    /** Writes file data (records, avail blocks), raising the on-disk next_block first when needed. */
    void writeData(long adr, byte[] data, int off, int len) {
        ensureDiskNextBlock();
        io.write(adr, data, off, len);
    }

    private void ensureDiskNextBlock() {
        if (header.nextBlock > diskNextBlock) {
            byte[] nb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.nextBlock).array();
            io.write(32, nb);
            diskNextBlock = header.nextBlock;
        }
    }

    /** {@code _gdbm_end_update}: changed buckets, then the directory, then the header. */
    void endUpdate() {
        ensureDiskNextBlock();
        for (Bucket b : changed) {
            io.write(b.adr, b.toBytes(header));
        }
        changed.clear();
        if (directoryChanged) {
            io.write(header.dir, dirBytes());
            directoryChanged = false;
            if (!headerChanged && syncWrites) {
                io.force();
            }
        }
        if (headerChanged) {
            io.write(0, header.toBytes());
            diskNextBlock = header.nextBlock;
            if (syncWrites) {
                io.force();
            }
            io.extend(header.nextBlock);
            headerChanged = false;
        }
    }

    /** {@code gdbm_sync}: counts the sync in a numsync header, writes what is pending, fsyncs. */
    void sync() {
        assertConsistent();
        if (header.ext != null) {
            header.ext[1]++;
            headerChanged = true;
        }
        endUpdate();
        io.force();
    }
}
