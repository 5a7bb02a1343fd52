package org.sqlite3j.pickle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The Pickler's growable byte buffer and framer. With framing on (protocol ≥ 4) it reserves a 9-byte
 * FRAME header in front of each frame and, at an opcode boundary once the frame holds at least
 * {@link #FRAME_SIZE_TARGET} bytes, fills the header in (frames under 4 bytes get no header, as in
 * CPython). Payloads of at least the target size are written outside any frame. In stream mode each
 * committed frame (or, unframed, each 1 MiB) is handed to the OutputStream; in {@code dumps} mode each
 * committed frame (or, unframed, each 64 KiB) is set aside, so the buffer stays small. Not thread-safe.
 *
 * <p>Large framed payloads are never copied into the buffer: in stream mode they go straight to the
 * OutputStream, and in {@code dumps} mode (no stream) the bytes before them are set aside and the
 * payload is kept by reference, so {@link #toByteArray()} copies it exactly once (as CPython's
 * pickler does), instead of growing the buffer to hold it and copying it again at the end. Committed
 * frames are set aside the same way, so the buffer stays about one frame long.
 */
final class PickleOutput {
    static final int FRAME_SIZE_TARGET = 64 * 1024;
    private static final int FRAME_SIZE_MIN = 4;
    private static final int HEADER = 9;
    private static final int FLUSH_UNFRAMED = 1 << 20;

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    byte[] buf = new byte[256];
    int pos;
    private int frameStart = -1;
    /** {@link #boundary()} does nothing below this position (see {@link #rearm()}). */
    private int dueAt;
    private final OutputStream out;
    /** dumps mode only: what precedes buf[0, pos), in order (large payloads by reference), and its size. */
    private java.util.ArrayList<byte[]> segments;
    private long segmentBytes;

    PickleOutput(OutputStream out) {
        this.out = out;
        rearm();
    }

    /** Room for {@code n} more bytes. Tiny, so that every write inlines it; growing is out of line. */
    void ensure(int n) {
        if (buf.length - pos < n) {
            grow(n);
        }
    }

    private void grow(int n) {
        long want = Math.max((long) buf.length * 2, (long) pos + n);
        if (want > Integer.MAX_VALUE - 16) {
            if ((long) pos + n > Integer.MAX_VALUE - 16) {
                throw new PicklingError("pickle exceeds the 2 GiB a Java array can hold");
            }
            want = Integer.MAX_VALUE - 16;
        }
        buf = Arrays.copyOf(buf, (int) want);
    }

