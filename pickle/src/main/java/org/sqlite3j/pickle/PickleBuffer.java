package org.sqlite3j.pickle;

import java.util.Arrays;

/**
 * Python's {@code pickle.PickleBuffer}: a byte buffer that protocol 5 may transfer out of band.
 * When dumped with a {@code bufferCallback} that returns {@code false}, only NEXT_BUFFER (plus
 * READONLY_BUFFER for a read-only buffer) goes into the stream and the buffer goes to the callback;
 * otherwise it is written in band as {@code bytes} (read-only) or {@code bytearray} (writable).
 * The buffer wraps the array without copying.
 */
public final class PickleBuffer {
    private final byte[] data;
    private final boolean readOnly;

    /** Wraps {@code data} (no copy). */
    public PickleBuffer(byte[] data, boolean readOnly) {
        this.data = data;
        this.readOnly = readOnly;
    }

    /** The wrapped bytes (no copy). */
    public byte[] raw() {
        return data;
    }

    /** Whether the buffer is read-only (Python {@code bytes}-like) or writable ({@code bytearray}-like). */
    public boolean readOnly() {
        return readOnly;
    }

    /** A read-only view of the same bytes. */
    public PickleBuffer toReadOnly() {
        return readOnly ? this : new PickleBuffer(data, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PickleBuffer b && readOnly == b.readOnly && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PickleBuffer[" + data.length + " bytes" + (readOnly ? ", read-only]" : "]");
    }
}
