package org.sqlite3j.dbm.gnu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positioned reads and writes on a GDBM file ({@code fullio.c}). Every read is checked against the
 * file length before a buffer is allocated, so a corrupt size or address gives
 * {@code Unexpected end of file} rather than a huge allocation; I/O failures become
 * {@code Dbm.GnuError} with GDBM's message.
 */
final class GdbmChannel implements AutoCloseable {

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

    GdbmChannel(FileChannel channel) {
        this.channel = channel;
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

    /** {@code len} bytes at {@code pos}; {@code Unexpected end of file} when they are not all there. */
    byte[] read(long pos, long len) {
        if (pos < 0 || len < 0 || !GdbmConst.sumOk(pos, len) || pos + len > size() || len > Integer.MAX_VALUE - 8) {
            throw GdbmConst.error(GdbmConst.FILE_EOF);
        }
        byte[] out = new byte[(int) len];
        ByteBuffer b = ByteBuffer.wrap(out);
        try {
            long p = pos;
            while (b.hasRemaining()) {
                int n = channel.read(b, p);
                if (n < 0) {
                    throw GdbmConst.error(GdbmConst.FILE_EOF);
                }
                p += n;
            }
        } catch (IOException e) {
            throw new org.sqlite3j.dbm.Dbm.GnuError(GdbmConst.FILE_READ_ERROR + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Writes {@code data} (from {@code off}, {@code len} bytes) at {@code pos}. */
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
            throw new org.sqlite3j.dbm.Dbm.GnuError(GdbmConst.FILE_WRITE_ERROR + ": " + e.getMessage(), e);
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
        try {
            channel.close();
        } catch (IOException e) {
            throw new org.sqlite3j.dbm.Dbm.GnuError("Error closing file: " + e.getMessage(), e);
        }
    }
}
