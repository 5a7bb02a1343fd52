package org.sqlite3j.pickle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Python's {@code pickletools}: {@link #dis(byte[])} renders the opcodes of one pickle (through its
 * first STOP) line for line as {@code pickletools.dis} prints them: offset, opcode byte, MARK-level
 * indentation, name, Python {@code repr} of the argument, {@code (MARK at n)} / {@code (as n)}, and the
 * final "highest protocol among opcodes" line. A structurally broken pickle raises
 * {@link IllegalArgumentException} with pickletools' reason (its ValueError).
 */
public final class PickleTools {
    private PickleTools() {
    }

    /** Argument kinds, as pickletools' ArgumentDescriptors. */
    private enum Arg { NONE, U1, U2, I4, U4, U8, DEC_SHORT, DEC_LONG, FLOATNL, FLOAT8, STRINGNL, NOESC, NOESC_PAIR,
        UNICODENL, STRING1, STRING4, BYTES1, BYTES4, BYTES8, UNICODE1, UNICODE4, UNICODE8, LONG1, LONG4, BYTEARRAY8 }

    /** One opcode: name, argument, items popped (-1: through the topmost mark, plus {@code extra} below it), items pushed, protocol. */
    private record Op(String name, Arg arg, int pop, int extra, int push, int proto) {
    }

    private static final Op[] OPS = new Op[256];

    private static void op(int code, String name, Arg arg, int pop, int extra, int push, int proto) {
        OPS[code] = new Op(name, arg, pop, extra, push, proto);
    }

