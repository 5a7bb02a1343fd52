package org.sqlite3j.dbm.gnu;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A table of free file space: GDBM's {@code avail_elem} array ({@code av_size}, {@code av_adr}),
 * kept sorted by {@code av_size} in ascending order. The same structure serves as the header's
 * {@code avail_block}, a pushed avail block on disk, and a bucket's {@code bucket_avail[6]}.
 *
 * <p>The operations are falloc.c's table routines ({@code avail_lookup}, {@code get_elem},
 * {@code _gdbm_put_av_elem}), including their memmoves, so the stale entries past {@code count}
 * are what GDBM would leave there too.
 */
final class AvailTable {

    /** {@code size}: capacity in elements (the on-disk {@code size} field for avail blocks). */
    int size;
    /** {@code count}: entries in use. */
    int count;
    /** {@code next_block}: file address of the next avail block on the stack (0 for none). */
    long nextBlock;
    final int[] avSize;
    final long[] avAdr;

    /** A table of {@code capacity} slots (arrays) whose {@code size} field says {@code size}. */
    AvailTable(int capacity, int size) {
        this.avSize = new int[capacity];
        this.avAdr = new long[capacity];
        this.size = size;
    }

    int capacity() {
        return avSize.length;
    }

    /** {@code avail_lookup}: the index of the first entry whose size is at least {@code want}. */
    int lookup(int want) {
        int start = 0;
        int n = count;
        while (n > 0) {
            int pivot = start + (n >> 1);
            if (want == avSize[pivot]) {
                return pivot;
            }
            if (want > avSize[pivot]) {
                start = pivot + 1;
                n--;
            }
            n >>= 1;
        }
        return start;
    }

    /** {@code avail_move}: entries from {@code src} on move to {@code dst}; count follows. */
    private void move(int src, int dst) {
        int n = count - src;
        if (n > 0) {
            System.arraycopy(avSize, src, avSize, dst, n);
            System.arraycopy(avAdr, src, avAdr, dst, n);
        }
        count += dst - src;
    }

    /**
     * {@code get_elem}: removes and returns (as {@code {size, adr}}) the first entry of at least
     * {@code want} bytes, or {@code {0, 0}} when there is none.
     */
    long[] getElem(int want) {
        int index = lookup(want);
        if (index >= count) {
            return new long[] {0, 0};
        }
        long[] val = {avSize[index], avAdr[index]};
        move(index + 1, index);
        return val;
    }

    /**
     * {@code _gdbm_put_av_elem}: inserts a free block in size order, first merging it with adjacent
     * entries when {@code canMerge}. Blocks of {@link GdbmConst#IGNORE_SIZE} bytes or less are dropped.
     * The caller makes sure there is room.
     */
    void put(int elSize, long elAdr, boolean canMerge) {
        if (elSize <= GdbmConst.IGNORE_SIZE) {
            return;
        }
        if (canMerge) {
            for (int i = 0; i < count; i++) {
                if (avAdr[i] + avSize[i] == elAdr) {
                    elSize += avSize[i];
                    elAdr = avAdr[i];
                    move(i + 1, i);
                    --i;
                }
                // GDBM reads av_table[i] here even when i became -1 above; an entry at -1 never matches.
                if (i >= 0 && elAdr + elSize == avAdr[i]) {
                    elSize += avSize[i];
                    move(i + 1, i);
                    --i;
                }
            }
        }
        if (count >= capacity()) {
            throw GdbmConst.error(GdbmConst.BAD_AVAIL);
        }
        int index = lookup(elSize);
        move(index, index + 1);
        avSize[index] = elSize;
        avAdr[index] = elAdr;
    }

    /**
     * {@code gdbm_avail_table_valid_p}: every entry lies past the first bucket and inside
     * {@code nextBlock}; when {@code sortIfNeeded}, restores size order as GDBM does for writers.
     */
    boolean valid(int bucketSize, long nextBlockOfFile, boolean sortIfNeeded) {
        if (count < 0 || count > capacity()) {
            return false;
        }
        long prev = 0;
        boolean needsSorting = false;
        for (int i = 0; i < count; i++) {
            if (!(avAdr[i] >= bucketSize && GdbmConst.sumOk(avAdr[i], avSize[i])
                    && avAdr[i] + avSize[i] <= nextBlockOfFile)) {
                return false;
            }
            if (avSize[i] < prev) {
                needsSorting = true;
            }
            prev = avSize[i];
        }
        if (needsSorting && sortIfNeeded) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(avSize[a], avSize[b]));
            int[] s = new int[count];
            long[] a = new long[count];
            for (int i = 0; i < count; i++) {
                s[i] = avSize[order[i]];
                a[i] = avAdr[order[i]];
            }
            System.arraycopy(s, 0, avSize, 0, count);
            System.arraycopy(a, 0, avAdr, 0, count);
        }
        return true;
    }

    /** Reads {@code n} elements (16 bytes each) starting at the buffer's {@code offset}. */
    void readElems(ByteBuffer b, int offset, int n) {
        for (int i = 0; i < n; i++) {
            avSize[i] = b.getInt(offset + i * GdbmConst.AVAIL_ELEM_SIZE);
            avAdr[i] = b.getLong(offset + i * GdbmConst.AVAIL_ELEM_SIZE + 8);
        }
    }

    /** Writes every slot (also those past {@code count}) as 16-byte elements at {@code offset}. */
    void writeElems(ByteBuffer b, int offset) {
        for (int i = 0; i < capacity(); i++) {
            b.putInt(offset + i * GdbmConst.AVAIL_ELEM_SIZE, avSize[i]);
            b.putInt(offset + i * GdbmConst.AVAIL_ELEM_SIZE + 4, 0);
            b.putLong(offset + i * GdbmConst.AVAIL_ELEM_SIZE + 8, avAdr[i]);
        }
    }

    /** Reads an {@code avail_block} (size, count, next_block, table) at {@code offset}; capacity bounds the table. */
    static AvailTable readBlock(ByteBuffer b, int offset, int capacity) {
        AvailTable t = new AvailTable(capacity, b.getInt(offset));
        t.count = b.getInt(offset + 4);
        t.nextBlock = b.getLong(offset + 8);
        if (t.count >= 0 && t.count <= capacity) {
            t.readElems(b, offset + GdbmConst.AVAIL_TABLE_OFFSET, capacity);
        }
        return t;
    }

    /** Writes this table as an {@code avail_block} at {@code offset}. */
    void writeBlock(ByteBuffer b, int offset) {
        b.putInt(offset, size);
        b.putInt(offset + 4, count);
        b.putLong(offset + 8, nextBlock);
        writeElems(b, offset + GdbmConst.AVAIL_TABLE_OFFSET);
    }
}
