package org.sqlite3j.pickle;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Python's {@code bytearray}: a mutable byte sequence, distinct from {@code bytes} ({@code byte[]}).
 * Equality is by content like Python's {@code ==}; like Python, it is unhashable: {@link #hashCode()}
 * is identity-based so it never changes while the content does (do not use it as a map key).
 */
public final class PyByteArray {
    private byte[] data;

    /** A bytearray holding a copy of {@code data}. */
    public PyByteArray(byte[] data) {
        this.data = data.clone();
    }

    /** An empty bytearray. */
    public PyByteArray() {
        this.data = new byte[0];
    }

    static PyByteArray wrap(byte[] data) {
        PyByteArray b = new PyByteArray();
        b.data = data;
        return b;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** The live content (no copy); callers that change it change this bytearray. */
    public byte[] array() {
        return data;
    }

    /** Replaces the content with a copy of {@code newData}. */
    public void set(byte[] newData) {
        this.data = newData.clone();
    }

    /** {@code len(b)}. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PyByteArray b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "bytearray(" + HexFormat.of().formatHex(data) + ")";
    }
}
