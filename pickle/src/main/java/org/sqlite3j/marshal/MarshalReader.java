package org.sqlite3j.marshal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sqlite3j.pickle.PyByteArray;
import org.sqlite3j.pickle.PyComplex;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyTuple;

/**
 * CPython 3.13's {@code r_object}: reads one value, with CPython's checks and messages. Nesting is
 * limited to {@link #MAX_DEPTH} ({@code MAX_MARSHAL_STACK_DEPTH}); no container or payload is
 * allocated at its declared size before the bytes behind it exist. Not thread-safe; one per load.
 */
final class MarshalReader {
    /** CPython's {@code MAX_MARSHAL_STACK_DEPTH}, for reading and writing. */
    static final int MAX_DEPTH = 2000;
    /** What {@code TYPE_NULL} reads as: the end of a dict, an error anywhere else. */
    private static final Object NULL = new Object();
    /** A reference-table slot reserved for an object still being read (CPython's {@code Py_None}). */
    private static final Object INCOMPLETE = new Object();

    private final MarshalInput in;
    private final boolean allowCode;
    /** Whether the input can be read again from its start (an array), see {@link DeepStack}. */
    private final boolean restartable;
    private final List<Object> refs = new ArrayList<>();
    private int depth;

    private MarshalReader(MarshalInput in, boolean allowCode, boolean restartable) {
        this.in = in;
        this.allowCode = allowCode;
        this.restartable = restartable;
    }

    /** {@code marshal.loads}: the first value of {@code length} bytes at {@code offset}. */
    static Object loads(byte[] data, int offset, int length, boolean allowCode) {
        return DeepStack.run(() -> new MarshalReader(new MarshalInput(data, offset, length), allowCode, true).readTop());
    }

    /** {@code marshal.load}: one value from a stream, read to its last byte and no further. */
    static Object load(java.io.InputStream stream, boolean allowCode) {
        return new MarshalReader(new MarshalInput(stream), allowCode, false).readTop();
    }

    /** {@code read_object}: one whole value. */
    Object readTop() {
        Object v = readObject();
        if (v == NULL) {
            throw new TypeError("NULL object in marshal data for object");
        }
        return v;
    }

    private Object readObject() {
        int code = in.readByte();
        if (code < 0) {
            throw new EOFError("EOF read where object expected");
        }
        if (++depth > MAX_DEPTH) {
            throw new ValueError("recursion limit exceeded");
        }
        Object v;
        if (depth == DeepStack.HOP_DEPTH && !DeepStack.onDeepStack()) {
            if (restartable) {
                throw DeepStack.Restart.INSTANCE;
            }
            v = DeepStack.call(() -> readValue(code));
        } else {
            v = readValue(code);
        }
        depth--;
        return v;
    }

    private Object readValue(int code) {
        boolean flag = (code & Codes.FLAG_REF) != 0;
        return switch (code & ~Codes.FLAG_REF) {
            case Codes.NULL -> NULL;
            case Codes.NONE -> null;
            case Codes.STOPITER -> Marshal.STOP_ITERATION;
            case Codes.ELLIPSIS -> Marshal.ELLIPSIS;
            case Codes.FALSE -> Boolean.FALSE;
            case Codes.TRUE -> Boolean.TRUE;
            case Codes.INT -> ref(flag, (long) in.readInt());
            case Codes.INT64 -> ref(flag, in.readLong());
            case Codes.LONG -> ref(flag, readPyLong());
            case Codes.FLOAT -> ref(flag, readFloatText());
            case Codes.BINARY_FLOAT -> ref(flag, Double.longBitsToDouble(in.readLong()));
            case Codes.COMPLEX -> {
                double real = readFloatText();
                yield ref(flag, new PyComplex(real, readFloatText()));
            }
            case Codes.BINARY_COMPLEX -> {
                double real = Double.longBitsToDouble(in.readLong());
                yield ref(flag, new PyComplex(real, Double.longBitsToDouble(in.readLong())));
            }
            case Codes.STRING -> ref(flag, readBytes());
            case Codes.ASCII, Codes.ASCII_INTERNED -> ref(flag, readLatin1(size("string")));
            case Codes.SHORT_ASCII, Codes.SHORT_ASCII_INTERNED -> ref(flag, readLatin1(shortSize()));
            case Codes.UNICODE, Codes.INTERNED -> ref(flag, readUnicode());
            case Codes.TUPLE -> readTuple(flag, size("tuple"));
            case Codes.SMALL_TUPLE -> readTuple(flag, shortSize());
            case Codes.LIST -> readList(flag);
            case Codes.DICT -> readDict(flag);
            case Codes.SET -> readSet(flag, false);
            case Codes.FROZENSET -> readSet(flag, true);
            case Codes.CODE -> readCode(flag);
            case Codes.REF -> readRef();
            default -> throw new ValueError("bad marshal data (unknown type code)");
        };
    }

