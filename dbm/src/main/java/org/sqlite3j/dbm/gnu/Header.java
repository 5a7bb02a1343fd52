package org.sqlite3j.dbm.gnu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Block 0 of a GDBM file: {@code gdbm_file_header}, the optional extension header of the
 * "numsync" format, and the active avail table, which fills the rest of the block.
 *
 * <pre>
 *  0 header_magic   4 block_size   8 dir (off_t)   16 dir_size   20 dir_bits
 * 24 bucket_size   28 bucket_elems  32 next_block (off_t)
 * standard: 40 avail_block {size, count, next_block, av_table[]}
 * numsync:  40 gdbm_ext_header {version, numsync, pad[6]}, 72 avail_block
 * </pre>
 *
 * <p>{@link #parse} validates exactly as gdbmopen.c's {@code validate_header} (same checks, same
 * order, same messages), and bounds every offset by the file length before anything is read.
 */
final class Header {

    int magic;
    int blockSize;
    long dir;
    int dirSize;
    int dirBits;
    int bucketSize;
    int bucketElems;
    long nextBlock;
    /** Non-null for the numsync format: {@code {version, numsync}}. */
    int[] ext;
    AvailTable avail;
    /** The block as read or last built: bytes GDBM does not interpret are written back unchanged. */
    private byte[] raw;
    /** True when {@code next_block} is below the file size: GDBM's "needs recovery". */
    boolean needsRecovery;

    boolean numsync() {
        return ext != null;
    }

    /** Offset of the avail block in the header. */
    int availOffset() {
        return GdbmConst.FILE_HEADER_SIZE + (numsync() ? GdbmConst.EXT_HEADER_SIZE : 0);
    }

    /** {@code compute_directory_size}: {@code {dir_size, dir_bits}} for a block size. */
    static int[] directorySize(long blockSize) {
        int size = 8 * GdbmConst.OFF_T;
        int bits = 3;
        long bs = Math.min(blockSize, Integer.MAX_VALUE / 2);
        while (size < bs && bits < GdbmConst.HASH_BITS - 3) {
            size <<= 1;
            bits++;
        }
        return new int[] {size, bits};
    }

    /** {@code bucket_element_count}. */
    static int bucketElementCount(int bucketSize) {
        return (bucketSize - GdbmConst.HASH_BUCKET_SIZE) / GdbmConst.BUCKET_ELEMENT_SIZE + 1;
    }

    /** A new, empty database's header for {@code blockSize} (already a valid directory size). */
    static Header create(int blockSize, boolean numsync) {
        Header h = new Header();
        h.magic = numsync ? GdbmConst.NUMSYNC_MAGIC64 : GdbmConst.MAGIC64;
        h.blockSize = blockSize;
        int[] ds = directorySize(blockSize);
        h.dirSize = ds[0];
        h.dirBits = ds[1];
        h.dir = blockSize;
        h.bucketElems = bucketElementCount(blockSize);
        h.bucketSize = blockSize;
        h.nextBlock = 4L * blockSize;
        if (numsync) {
            h.ext = new int[] {0, 0};
        }
        int availBytes = blockSize - h.availOffset();
        int size = (availBytes - GdbmConst.AVAIL_TABLE_OFFSET) / GdbmConst.AVAIL_ELEM_SIZE;
        h.avail = new AvailTable(size, size);
        h.raw = new byte[blockSize];
        return h;
    }

