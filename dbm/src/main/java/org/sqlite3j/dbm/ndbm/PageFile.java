package org.sqlite3j.dbm.ndbm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlite3j.dbm.Dbm;

/**
 * The pages of one Berkeley DB file, read on demand from a {@link FileChannel} in the meta page's byte
 * order and kept: every page read stays in memory while the pages kept take at most
 * {@link #DEFAULT_CACHE_LIMIT} bytes (64 MiB, or a sixteenth of the heap if that is less); past that the
 * least recently used page is dropped. So a reader that has seen the file once makes no system call
 * per lookup (Berkeley DB's own pool, 256 KiB by default, is far smaller, and it reads a page per miss).
 * Page {@code n} is the {@code pagesize} bytes at {@code n * pagesize}; a page that is not wholly inside
 * the file (or beyond {@code last_pgno}) is reported as corruption, never read short — also when the file
 * was truncated under us after it was opened.
 *
 * <p>Not a {@code MappedByteBuffer}: a mapped file that another process truncates faults, and the JVM
 * reports that as an {@code InternalError} at some later point, outside any handler here. Pages read
 * with {@code pread} cannot fault. A page already kept reads as it was when it was read (as a page in
 * Berkeley DB's pool does). Not thread-safe.
 */
public final class PageFile implements AutoCloseable {

    /** The most bytes of pages one open file keeps: 64 MiB, or a sixteenth of the heap if that is less. */
    public static final long DEFAULT_CACHE_LIMIT = Math.max(1L << 20,
            Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16));

    private final FileChannel channel;
    private final HashMeta meta;
    private final long pageCount;
    /** Every page of a file that fits the limit, by page number (null: not read yet). */
    private final ByteBuffer[] all;
    /** The most recently used pages of a file that does not fit the limit. */
    private final Map<Long, ByteBuffer> recent;

    /**
     * Over {@code channel} (positioned reads only; closed by {@link #close}), whose first page is
     * {@code meta}. The page count is {@code last_pgno + 1}; a file shorter than that is truncated.
     */
    public PageFile(FileChannel channel, HashMeta meta) throws IOException {
        this(channel, meta, DEFAULT_CACHE_LIMIT);
    }

    /** As {@link #PageFile(FileChannel, HashMeta)}, keeping at most {@code cacheLimit} bytes of pages (at least 4 pages). */
    public PageFile(FileChannel channel, HashMeta meta, long cacheLimit) throws IOException {
        this.channel = channel;
        this.meta = meta;
        long size = channel.size();
        long pages = meta.lastPgno() + 1;
        if (pages * meta.pagesize() > size) {
            throw HashMeta.corrupt("truncated: last_pgno " + meta.lastPgno() + " needs "
                    + pages * meta.pagesize() + " bytes, the file has " + size);
        }
        this.pageCount = pages;
        int maxPages = (int) Math.max(4, Math.min(Integer.MAX_VALUE - 8, cacheLimit / meta.pagesize()));
        if (pages <= maxPages) {
            all = new ByteBuffer[(int) pages];
            recent = null;
        } else {
            all = null;
            recent = new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, ByteBuffer> eldest) {
                    return size() > maxPages;
                }
            };
        }
    }

    public HashMeta meta() {
        return meta;
    }

    /** {@code last_pgno + 1}: how many pages there are. */
    public long pageCount() {
        return pageCount;
    }

    /**
     * Page {@code pgno} as a read-only buffer of {@code pagesize} bytes in the file's byte order. The
     * buffer is shared by every caller: read it with absolute gets only.
     */
    public ByteBuffer page(long pgno) {
        if (pgno < 0 || pgno >= pageCount) {
            throw HashMeta.corrupt("page " + pgno + " is beyond the last page " + (pageCount - 1));
        }
        if (all != null) {
            ByteBuffer p = all[(int) pgno];
            if (p == null) {
                p = read(pgno);
                all[(int) pgno] = p;
            }
            return p;
        }
        ByteBuffer p = recent.get(pgno);
        if (p == null) {
            p = read(pgno);
            recent.put(pgno, p);
        }
        return p;
    }

    private ByteBuffer read(long pgno) {
        ByteBuffer buf = ByteBuffer.allocate(meta.pagesize());
        long position = pgno * meta.pagesize();
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, position + buf.position());
                if (n < 0) {
                    throw HashMeta.corrupt("page " + pgno + " ends past the end of the file"
                            + " (the file is shorter than when it was opened)");
                }
            }
        } catch (IOException e) {
            throw new Dbm.NdbmError("cannot read page " + pgno + ": " + e.getMessage(), e);
        }
        return buf.flip().asReadOnlyBuffer().order(meta.order());
    }

    @Override
    public void close() throws IOException {
        if (all != null) {
            java.util.Arrays.fill(all, null);
        } else {
            recent.clear();
        }
        channel.close();
    }
}