    private Object ref(boolean flag, Object v) {
        if (flag) {
            refs.add(v);
        }
        return v;
    }

    private int reserve(boolean flag) {
        if (!flag) {
            return -1;
        }
        refs.add(INCOMPLETE);
        return refs.size() - 1;
    }

    private <T> T fill(int index, T v) {
        if (index >= 0) {
            refs.set(index, v);
        }
        return v;
    }

    private Object readRef() {
        int n = in.readInt();
        if (n < 0 || n >= refs.size() || refs.get(n) == INCOMPLETE) {
            throw new ValueError("bad marshal data (invalid reference)");
        }
        return refs.get(n);
    }

    /** A 4-byte size, which must not be negative. */
    private int size(String what) {
        int n = in.readInt();
        if (n < 0) {
            throw new ValueError("bad marshal data (" + what + " size out of range)");
        }
        return n;
    }

    /** A 1-byte size. */
    private int shortSize() {
        int n = in.readByte();
        if (n < 0) {
            throw new EOFError("EOF read where not expected");
        }
        return n;
    }

    private byte[] readBytes() {
        int n = size("bytes object");
        int at = in.take(n);
        return Arrays.copyOfRange(in.buf, at, at + n);
    }

    private String readLatin1(int n) {
        int at = in.take(n);
        return new String(in.buf, at, n, StandardCharsets.ISO_8859_1);
    }

    private String readUnicode() {
        int n = size("string");
        if (n == 0) {
            return "";
        }
        int at = in.take(n);
        return Utf8.decode(in.buf, at, n);
    }

    private double readFloatText() {
        int n = shortSize();
        int at = in.take(n);
        return FloatText.parse(in.buf, at, n);
    }

