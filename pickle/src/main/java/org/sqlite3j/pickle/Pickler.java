package org.sqlite3j.pickle;

import static org.sqlite3j.pickle.Opcodes.*;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Python's {@code pickle.Pickler}: writes the value model described in {@link Pickle} as protocol 0–5
 * pickles, opcode for opcode what CPython's C pickler writes for the same values (framing at protocol
 * ≥ 4, memoization, batching of 1000, {@code fix_imports} names below protocol 3). Several
 * {@link #dump} calls share the memo, as in CPython; {@link #clearMemo()} forgets it.
 *
 * <p>Objects outside the value model go, in order, to the {@link #reducerOverride}, the Pickler's
 * {@link DispatchTable} (else {@link DispatchTable#global()}), and the built-in reductions (complex,
 * datetime types, Decimal, OrderedDict); anything else raises {@link PicklingError}.
 *
 * <p>Not thread-safe: one Pickler per thread. Configure it before the first {@code dump()}.
 */
public final class Pickler {
    private static final String LATIN1 = "latin1";
    private static final PyGlobal CODECS_ENCODE = new PyGlobal("_codecs", "encode");
    private static final PyGlobal BYTES = new PyGlobal("builtins", "bytes");
    private static final PyGlobal BYTEARRAY = new PyGlobal("builtins", "bytearray");
    private static final PyGlobal COMPLEX = new PyGlobal("builtins", "complex");
    static final PyGlobal GETATTR = new PyGlobal("builtins", "getattr");
    private static final PyGlobal ORDERED_DICT = new PyGlobal("collections", "OrderedDict");
    private static final PyGlobal PARTIAL = Builtins.PARTIAL_GLOBAL;
    /** {@code object.__new__}: one instance, so a second object reuses the memo entry as CPython does. */
    private static final PyAttribute OBJECT_NEW = Builtins.OBJECT_NEW;
    /** Dict key positions remembered in {@link #keyCache}. */
    private static final int KEY_CACHE = 8;

    private final PickleOutput out;
    private final int proto;
    private final boolean bin;
    private boolean fixImports = true;
    private Predicate<PickleBuffer> bufferCallback;
    private DispatchTable dispatchTable;
    private Reducer<Object> reducerOverride;
    private Function<Object, Object> persistentId;
    private ExtensionRegistry extensions = ExtensionRegistry.global();
    private int maxDepth = 5000;
    private int depth;
    /** A memo index {@link PicklerMemo#getOrPut} already assigned to the object being saved, else -1. */
    private int reserved = -1;
    private final PicklerMemo memo = new PicklerMemo();
    /**
     * The string keys of the dicts saved last, by position, with their memo indices: dicts of records
     * repeat the same key objects in the same order, and a key found here is written as its GET without
     * dispatch or a memo probe. Valid while the memo is (cleared with it).
     */
    private final Object[] keyCache = new Object[KEY_CACHE];
    private final int[] keyCacheIndex = new int[KEY_CACHE];
    /** One String instance per module name, so repeated module names hit the memo like CPython's. */
    private final Map<String, String> moduleNames = new java.util.HashMap<>();

    /** A Pickler writing {@link Pickle#DEFAULT_PROTOCOL} to {@code stream} (not closed by the Pickler). */
    public Pickler(OutputStream stream) {
        this(stream, Pickle.DEFAULT_PROTOCOL);
    }

    /**
     * A Pickler writing {@code protocol} (0–5; negative means {@link Pickle#HIGHEST_PROTOCOL}) to
     * {@code stream}.
     */
    public Pickler(OutputStream stream, int protocol) {
        this(new PickleOutput(Objects.requireNonNull(stream, "stream")), protocol);
    }

    Pickler(PickleOutput out, int protocol) {
        int p = protocol < 0 ? Pickle.HIGHEST_PROTOCOL : protocol;
        if (p > Pickle.HIGHEST_PROTOCOL) {
            throw new IllegalArgumentException("pickle protocol must be <= " + Pickle.HIGHEST_PROTOCOL);
        }
        this.out = out;
        this.proto = p;
        this.bin = p >= 1;
    }

    /** Python's {@code fix_imports} (default true): Python 2 names for globals below protocol 3. */
    public Pickler fixImports(boolean fix) {
        this.fixImports = fix;
        return this;
    }

    /**
     * Python's {@code buffer_callback} (protocol 5): called with each {@link PickleBuffer}; returning
     * {@code false} sends it out of band (only NEXT_BUFFER goes into the stream), {@code true} writes it
     * in band.
     */
    public Pickler bufferCallback(Predicate<PickleBuffer> inBand) {
        this.bufferCallback = inBand;
        return this;
    }

    /** This Pickler's own dispatch table, replacing the global default. */
    public Pickler dispatchTable(DispatchTable table) {
        this.dispatchTable = table;
        return this;
    }

    /** Python's {@code reducer_override}: consulted first for objects outside the core value types. */
    public Pickler reducerOverride(Reducer<Object> override) {
        this.reducerOverride = override;
        return this;
    }

    /** Python's {@code persistent_id}: a non-null result is written as a persistent id instead of the object. */
    public Pickler persistentId(Function<Object, Object> id) {
        this.persistentId = id;
        return this;
    }

    /** The extension registry whose codes replace globals at protocol ≥ 2 (default: the global one). */
    public Pickler extensions(ExtensionRegistry registry) {
        this.extensions = Objects.requireNonNull(registry, "extensions");
        return this;
    }

    /** The nesting depth past which dumping fails with PicklingError (default 5000). */
    public Pickler maxDepth(int max) {
        this.maxDepth = max;
        return this;
    }

    /** Python's {@code clear_memo()}. */
    public void clearMemo() {
        memo.clear();
        Arrays.fill(keyCache, null);
        moduleNames.clear();
    }

    /** Writes one pickle of {@code obj}, ending with STOP. */
    public void dump(Object obj) {
        if (proto >= 2) {
            out.write2(PROTO, proto);
        }
        if (proto >= 4) {
            out.startFraming();
        }
        depth = 0;
        try {
            save(obj);
        } catch (StackOverflowError e) {
            throw new PicklingError("maximum recursion depth exceeded while pickling an object", e);
        }
        out.write(STOP);
        out.endFraming();
    }

    // ---- dispatch ------------------------------------------------------------------------------

    void save(Object obj) {
        save(obj, true);
    }

    /**
     * Kept small (the JIT inlines it into the container loops): the commonest classes by exact class, no
     * interface checks on the way; everything else in {@link #saveOther}.
     */
    private void save(Object obj, boolean allowPersistent) {
        out.boundary(); // CPython checks the frame size as each object starts
        if (persistentId != null && allowPersistent && savedAsPersistentId(obj)) {
            return;
        }
        Class<?> c = obj == null ? null : obj.getClass();
        if (c == String.class) {
            saveStrMemoized((String) obj);
        } else if (c == Long.class) {
            PicklerScalars.saveLong(out, proto, (Long) obj);
        } else if (c == LinkedHashMap.class || c == HashMap.class || c == ArrayList.class) {
            saveMemoized(obj, true);
        } else if (c == Double.class) {
            PicklerScalars.saveFloat(out, proto, (Double) obj);
        } else {
            saveOther(obj);
        }
    }

    private boolean savedAsPersistentId(Object obj) {
        Object pid = persistentId.apply(obj);
        if (pid == null) {
            return false;
        }
        savePersistentId(pid);
        return true;
    }

    private void saveOther(Object obj) {
        if (obj == null) {
            out.write(NONE);
        } else if (obj instanceof Integer || obj instanceof Short || obj instanceof Byte) {
            PicklerScalars.saveLong(out, proto, ((Number) obj).longValue());
        } else if (obj instanceof Boolean b) {
            if (proto >= 2) {
                out.write(b ? NEWTRUE : NEWFALSE);
            } else {
                out.writeAscii(b ? "I01\n" : "I00\n");
            }
        } else if (obj instanceof Float f) {
            PicklerScalars.saveFloat(out, proto, f);
        } else if (obj instanceof BigInteger b) {
            PicklerScalars.saveBigInteger(out, proto, b);
        } else {
            saveMemoized(obj, reservable(obj));
        }
    }

    /** A GET if {@code s} is in the memo, else {@code s} saved and memoized; returns its memo index. */
    private int saveStrMemoized(String s) {
        int m = memo.getOrPut(s);
        if (m >= 0) {
            writeGet(m);
            return m;
        }
        reserved = -m - 1;
        saveStr(s);
        return -m - 1;
    }

    /**
     * Saves the key at {@code position} in a dict: as {@link #save(Object)} does, but a string key that is
     * the same object as at this position in the dicts before (see {@link #keyCache}) is written as its
     * GET straight away, after the same frame-boundary check. Not with a persistent_id, which sees every object.
     */
    void saveKey(Object key, int position) {
        if (position >= KEY_CACHE || persistentId != null || key == null || key.getClass() != String.class) {
            save(key);
        } else if (keyCache[position] == key) {
            out.boundary();
            writeGet(keyCacheIndex[position]);
        } else {
            out.boundary();
            keyCacheIndex[position] = saveStrMemoized((String) key);
            keyCache[position] = key;
        }
    }

    /** An object that goes through the memo: a GET if it is there, else saved (and memoized by its saver). */
    private void saveMemoized(Object obj, boolean reserve) {
        int m = reserve ? memo.getOrPut(obj) : memo.get(obj);
        if (m >= 0) {
            writeGet(m);
            return;
        }
        if (reserve) {
            reserved = -m - 1;
        }
        if (++depth > maxDepth) {
            throw new PicklingError("maximum recursion depth exceeded while pickling an object (maxDepth "
                    + maxDepth + ")");
        }
        saveObject(obj);
        depth--;
    }

    /** Whether the memo PUT of {@code obj} directly follows its own opcode (see {@link PicklerMemo#getOrPut}). */
    private boolean reservable(Object obj) {
        return (obj instanceof Map && !(obj instanceof PyOrderedDict)) || obj instanceof List
                || (obj instanceof byte[] && proto >= 3) || (obj instanceof Set && !(obj instanceof PyFrozenSet) && proto >= 4)
                || (obj instanceof PyByteArray && proto >= 5);
    }

    private void saveObject(Object obj) {
        Class<?> c = obj.getClass();
        // the commonest containers by exact class first: a failed interface test (ArrayList instanceof
        // Map) scans the class's whole list of interfaces on this JVM, every time
        if (c == ArrayList.class) {
            PicklerContainers.saveList(this, (ArrayList<?>) obj);
        } else if (c == LinkedHashMap.class || c == HashMap.class) {
            PicklerContainers.saveDict(this, (Map<?, ?>) obj);
        } else if (obj instanceof Map<?, ?> m && !(obj instanceof PyOrderedDict)) {
            PicklerContainers.saveDict(this, m);
        } else if (obj instanceof List<?> l) {
            PicklerContainers.saveList(this, l);
        } else if (obj instanceof PyTuple t) {
            PicklerContainers.saveTuple(this, t);
        } else if (obj instanceof byte[] b) {
            saveBytes(b, b);
        } else if (obj instanceof PyFrozenSet f) {
            PicklerContainers.saveFrozenSet(this, f);
        } else if (obj instanceof Set<?> s) {
            PicklerContainers.saveSet(this, s);
        } else if (obj instanceof PyByteArray b) {
            saveByteArray(b, b.array());
        } else if (obj instanceof PickleBuffer pb) {
            savePickleBuffer(pb);
        } else if (obj instanceof PyGlobal g) {
            PicklerGlobals.save(this, g);
        } else if (obj instanceof PyObject p) {
            PicklerStubs.save(this, p);
        } else if (obj instanceof PyAttribute a) {
            saveReduce(new Reduction(GETATTR, PyTuple.of(a.owner(), a.name())), a);
        } else {
            Reduction r = reducerOverride == null ? null : reducerOverride.reduce(obj, proto);
            if (r == null) {
                DispatchTable table = dispatchTable != null ? dispatchTable : DispatchTable.global();
                r = table.find(obj.getClass()).map(x -> x.reduce(obj, proto)).orElse(null);
            }
            if (r == null) {
                r = builtinReduction(obj);
            }
            if (r == null) {
                throw new PicklingError("cannot pickle '" + obj.getClass().getName() + "' object");
            }
            saveReduce(r, obj);
        }
    }

    private Reduction builtinReduction(Object obj) {
        if (obj instanceof PyComplex c) {
            return new Reduction(COMPLEX, PyTuple.of(c.real(), c.imag()));
        }
        if (obj instanceof BigDecimal d) {
            return new Reduction(Builtins.DECIMAL, PyTuple.of(d.toString()));
        }
        if (obj instanceof PyOrderedDict d) {
            return new Reduction(ORDERED_DICT, PyTuple.EMPTY, null, null, d, null);
        }
        return DateTimes.reduce(obj, proto);
    }

    // ---- memo ----------------------------------------------------------------------------------

    /** The PUT opcode for memo slot {@code index} at this protocol (for pickletools.optimize). */
    byte[] encodePut(int index) {
        int before = out.pos;
        writePut(index);
        byte[] b = java.util.Arrays.copyOfRange(out.buf, before, out.pos);
        out.pos = before;
        return b;
    }

    /** The GET opcode for memo slot {@code index} at this protocol (for pickletools.optimize). */
    byte[] encodeGet(int index) {
        int before = out.pos;
        writeGet(index);
        byte[] b = java.util.Arrays.copyOfRange(out.buf, before, out.pos);
        out.pos = before;
        return b;
    }

    void memoize(Object obj) { // small enough (bytecode) for the JIT to inline anywhere
        int index = reserved;
        if (index >= 0) {
            reserved = -1;
            writePut(index);
        } else {
            writePut(memo.put(obj));
        }
    }

    private void writePut(int index) {
        if (proto >= 4) {
            out.write(MEMOIZE);
        } else if (bin) {
            if (index < 256) {
                out.write2(BINPUT, index);
            } else {
                out.writeU32(LONG_BINPUT, index);
            }
        } else {
            out.writeAscii("p" + index + "\n");
        }
    }

    void writeGet(int index) {
        if (bin) {
            if (index < 256) {
                out.write2(BINGET, index);
            } else {
                out.writeU32(LONG_BINGET, index);
            }
        } else {
            out.writeAscii("g" + index + "\n");
        }
    }

    /** Whether the memo is large enough for {@link #prefetch} to pay off. */
    boolean prefetching() {
        return memo.large();
    }

    /**
     * Starts loading what saving {@code obj} will read first, its header and its memo slot, so that those
     * cache misses overlap the work in between (callers: containers, an item or two ahead).
     */
    void prefetch(Object obj) {
        if (obj != null && !(obj instanceof Number) && !(obj instanceof Boolean)) {
            memo.touch(obj);
        }
    }

    int memoIndex(Object obj) {
        return memo.get(obj);
    }

    PickleOutput output() {
        return out;
    }

    int protocol() {
        return proto;
    }

    boolean fixImports() {
        return fixImports;
    }

    boolean bin() {
        return bin;
    }

    // ---- scalars -------------------------------------------------------------------------------

    private void saveStr(String s) {
        if (!bin) {
            out.write(UNICODE);
            out.write(TextForms.rawUnicodeEscape(s));
            out.write('\n');
        } else if (proto >= 4 && s.length() < 256 && PicklerScalars.writeAscii(out, SHORT_BINUNICODE, s)) {
            // fast path: SHORT_BINUNICODE of an ASCII string, encoded straight into the buffer
        } else if (s.length() < PickleOutput.FRAME_SIZE_TARGET && (proto < 4 || s.length() >= 256)
                && PicklerScalars.writeAscii(out, BINUNICODE, s)) {
            // the same for BINUNICODE (below protocol 4, or 256 characters and more)
        } else {
            byte[] b = Utf8.encode(s);
            int n = b.length;
            if (n < 256 && proto >= 4) {
                out.write2(SHORT_BINUNICODE, n);
                out.write(b);
            } else if (n >= PickleOutput.FRAME_SIZE_TARGET && out.framing()) {
                out.writeLarge(PicklerScalars.header(BINUNICODE, n, 4), b);
            } else {
                out.writeU32(BINUNICODE, n);
                out.write(b);
            }
        }
        memoize(s);
    }

    private void saveBytes(byte[] b, Object memoKey) {
        if (proto < 3) {
            if (b.length == 0) {
                saveReduce(new Reduction(BYTES, PyTuple.EMPTY), memoKey);
            } else {
                String latin1 = new String(b, StandardCharsets.ISO_8859_1);
                saveReduce(new Reduction(CODECS_ENCODE, PyTuple.of(latin1, LATIN1)), memoKey);
            }
            return;
        }
        int n = b.length;
        if (n < 256) {
            out.write2(SHORT_BINBYTES, n);
            out.write(b);
        } else if (n >= PickleOutput.FRAME_SIZE_TARGET && out.framing()) {
            out.writeLarge(PicklerScalars.header(BINBYTES, n, 4), b);
        } else {
            out.writeU32(BINBYTES, n);
            out.write(b);
        }
        memoize(memoKey);
    }

    private void saveByteArray(Object memoKey, byte[] b) {
        if (proto < 5) {
            Reduction r = b.length == 0 ? new Reduction(BYTEARRAY, PyTuple.EMPTY)
                    : new Reduction(BYTEARRAY, PyTuple.of((Object) b.clone()));
            saveReduce(r, memoKey);
            return;
        }
        if (b.length >= PickleOutput.FRAME_SIZE_TARGET && out.framing()) {
            out.writeLarge(PicklerScalars.header(BYTEARRAY8, b.length, 8), b);
        } else {
            out.writeU64(BYTEARRAY8, b.length);
            out.write(b);
        }
        memoize(memoKey);
    }

    private void savePickleBuffer(PickleBuffer pb) {
        if (proto < 5) {
            throw new PicklingError("PickleBuffer can only be pickled with protocol >= 5");
        }
        boolean inBand = bufferCallback == null || bufferCallback.test(pb);
        if (inBand) {
            if (pb.readOnly()) {
                saveBytes(pb.raw(), pb);
            } else {
                saveByteArray(pb, pb.raw());
            }
        } else {
            out.write(NEXT_BUFFER);
            if (pb.readOnly()) {
                out.write(READONLY_BUFFER);
            }
        }
    }

    private void savePersistentId(Object pid) {
        if (bin) {
            save(pid, false);
            out.write(BINPERSID);
        } else {
            String s = String.valueOf(pid);
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x80 || s.charAt(i) == '\n') {
                    throw new PicklingError("persistent IDs in protocol 0 must be ASCII strings");
                }
            }
            out.write(PERSID);
            out.writeAscii(s);
            out.write('\n');
        }
    }

    // ---- globals and reductions ----------------------------------------------------------------

    ExtensionRegistry extensions() {
        return extensions;
    }

    /** One String instance per module name, so repeated module names hit the memo like CPython's. */
    String moduleName(String module) {
        return moduleNames.computeIfAbsent(module, String::new);
    }

    /** Python's {@code save_reduce(func, args, state, listitems, dictitems, state_setter, obj=obj)}. */
    void saveReduce(Reduction r, Object obj) {
        Object func = r.callable();
        PyTuple args = r.args();
        if (proto >= 4 && Reduction.NEWOBJ_EX.equals(func)) {
            checkNewObjExArgs(args);
            save(args.get(0));
            save(args.get(1));
            save(args.get(2));
            out.write(NEWOBJ_EX);
        } else if (proto >= 2 && Reduction.NEWOBJ_EX.equals(func)) {
            saveNewObjExBelow4(args);
        } else if (proto >= 2 && Reduction.NEWOBJ.equals(func)) {
            if (args.isEmpty()) {
                throw new PicklingError("__newobj__ arglist is empty");
            }
            save(args.get(0));
            save(PyTuple.copyOf(args.asList().subList(1, args.size())));
            out.write(NEWOBJ);
        } else {
            save(func);
            save(args);
            out.write(REDUCE);
        }
        if (obj != null) {
            int m = memo.get(obj);
            if (m >= 0) {
                out.write(POP);
                writeGet(m);
            } else {
                memoize(obj);
            }
        }
        if (r.listItems() != null) {
            PicklerContainers.batchAppends(this, r.listIterator());
        }
        if (r.dictItems() != null) {
            PicklerContainers.batchSetItems(this, r.dictItems().entrySet().iterator());
        }
        if (r.state() != null) {
            if (r.stateSetter() == null) {
                save(r.state());
                out.write(BUILD);
            } else {
                save(r.stateSetter());
                save(obj);
                save(r.state());
                out.write(TUPLE2);
                out.write(REDUCE);
                out.write(POP);
            }
        }
    }

    private static void checkNewObjExArgs(PyTuple args) {
        if (args.size() != 3 || !(args.get(1) instanceof PyTuple) || !(args.get(2) instanceof Map)) {
            throw new PicklingError("__newobj_ex__ args must be (cls, args, kwargs)");
        }
    }

    /**
     * NEWOBJ_EX below protocol 4, as CPython's {@code save_reduce} emulates it:
     * {@code functools.partial(cls.__new__, cls, *args, **kwargs)()}, the partial written by its own
     * {@code __reduce__} (class, {@code (func,)}, BUILD with {@code (func, args, kwargs, None)}). A Java
     * reducer cannot say which {@code __new__} the Python class has; {@code object.__new__} (every class
     * that does not define its own) is written, which is what CPython writes for such classes.
     */
    private void saveNewObjExBelow4(PyTuple args) {
        checkNewObjExArgs(args);
        save(PARTIAL);
        save(PyTuple.of(OBJECT_NEW));
        out.write(REDUCE);
        memoize(new Object()); // the partial object: a memo slot nothing refers to again
        PyTuple newArgs = (PyTuple) args.get(1);
        Object[] partialArgs = new Object[newArgs.size() + 1];
        partialArgs[0] = args.get(0);
        for (int i = 0; i < newArgs.size(); i++) {
            partialArgs[i + 1] = newArgs.get(i);
        }
        Map<Object, Object> keywords = new java.util.LinkedHashMap<>((Map<?, ?>) args.get(2)); // partial keeps a copy
        save(PyTuple.of(OBJECT_NEW, PyTuple.of(partialArgs), keywords, null));
        out.write(BUILD);
        save(PyTuple.EMPTY);
        out.write(REDUCE);
    }
}
