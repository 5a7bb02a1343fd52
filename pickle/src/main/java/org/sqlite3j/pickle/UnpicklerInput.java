package org.sqlite3j.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The byte source of an {@link Unpickler}: a whole array, or an InputStream read in chunks. Every
 * declared length is checked against the bytes actually present (array) or actually received
 * (stream) before anything of that size is allocated, so a hostile length costs nothing.
 * Not thread-safe; owned by one Unpickler.
 */
final class UnpicklerInput {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    byte[] buf;
    int pos;
    int limit;
    private long frameEnd = -1;
    private long consumedBefore; // bytes dropped from buf (stream mode), for frame bookkeeping
    private int lastRead; // length of the last read from the stream, which began at the stream's mark

    UnpicklerInput(byte[] data) {
        this.in = null;
        this.buf = data;
        this.limit = data.length;
    }

    UnpicklerInput(InputStream in) {
        this.in = in;
        this.buf = new byte[CHUNK];
    }

    static UnpicklingError truncated() {
        return new UnpicklingError("pickle data was truncated");
    }

    /** The next opcode byte, or -1 at the end of input. */
    int nextOpcode() {
        if (pos < limit || fill(1)) {
            return buf[pos++] & 0xff;
        }
        return -1;
    }

    /** Makes {@code n} bytes available at {@code pos} or throws "pickle data was truncated". */
    void need(long n) {
        if (limit - pos < n && !fill(n)) {
            throw truncated();
        }
    }

    /** Tries to make {@code n} bytes available; false at end of input. */
    private boolean fill(long n) {
        if (in == null) {
            return false;
        }
        if (pos > 0) {
            consumedBefore += pos;
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit < n) {
            if (limit == buf.length) {
                long want = Math.min(n, Math.max(buf.length * 2L, CHUNK));
                if (want > Integer.MAX_VALUE - 16) {
                    want = Integer.MAX_VALUE - 16;
                    if (want <= buf.length) {
                        return false;
                    }
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
            int r;
            try {
                if (in.markSupported()) {
                    in.mark(buf.length - limit);
                }
                r = in.read(buf, limit, buf.length - limit);
            } catch (IOException e) {
                throw new UnpicklingError("read failed: " + e.getMessage(), e);
            }
            if (r < 0) {
                return false;
            }
            lastRead = r;
            limit += r;
        }
        return true;
    }

    /**
     * After a STOP: when the stream supports mark/reset, hands the bytes read past the pickle back to it
     * (reset to the mark before the last read, skip what was used), so the stream is positioned right
     * after the STOP as CPython leaves a file. Otherwise the read-ahead stays buffered here.
     */
    void releaseReadAhead() {
        int unread = limit - pos;
        if (in == null || unread == 0 || !in.markSupported() || unread > lastRead) {
            return;
        }
        try {
            in.reset();
            long toSkip = lastRead - unread;
            while (toSkip > 0) {
                long k = in.skip(toSkip);
                if (k <= 0) {
                    if (in.read() < 0) {
                        break;
                    }
                    k = 1;
                }
                toSkip -= k;
            }
        } catch (IOException e) {
            throw new UnpicklingError("could not reposition the stream: " + e.getMessage(), e);
        }
        limit = pos;
        lastRead = 0;
    }

    int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    int u16() {
        need(2);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    /** Little-endian signed 32-bit. */
    int s32() {
        need(4);
        int p = pos;
        int v = (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16 | buf[p + 3] << 24;
        pos += 4;
        return v;
    }

    /** Little-endian unsigned 64-bit; values past 2^63 come back negative (callers reject them). */
    long u64() {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    double f64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(v);
    }

    /** {@code n} bytes as a new array; n was checked non-negative by the caller. */
    byte[] bytes(long n) {
        need(n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    String utf8(long n) {
        need(n);
        String s = Utf8.decode(buf, pos, (int) n);
        pos += (int) n;
        return s;
    }

    /** A text argument up to (not including) the newline, as Latin-1 characters. */
    String line() {
        int scanned = 0; // bytes after pos already known to hold no newline
        while (true) {
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    String s = new String(buf, pos, i - pos, java.nio.charset.StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return s;
                }
            }
            scanned = limit - pos;
            if (!fill(scanned + 1L)) {
                throw truncated();
            }
        }
    }

    /** FRAME: the next {@code n} bytes form a frame; they must all be present. */
    void frame(long n) {
        long here = consumedBefore + pos;
        if (frameEnd >= 0 && here - 9 < frameEnd) {
            throw new UnpicklingError("beginning of a new frame before end of current frame");
        }
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new UnpicklingError("frame size " + Long.toUnsignedString(n) + " is too large");
        }
        need(n);
        frameEnd = here + n;
    }
}