    void write(int b) { // at most 35 bytes of bytecode, so that the JIT inlines it at every call site
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void write2(int a, int b) {
        ensure(2);
        buf[pos++] = (byte) a;
        buf[pos++] = (byte) b;
    }

    void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** {@code opcode} and its 2-byte little-endian argument. */
    void writeU16(int opcode, int v) {
        ensure(3);
        buf[pos] = (byte) opcode;
        buf[pos + 1] = (byte) v;
        buf[pos + 2] = (byte) (v >> 8);
        pos += 3;
    }

    /** {@code opcode} and its 4-byte little-endian argument. */
    void writeU32(int opcode, long v) {
        ensure(5);
        buf[pos] = (byte) opcode;
        LE_INT.set(buf, pos + 1, (int) v);
        pos += 5;
    }

    /** {@code opcode} and its 8-byte little-endian argument. */
    void writeU64(int opcode, long v) {
        ensure(9);
        buf[pos] = (byte) opcode;
        LE_LONG.set(buf, pos + 1, v);
        pos += 9;
    }

    /** {@code opcode} and a big-endian IEEE double (BINFLOAT's argument). */
    void writeF64(int opcode, double d) {
        ensure(9);
        buf[pos] = (byte) opcode;
        BE_LONG.set(buf, pos + 1, Double.doubleToRawLongBits(d));
        pos += 9;
    }

    void writeAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    boolean framing() {
        return frameStart >= 0;
    }

    void startFraming() {
        ensure(HEADER);
        frameStart = pos;
        pos += HEADER;
        rearm();
    }

    void endFraming() {
        if (frameStart >= 0) {
            commitFrame();
        }
        flush();
    }

    /**
     * Called as each object starts: commits the frame once it reached the target size (or, unframed, sets
     * the bytes aside or flushes them). One comparison unless something is due: {@link #dueAt} is the
     * position from which {@link #due()} has work, re-armed whenever the frame or the buffer changes.
     */
    void boundary() {
        if (pos >= dueAt) {
            due();
        }
    }

    private void due() {
        if (frameStart >= 0) {
            if (pos - frameStart - HEADER >= FRAME_SIZE_TARGET) {
                commitFrame();
                if (out == null) {
                    // dumps: set the committed frame aside instead of growing the buffer by doubling
                    addSegment(Arrays.copyOf(buf, pos));
                    pos = 0;
                } else {
                    flush();
                }
                startFraming();
            }
        } else if (out == null) {
            if (pos >= FRAME_SIZE_TARGET) {
                // dumps: set the bytes aside as for frames, so the buffer stays small and in cache
                addSegment(Arrays.copyOf(buf, pos));
                pos = 0;
            }
        } else if (pos >= FLUSH_UNFRAMED) {
            flush();
        }
        rearm();
    }

    /** Recomputes {@link #dueAt} from the frame start and the buffer position. */
    private void rearm() {
        if (frameStart >= 0) {
            dueAt = frameStart + HEADER + FRAME_SIZE_TARGET;
        } else {
            dueAt = out == null ? FRAME_SIZE_TARGET : FLUSH_UNFRAMED;
        }
    }

    private void commitFrame() {
        int len = pos - frameStart - HEADER;
        if (len >= FRAME_SIZE_MIN) {
            buf[frameStart] = (byte) Opcodes.FRAME;
            for (int i = 0; i < 8; i++) {
                buf[frameStart + 1 + i] = (byte) ((long) len >> (8 * i));
            }
        } else {
            System.arraycopy(buf, frameStart + HEADER, buf, frameStart, len);
            pos -= HEADER;
        }
        frameStart = -1;
        rearm();
    }

    /** Writes an opcode header and a payload of at least the frame target outside any frame. */
    void writeLarge(byte[] header, byte[] payload) {
        if (frameStart >= 0 && payload.length >= FRAME_SIZE_TARGET) {
            commitFrame();
            write(header);
            if (out == null) {
                addSegment(Arrays.copyOf(buf, pos));
                pos = 0;
                addSegment(payload);
            } else {
                flush();
                try {
                    out.write(payload);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            startFraming();
        } else {
            write(header);
            write(payload);
        }
    }

    /** Commits the current frame and writes {@code data} outside any frame (pickletools.optimize's frameless data). */
    void writeUnframed(byte[] data) {
        commitFrame();
        write(data);
        flush();
        startFraming();
    }

    void flush() {
        if (out == null || pos == 0 || frameStart >= 0) {
            return;
        }
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
        rearm();
    }

    private void addSegment(byte[] b) {
        if (segmentBytes + b.length + pos > Integer.MAX_VALUE - 16) {
            throw new PicklingError("pickle exceeds the 2 GiB a Java array can hold");
        }
        if (segments == null) {
            segments = new java.util.ArrayList<>();
        }
        segments.add(b);
        segmentBytes += b.length;
    }

    byte[] toByteArray() {
        if (segments == null) {
            return Arrays.copyOf(buf, pos);
        }
        if (segmentBytes + pos > Integer.MAX_VALUE - 16) {
            throw new PicklingError("pickle exceeds the 2 GiB a Java array can hold");
        }
        // the largest segment (a large payload) is copied first, straight after the allocation: the JIT
        // then zeroes only the rest of the new array instead of all of it before the copy (a second pass
        // over 10 MiB of memory for one large bytes value)
        int largest = 0;
        int largestAt = 0;
        byte[] big = segments.get(0);
        int at = 0;
        for (int i = 0; i < segments.size(); i++) {
            byte[] s = segments.get(i);
            if (s.length > big.length) {
                largest = i;
                largestAt = at;
                big = s;
            }
            at += s.length;
        }
        byte[] result = new byte[(int) (segmentBytes + pos)];
        System.arraycopy(big, 0, result, largestAt, big.length);
        at = 0;
        for (int i = 0; i < segments.size(); i++) {
            byte[] s = segments.get(i);
            if (i != largest) {
                System.arraycopy(s, 0, result, at, s.length);
            }
            at += s.length;
        }
        System.arraycopy(buf, 0, result, at, pos);
        return result;
    }
}
