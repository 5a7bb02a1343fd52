package org.sqlite3j.pickle;

import static org.sqlite3j.pickle.Opcodes.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Python's {@code pickle.Unpickler}: reads pickles of protocols 0–5 (every opcode), building the value
 * model described in {@link Pickle}. Several {@link #load()} calls on one Unpickler read consecutive
 * pickles and share the memo, as in CPython. On a stream the Unpickler reads in chunks; when the stream
 * supports {@link InputStream#mark mark/reset} (BufferedInputStream, ByteArrayInputStream) each load
 * leaves it positioned right after the pickle's STOP, as CPython leaves a file, otherwise the
 * read-ahead stays buffered in this Unpickler (keep using it for the pickles that follow).
 *
 * <p>Globals are resolved by a {@link Globals} policy, deny by default. Every malformed or hostile
 * input raises {@link UnpicklingError}: declared lengths are checked against the bytes present before
 * any allocation, the stack (values plus marks) and the memo are bounded ({@link #maxStack},
 * {@link #maxMemo}), and an overly deep structure is reported instead of overflowing the Java stack.
 *
 * <p>Not thread-safe: one Unpickler per thread. Configure it before the first {@code load()}.
 */
public final class Unpickler {
    private final UnpicklerInput in;
    private boolean fixImports = true;
    private String encoding = "ASCII";
    private Function<Object, Object> persistentLoad;
    private Iterator<?> buffers;
    private int maxStack = 1_000_000;
    private int maxMemo = 50_000_000;

    private UnpicklerMemo memo;
    private final UnpicklerObjects objects = new UnpicklerObjects();
    private Object[] stack = new Object[64];
    private int sp;
    private int[] marks = new int[16];
    private int markCount;
    private int fence;
    private int proto;

    /** Reads from {@code data} (not copied; do not change it while loading). */
    public Unpickler(byte[] data) {
        this.in = new UnpicklerInput(Objects.requireNonNull(data, "data"));
    }

    /** Reads from {@code stream} in chunks; the stream is not closed. */
    public Unpickler(InputStream stream) {
        this.in = new UnpicklerInput(Objects.requireNonNull(stream, "stream"));
    }

    /** The global resolution policy (default {@link Globals#builtins()}). */
    public Unpickler globals(Globals policy) {
        objects.globals(Objects.requireNonNull(policy, "globals"));
        return this;
    }

    /** When true, globals the policy does not know load as inert {@link PyObject} stubs instead of failing. */
    public Unpickler stubUnknownGlobals(boolean stub) {
        objects.stubUnknownGlobals(stub);
        return this;
    }

    /** Python's {@code fix_imports} (default true): maps Python 2 names in protocol 0–2 streams. */
    public Unpickler fixImports(boolean fix) {
        this.fixImports = fix;
        return this;
    }

    /**
     * How Python 2 {@code str} (STRING, BINSTRING, SHORT_BINSTRING) decodes: {@code "ASCII"} (default,
     * as CPython), {@code "latin1"}, {@code "utf-8"}, or {@code "bytes"} to keep them as {@code byte[]}.
     */
    public Unpickler encoding(String name) {
        this.encoding = Objects.requireNonNull(name, "encoding");
        return this;
    }

    /** Python's {@code persistent_load}: turns a persistent id (PERSID/BINPERSID) into an object. */
    public Unpickler persistentLoad(Function<Object, Object> load) {
        this.persistentLoad = load;
        return this;
    }

    /** The out-of-band buffers NEXT_BUFFER consumes, in order (Python's {@code buffers=}). */
    public Unpickler buffers(Iterable<?> outOfBand) {
        this.buffers = outOfBand == null ? null : outOfBand.iterator();
        return this;
    }

    /** The extension registry EXT1/EXT2/EXT4 codes are looked up in (default: the global one). */
    public Unpickler extensions(ExtensionRegistry registry) {
        objects.extensions(Objects.requireNonNull(registry, "extensions"));
        return this;
    }

    /** Bound on the stack: values plus marks (default 1,000,000). */
    public Unpickler maxStack(int max) {
        this.maxStack = max;
        return this;
    }

    /** Bound on the number of memo entries (default 50,000,000). */
    public Unpickler maxMemo(int max) {
        this.maxMemo = max;
        return this;
    }

    /** Forgets the memo (the next load starts afresh). */
    public void clearMemo() {
        memo = null;
    }

    /** Reads one pickle up to its STOP and returns the object. */
    public Object load() {
        if (memo == null) {
            memo = new UnpicklerMemo(maxMemo);
        }
        sp = 0;
        markCount = 0;
        fence = 0;
        proto = 0;
        try {
            return run();
        } catch (UnpicklingError e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new UnpicklingError("the pickled structure is nested too deeply", e);
        } catch (RuntimeException e) {
            // a registered PyClass, persistent_load or java.time rejecting the stream's values
            throw new UnpicklingError(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            // popping leaves the slots as they are (no store per pop): what the stack held is let go here,
            // and a stack a large pickle grew is not kept (nor cleared at every later load) for small ones
            if (stack.length > 4096) {
                stack = new Object[64];
            } else {
                Arrays.fill(stack, null);
            }
        }
    }

    private Object run() {
        UnpicklerInput in = this.in;
        while (true) {
            int op = in.nextOpcode();
            switch (op) {
                case -1 -> throw new UnpicklingError("Ran out of input");
                case STOP -> {
                    Object result = pop();
                    in.releaseReadAhead();
                    return result;
                }
                case PROTO -> {
                    int p = in.u8();
                    if (p > Pickle.HIGHEST_PROTOCOL) {
                        throw new UnpicklingError("unsupported pickle protocol: " + p);
                    }
                    proto = p;
                }
                case FRAME -> in.frame(in.u64());
                case MARK -> pushMark();
                case POP -> popOne();
                case POP_MARK -> popMark();
                case DUP -> {
                    if (sp <= fence) {
                        throw underflow();
                    }
                    push(stack[sp - 1]);
                }
                case NONE -> push(null);
                case NEWTRUE -> push(Boolean.TRUE);
                case NEWFALSE -> push(Boolean.FALSE);
                case INT -> push(parseIntLine(in.line()));
                case BININT -> push((long) in.s32());
                case BININT1 -> push((long) in.u8());
                case BININT2 -> push((long) in.u16());
                case LONG -> push(parseLongLine(in.line()));
                case LONG1 -> push(Numbers.decodeLong(in.bytes(in.u8())));
                case LONG4 -> push(Numbers.decodeLong(in.bytes(length(in.s32(), "LONG pickle has negative byte count"))));
                case FLOAT -> push(Numbers.parseFloatOpcode(in.line()));
                case BINFLOAT -> push(in.f64());
                case STRING -> push(decodeStr(TextForms.unquote(in.line())));
                case BINSTRING -> push(decodeStr(in.bytes(length(in.s32(), "BINSTRING pickle has negative byte count"))));
                case SHORT_BINSTRING -> push(decodeStr(in.bytes(in.u8())));
                case UNICODE -> push(TextForms.rawUnicodeUnescape(in.line()));
                case SHORT_BINUNICODE -> push(in.utf8(in.u8()));
                case BINUNICODE -> push(in.utf8(Integer.toUnsignedLong(in.s32())));
                case BINUNICODE8 -> push(in.utf8(length64(in.u64(), "BINUNICODE8")));
                case SHORT_BINBYTES -> push(in.bytes(in.u8()));
                case BINBYTES -> push(in.bytes(Integer.toUnsignedLong(in.s32())));
                case BINBYTES8 -> push(in.bytes(length64(in.u64(), "BINBYTES8")));
                case BYTEARRAY8 -> push(PyByteArray.wrap(in.bytes(length64(in.u64(), "BYTEARRAY8"))));
                case NEXT_BUFFER -> push(nextBuffer());
                case READONLY_BUFFER -> readOnlyBuffer();
                case EMPTY_TUPLE -> push(PyTuple.EMPTY);
                case TUPLE -> push(PyTuple.wrap(popToMark()));
                case TUPLE1 -> push(PyTuple.wrap(popN(1)));
                case TUPLE2 -> push(PyTuple.wrap(popN(2)));
                case TUPLE3 -> push(PyTuple.wrap(popN(3)));
                case EMPTY_LIST -> push(new java.util.ArrayList<>(0)); // sized by its APPENDS (no room for 10 wasted)
                case LIST -> push(new java.util.ArrayList<>(Arrays.asList(popToMark())));
                case APPEND -> {
                    Object item = pop();
                    Containers.append(top(), item);
                }
                case APPENDS -> {
                    int m = marker();
                    Object target = belowMark(m);
                    if (target instanceof java.util.ArrayList<?> list) {
                        @SuppressWarnings("unchecked")
                        java.util.ArrayList<Object> l = (java.util.ArrayList<Object>) list;
                        l.ensureCapacity(l.size() + sp - m);
                        for (int i = m; i < sp; i++) {
                            l.add(stack[i]);
                        }
                        dropTo(m);
                    } else {
                        Object[] items = Arrays.copyOfRange(stack, m, sp);
                        dropTo(m);
                        Containers.extend(target, items);
                    }
                }
                case EMPTY_DICT -> push(new java.util.LinkedHashMap<>(8)); // 8 buckets hold 6 items, as a new CPython dict holds 5
                case DICT -> {
                    Object[] items = popToMark();
                    if ((items.length & 1) != 0) {
                        throw new UnpicklingError("odd number of items for DICT");
                    }
                    Map<Object, Object> d = new java.util.LinkedHashMap<>(Math.max(16, items.length));
                    Containers.setItems(d, items);
                    push(d);
                }
                case SETITEM -> {
                    Object value = pop();
                    Object key = pop();
                    Containers.setItems(top(), new Object[] {key, value});
                }
                case SETITEMS -> {
                    int m = marker();
                    if (((sp - m) & 1) != 0) {
                        throw new UnpicklingError("odd number of items for SETITEMS");
                    }
                    Object target = belowMark(m);
                    if (target instanceof java.util.LinkedHashMap<?, ?> map) {
                        @SuppressWarnings("unchecked")
                        Map<Object, Object> d = (Map<Object, Object>) map;
                        for (int i = m; i < sp; i += 2) {
                            Object key = stack[i];
                            if (!(key instanceof String)) {
                                Containers.checkHashable(key);
                            }
                            d.put(key, stack[i + 1]);
                        }
                        dropTo(m);
                    } else {
                        Object[] items = Arrays.copyOfRange(stack, m, sp);
                        dropTo(m);
                        Containers.setItems(target, items);
                    }
                }
                case EMPTY_SET -> push(new java.util.LinkedHashSet<>());
                case ADDITEMS -> {
                    Object[] items = popToMark();
                    Containers.addItems(top(), items);
                }
                case FROZENSET -> {
                    Object[] items = popToMark();
                    Containers.checkHashable(items);
                    push(PyFrozenSet.of(items));
                }
                case GLOBAL -> {
                    String module = utf8(in.line());
                    String name = utf8(in.line());
                    push(objects.findClass(module, name, proto < 3 && fixImports));
                }
                case STACK_GLOBAL -> {
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw new UnpicklingError("STACK_GLOBAL requires str");
                    }
                    push(objects.findClass(m, n, proto < 3 && fixImports));
                }
                case INST -> {
                    String module = utf8(in.line());
                    String name = utf8(in.line());
                    PyGlobal cls = objects.findClass(module, name, proto < 3 && fixImports);
                    push(objects.instantiate(PyObject.Kind.INST, cls, PyTuple.wrap(popToMark())));
                }
                case OBJ -> {
                    Object[] items = popToMark();
                    if (items.length == 0) {
                        throw underflow();
                    }
                    push(objects.instantiate(PyObject.Kind.OBJ, items[0], PyTuple.wrap(Arrays.copyOfRange(items, 1, items.length))));
                }
                case REDUCE -> {
                    Object args = pop();
                    Object callable = pop();
                    // CPython memoizes the argument tuple of a reduce (getattr(cls, 'method')), never
                    // that of the getattr chain it writes for a nested class below protocol 4
                    push(objects.reduce(callable, args, args == lastMemoized));
                }
                case NEWOBJ -> {
                    Object args = pop();
                    Object cls = pop();
                    if (!(args instanceof PyTuple t)) {
                        throw new UnpicklingError("NEWOBJ args argument must be a tuple, not " + Builtins.typeName(args));
                    }
                    push(objects.newObject(PyObject.Kind.NEWOBJ, cls, t, null, "NEWOBJ"));
                }
                case NEWOBJ_EX -> {
                    Object kwargs = pop();
                    Object args = pop();
                    Object cls = pop();
                    if (!(args instanceof PyTuple t)) {
                        throw new UnpicklingError("NEWOBJ_EX args argument must be a tuple, not " + Builtins.typeName(args));
                    }
                    if (!(kwargs instanceof Map<?, ?> kw)) {
                        throw new UnpicklingError("NEWOBJ_EX kwargs argument must be a dict, not " + Builtins.typeName(kwargs));
                    }
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> k = (Map<Object, Object>) kw;
                    push(objects.newObject(PyObject.Kind.NEWOBJ_EX, cls, t, k, "NEWOBJ_EX"));
                }
                case BUILD -> {
                    Object state = pop();
                    build(state);
                }
                case EXT1 -> push(objects.extension(in.u8()));
                case EXT2 -> push(objects.extension(in.u16()));
                case EXT4 -> push(objects.extension(in.s32()));
                case PERSID -> push(persistentLoad(in.line()));
                case BINPERSID -> push(persistentLoad(pop()));
                case PUT -> memoPut(parseIndex(in.line()));
                case BINPUT -> memoPut(in.u8());
                case LONG_BINPUT -> memoPut(Integer.toUnsignedLong(in.s32()));
                case MEMOIZE -> memoPut(memo.size());
                case GET -> push(memo.get(parseIndex(in.line())));
                case BINGET -> push(memo.get(in.u8()));
                case LONG_BINGET -> push(memo.get(Integer.toUnsignedLong(in.s32())));
                default -> throw badOpcode(op);
            }
        }
    }

    private static String utf8(String latin1Line) {
        byte[] b = latin1Line.getBytes(StandardCharsets.ISO_8859_1);
        return Utf8.decode(b, 0, b.length);
    }

    private static UnpicklingError badOpcode(int op) {
        String shown = op >= 0x20 && op < 0x7f && op != '\'' && op != '\\' ? String.valueOf((char) op)
                : String.format("\\x%02x", op);
        return new UnpicklingError("invalid load key, '" + shown + "'.");
    }

    // ---- stack -------------------------------------------------------------------------------

    private void push(Object o) {
        if (sp == stack.length || sp + markCount >= maxStack) {
            growStack();
        }
        stack[sp++] = o;
    }

    private void growStack() {
        if (sp + markCount >= maxStack) {
            throw new UnpicklingError("unpickling stack exceeds the limit of " + maxStack + " entries");
        }
        stack = Arrays.copyOf(stack, Math.min(Math.max(stack.length * 2, 16), maxStack + 1));
    }

    private UnpicklingError underflow() {
        return new UnpicklingError(markCount > 0 ? "unexpected MARK found" : "unpickling stack underflow");
    }

    private Object pop() {
        if (sp <= fence) {
            throw underflow();
        }
        return stack[--sp];
    }

    private Object top() {
        if (sp <= fence) {
            throw underflow();
        }
        return stack[sp - 1];
    }

    private Object[] popN(int n) {
        if (sp - n < fence) {
            throw underflow();
        }
        Object[] items = Arrays.copyOfRange(stack, sp - n, sp);
        sp -= n;
        return items;
    }

    private void pushMark() {
        if (sp + markCount >= maxStack) {
            throw new UnpicklingError("unpickling stack exceeds the limit of " + maxStack + " entries");
        }
        if (markCount == marks.length) {
            marks = Arrays.copyOf(marks, markCount * 2);
        }
        marks[markCount++] = sp;
        fence = sp;
    }

    /** Pops the topmost mark and returns the stack height it recorded. */
    private int marker() {
        if (markCount == 0) {
            throw new UnpicklingError("could not find MARK");
        }
        int m = marks[--markCount];
        fence = markCount > 0 ? marks[markCount - 1] : 0;
        return m;
    }

    private Object[] popToMark() {
        int m = marker();
        Object[] items = Arrays.copyOfRange(stack, m, sp);
        dropTo(m);
        return items;
    }

    /** The item just below a popped mark at {@code m} (the container APPENDS/SETITEMS fill). */
    private Object belowMark(int m) {
        if (m <= fence) {
            dropTo(m);
            throw underflow();
        }
        return stack[m - 1];
    }

    private void dropTo(int m) {
        sp = m;
    }

    private void popOne() {
        if (markCount > 0 && marks[markCount - 1] == sp) {
            marker();
        } else if (sp <= fence) {
            throw underflow();
        } else {
            sp--;
        }
    }

    private void popMark() {
        sp = marker();
    }

    /** The object the last memo PUT stored (to tell CPython's two getattr forms apart). */
    private Object lastMemoized;

    private void memoPut(long index) {
        if (sp <= fence) {
            throw underflow();
        }
        lastMemoized = stack[sp - 1];
        memo.put(index, lastMemoized);
    }

    // ---- scalars -----------------------------------------------------------------------------

    private static long length(int n, String negativeMessage) {
        if (n < 0) {
            throw new UnpicklingError(negativeMessage);
        }
        return n;
    }

    private static long length64(long n, String op) {
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new UnpicklingError(op + " exceeds system's maximum size of " + (Integer.MAX_VALUE - 16)
                    + " bytes: " + Long.toUnsignedString(n));
        }
        return n;
    }

    private static long parseIndex(String line) {
        Object v = Numbers.parseInt(line);
        if (!(v instanceof Long l)) {
            throw new UnpicklingError("memo index too large: " + line);
        }
        if (l < 0) {
            throw new UnpicklingError("negative PUT argument");
        }
        return l;
    }

    private static Object parseIntLine(String line) {
        if (line.equals("00")) {
            return Boolean.FALSE;
        }
        if (line.equals("01")) {
            return Boolean.TRUE;
        }
        return Numbers.parseInt(line);
    }

    private static Object parseLongLine(String line) {
        String s = line.endsWith("L") ? line.substring(0, line.length() - 1) : line;
        return Numbers.parseInt(s);
    }

    private Object decodeStr(byte[] b) {
        String e = encoding.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        switch (e) {
            case "bytes":
                return b;
            case "latin1", "latin-1", "iso-8859-1":
                return new String(b, StandardCharsets.ISO_8859_1);
            case "utf-8", "utf8":
                return Utf8.decode(b, 0, b.length);
            case "ascii":
                for (int i = 0; i < b.length; i++) {
                    if (b[i] < 0) {
                        throw new UnpicklingError(String.format("'ascii' codec can't decode byte 0x%02x in position %d:"
                                + " ordinal not in range(128)", b[i] & 0xff, i));
                    }
                }
                return new String(b, StandardCharsets.ISO_8859_1);
            default:
                throw new UnpicklingError("unsupported encoding '" + encoding + "'");
        }
    }

    private Object nextBuffer() {
        if (buffers == null) {
            throw new UnpicklingError("pickle stream refers to out-of-band data but no *buffers* argument was given");
        }
        if (!buffers.hasNext()) {
            throw new UnpicklingError("not enough out-of-band buffers");
        }
        return buffers.next();
    }

    private void readOnlyBuffer() {
        Object b = top();
        if (b instanceof PickleBuffer pb) {
            stack[sp - 1] = pb.toReadOnly();
        } else if (b instanceof PyByteArray ba) {
            stack[sp - 1] = ba.toByteArray();
        }
    }

    private Object persistentLoad(Object pid) {
        if (persistentLoad == null) {
            throw new UnpicklingError("A load persistent id instruction was encountered, but no persistent_load"
                    + " function was specified.");
        }
        return persistentLoad.apply(pid);
    }

    // ---- objects -----------------------------------------------------------------------------

    private void build(Object state) {
        Object inst = top();
        Object replaced = objects.build(inst, state);
        if (replaced != inst) {
            stack[sp - 1] = replaced;
            memo.replace(inst, replaced);
        }
    }
}
