package org.sqlite3j.dbm.gnu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * File space management, as GDBM 1.23's falloc.c does it, so that a file written here has its
 * records, buckets and free lists where libgdbm would have put them.
 *
 * <p>Space is taken first from the current bucket's six {@code bucket_avail} entries, then from the
 * header's avail table (after popping an avail block from the on-disk stack when the table is at most
 * half full), then from whole new blocks at {@code next_block}. Freed space goes to the bucket when it
 * is smaller than a block and the bucket has room, else to the header table; a full header table is
 * split and half of it pushed to the stack as an avail block. After a header change the current
 * bucket's avail is kept about a third full ({@code adjust_bucket_avail}).
 */
final class Falloc {

    private final GdbmEngine db;

    Falloc(GdbmEngine db) {
        this.db = db;
    }

    /** {@code _gdbm_alloc}: the address of {@code numBytes} new bytes of file space. */
    long alloc(int numBytes) {
        Bucket bucket = db.current;
        AvailTable av = db.header.avail;
        long[] el = bucket.avail.getElem(numBytes);
        if (el[0] == 0) {
            if (av.count <= (av.size >> 1) && av.nextBlock != 0) {
                popAvailBlock();
            }
            el = av.getElem(numBytes);
            if (el[0] == 0) {
                el = getBlock(numBytes);
            }
            db.headerChanged = true;
        }
        long fileAdr = el[1];
        free(el[1] + numBytes, (int) (el[0] - numBytes));
        return fileAdr;
    }

    /** {@code _gdbm_free}: makes {@code numBytes} at {@code fileAdr} available again. */
    void free(long fileAdr, int numBytes) {
        if (numBytes <= GdbmConst.IGNORE_SIZE) {
            return;
        }
        AvailTable av = db.header.avail;
        Bucket bucket = db.current;
        if (numBytes >= db.header.blockSize) {
            if (av.count == av.size) {
                pushAvailBlock();
            }
            av.put(numBytes, fileAdr, false);
            db.headerChanged = true;
        } else if (bucket.avail.count < GdbmConst.BUCKET_AVAIL) {
            bucket.avail.put(numBytes, fileAdr, false);
        } else {
            if (av.count == av.size) {
                pushAvailBlock();
            }
            av.put(numBytes, fileAdr, false);
            db.headerChanged = true;
        }
        if (db.headerChanged) {
            adjustBucketAvail();
        }
    }

    /** Bytes of an avail block on the stack: half the header table plus the block's own fields. */
    private int stackBlockBytes() {
        return ((db.header.avail.size * GdbmConst.AVAIL_ELEM_SIZE) >> 1) + GdbmConst.AVAIL_BLOCK_SIZE;
    }

    /** {@code pop_avail_block}: merges the avail block on top of the stack into the header table. */
    private void popAvailBlock() {
        AvailTable av = db.header.avail;
        if (av.count == av.size) {
            pushAvailBlock();
        }
        long adr = av.nextBlock;
        int bytes = stackBlockBytes();
        byte[] raw = db.io.read(adr, bytes);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int capacity = (bytes - GdbmConst.AVAIL_TABLE_OFFSET) / GdbmConst.AVAIL_ELEM_SIZE;
        AvailTable blk = AvailTable.readBlock(b, 0, capacity);
        if (blk.count > capacity) {
            throw GdbmConst.error(GdbmConst.BAD_AVAIL);
        }
        Header.validateAvail(blk, bytes, db.header, true);
        int index = 0;
        while (index < blk.count) {
            while (index < blk.count && av.count < av.size) {
                av.put(blk.avSize[index], blk.avAdr[index], true);
                index++;
            }
            if (av.count == av.size) {
                pushAvailBlock();
            }
        }
        av.nextBlock = blk.nextBlock;
        db.headerChanged = true;
        if (av.count == av.size) {
            pushAvailBlock();
        }
        av.put(bytes, adr, true);
    }

    /** {@code push_avail_block}: splits the header table and writes half of it to the stack. */
    private void pushAvailBlock() {
        AvailTable av = db.header.avail;
        int avSize = stackBlockBytes();
        long[] loc = av.getElem(avSize);
        if (loc[0] == 0) {
            loc = getBlock(avSize);
        }
        long avAdr = loc[1];
        int capacity = (avSize - GdbmConst.AVAIL_TABLE_OFFSET) / GdbmConst.AVAIL_ELEM_SIZE;
        AvailTable temp = new AvailTable(capacity, av.size);
        temp.nextBlock = av.nextBlock;
        av.nextBlock = avAdr;
        for (int index = 1; index < av.count; index++) {
            if ((index & 1) == 1) {
                temp.avSize[temp.count] = av.avSize[index];
                temp.avAdr[temp.count] = av.avAdr[index];
                temp.count++;
            } else {
                av.avSize[index >> 1] = av.avSize[index];
                av.avAdr[index >> 1] = av.avAdr[index];
            }
        }
        av.count -= temp.count;
        free(loc[1] + avSize, (int) (loc[0] - avSize));
        byte[] out = new byte[avSize];
        temp.writeBlock(ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN), 0);
        db.writeData(avAdr, out, 0, out.length);
    }

    /** {@code get_block}: whole blocks at the end of the file, at least {@code size} bytes. */
    private long[] getBlock(int size) {
        Header h = db.header;
        long adr = h.nextBlock;
        long bytes = h.blockSize;
        while (bytes < size) {
            bytes += h.blockSize;
        }
        h.nextBlock += bytes;
        db.headerChanged = true;
        return new long[] {bytes, adr};
    }

    /** {@code adjust_bucket_avail}: keeps the current bucket's avail table about a third full. */
    private void adjustBucketAvail() {
        int third = GdbmConst.BUCKET_AVAIL / 3;
        Bucket bucket = db.current;
        AvailTable av = db.header.avail;
        if (bucket.avail.count < third) {
            if (av.count > 0) {
                av.count -= 1;
                bucket.avail.put(av.avSize[av.count], av.avAdr[av.count], false);
                db.markChanged(bucket);
            }
            return;
        }
        while (bucket.avail.count > GdbmConst.BUCKET_AVAIL - third && av.count < av.size) {
            long[] el = bucket.avail.getElem(0);
            if (el[0] == 0) {
                throw GdbmConst.error(GdbmConst.BAD_AVAIL);
            }
            av.put((int) el[0], el[1], false);
            db.markChanged(bucket);
        }
    }
}