    static {
        op('(', "MARK", Arg.NONE, 0, 0, -1, 0);
        op('.', "STOP", Arg.NONE, 1, 0, 0, 0);
        op('0', "POP", Arg.NONE, 1, 0, 0, 0);
        op('1', "POP_MARK", Arg.NONE, -1, 0, 0, 1);
        op('2', "DUP", Arg.NONE, 1, 0, 2, 0);
        op('F', "FLOAT", Arg.FLOATNL, 0, 0, 1, 0);
        op('I', "INT", Arg.DEC_SHORT, 0, 0, 1, 0);
        op('J', "BININT", Arg.I4, 0, 0, 1, 1);
        op('K', "BININT1", Arg.U1, 0, 0, 1, 1);
        op('L', "LONG", Arg.DEC_LONG, 0, 0, 1, 0);
        op('M', "BININT2", Arg.U2, 0, 0, 1, 1);
        op('N', "NONE", Arg.NONE, 0, 0, 1, 0);
        op('P', "PERSID", Arg.NOESC, 0, 0, 1, 0);
        op('Q', "BINPERSID", Arg.NONE, 1, 0, 1, 1);
        op('R', "REDUCE", Arg.NONE, 2, 0, 1, 0);
        op('S', "STRING", Arg.STRINGNL, 0, 0, 1, 0);
        op('T', "BINSTRING", Arg.STRING4, 0, 0, 1, 1);
        op('U', "SHORT_BINSTRING", Arg.STRING1, 0, 0, 1, 1);
        op('V', "UNICODE", Arg.UNICODENL, 0, 0, 1, 0);
        op('X', "BINUNICODE", Arg.UNICODE4, 0, 0, 1, 1);
        op('a', "APPEND", Arg.NONE, 2, 0, 1, 0);
        op('b', "BUILD", Arg.NONE, 2, 0, 1, 0);
        op('c', "GLOBAL", Arg.NOESC_PAIR, 0, 0, 1, 0);
        op('d', "DICT", Arg.NONE, -1, 0, 1, 0);
        op('}', "EMPTY_DICT", Arg.NONE, 0, 0, 1, 1);
        op('e', "APPENDS", Arg.NONE, -1, 1, 1, 1);
        op('g', "GET", Arg.DEC_SHORT, 0, 0, 1, 0);
        op('h', "BINGET", Arg.U1, 0, 0, 1, 1);
        op('i', "INST", Arg.NOESC_PAIR, -1, 0, 1, 0);
        op('j', "LONG_BINGET", Arg.U4, 0, 0, 1, 1);
        op('l', "LIST", Arg.NONE, -1, 0, 1, 0);
        op(']', "EMPTY_LIST", Arg.NONE, 0, 0, 1, 1);
        op('o', "OBJ", Arg.NONE, -1, 0, 1, 1);
        op('p', "PUT", Arg.DEC_SHORT, 0, 0, 0, 0);
        op('q', "BINPUT", Arg.U1, 0, 0, 0, 1);
        op('r', "LONG_BINPUT", Arg.U4, 0, 0, 0, 1);
        op('s', "SETITEM", Arg.NONE, 3, 0, 1, 0);
        op('t', "TUPLE", Arg.NONE, -1, 0, 1, 0);
        op(')', "EMPTY_TUPLE", Arg.NONE, 0, 0, 1, 1);
        op('u', "SETITEMS", Arg.NONE, -1, 1, 1, 1);
        op('G', "BINFLOAT", Arg.FLOAT8, 0, 0, 1, 1);
        op(0x80, "PROTO", Arg.U1, 0, 0, 0, 2);
        op(0x81, "NEWOBJ", Arg.NONE, 2, 0, 1, 2);
        op(0x82, "EXT1", Arg.U1, 0, 0, 1, 2);
        op(0x83, "EXT2", Arg.U2, 0, 0, 1, 2);
        op(0x84, "EXT4", Arg.I4, 0, 0, 1, 2);
        op(0x85, "TUPLE1", Arg.NONE, 1, 0, 1, 2);
        op(0x86, "TUPLE2", Arg.NONE, 2, 0, 1, 2);
        op(0x87, "TUPLE3", Arg.NONE, 3, 0, 1, 2);
        op(0x88, "NEWTRUE", Arg.NONE, 0, 0, 1, 2);
        op(0x89, "NEWFALSE", Arg.NONE, 0, 0, 1, 2);
        op(0x8a, "LONG1", Arg.LONG1, 0, 0, 1, 2);
        op(0x8b, "LONG4", Arg.LONG4, 0, 0, 1, 2);
        op('B', "BINBYTES", Arg.BYTES4, 0, 0, 1, 3);
        op('C', "SHORT_BINBYTES", Arg.BYTES1, 0, 0, 1, 3);
        op(0x8c, "SHORT_BINUNICODE", Arg.UNICODE1, 0, 0, 1, 4);
        op(0x8d, "BINUNICODE8", Arg.UNICODE8, 0, 0, 1, 4);
        op(0x8e, "BINBYTES8", Arg.BYTES8, 0, 0, 1, 4);
        op(0x8f, "EMPTY_SET", Arg.NONE, 0, 0, 1, 4);
        op(0x90, "ADDITEMS", Arg.NONE, -1, 1, 1, 4);
        op(0x91, "FROZENSET", Arg.NONE, -1, 0, 1, 4);
        op(0x92, "NEWOBJ_EX", Arg.NONE, 3, 0, 1, 4);
        op(0x93, "STACK_GLOBAL", Arg.NONE, 2, 0, 1, 4);
        op(0x94, "MEMOIZE", Arg.NONE, 1, 0, 1, 4);
        op(0x95, "FRAME", Arg.U8, 0, 0, 0, 4);
        op(0x96, "BYTEARRAY8", Arg.BYTEARRAY8, 0, 0, 1, 5);
        op(0x97, "NEXT_BUFFER", Arg.NONE, 0, 0, 1, 5);
        op(0x98, "READONLY_BUFFER", Arg.NONE, 1, 0, 1, 5);
    }

