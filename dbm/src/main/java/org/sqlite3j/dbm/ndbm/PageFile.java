package org.sqlite3j.dbm.ndbm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlite3j.dbm.Dbm;

/**
 * The pages of one Berkeley DB file, read on demand from a {@link FileChannel} in the meta page's byte
 * order. Page {@code n} is the {@code pagesize} bytes at {@code n * pagesize}; a page that is not
 * wholly inside the file (or beyond {@code last_pgno}) is reported as corruption, never read short.
 * Not thread-safe.
 */
public final class PageFile implements AutoCloseable {

    private final FileChannel channel;
    private final HashMeta meta;
    private final long pageCount;
    private static final int CACHED_PAGES = 32;
    private final Map<Long, ByteBuffer> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ByteBuffer> eldest) {
            return size() > CACHED_PAGES;
        }
    };

    /**
     * Over {@code channel} (positioned reads only; closed by {@link #close}), whose first page is
     * {@code meta}. The page count is {@code last_pgno + 1}; a file shorter than that is truncated.
     */
    public PageFile(FileChannel channel, HashMeta meta) throws IOException {
        this.channel = channel;
        this.meta = meta;
        long size = channel.size();
        long pages = meta.lastPgno() + 1;
        if (pages * meta.pagesize() > size) {
            throw HashMeta.corrupt("truncated: last_pgno " + meta.lastPgno() + " needs "
                    + pages * meta.pagesize() + " bytes, the file has " + size);
        }
        this.pageCount = pages;
    }

    public HashMeta meta() {
        return meta;
    }

    /** {@code last_pgno + 1}: how many pages there are. */
    public long pageCount() {
        return pageCount;
    }

    /**
     * Page {@code pgno} as a read-only buffer of {@code pagesize} bytes in the file's byte order (the
     * last {@value #CACHED_PAGES} pages read are kept).
     */
    public ByteBuffer page(long pgno) {
        if (pgno < 0 || pgno >= pageCount) {
            throw HashMeta.corrupt("page " + pgno + " is beyond the last page " + (pageCount - 1));
        }
        ByteBuffer cached = cache.get(pgno);
        if (cached == null) {
            cached = read(pgno);
            cache.put(pgno, cached);
        }
        return cached.duplicate().order(meta.order());
    }

    private ByteBuffer read(long pgno) {
        ByteBuffer buf = ByteBuffer.allocate(meta.pagesize());
        long position = pgno * meta.pagesize();
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, position + buf.position());
                if (n < 0) {
                    throw HashMeta.corrupt("page " + pgno + " ends past the end of the file");
                }
            }
        } catch (IOException e) {
            throw new Dbm.NdbmError("cannot read page " + pgno + ": " + e.getMessage(), e);
        }
        return buf.flip().asReadOnlyBuffer();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
