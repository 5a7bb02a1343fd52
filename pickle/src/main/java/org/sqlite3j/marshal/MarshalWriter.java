package org.sqlite3j.marshal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;

import org.sqlite3j.pickle.PicklerMemo;
import org.sqlite3j.pickle.PyByteArray;
import org.sqlite3j.pickle.PyComplex;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyOrderedDict;
import org.sqlite3j.pickle.PyTuple;

/**
 * CPython 3.13's {@code w_object}: writes one value at a marshal version. Versions 0–2 give CPython's
 * exact bytes. Strings are never written in the interned forms ({@code 't'}, {@code 'A'}, {@code 'Z'}).
 *
 * <p><b>References (version 3 on): which objects get {@code FLAG_REF}.</b> CPython's {@code w_ref}
 * gives the flag and a table entry only to objects whose reference count is above one (and to interned
 * strings); every other object is written in full, unflagged. A JVM has no reference count, so the
 * rule here goes by type and size ({@link #shareable}), and an identity memo (pickle's
 * {@link PicklerMemo}) holds only what it matters for:
 * <ul>
 *   <li>every container — list, dict, set, frozenset, tuple (but the empty tuple and the empty
 *       frozenset, immutable and no bigger than a reference) — met a second time (the same Java object)
 *       is written as an {@code 'r'} reference to its first occurrence, which carries the flag, so
 *       sharing and cycles survive loading (a list that holds itself loads as itself, in CPython too);
 *   <li>so is a bytes ({@code byte[]}) or bytearray, a str of at least {@link #SHARED_STR_CHARS} chars
 *       and an int beyond 64 bits, so that a big value met again costs a 5-byte reference, as in
 *       CPython, not its size again;
 *   <li>everything else — None, bool, Ellipsis, StopIteration, an int within 64 bits, a float, a
 *       complex, a shorter str — is written in full at each occurrence, unflagged, as CPython writes an
 *       object no one else holds: CPython loads the same values either way (equal immutables are
 *       indistinguishable to it), and a repeat costs at most {@code SHARED_STR_CHARS} + 4 bytes more
 *       than a reference would.
 * </ul>
 *
 * <p><b>Two passes, the second rarely.</b> Most values share no container, and looking every container
 * up in the memo as it was written cost more than all the rest of {@code dumps} (a random read of a
 * table as big as the value's container count, between the dependent reads of walking the value). So
 * {@link #dumps} first writes the value <em>watching</em>: containers unflagged, only logged
 * ({@link SeenContainers}), and checked for a repeat when their count reaches {@link #FIRST_CHECK} and
 * each time it doubles, each time the buffer grows, and at the end. If no container was met twice,
 * that output is the answer: like CPython's, it flags nothing that is not referenced. If one was (or
 * the nesting passed 2000 levels, as a cycle does), it starts over memoizing as it writes, each
 * container flagged at its first occurrence and referenced after. The checks at each doubling bound
 * the work lost to about as much again as was done before the repeat was seen, so no repeat is
 * written over and over (a chain of lists each holding the next twice is not written 2^n times).
 * Leaves (bytes, long strs, big ints) are memoized as they are written in both passes: they are few,
 * and a big one must not be written twice even once.
 *
 * <p>So our bytes at versions 3–4 differ from CPython's where the reference counts and this rule
 * disagree, and load to the same values and the same sharing of containers.
 */
final class MarshalWriter {
    /** A str of this many chars or more is memoized from version 3 (see the class comment). */
    static final int SHARED_STR_CHARS = 64;
    /** The watching pass checks for a repeated container at this many, then whenever the count doubles. */
    static final int FIRST_CHECK = 4096;

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    /** The most bytes a 64-bit int takes: code, digit count and five 15-bit digits. */
    private static final int LONG_MAX_BYTES = 1 + 4 + 5 * 2;

    private final int version;
    /** Whether references are written (version 3 on). */
    private final boolean references;
    /** The shareable objects written so far, by identity, with their reference index; made on first use. */
    private PicklerMemo refs;
    /** The watching pass only (else null): the containers written so far. */
    private SeenContainers watch;
    /** The watching pass's container count at which it next checks for a repeat. */
    private int nextCheck = FIRST_CHECK;
    private byte[] buf;
    private int len;
    private int depth;
    /** {@link #writeItem}, made once per writer for {@link #writeDict}. */
    private final BiConsumer<Object, Object> itemWriter = this::writeItem;