    /** {@code pickletools.dis(pickle)}: the disassembly, one line per opcode, each ending in a newline. */
    public static String dis(byte[] pickle) {
        StringBuilder out = new StringBuilder();
        UnpicklerInput in = new UnpicklerInput(pickle);
        List<Boolean> stack = new ArrayList<>(); // true = markobject
        List<Integer> markstack = new ArrayList<>();
        Set<Object> memo = new HashSet<>();
        int maxProto = -1;
        while (true) {
            int pos = in.pos;
            int code = in.nextOpcode();
            if (code < 0) {
                throw new IllegalArgumentException("pickle exhausted before seeing STOP");
            }
            Op op = OPS[code];
            if (op == null) {
                throw new IllegalArgumentException(String.format("at position %d, opcode '%s' unknown", pos,
                        code < 0x80 && code >= 0x20 ? String.valueOf((char) code) : String.format("\\x%02x", code)));
            }
            String arg;
            try {
                arg = readArg(op.arg(), in);
            } catch (UnpicklingError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            maxProto = Math.max(maxProto, op.proto());
            String codeText = code < 0x80 ? String.valueOf((char) code) : String.format("\\x%02x", code);
            StringBuilder line = new StringBuilder(String.format("%5d: %-4s %s%s", pos, codeText,
                    " ".repeat(4 * markstack.size()), op.name()));
            String markMsg = null;
            int numToPop = op.pop();
            boolean popsMark = op.pop() < 0 || (op.name().equals("POP") && !stack.isEmpty() && stack.get(stack.size() - 1));
            if (popsMark) {
                if (markstack.isEmpty()) {
                    throw new IllegalArgumentException("no MARK exists on stack");
                }
                int markPos = markstack.remove(markstack.size() - 1);
                markMsg = "(MARK at " + markPos + ")";
                while (!stack.isEmpty() && !stack.get(stack.size() - 1)) {
                    stack.remove(stack.size() - 1);
                }
                if (stack.isEmpty()) {
                    // an earlier opcode popped the mark as an item: CPython's pickletools fails here with an
                    // IndexError from its own stack (a bug of pickletools); the reason is said instead
                    throw new IllegalArgumentException("the MARK at " + markPos + " is no longer on the stack: an"
                            + " earlier opcode popped it as an ordinary item");
                }
                stack.remove(stack.size() - 1);
                numToPop = op.pop() < 0 ? op.extra() : 0;
            }
            if (op.name().equals("MEMOIZE") || op.name().endsWith("PUT")) {
                // pickletools' checks, in its order; its memo keys are ints (PUT 00 stores under False == 0)
                Object key = op.name().equals("MEMOIZE") ? (Object) (long) memo.size() : memoKey(arg);
                if (op.name().equals("MEMOIZE")) {
                    markMsg = "(as " + memo.size() + ")";
                }
                if (memo.contains(key)) {
                    throw new IllegalArgumentException("memo key " + (arg == null ? "None" : arg) + " already defined");
                } else if (stack.isEmpty()) {
                    throw new IllegalArgumentException("stack is empty -- can't store into memo");
                } else if (stack.get(stack.size() - 1)) {
                    throw new IllegalArgumentException("can't store markobject in the memo");
                }
                memo.add(key);
            } else if (op.name().endsWith("GET") && !memo.contains(memoKey(arg))) {
                throw new IllegalArgumentException("memo key " + arg + " has never been stored into");
            }
            if (arg != null || markMsg != null) {
                line.append(" ".repeat(Math.max(0, 10 - op.name().length())));
                if (arg != null) {
                    line.append(' ').append(arg);
                }
                if (markMsg != null) {
                    line.append(' ').append(markMsg);
                }
            }
            out.append(line).append('\n');
            if (stack.size() < numToPop) {
                throw new IllegalArgumentException("tries to pop " + numToPop + " items from stack with only "
                        + stack.size() + " items");
            }
            for (int i = 0; i < numToPop; i++) {
                stack.remove(stack.size() - 1);
            }
            if (op.push() < 0) {
                markstack.add(pos);
                stack.add(true);
            } else {
                for (int i = 0; i < op.push(); i++) {
                    stack.add(false);
                }
            }
            if (code == Opcodes.STOP) {
                break;
            }
        }
        out.append("highest protocol among opcodes = ").append(maxProto).append('\n');
        if (!stack.isEmpty()) {
            throw new IllegalArgumentException("stack not empty after STOP");
        }
        return out.toString();
    }

    /**
     * {@code pickletools.optimize(pickle)}: drops PUT/BINPUT/LONG_BINPUT/MEMOIZE opcodes no GET refers to,
     * renumbers the rest densely, and re-frames protocol ≥ 4 output, byte for byte as CPython does.
     */
    public static byte[] optimize(byte[] pickle) {
        record Piece(int kind, Object arg, int from, int to) {
        }
        final int copy = 0;
        final int put = 1;
        final int get = 2;
        List<Piece> pieces = new ArrayList<>();
        java.util.Map<Object, Long> used = new java.util.HashMap<>();
        Set<Object> putIds = new HashSet<>();
        int proto = 0;
        int headerEnd = 0;
        UnpicklerInput in = new UnpicklerInput(pickle);
        while (true) {
            int pos = in.pos;
            int code = in.nextOpcode();
            Op op = code < 0 ? null : OPS[code];
            if (op == null) {
                throw new IllegalArgumentException("not a pickle opcode at position " + pos);
            }
            String arg;
            try {
                arg = readArg(op.arg(), in);
            } catch (UnpicklingError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            String name = op.name();
            if (name.contains("PUT")) {
                putIds.add(memoKey(arg));
                pieces.add(new Piece(put, memoKey(arg), 0, 0));
            } else if (name.equals("MEMOIZE")) {
                Object idx = (long) putIds.size();
                putIds.add(idx);
                pieces.add(new Piece(put, idx, 0, 0));
            } else if (name.equals("FRAME")) {
                continue;
            } else if (name.contains("GET")) {
                proto = Math.max(proto, op.proto());
                used.put(memoKey(arg), null);
                pieces.add(new Piece(get, memoKey(arg), 0, 0));
            } else if (name.equals("PROTO")) {
                proto = Math.max(proto, Integer.parseInt(arg));
                if (pos == 0) {
                    headerEnd = in.pos;
                } else {
                    pieces.add(new Piece(copy, null, pos, in.pos));
                }
            } else {
                pieces.add(new Piece(copy, null, pos, in.pos));
            }
            if (code == Opcodes.STOP) {
                break;
            }
        }
        PickleOutput out = new PickleOutput(null);
        out.write(java.util.Arrays.copyOf(pickle, headerEnd));
        Pickler writer = new Pickler(out, proto);
        if (proto >= 4) {
            out.startFraming();
        }
        long next = 0;
        for (Piece piece : pieces) {
            byte[] data;
            if (piece.kind() == put) {
                if (!used.containsKey(piece.arg())) {
                    continue;
                }
                used.put(piece.arg(), next);
                data = writer.encodePut((int) next++);
            } else if (piece.kind() == get) {
                Long idx = used.get(piece.arg());
                data = writer.encodeGet(idx == null ? 0 : idx.intValue());
            } else {
                data = java.util.Arrays.copyOfRange(pickle, piece.from(), piece.to());
            }
            if (data.length > PickleOutput.FRAME_SIZE_TARGET && out.framing()) {
                out.writeUnframed(data);
            } else {
                out.boundary();
                out.write(data);
            }
        }
        out.endFraming();
        return out.toByteArray();
    }

    /**
     * pickletools' {@code read_stringnl} reads a text argument as {@code codecs.escape_decode(line).decode("ascii")}
     * (GLOBAL and INST names and PERSID too): escapes undone, a byte past ASCII refused.
     */
    private static String ascii(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] < 0) {
                throw new UnpicklingError(String.format("'ascii' codec can't decode byte 0x%02x in position %d: ordinal"
                        + " not in range(128)", b[i] & 0xff, i));
            }
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** pickletools' quotes around a STRING argument: the same quote at both ends (one quote alone is both). */
    private static String stripQuotes(String line) {
        for (char q : new char[] {'"', '\''}) {
            if (!line.isEmpty() && line.charAt(0) == q) {
                if (line.charAt(line.length() - 1) != q) {
                    throw new UnpicklingError("strinq quote " + q // (sic: pickletools' message)
                            + " not found at both ends of " + PyRepr.str(line));
                }
                return line.length() == 1 ? "" : line.substring(1, line.length() - 1);
            }
        }
        throw new UnpicklingError("no string quotes around " + PyRepr.str(line));
    }

    private static String readArg(Arg kind, UnpicklerInput in) {
        switch (kind) {
            case NONE:
                return null;
            case U1:
                return Integer.toString(in.u8());
            case U2:
                return Integer.toString(in.u16());
            case I4:
                return Integer.toString(in.s32());
            case U4:
                return Long.toString(Integer.toUnsignedLong(in.s32()));
            case U8:
                return Long.toUnsignedString(in.u64());
            case DEC_SHORT: {
                String s = in.line();
                return s.equals("00") ? "False" : s.equals("01") ? "True" : PyNumbers.parseInt(latin1(s), 10).toString();
            }
            case DEC_LONG: {
                String s = in.line();
                return PyNumbers.parseInt(latin1(s.endsWith("L") ? s.substring(0, s.length() - 1) : s), 10).toString();
            }
            case FLOATNL:
                return Numbers.repr(PyNumbers.parseFloat(latin1(in.line())));
            case FLOAT8:
                return Numbers.repr(in.f64());
            case STRINGNL:
                return PyRepr.str(ascii(TextForms.escapeDecode(stripQuotes(in.line()))));
            case NOESC:
                return PyRepr.str(ascii(TextForms.escapeDecode(in.line())));
            case NOESC_PAIR:
                return PyRepr.str(ascii(TextForms.escapeDecode(in.line())) + " " + ascii(TextForms.escapeDecode(in.line())));
            case UNICODENL:
                return PyRepr.str(TextForms.rawUnicodeUnescape(in.line()));
            case STRING1:
                return PyRepr.str(new String(in.bytes(in.u8()), StandardCharsets.ISO_8859_1));
            case STRING4:
                return PyRepr.str(new String(in.bytes(nonNegative(in.s32())), StandardCharsets.ISO_8859_1));
            case BYTES1:
                return PyRepr.bytes(in.bytes(in.u8()));
            case BYTES4:
                return PyRepr.bytes(in.bytes(Integer.toUnsignedLong(in.s32())));
            case BYTES8:
                return PyRepr.bytes(in.bytes(checked(in.u64())));
            case BYTEARRAY8:
                return "bytearray(" + PyRepr.bytes(in.bytes(checked(in.u64()))) + ")";
            case UNICODE1:
                return PyRepr.str(in.utf8(in.u8()));
            case UNICODE4:
                return PyRepr.str(in.utf8(Integer.toUnsignedLong(in.s32())));
            case UNICODE8:
                return PyRepr.str(in.utf8(checked(in.u64())));
            case LONG1:
                return longRepr(Numbers.decodeLong(in.bytes(in.u8())));
            case LONG4:
                return longRepr(Numbers.decodeLong(in.bytes(nonNegative(in.s32()))));
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** The bytes of a text argument read as Latin-1 characters (pickletools reads them as bytes). */
    private static byte[] latin1(String line) {
        return line.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A PUT/GET argument as the memo key pickletools uses: an int, True being 1 and False 0. */
    private static Object memoKey(String arg) {
        return arg.equals("True") ? (Object) 1L : arg.equals("False") ? (Object) 0L
                : PyNumbers.parseInt(arg, 10);
    }

    private static String longRepr(Object v) {
        return v instanceof BigInteger b ? b.toString() : v.toString();
    }

    private static long nonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative byte count " + n);
        }
        return n;
    }

    private static long checked(long n) {
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("byte count " + Long.toUnsignedString(n) + " too large");
        }
        return n;
    }
}
