package org.sqlite3j.marshal;

import java.util.Arrays;

/**
 * A compiled {@code .pyc} file of CPython 3.11–3.13 (PEP 552): the 16-byte header and the module's
 * code object. The header is the magic number (2 bytes little-endian, then {@code \r\n}), a 32-bit
 * flags word, then either the source's modification time and size (flags bit 0 clear) or an 8-byte
 * SipHash of the source (bit 0 set; bit 1 says whether the importer checks it).
 *
 * @param magicNumber the 16-bit magic number, e.g. 3571 for CPython 3.13.0
 * @param flags the flags word (0, 1 or 3)
 * @param mtime the source's modification time in seconds (unsigned 32-bit), or -1 for a hash-based pyc
 * @param sourceSize the source's size in bytes modulo 2**32, or -1 for a hash-based pyc
 * @param sourceHash the 8-byte source hash of a hash-based pyc, else {@code null}
 * @param code the module's code object
 */
public record Pyc(int magicNumber, int flags, long mtime, long sourceSize, byte[] sourceHash, PyCode code) {
    /** Copies the hash. */
    public Pyc {
        sourceHash = sourceHash == null ? null : sourceHash.clone();
    }

    @Override
    public byte[] sourceHash() {
        return sourceHash == null ? null : sourceHash.clone();
    }

    /** Whether the pyc is checked against a hash of its source rather than mtime and size. */
    public boolean isHashBased() {
        return (flags & 1) != 0;
    }

    /** For a hash-based pyc: whether the importer checks the hash ({@code CHECKED_HASH}). */
    public boolean checkSource() {
        return (flags & 2) != 0;
    }

    /** The CPython feature release the magic number belongs to: "3.11", "3.12" or "3.13". */
    public String pythonVersion() {
        return versionOf(magicNumber);
    }

    static String versionOf(int magic) {
        if (magic >= 3450 && magic < 3500) {
            return "3.11";
        }
        if (magic >= 3500 && magic < 3550) {
            return "3.12";
        }
        if (magic >= 3550 && magic < 3600) {
            return "3.13";
        }
        return null;
    }

    /** Parses a whole {@code .pyc}; see {@link Marshal#loadPyc(byte[])}. */
    static Pyc parse(byte[] data) {
        if (data.length < 16) {
            throw new EOFError("pyc header truncated: " + data.length + " bytes, 16 expected");
        }
        int magic = data[0] & 0xff | (data[1] & 0xff) << 8;
        if (data[2] != '\r' || data[3] != '\n' || versionOf(magic) == null) {
            throw new ValueError(String.format("bad magic number in pyc: %02x%02x%02x%02x (CPython 3.11-3.13 expected)",
                    data[0], data[1], data[2], data[3]));
        }
        int flags = le32(data, 4);
        if ((flags & ~3) != 0) {
            throw new ValueError("invalid flags " + Integer.toUnsignedString(flags) + " in pyc");
        }
        long mtime = -1;
        long size = -1;
        byte[] hash = null;
        if ((flags & 1) != 0) {
            hash = Arrays.copyOfRange(data, 8, 16);
        } else {
            mtime = Integer.toUnsignedLong(le32(data, 8));
            size = Integer.toUnsignedLong(le32(data, 12));
        }
        Object code = MarshalReader.loads(data, 16, data.length - 16, true);
        if (!(code instanceof PyCode module)) {
            throw new ValueError("non-code object in pyc");
        }
        return new Pyc(magic, flags, mtime, size, hash, module);
    }

    private static int le32(byte[] b, int at) {
        return b[at] & 0xff | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pyc p && magicNumber == p.magicNumber && flags == p.flags && mtime == p.mtime
                && sourceSize == p.sourceSize && Arrays.equals(sourceHash, p.sourceHash) && code.equals(p.code);
    }

    @Override
    public int hashCode() {
        return (magicNumber * 31 + flags) * 31 + code.hashCode();
    }

    @Override
    public String toString() {
        return "Pyc[CPython " + pythonVersion() + " (magic " + magicNumber + "), "
                + (isHashBased() ? "hash-based" : "mtime=" + mtime + ", size=" + sourceSize) + ", " + code + "]";
    }
}