    /** {@code r_PyLong}: a sign-and-count then base-2**15 digits, least significant first. */
    private Object readPyLong() {
        int n = in.readInt();
        if (n == Integer.MIN_VALUE) {
            throw new ValueError("bad marshal data (long size out of range)");
        }
        int count = Math.abs(n);
        if (count == 0) {
            return 0L;
        }
        if (count <= 4) {
            long mag = 0;
            for (int i = 0; i < count; i++) {
                mag |= (long) digit(i == count - 1) << 15 * i;
            }
            return n < 0 ? -mag : mag;
        }
        int[] digits = new int[in.capacityFor(count)];
        for (int i = 0; i < count; i++) {
            if (i == digits.length) {
                digits = Arrays.copyOf(digits, (int) Math.min(count, 2L * digits.length));
            }
            digits[i] = digit(i == count - 1);
        }
        byte[] be = new byte[(int) ((15L * count + 7) / 8)];
        int acc = 0;
        int bits = 0;
        int k = be.length - 1;
        for (int i = 0; i < count; i++) {
            acc |= digits[i] << bits;
            bits += 15;
            while (bits >= 8) {
                be[k--] = (byte) acc;
                acc >>>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) {
            be[k] = (byte) acc;
        }
        BigInteger v = new BigInteger(n < 0 ? -1 : 1, be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private int digit(boolean top) {
        int d = in.readShort();
        if (d < 0) {
            throw new ValueError("bad marshal data (digit out of range in long)");
        }
        if (top && d == 0) {
            throw new ValueError("bad marshal data (unnormalized long data)");
        }
        return d;
    }

    private PyTuple readTuple(boolean flag, int n) {
        int index = reserve(flag);
        Object[] items = new Object[in.capacityFor(n)];
        for (int i = 0; i < n; i++) {
            if (i == items.length) {
                items = Arrays.copyOf(items, (int) Math.min(n, 2L * items.length));
            }
            items[i] = element("tuple");
        }
        return fill(index, PyTuple.of(items));
    }

    private List<Object> readList(boolean flag) {
        int n = size("list");
        List<Object> list = new ArrayList<>(in.capacityFor(n));
        ref(flag, list);
        for (int i = 0; i < n; i++) {
            list.add(element("list"));
        }
        return list;
    }

    private Map<Object, Object> readDict(boolean flag) {
        Map<Object, Object> dict = new LinkedHashMap<>();
        ref(flag, dict);
        while (true) {
            Object key = readObject();
            if (key == NULL) {
                return dict;
            }
            Object value = readObject();
            if (value == NULL) {
                return dict;  // as CPython: a NULL value ends the dict without an error
            }
            dict.put(hashable(key), value);
        }
    }

    private Set<Object> readSet(boolean flag, boolean frozen) {
        int n = size("set");
        if (n == 0 && frozen) {
            ref(flag, PyFrozenSet.EMPTY);
            return PyFrozenSet.EMPTY;
        }
        Set<Object> set = new LinkedHashSet<>(Math.max(16, in.capacityFor(n)));
        int index = -1;
        if (frozen) {
            index = reserve(flag);
        } else {
            ref(flag, set);
        }
        for (int i = 0; i < n; i++) {
            set.add(hashable(element("set")));
        }
        return frozen ? fill(index, PyFrozenSet.copyOf(set)) : set;
    }

    /** One element of a sized container, which must not be NULL. */
    private Object element(String container) {
        Object v = readObject();
        if (v == NULL) {
            throw new TypeError("NULL object in marshal data for " + container);
        }
        return v;
    }

    /**
     * {@code v} if Python could hash it (a dict key, a set element), else CPython's TypeError. Used when
     * writing too: a Java map or set may hold a list as a key, which no Python dict or set can.
     */
    static Object hashable(Object v) {
        String type = unhashableType(v);
        if (type != null) {
            throw new TypeError("unhashable type: '" + type + "'");
        }
        return v;
    }

    private static String unhashableType(Object v) {
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof Set && !(v instanceof PyFrozenSet)) {
            return "set";
        }
        if (v instanceof PyByteArray) {
            return "bytearray";
        }
        if (v instanceof PyTuple t && !t.isHashable()) {
            for (Object item : t) {
                String type = unhashableType(item);
                if (type != null) {
                    return type;
                }
            }
        }
        return null;
    }

    /** {@code TYPE_CODE}, CPython 3.11–3.13's layout, validated as {@code _PyCode_Validate} does. */
    private PyCode readCode(boolean flag) {
        if (!allowCode) {
            throw new ValueError("unmarshalling code objects is disallowed");
        }
        int index = reserve(flag);
        int argcount = in.readInt();
        int posonlyargcount = in.readInt();
        int kwonlyargcount = in.readInt();
        int stacksize = in.readInt();
        int flags = in.readInt();
        Object code = element("code object");
        Object consts = element("code object");
        Object names = element("code object");
        Object localsplusnames = element("code object");
        Object localspluskinds = element("code object");
        Object filename = element("code object");
        Object name = element("code object");
        Object qualname = element("code object");
        int firstlineno = in.readInt();
        Object linetable = element("code object");
        Object exceptiontable = element("code object");
        if (argcount < posonlyargcount || posonlyargcount < 0 || kwonlyargcount < 0 || stacksize < 0 || flags < 0
                || !(code instanceof byte[] bytecode) || !(consts instanceof PyTuple constTuple)
                || !(names instanceof PyTuple nameTuple) || !(localsplusnames instanceof PyTuple localNames)
                || !(localspluskinds instanceof byte[] kinds) || localNames.size() != kinds.length
                || !(name instanceof String nameText) || !(qualname instanceof String qualnameText)
                || !(filename instanceof String filenameText) || !(linetable instanceof byte[] lines)
                || !(exceptiontable instanceof byte[] exceptions)) {
            throw new SystemError("bad argument to internal function");
        }
        if (bytecode.length % 2 != 0) {
            throw new ValueError("code: co_code is malformed");
        }
        int nlocals = 0;
        for (byte kind : kinds) {
            if ((kind & PyCode.CO_FAST_LOCAL) != 0) {
                nlocals++;
            }
        }
        int plain = nlocals - argcount - kwonlyargcount - ((flags & PyCode.CO_VARARGS) != 0 ? 1 : 0)
                - ((flags & PyCode.CO_VARKEYWORDS) != 0 ? 1 : 0);
        if (plain < 0) {
            throw new ValueError("code: co_varnames is too small");
        }
        for (PyTuple strings : List.of(nameTuple, localNames)) {
            for (Object s : strings) {
                if (!(s instanceof String)) {
                    throw new SystemError("non-string found in code slot");
                }
            }
        }
        return fill(index, new PyCode(argcount, posonlyargcount, kwonlyargcount, stacksize, flags, bytecode,
                constTuple, nameTuple, localNames, kinds, filenameText, nameText, qualnameText, firstlineno,
                lines, exceptions));
    }
}
