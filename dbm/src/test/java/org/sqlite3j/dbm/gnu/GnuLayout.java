package org.sqlite3j.dbm.gnu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A text description of everything GDBM interprets in a file: header fields, the header avail table
 * and the avail stack, the directory, and each bucket's bits, count, avail and live elements
 * (hash, key start, record address and sizes). Two files with the same description have the same
 * layout; stale bytes GDBM leaves in unused slots are not part of it.
 */
final class GnuLayout {

    private GnuLayout() {
    }

    static String describe(Path file) throws IOException {
        try (GdbmChannel io = new GdbmChannel(FileChannel.open(file, StandardOpenOption.READ))) {
            long size = io.size();
            Header h = Header.parseFixed(io.read(0, GdbmConst.FILE_HEADER_SIZE), size);
            h.parseBlock(io.read(0, h.blockSize), false);
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT,
                    "magic=%x block=%d dir=%d dir_size=%d dir_bits=%d bucket_size=%d elems=%d next=%d file=%d%n",
                    h.magic, h.blockSize, h.dir, h.dirSize, h.dirBits, h.bucketSize, h.bucketElems, h.nextBlock, size));
            if (h.ext != null) {
                sb.append("numsync=").append(h.ext[1]).append('\n');
            }
            avail(sb, "header", h.avail);
            long next = h.avail.nextBlock;
            int stackBytes = ((h.avail.size * GdbmConst.AVAIL_ELEM_SIZE) >> 1) + GdbmConst.AVAIL_BLOCK_SIZE;
            for (int guard = 0; next != 0 && guard < 10_000; guard++) {
                ByteBuffer b = ByteBuffer.wrap(io.read(next, stackBytes)).order(ByteOrder.LITTLE_ENDIAN);
                AvailTable t = AvailTable.readBlock(b, 0, (stackBytes - GdbmConst.AVAIL_TABLE_OFFSET) / 16);
                avail(sb, "stack@" + next, t);
                next = t.nextBlock;
            }
            ByteBuffer d = ByteBuffer.wrap(io.read(h.dir, h.dirSize)).order(ByteOrder.LITTLE_ENDIAN);
            Set<Long> buckets = new LinkedHashSet<>();
            sb.append("dir:");
            for (int i = 0; i < h.dirSize / 8; i++) {
                long adr = d.getLong(i * 8);
                sb.append(' ').append(adr);
                buckets.add(adr);
            }
            sb.append('\n');
            for (long adr : buckets) {
                Bucket k = Bucket.parse(io.read(adr, h.bucketSize), adr, h, false);
                sb.append(String.format(Locale.ROOT, "bucket@%d bits=%d count=%d%n", adr, k.bucketBits, k.count));
                avail(sb, "  avail", k.avail);
                for (int i = 0; i < k.elems(); i++) {
                    if (k.hash(i) != -1) {
                        int n = Math.min(GdbmConst.SMALL, k.keySize(i));
                        sb.append(String.format(Locale.ROOT, "  %d: %08x %s @%d %d+%d%n", i, k.hash(i),
                                GnuPython.hex(java.util.Arrays.copyOf(littleEndian(k.keyStart(i)), n)), k.dataPointer(i),
                                k.keySize(i), k.dataSize(i)));
                    }
                }
            }
            return sb.toString();
        }
    }

    private static byte[] littleEndian(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static void avail(StringBuilder sb, String name, AvailTable t) {
        sb.append(name).append(" count=").append(t.count).append(" next=").append(t.nextBlock).append(':');
        for (int i = 0; i < t.count; i++) {
            sb.append(' ').append(t.avSize[i]).append('@').append(t.avAdr[i]);
        }
        sb.append('\n');
    }
}