    /**
     * Validates the fixed part ({@code first}, at least {@link GdbmConst#FILE_HEADER_SIZE} bytes)
     * against the file length: GDBM's {@code validate_header}. Returns the block size to read.
     */
    static Header parseFixed(byte[] first, long fileSize) {
        ByteBuffer b = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN);
        Header h = new Header();
        h.magic = b.getInt(0);
        switch (h.magic) {
            case GdbmConst.OMAGIC:
            case GdbmConst.MAGIC64:
            case GdbmConst.NUMSYNC_MAGIC64:
                break;
            case GdbmConst.OMAGIC_SWAP:
            case GdbmConst.MAGIC32_SWAP:
            case GdbmConst.MAGIC64_SWAP:
            case GdbmConst.NUMSYNC_MAGIC32_SWAP:
            case GdbmConst.NUMSYNC_MAGIC64_SWAP:
                throw GdbmConst.error(GdbmConst.BYTE_SWAPPED);
            case GdbmConst.MAGIC32:
            case GdbmConst.NUMSYNC_MAGIC32:
                throw GdbmConst.error(GdbmConst.BAD_FILE_OFFSET);
            default:
                throw GdbmConst.error(GdbmConst.BAD_MAGIC_NUMBER);
        }
        h.blockSize = b.getInt(4);
        h.dir = b.getLong(8);
        h.dirSize = b.getInt(16);
        h.dirBits = b.getInt(20);
        h.bucketSize = b.getInt(24);
        h.bucketElems = b.getInt(28);
        h.nextBlock = b.getLong(32);
        long fixed = GdbmConst.FILE_HEADER_SIZE
                + (h.magic == GdbmConst.NUMSYNC_MAGIC64 ? GdbmConst.EXT_HEADER_SIZE : 0);
        if (!(h.blockSize > 0 && h.blockSize > fixed && h.blockSize - fixed >= GdbmConst.AVAIL_BLOCK_SIZE)) {
            throw GdbmConst.error(GdbmConst.BLOCK_SIZE_ERROR);
        }
        h.needsRecovery = h.nextBlock < fileSize;
        if (!(h.dir > 0 && h.dir < fileSize && h.dirSize > 0 && h.dir + h.dirSize < fileSize)) {
            throw GdbmConst.error(GdbmConst.BAD_HEADER);
        }
        if (!(h.dirSize >= directorySize(h.blockSize)[0])) {
            throw GdbmConst.error(GdbmConst.BAD_HEADER);
        }
        if (h.dirBits != directorySize(h.dirSize)[1]) {
            throw GdbmConst.error(GdbmConst.BAD_HEADER);
        }
        if (!(h.bucketSize > GdbmConst.HASH_BUCKET_SIZE)) {
            throw GdbmConst.error(GdbmConst.BAD_HEADER);
        }
        if (h.bucketElems != bucketElementCount(h.bucketSize)) {
            throw GdbmConst.error(GdbmConst.BAD_HEADER);
        }
        // GDBM would now read block_size bytes; a header block longer than the file cannot be read.
        if (h.blockSize > fileSize) {
            throw GdbmConst.error(GdbmConst.FILE_EOF);
        }
        return h;
    }

    /** Completes a header from its whole block (avail table, extension header), as gdbm_fd_open does. */
    void parseBlock(byte[] block, boolean writer) {
        raw = block;
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        if (magic == GdbmConst.NUMSYNC_MAGIC64) {
            ext = new int[] {b.getInt(40), b.getInt(44)};
        }
        int off = availOffset();
        int declared = b.getInt(off);
        int expected = (blockSize - (off + GdbmConst.AVAIL_BLOCK_SIZE)) / GdbmConst.AVAIL_ELEM_SIZE + 1;
        if (declared != expected) {
            throw GdbmConst.error(GdbmConst.BAD_HEADER);
        }
        int capacity = (blockSize - off - GdbmConst.AVAIL_TABLE_OFFSET) / GdbmConst.AVAIL_ELEM_SIZE;
        avail = AvailTable.readBlock(b, off, Math.max(capacity, declared));
        validateAvail(avail, blockSize - off, this, writer);
    }

    /** {@code gdbm_avail_block_validate} for a block of {@code bytes} bytes. */
    static void validateAvail(AvailTable t, long bytes, Header h, boolean writer) {
        if (!(bytes > GdbmConst.AVAIL_BLOCK_SIZE
                && t.size > 1 && t.count >= 0 && t.count <= t.size
                && (bytes - GdbmConst.AVAIL_BLOCK_SIZE) / GdbmConst.AVAIL_ELEM_SIZE + 1 >= t.count
                && t.valid(h.bucketSize, h.nextBlock, writer))) {
            throw GdbmConst.error(GdbmConst.BAD_AVAIL);
        }
    }

    /** The whole header block as GDBM writes it. */
    byte[] toBytes() {
        byte[] out = raw.length == blockSize ? raw.clone() : new byte[blockSize];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, magic);
        b.putInt(4, blockSize);
        b.putLong(8, dir);
        b.putInt(16, dirSize);
        b.putInt(20, dirBits);
        b.putInt(24, bucketSize);
        b.putInt(28, bucketElems);
        b.putLong(32, nextBlock);
        if (ext != null) {
            b.putInt(40, ext[0]);
            b.putInt(44, ext[1]);
        }
        int off = availOffset();
        b.putInt(off, avail.size);
        b.putInt(off + 4, avail.count);
        b.putLong(off + 8, avail.nextBlock);
        int room = (blockSize - off - GdbmConst.AVAIL_TABLE_OFFSET) / GdbmConst.AVAIL_ELEM_SIZE;
        for (int i = 0; i < Math.min(room, avail.capacity()); i++) {
            int p = off + GdbmConst.AVAIL_TABLE_OFFSET + i * GdbmConst.AVAIL_ELEM_SIZE;
            b.putInt(p, avail.avSize[i]);
            b.putLong(p + 8, avail.avAdr[i]);
        }
        raw = out;
        return out.clone();
    }
}
