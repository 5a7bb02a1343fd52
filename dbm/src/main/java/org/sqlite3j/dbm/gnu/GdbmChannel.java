package org.sqlite3j.dbm.gnu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Positioned reads and writes on a GDBM file ({@code fullio.c}), with the file's bytes kept in memory
 * as libgdbm keeps them in its memory mapping. Every read is checked against the file length before a
 * buffer is allocated, so a corrupt size or address gives {@code Unexpected end of file} rather than a
 * huge allocation; I/O failures become {@code Dbm.GnuError} with GDBM's message.
 *
 * <h2>The file in memory</h2>
 * The file is read in chunks of {@value #CHUNK} bytes the first time a byte of them is needed, and
 * the chunks are kept (at most {@link #cacheLimit} bytes of them, the oldest loaded dropped first), so a
 * lookup that finds its bucket and record in memory makes no system call, as libgdbm's lookups in its
 * mapping make none. Writes go to the file at once ({@code pwrite}, in GDBM's order) and into the
 * chunks they touch. GDBM's lock keeps other writers out while the file is open, so the file changes
 * only through this channel: its length is kept, not asked again.
 *
 * <p>Why not a {@code MappedByteBuffer}: a mapped page whose file was truncated by another process
 * (Python's {@code dbm.gnu.open(path, 'n')} truncates, and libgdbm's {@code flock} and Java's
 * {@code fcntl} locks do not see each other) faults; the JVM turns the fault into an
 * {@code InternalError} thrown "at some later time" (the {@code MappedByteBuffer} contract) — in
 * JDK 17 after the operation has returned, outside any handler of ours — and libgdbm itself dies of
 * SIGBUS there. Chunks read with {@code pread} cannot fault: a truncated file gives
 * {@code Unexpected end of file} when a chunk is loaded, and what was already loaded reads as it was
 * (as libgdbm's bucket cache does).
 */
final class GdbmChannel implements AutoCloseable {

    /** Bytes of a chunk: a power of two, a multiple of every usual block size. */
    static final int CHUNK = 1 << 16;
    private static final int CHUNK_SHIFT = 16;
    /** The most bytes of chunks one open file keeps: 64 MiB, or a sixteenth of the heap if that is less. */
    static final long DEFAULT_CACHE_LIMIT = Math.max(4L * CHUNK,
            Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16));

    final FileChannel channel;
    /**
     * Test hook: when not negative, the number of writes still allowed; the write after them fails
     * as if the process had died there (nothing of it reaches the file).
     */
    int writesLeft = -1;

    /**
     * The file's length as last asked or as this channel's own writes left it; -1: ask again. GDBM's
     * lock keeps other writers out while the file is open, so the length only changes through here.
     */
    private long size = -1;
    /** Chunk {@code i} holds the file's bytes from {@code i * CHUNK}; null: not loaded. */
    private byte[][] chunks = new byte[0][];
    private final long cacheLimit;
    private long cachedBytes;
    /** Where the next eviction starts looking (chunks are dropped in a round). */
    private int evictFrom;

    GdbmChannel(FileChannel channel) {
        this(channel, DEFAULT_CACHE_LIMIT);
    }

    /** Over {@code channel}, keeping at most {@code cacheLimit} bytes of it in memory (at least one chunk). */
    GdbmChannel(FileChannel channel, long cacheLimit) {
        this.channel = channel;
        this.cacheLimit = Math.max(CHUNK, cacheLimit);
    }

    long size() {
        if (size < 0) {
            try {
                size = channel.size();
            } catch (IOException e) {
                throw new org.sqlite3j.dbm.Dbm.GnuError("Cannot stat file", e);
            }
        }
        return size;
    }

    /** Fails with {@code Unexpected end of file} unless the {@code len} bytes at {@code pos} are in the file. */
    void check(long pos, long len) {
        if (pos < 0 || len < 0 || !GdbmConst.sumOk(pos, len) || pos + len > size() || len > Integer.MAX_VALUE - 8) {
            throw GdbmConst.error(GdbmConst.FILE_EOF);
        }
    }

    /** {@code len} bytes at {@code pos}; {@code Unexpected end of file} when they are not all there. */
    byte[] read(long pos, long len) {
        check(pos, len);
        byte[] out = new byte[(int) len];
        int in = (int) (pos & (CHUNK - 1));
        if (in + len <= CHUNK) {
            System.arraycopy(chunk(pos), in, out, 0, out.length);
        } else {
            copy(pos, out, 0, out.length);
        }
        return out;
    }

    /** Copies the {@code len} bytes at {@code pos} (checked by the caller) into {@code dst} from {@code off}. */
    private void copy(long pos, byte[] dst, int off, int len) {
        while (len > 0) {
            byte[] c = chunk(pos);
            int in = (int) (pos & (CHUNK - 1));
            int n = Math.min(len, CHUNK - in);
            System.arraycopy(c, in, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Whether the {@code key.length} bytes at {@code pos} are {@code key}; {@code Unexpected end of file} past the end. */
    boolean equalsAt(long pos, byte[] key) {
        check(pos, key.length);
        int first = (int) (pos & (CHUNK - 1));
        if (first + key.length <= CHUNK) {
            return Arrays.equals(chunk(pos), first, first + key.length, key, 0, key.length);
        }
        int done = 0;
        while (done < key.length) {
            byte[] c = chunk(pos + done);
            int in = (int) ((pos + done) & (CHUNK - 1));
            int n = Math.min(key.length - done, CHUNK - in);
            if (!Arrays.equals(c, in, in + n, key, done, done + n)) {
                return false;
            }
            done += n;
        }
        return true;
    }

    /** The loaded chunk holding {@code pos} (inside the file), loading it first when needed. */
    private byte[] chunk(long pos) {
        long index = pos >>> CHUNK_SHIFT;
        if (index < chunks.length) {
            byte[] c = chunks[(int) index];
            if (c != null) {
                return c;
            }
        }
        return load(index);
    }

    private byte[] load(long index) {
        if (index >= Integer.MAX_VALUE - 8) {
            throw GdbmConst.error(GdbmConst.FILE_EOF);
        }
        int i = (int) index;
        if (i >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(i + 1, (int) Math.min(Integer.MAX_VALUE - 8,
                    (size() >>> CHUNK_SHIFT) + 1)));
        }
        while (cachedBytes + CHUNK > cacheLimit) {
            evictOne();
        }
        long start = index << CHUNK_SHIFT;
        byte[] c = new byte[CHUNK];
        int want = (int) Math.min(CHUNK, size() - start);
        ByteBuffer b = ByteBuffer.wrap(c, 0, want);
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, start + b.position()) < 0) {
                    // the file is shorter than it was: truncated by someone else under us
                    throw GdbmConst.error(GdbmConst.FILE_EOF);
                }
            }
        } catch (IOException e) {
            throw new org.sqlite3j.dbm.Dbm.GnuError(GdbmConst.FILE_READ_ERROR + ": " + e.getMessage(), e);
        }
        chunks[i] = c;
        cachedBytes += CHUNK;
        return c;
    }

    private void evictOne() {
        for (int n = 0; n < chunks.length; n++) {
            int i = (evictFrom + n) % chunks.length;
            if (chunks[i] != null) {
                chunks[i] = null;
                cachedBytes -= CHUNK;
                evictFrom = i + 1;
                return;
            }
        }
        cachedBytes = 0;
    }

    /** Forgets every loaded chunk (after a failed write, or a truncation). */
    private void dropChunks() {
        Arrays.fill(chunks, null);
        cachedBytes = 0;
    }

    /** Writes {@code data} (from {@code off}, {@code len} bytes) at {@code pos}, to the file and the loaded chunks. */
    void write(long pos, byte[] data, int off, int len) {
        if (writesLeft == 0) {
            throw GdbmConst.error("simulated crash before a write");
        }
        if (writesLeft > 0) {
            writesLeft--;
        }
        ByteBuffer b = ByteBuffer.wrap(data, off, len);
        try {
            long p = pos;
            while (b.hasRemaining()) {
                p += channel.write(b, p);
            }
            if (size >= 0 && p > size) {
                size = p;
            }
        } catch (IOException e) {
            size = -1;
            dropChunks();
            throw new org.sqlite3j.dbm.Dbm.GnuError(GdbmConst.FILE_WRITE_ERROR + ": " + e.getMessage(), e);
        }
        mirror(pos, data, off, len);
    }

    /** Copies written bytes into the loaded chunks they fall in (bytes of a chunk past the old end were zeros, as the file's). */
    private void mirror(long pos, byte[] data, int off, int len) {
        while (len > 0) {
            long index = pos >>> CHUNK_SHIFT;
            int in = (int) (pos & (CHUNK - 1));
            int n = Math.min(len, CHUNK - in);
            if (index < chunks.length && chunks[(int) index] != null) {
                System.arraycopy(data, off, chunks[(int) index], in, n);
            }
            pos += n;
            off += n;
            len -= n;
        }
    }

    void write(long pos, byte[] data) {
        write(pos, data, 0, data.length);
    }

    /** {@code _gdbm_file_extend}: makes the file at least {@code size} bytes (the new bytes read as zeros). */
    void extend(long size) {
        if (size() < size) {
            write(size - 1, new byte[1]);
        }
    }

    /** Truncates the file to {@code size} bytes. */
    void truncate(long size) {
        this.size = -1;
        dropChunks();
        try {
            channel.truncate(size);
        } catch (IOException e) {
            throw new org.sqlite3j.dbm.Dbm.GnuError("Error truncating file: " + e.getMessage(), e);
        }
    }

    /** fsync. */
    void force() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new org.sqlite3j.dbm.Dbm.GnuError("Error synchronizing file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        chunks = new byte[0][];
        cachedBytes = 0;
        try {
            channel.close();
        } catch (IOException e) {
            throw new org.sqlite3j.dbm.Dbm.GnuError("Error closing file: " + e.getMessage(), e);
        }
    }
}
