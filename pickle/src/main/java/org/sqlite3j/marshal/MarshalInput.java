package org.sqlite3j.marshal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The bytes {@link MarshalReader} reads: an in-memory array ({@code marshal.loads}) or a stream
 * ({@code marshal.load}). A stream is never read past what the object needs, and a payload's buffer
 * grows only as its bytes arrive, so a huge declared length cannot allocate more than the data holds.
 * The end-of-data messages are CPython's for each form.
 */
final class MarshalInput {
    private static final int CHUNK = 1 << 16;

    private final InputStream in;
    /** The data ({@code loads}) or the scratch buffer the last {@link #take} filled ({@code load}). */
    byte[] buf;
    private int pos;
    private final int end;

    MarshalInput(byte[] data, int offset, int length) {
        this.in = null;
        this.buf = data;
        this.pos = offset;
        this.end = offset + length;
    }

    MarshalInput(InputStream in) {
        this.in = in;
        this.buf = new byte[64];
        this.pos = 0;
        this.end = 0;
    }

    /** The next byte (0–255), or -1 at the end of the data. */
    int readByte() {
        if (in == null) {
            return pos < end ? buf[pos++] & 0xff : -1;
        }
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the next {@code n} bytes readable in {@link #buf} and returns their offset there.
     *
     * @throws EOFError when fewer than {@code n} bytes remain
     */
    int take(int n) {
        if (in == null) {
            if (end - pos < n) {
                throw new EOFError("marshal data too short");
            }
            int at = pos;
            pos += n;
            return at;
        }
        if (buf.length < n) {
            buf = new byte[Math.min(n, Math.max(CHUNK, buf.length))];
        }
        int got = 0;
        try {
            while (got < n) {
                if (got == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
                }
                int r = in.read(buf, got, Math.min(n, buf.length) - got);
                if (r < 0) {
                    throw new EOFError("EOF read where not expected");
                }
                got += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** A little-endian 32-bit int (CPython's {@code r_long}). */
    int readInt() {
        int at = take(4);
        byte[] b = buf;
        return b[at] & 0xff | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
    }

    /** A little-endian 64-bit int. */
    long readLong() {
        int at = take(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | buf[at + i] & 0xff;
        }
        return v;
    }

    /** A sign-extended little-endian 16-bit int (CPython's {@code r_short}). */
    int readShort() {
        int at = take(2);
        return (short) (buf[at] & 0xff | buf[at + 1] << 8);
    }

    /**
     * The initial capacity for a container of declared size {@code max}: no more than the objects
     * that can still follow (each takes at least one byte) and at most 65536, so a lying size costs
     * nothing; a real container beyond that grows as its elements arrive.
     */
    int capacityFor(int max) {
        int bound = in == null ? end - pos : 1024;
        return Math.min(max, Math.min(bound, 1 << 16));
    }
}