    /** A writer at {@code version}, whose next object is at nesting {@code depth} + 1, with a first buffer of {@code capacity} bytes. */
    MarshalWriter(int version, int depth, int capacity) {
        this.buf = new byte[capacity];
        this.version = version;
        this.references = version >= 3;
        this.depth = depth;
    }

    /**
     * {@code marshal.dumps(value, version)}, deep values on a big stack ({@link DeepStack}); from version
     * 3 the watching pass first, then, if a container repeats, the memoizing one (class comment).
     */
    static byte[] dumps(Object value, int version) {
        return DeepStack.run(() -> {
            if (version >= 3) {
                MarshalWriter watching = new MarshalWriter(version, 0, 256);
                watching.watch = new SeenContainers();
                try {
                    watching.writeObject(value);
                    watching.checkNoted();
                    return watching.toByteArray();
                } catch (ContainerRepeats e) {
                    // start over, memoizing every shareable object as it is written
                }
            }
            MarshalWriter w = new MarshalWriter(version, 0, 256);
            w.writeObject(value);
            return w.toByteArray();
        });
    }

    /** Thrown by the watching pass when a container repeats (or may: too deep); never escapes {@link #dumps}. */
    private static final class ContainerRepeats extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final ContainerRepeats INSTANCE = new ContainerRepeats();

