package org.sqlite3j.marshal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sqlite3j.pickle.PicklerMemo;
import org.sqlite3j.pickle.PyByteArray;
import org.sqlite3j.pickle.PyComplex;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyOrderedDict;
import org.sqlite3j.pickle.PyTuple;

/**
 * CPython 3.13's {@code w_object}: writes one value at a marshal version. Versions 0–2 give CPython's
 * exact bytes. From version 3 every object that is not a singleton is written with {@code FLAG_REF}
 * and a second occurrence of the same Java object (by identity) as a {@code 'r'} reference; CPython
 * flags only objects whose reference count is above one, so the bytes may differ while loading to the
 * same values. Strings are never written in the interned forms ({@code 't'}, {@code 'A'}, {@code 'Z'}).
 */
final class MarshalWriter {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private final int version;
    /** Objects written so far, by identity, with their reference index (from version 3): pickle's memo. */
    private final PicklerMemo refs;
    private byte[] buf;
    private int len;
    private int depth;

    /** A writer at {@code version}, whose next object is at nesting {@code depth} + 1, with a first buffer of {@code capacity} bytes. */
    MarshalWriter(int version, int depth, int capacity) {
        this.buf = new byte[capacity];
        this.version = version;
        this.refs = version >= 3 ? new PicklerMemo() : null;
        this.depth = depth;
    }

    /** {@code marshal.dumps(value, version)}, deep values on a big stack ({@link DeepStack}). */
    static byte[] dumps(Object value, int version) {
        return DeepStack.run(() -> {
            MarshalWriter w = new MarshalWriter(version, 0, 256);
            w.writeObject(value);
            return w.toByteArray();
        });
    }

    /** The bytes written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Writes {@code v} and everything it holds. */
    void writeObject(Object v) {
        if (++depth > MarshalReader.MAX_DEPTH) {
            throw new ValueError("object too deeply nested to marshal");
        }
        if (depth == DeepStack.HOP_DEPTH && !DeepStack.onDeepStack()) {
            throw DeepStack.Restart.INSTANCE;
        }
        writeValue(v);
        depth--;
    }

    private void writeValue(Object v) {
        if (v == null) {
            put(Codes.NONE);
        } else if (v instanceof Boolean b) {
            put(b ? Codes.TRUE : Codes.FALSE);
        } else if (Marshal.STOP_ITERATION.equals(v)) {
            put(Codes.STOPITER);
        } else if (Marshal.ELLIPSIS.equals(v)) {
            put(Codes.ELLIPSIS);
        } else {
            int flag = 0;
            if (refs != null) {
                int index = refs.getOrPut(v);
                if (index >= 0) {
                    put(Codes.REF);
                    putInt(index);
                    return;
                }
                flag = Codes.FLAG_REF;
            }
            writeComplexObject(v, flag);
        }
    }

    private void writeComplexObject(Object v, int flag) {
        if (v instanceof Long l) {
            writeLong(l, flag);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            put(Codes.INT | flag);
            putInt(((Number) v).intValue());
        } else if (v instanceof BigInteger b) {
            if (b.compareTo(INT_MIN) >= 0 && b.compareTo(INT_MAX) <= 0) {
                put(Codes.INT | flag);
                putInt(b.intValue());
            } else {
                writeBigInteger(b, flag);
            }
        } else if (v instanceof Double d) {
            writeFloat(d, flag);
        } else if (v instanceof Float f) {
            writeFloat(f.doubleValue(), flag);
        } else if (v instanceof PyComplex c) {
            if (version > 1) {
                put(Codes.BINARY_COMPLEX | flag);
                putDouble(c.real());
                putDouble(c.imag());
            } else {
                put(Codes.COMPLEX | flag);
                putShortString(FloatText.format(c.real()));
                putShortString(FloatText.format(c.imag()));
            }
        } else if (v instanceof String s) {
            writeString(s, flag);
        } else if (v instanceof byte[] b) {
            put(Codes.STRING | flag);
            putInt(b.length);
            putBytes(b, 0, b.length);
        } else if (v instanceof PyByteArray b) {
            put(Codes.STRING | flag);
            putInt(b.size());
            putBytes(b.array(), 0, b.size());
        } else if (v instanceof PyTuple t) {
            writeTuple(t, flag);
        } else if (v instanceof List<?> list) {
            put(Codes.LIST | flag);
            putInt(list.size());
            for (Object item : list) {
                writeObject(item);
            }
        } else if (v instanceof Map<?, ?> map && !(v instanceof PyOrderedDict)) {
            put(Codes.DICT | flag);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                writeObject(MarshalReader.hashable(e.getKey()));
                writeObject(e.getValue());
            }
            put(Codes.NULL);
        } else if (v instanceof Set<?> set) {
            writeSet(set, flag);
        } else if (v instanceof PyCode) {
            throw new ValueError("unmarshallable object: dumping a code object is not supported (PyCode is an inert record)");
        } else {
            throw new ValueError("unmarshallable object");
        }
    }

    private void writeLong(long x, int flag) {
        if (x == (int) x) {
            put(Codes.INT | flag);
            putInt((int) x);
            return;
        }
        put(Codes.LONG | flag);
        long mag = x < 0 ? -x : x;  // Long.MIN_VALUE stays 2^63 read as unsigned
        int bits = 64 - Long.numberOfLeadingZeros(mag);
        int digits = (bits + 14) / 15;
        putInt(x < 0 ? -digits : digits);
        for (int i = 0; i < digits; i++) {
            putShort((int) (mag >>> 15 * i) & 0x7fff);
        }
    }

    private void writeBigInteger(BigInteger x, int flag) {
        put(Codes.LONG | flag);
        BigInteger abs = x.abs();
        int digits = (abs.bitLength() + 14) / 15;
        putInt(x.signum() < 0 ? -digits : digits);
        byte[] be = abs.toByteArray();
        for (int i = 0; i < digits; i++) {
            int bit = 15 * i;
            int at = bit >>> 3;
            int word = byteAt(be, at) | byteAt(be, at + 1) << 8 | byteAt(be, at + 2) << 16;
            putShort(word >>> (bit & 7) & 0x7fff);
        }
    }

    /** Byte {@code i} counted from the least significant end of a big-endian magnitude. */
    private static int byteAt(byte[] be, int i) {
        return i < be.length ? be[be.length - 1 - i] & 0xff : 0;
    }

    private void writeFloat(double d, int flag) {
        if (version > 1) {
            put(Codes.BINARY_FLOAT | flag);
            putDouble(d);
        } else {
            put(Codes.FLOAT | flag);
            putShortString(FloatText.format(d));
        }
    }

    private void writeString(String s, int flag) {
        if (version >= 4 && Utf8.isAscii(s)) {
            int n = s.length();
            if (n < 256) {
                put(Codes.SHORT_ASCII | flag);
                put(n);
            } else {
                put(Codes.ASCII | flag);
                putInt(n);
            }
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        } else {
            byte[] utf8 = Utf8.encode(s);
            put(Codes.UNICODE | flag);
            putInt(utf8.length);
            putBytes(utf8, 0, utf8.length);
        }
    }

    private void writeTuple(PyTuple t, int flag) {
        int n = t.size();
        if (version >= 4 && n < 256) {
            put(Codes.SMALL_TUPLE | flag);
            put(n);
        } else {
            put(Codes.TUPLE | flag);
            putInt(n);
        }
        for (int i = 0; i < n; i++) {
            writeObject(t.get(i));
        }
    }

    /**
     * A set or frozenset. As CPython (bpo-37596), the elements are written in the order of
     * {@code sorted(s, key=marshal.dumps)}, so equal sets give equal bytes whatever their iteration
     * order. Below version 3 an element's own dump is exactly what the set holds, so it is written once
     * and copied; from version 3 the dump only orders the elements, which are then written with refs.
     */
    private void writeSet(Set<?> set, int flag) {
        put((set instanceof PyFrozenSet ? Codes.FROZENSET : Codes.SET) | flag);
        for (Object item : set) {
            MarshalReader.hashable(item);
        }
        int n = set.size();
        putInt(n);
        if (n == 1) {
            writeObject(set.iterator().next());
            return;
        }
        List<Dumped> dumps = new ArrayList<>(n);
        for (Object item : set) {
            MarshalWriter sub = new MarshalWriter(version, depth, 16);
            sub.writeObject(item);
            dumps.add(new Dumped(sub.buf, sub.len, item));
        }
        dumps.sort(null);
        for (Dumped d : dumps) {
            if (refs == null) {
                putBytes(d.bytes, 0, d.length);
            } else {
                writeObject(d.item);
            }
        }
    }

    /** An element and its own dump, ordered as Python orders {@code bytes}. */
    private record Dumped(byte[] bytes, int length, Object item) implements Comparable<Dumped> {
        @Override
        public int compareTo(Dumped o) {
            return Arrays.compareUnsigned(bytes, 0, length, o.bytes, 0, o.length);
        }
    }

    private void ensure(int extra) {
        if (buf.length - len < extra) {
            long want = Math.max((long) buf.length * 2, (long) len + extra);
            if (want > Integer.MAX_VALUE - 8) {
                throw new ValueError("unmarshallable object: the data would exceed 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    private void put(int b) {
        if (len == buf.length) {
            ensure(1);
        }
        buf[len++] = (byte) b;
    }

    private void putShort(int v) {
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >> 8);
    }

    private void putInt(int v) {
        ensure(4);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >> 8);
        buf[len++] = (byte) (v >> 16);
        buf[len++] = (byte) (v >> 24);
    }

    private void putDouble(double d) {
        long bits = Double.doubleToRawLongBits(d);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[len++] = (byte) (bits >>> 8 * i);
        }
    }

    private void putShortString(String ascii) {
        put(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            put(ascii.charAt(i));
        }
    }

    private void putBytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }
}