        private ContainerRepeats() {
            super("a container repeats", null, false, false);
        }
    }

    /** The watching pass: whether a container noted since the last check repeats; a repeat ends the pass. */
    private void checkNoted() {
        if (watch.repeats()) {
            throw ContainerRepeats.INSTANCE;
        }
        nextCheck = Math.max(nextCheck, 2 * watch.size());
    }

    /**
     * The rule of the class comment: whether {@code v} (a value marshal can write) is flagged and
     * memoized by identity from version 3, rather than written in full at every occurrence.
     */
    static boolean shareable(Object v) {
        if (v instanceof String s) {
            return s.length() >= SHARED_STR_CHARS;
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() > 63;
        }
        if (v instanceof PyTuple t) {
            return t.size() > 0;
        }
        if (v instanceof PyFrozenSet f) {
            return !f.isEmpty();
        }
        return v instanceof List || v instanceof Map || v instanceof Set
                || v instanceof byte[] || v instanceof PyByteArray;
    }

    /** The bytes written so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Writes {@code v} and everything it holds. */
    void writeObject(Object v) {
        if (++depth > MarshalReader.MAX_DEPTH) {
            if (watch != null) {
                throw ContainerRepeats.INSTANCE;  // perhaps a cycle: the memoizing pass decides
            }
            throw new ValueError("object too deeply nested to marshal");
        }
        if (depth == DeepStack.HOP_DEPTH && !DeepStack.onDeepStack()) {
            throw DeepStack.Restart.INSTANCE;
        }
        // the exact classes loads gives and most callers build first, then the general dispatch
        Class<?> c = v == null ? null : v.getClass();
        if (c == String.class) {
            writeString((String) v);
        } else if (c == Long.class) {
            writeLong((Long) v, 0);
        } else if (c == Double.class) {
            writeFloat((Double) v, 0);
        } else if (c == LinkedHashMap.class || c == HashMap.class) {
            int flag = containerFlag(v);
            if (flag >= 0) {
                writeDict((Map<?, ?>) v, flag);
            }
        } else if (c == ArrayList.class) {
            int flag = containerFlag(v);
            if (flag >= 0) {
                writeList((List<?>) v, flag);
            }
        } else {
            writeValue(v);
        }
        depth--;
    }

    /**
     * For a {@link #shareable} container: in the watching pass, noted for the next check and written
     * unflagged (0); else as {@link #flagOrReference}.
     */
    private int containerFlag(Object v) {
        SeenContainers w = watch;
        if (w == null) {
            return flagOrReference(v);
        }
        w.note(v);
        if (w.size() >= nextCheck) {
            checkNoted();
        }
        return 0;
    }

    /**
     * For a {@link #shareable} object: from version 3, a reference if it was written before (and -1),
     * else enters it into the memo and gives {@code FLAG_REF}; below version 3, 0 (no flag).
     */
    private int flagOrReference(Object v) {
        if (!references) {
            return 0;
        }
        if (refs == null) {
            refs = new PicklerMemo();
        }
        int index = refs.getOrPut(v);
        if (index < 0) {
            return Codes.FLAG_REF;
        }
        ensure(5);
        buf[len] = (byte) Codes.REF;
        LE_INT.set(buf, len + 1, index);
        len += 5;
        return -1;
    }

    /** Everything but the final classes {@link #writeObject} dispatches itself (String, Long, Double). */
    private void writeValue(Object v) {
        if (v == null) {
            put(Codes.NONE);
        } else if (v instanceof Boolean b) {
            put(b ? Codes.TRUE : Codes.FALSE);
        } else if (Marshal.STOP_ITERATION.equals(v)) {
            put(Codes.STOPITER);
        } else if (Marshal.ELLIPSIS.equals(v)) {
            put(Codes.ELLIPSIS);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            putCodeAndInt(Codes.INT, ((Number) v).intValue());
        } else if (v instanceof Float f) {
            writeFloat(f.doubleValue(), 0);
        } else if (v instanceof PyComplex c) {
            writeComplex(c);
        } else if (v instanceof BigInteger b) {
            writeBigInteger(b);
        } else if (v instanceof PyCode) {
            throw new ValueError("unmarshallable object: dumping a code object is not supported (PyCode is an inert record)");
        } else if (v instanceof byte[] b) {
            int flag = flagOrReference(b);
            if (flag >= 0) {
                putCodeAndInt(Codes.STRING | flag, b.length);
                putBytes(b, 0, b.length);
            }
        } else if (v instanceof PyByteArray b) {
            int flag = flagOrReference(b);
            if (flag >= 0) {
                putCodeAndInt(Codes.STRING | flag, b.size());
                putBytes(b.array(), 0, b.size());
            }
        } else if (v instanceof PyTuple || v instanceof List || v instanceof Set
                || v instanceof Map && !(v instanceof PyOrderedDict)) {
            int flag = shareable(v) ? containerFlag(v) : 0;
            if (flag >= 0) {
                writeContainer(v, flag);
            }
        } else {
            throw new ValueError("unmarshallable object");
        }
    }

    /** A tuple, list, dict, set or frozenset, already noted or entered if shareable ({@code flag}). */
    private void writeContainer(Object v, int flag) {
        if (v instanceof PyTuple t) {
            writeTuple(t, flag);
        } else if (v instanceof List<?> list) {
            writeList(list, flag);
        } else if (v instanceof Map<?, ?> map) {
            writeDict(map, flag);
        } else {
            writeSet((Set<?>) v, flag);
        }
    }

    private void writeList(List<?> list, int flag) {
        int n = list.size();
        putCodeAndInt(Codes.LIST | flag, n);
        if (list instanceof RandomAccess) {
            for (int i = 0; i < n; i++) {
                writeObject(list.get(i));
            }
        } else {
            for (Object item : list) {
                writeObject(item);
            }
        }
    }

    /**
     * A dict: its items through {@link Map#forEach}, which LinkedHashMap and HashMap run as a loop of
     * their own over their nodes (no iterator, no entry objects handed out).
     */
    private void writeDict(Map<?, ?> map, int flag) {
        put(Codes.DICT | flag);
        map.forEach(itemWriter);
        put(Codes.NULL);
    }

    /** One dict item: the key (checked hashable unless a str or an int) and the value. */
    private void writeItem(Object key, Object value) {
        Class<?> c = key == null ? null : key.getClass();
        writeObject(c == String.class || c == Long.class ? key : MarshalReader.hashable(key));
        writeObject(value);
    }

    private void writeLong(long x, int flag) {
        ensure(LONG_MAX_BYTES);
        byte[] b = buf;
        int p = len;
        if (x == (int) x) {
            b[p] = (byte) (Codes.INT | flag);
            LE_INT.set(b, p + 1, (int) x);
            len = p + 5;
            return;
        }
        long mag = x < 0 ? -x : x;  // Long.MIN_VALUE stays 2^63 read as unsigned
        int bits = 64 - Long.numberOfLeadingZeros(mag);
        int digits = (bits + 14) / 15;
        b[p] = (byte) (Codes.LONG | flag);
        LE_INT.set(b, p + 1, x < 0 ? -digits : digits);
        p += 5;
        for (int i = 0; i < digits; i++) {
            int d = (int) (mag >>> 15 * i) & 0x7fff;
            b[p++] = (byte) d;
            b[p++] = (byte) (d >> 8);
        }
        len = p;
    }

    private void writeBigInteger(BigInteger x) {
        if (x.bitLength() <= 63) {  // fits a long: the same bytes as a Long, never flagged
            if (x.compareTo(INT_MIN) >= 0 && x.compareTo(INT_MAX) <= 0) {
                putCodeAndInt(Codes.INT, x.intValue());
            } else {
                writeLong(x.longValue(), 0);
            }
            return;
        }
        int flag = flagOrReference(x);
        if (flag < 0) {
            return;
        }
        BigInteger abs = x.abs();
        int digits = (abs.bitLength() + 14) / 15;
        putCodeAndInt(Codes.LONG | flag, x.signum() < 0 ? -digits : digits);
        byte[] be = abs.toByteArray();
        ensure(2 * digits);
        for (int i = 0; i < digits; i++) {
            int bit = 15 * i;
            int at = bit >>> 3;
            int word = byteAt(be, at) | byteAt(be, at + 1) << 8 | byteAt(be, at + 2) << 16;
            int d = word >>> (bit & 7) & 0x7fff;
            buf[len++] = (byte) d;
            buf[len++] = (byte) (d >> 8);
        }
    }

    /** Byte {@code i} counted from the least significant end of a big-endian magnitude. */
    private static int byteAt(byte[] be, int i) {
        return i < be.length ? be[be.length - 1 - i] & 0xff : 0;
    }

    private void writeFloat(double d, int flag) {
        if (version > 1) {
            ensure(9);
            buf[len] = (byte) (Codes.BINARY_FLOAT | flag);
            LE_LONG.set(buf, len + 1, Double.doubleToRawLongBits(d));
            len += 9;
        } else {
            put(Codes.FLOAT | flag);
            putShortString(FloatText.format(d));
        }
    }

    private void writeComplex(PyComplex c) {
        if (version > 1) {
            ensure(17);
            buf[len] = (byte) Codes.BINARY_COMPLEX;
            LE_LONG.set(buf, len + 1, Double.doubleToRawLongBits(c.real()));
            LE_LONG.set(buf, len + 9, Double.doubleToRawLongBits(c.imag()));
            len += 17;
        } else {
            put(Codes.COMPLEX);
            putShortString(FloatText.format(c.real()));
            putShortString(FloatText.format(c.imag()));
        }
    }

    /**
     * A str: from version 4 an ASCII one as {@code 'z'}/{@code 'a'}, its chars copied straight into the
     * buffer (which a non-ASCII char abandons for the UTF-8 form); else {@code 'u'} and UTF-8.
     */
    private void writeString(String s) {
        int n = s.length();
        int flag = 0;
        if (n >= SHARED_STR_CHARS) {
            flag = flagOrReference(s);
            if (flag < 0) {
                return;
            }
        }
        if (version >= 4) {
            int head = n < 256 ? 2 : 5;
            ensure(head + n);
            byte[] b = buf;
            int start = len;
            int p = start + head;
            for (int i = 0; i < n; i++) {
                char ch = s.charAt(i);
                if (ch >= 0x80) {
                    writeUtf8(s, flag);
                    return;
                }
                b[p++] = (byte) ch;
            }
            if (head == 2) {
                b[start] = (byte) (Codes.SHORT_ASCII | flag);
                b[start + 1] = (byte) n;
            } else {
                b[start] = (byte) (Codes.ASCII | flag);
                LE_INT.set(b, start + 1, n);
            }
            len = p;
            return;
        }
        writeUtf8(s, flag);
    }

    private void writeUtf8(String s, int flag) {
        byte[] utf8 = Utf8.encode(s);
        putCodeAndInt(Codes.UNICODE | flag, utf8.length);
        putBytes(utf8, 0, utf8.length);
    }

    private void writeTuple(PyTuple t, int flag) {
        int n = t.size();
        if (version >= 4 && n < 256) {
            ensure(2);
            buf[len++] = (byte) (Codes.SMALL_TUPLE | flag);
            buf[len++] = (byte) n;
        } else {
            putCodeAndInt(Codes.TUPLE | flag, n);
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
            if (!references) {
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

    /** Makes room for {@code extra} more bytes. */
    private void ensure(int extra) {
        if (buf.length - len < extra) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        if (watch != null) {
            checkNoted();  // a repeated container must not be written again and again as the output grows
        }
        long want = Math.max((long) buf.length * 2, (long) len + extra);
        if (want > Integer.MAX_VALUE - 8) {
            throw new ValueError("unmarshallable object: the data would exceed 2 GiB");
        }
        buf = Arrays.copyOf(buf, (int) want);
    }

    private void put(int b) {
        if (len == buf.length) {
            grow(1);
        }
        buf[len++] = (byte) b;
    }

    private void putInt(int v) {
        ensure(4);
        LE_INT.set(buf, len, v);
        len += 4;
    }

    private void putCodeAndInt(int code, int v) {
        ensure(5);
        buf[len] = (byte) code;
        LE_INT.set(buf, len + 1, v);
        len += 5;
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
