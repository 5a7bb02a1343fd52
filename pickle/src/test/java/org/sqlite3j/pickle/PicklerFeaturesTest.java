package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlite3j.pickle.OpcodeTest.dict;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Streams, shared memo, copyreg-style reducers, dispatch tables, reducer_override, persistent ids,
 * the extension registry and out-of-band buffers. Expected bytes were produced by CPython 3.13's C
 * pickler for the equivalent Python objects (noted at each case).
 */
class PicklerFeaturesTest {
    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }

    record Point(long x, long y) {
    }

    static final class Bag {
        Map<Object, Object> attrs = new LinkedHashMap<>();
    }

    /**
     * Dict keys met again at the same position are written as the GET of the same object only: an equal
     * but distinct key is a new string, a key at another position is still found, and the memo's last
     * word holds after clear_memo() and once a persistent_id is set. Expected bytes: CPython 3.13, with
     * {@code b = ''.join(['i', 'd'])} for the distinct key and a Pickler subclass whose persistent_id is
     * switched on between two dump() calls.
     */
    @Test
    void repeatedDictKeysAreWrittenAsCPythonWritesThem() {
        String a = "id";
        String b = new String(a);
        List<Object> data = List.of(dict(a, 1L, "n", 2L), dict(b, 3L, "n", 4L), dict("n", 5L, a, 6L),
                dict(a, 7L, "n", 8L), dict(a, 9L));
        assertThat(hex(Pickle.dumps(data, 0))).isEqualTo("286c70300a286470310a5669640a70320a49310a73566e0a70330a49"
                + "320a7361286470340a5669640a70350a49330a7367330a49340a7361286470360a67330a49350a7367320a49360a73"
                + "61286470370a67320a49370a7367330a49380a7361286470380a67320a49390a73612e");
        assertThat(hex(Pickle.dumps(data, 2))).isEqualTo("80025d7100287d7101285802000000696471024b0158010000006e71"
                + "034b02757d7104285802000000696471054b0368034b04757d71062868034b0568024b06757d71072868024b0768034b"
                + "08757d710868024b0973652e");
        assertThat(hex(Pickle.dumps(data, 5))).isEqualTo("80059544000000000000005d94287d94288c026964944b018c016e94"
                + "4b02757d94288c026964944b0368034b04757d942868034b0568024b06757d942868024b0768034b08757d9468024b09"
                + "73652e");

        ByteArrayOutputStream cleared = new ByteArrayOutputStream();
        Pickler p = new Pickler(cleared, 5);
        p.dump(List.of(dict(a, 1L)));
        p.dump(List.of(dict(a, 2L))); // the memo carries over: a GET
        p.clearMemo();
        p.dump(List.of(dict(a, 3L))); // written again
        assertThat(hex(cleared.toByteArray())).isEqualTo("8005950e000000000000005d947d948c026964944b0173612e800595"
                + "0b000000000000005d947d9468024b0273612e8005950e000000000000005d947d948c026964944b0373612e");

        ByteArrayOutputStream persistent = new ByteArrayOutputStream();
        Pickler q = new Pickler(persistent, 2);
        q.dump(List.of(dict(a, 1L)));
        q.persistentId(o -> o == a ? "K" : null);
        q.dump(List.of(dict(a, 2L))); // the key goes to persistent_id, not to the memo
        assertThat(hex(persistent.toByteArray())).isEqualTo("80025d71007d71015802000000696471024b0173612e80025d71037d"
                + "710458010000004b7105514b0273612e");
    }

    @Test // the memo is by identity for strings too: equal strings that are distinct objects are written each time
    void stringsAreMemoizedByIdentityEvenWhenManyAreEqual() {
        int n = 20_000;
        List<Object> distinct = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            distinct.add(new String("same")); // equal, never identical: CPython writes each of them
        }
        String shared = new String("shared");
        distinct.add(shared);
        distinct.add(shared); // the same object twice: a memo GET
        byte[] data = Pickle.dumps(distinct, 4);
        // 2 + 1 header bytes, per element SHORT_BINUNICODE "same" (6) + MEMOIZE (1)
        String text = new String(data, StandardCharsets.ISO_8859_1);
        assertThat(text.split("same", -1)).hasSize(n + 1);
        assertThat(text.split("shared", -1)).hasSize(2);
        List<?> back = (List<?>) Pickle.loads(data);
        assertThat(back).hasSize(n + 2);
        assertThat(back.get(n)).isSameAs(back.get(n + 1));
        assertThat(back.get(0)).isNotSameAs(back.get(1)).isEqualTo("same");
        // the same bytes as a pickle of strings made one by one (no string-hash shortcut changes them)
        List<Object> again = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            again.add(new StringBuilder("sa").append("me").toString());
        }
        again.add(shared);
        again.add(shared);
        assertThat(Pickle.dumps(again, 4)).isEqualTo(data);
    }

    @Test
    void severalDumpsShareTheMemoLikeCPython() {
        // p = pickle.Pickler(f, 4); l = [1]; p.dump(l); p.dump(l); p.dump('s')
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pickler p = new Pickler(out, 4);
        List<Object> l = new ArrayList<>(List.of(1));
        p.dump(l);
        p.dump(l);
        p.dump("s");
        assertThat(hex(out.toByteArray())).isEqualTo(hex(b("\u0080\u0004\u0095\u0006\u0000\u0000\u0000\u0000\u0000\u0000\u0000"
                + "]\u0094K\u0001a.\u0080\u0004h\u0000.\u0080\u0004\u0095\u0005\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u008c\u0001s\u0094.")));
        Unpickler u = new Unpickler(new ByteArrayInputStream(out.toByteArray()));
        Object first = u.load();
        Object second = u.load();
        assertThat(second).isSameAs(first);
        assertThat(u.load()).isEqualTo("s");
        assertThatThrownBy(u::load).isInstanceOf(UnpicklingError.class).hasMessage("Ran out of input");
    }

    @Test
    void streamingPicklerHandsOverEachFrameAsItIsCommitted() {
        List<Integer> writes = new ArrayList<>();
        java.io.OutputStream counting = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                writes.add(1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writes.add(len);
            }
        };
        List<Object> big = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            big.add("item" + i);
        }
        new Pickler(counting, 4).dump(big);
        assertThat(writes.size()).isGreaterThan(5);
        assertThat(writes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(Pickle.dumps(big, 4).length);
        assertThat(writes.stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThan(70_000);
    }

    @Test
    void eachLoadLeavesAMarkableStreamRightAfterItsPickle() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Pickle.dumps("first", 2));
        out.writeBytes(Pickle.dumps(new ArrayList<>(List.of(1, 2)), 5));
        out.writeBytes(b("tail"));
        java.io.InputStream in = new java.io.BufferedInputStream(new ByteArrayInputStream(out.toByteArray()), 16);
        assertThat(new Unpickler(in).load()).isEqualTo("first");
        assertThat(new Unpickler(in).load()).isEqualTo(List.of(1L, 2L));
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("tail");
    }

    @Test
    void oneUnpicklerReadsConsecutivePicklesFromAnUnmarkableStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            out.writeBytes(Pickle.dumps("v" + i, i + 2));
        }
        java.io.InputStream unmarkable = new java.io.FilterInputStream(new ByteArrayInputStream(out.toByteArray())) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };
        Unpickler u = new Unpickler(unmarkable);
        assertThat(List.of(u.load(), u.load(), u.load())).containsExactly("v0", "v1", "v2");
    }

    @Test
    void clearMemoForgetsSharedObjects() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pickler p = new Pickler(out, 2);
        List<Object> l = new ArrayList<>();
        p.dump(l);
        p.clearMemo();
        p.dump(l);
        assertThat(hex(out.toByteArray())).isEqualTo(hex(b("\u0080\u0002]q\u0000.\u0080\u0002]q\u0000.")));
    }

    @Test
    void equalListsStayDistinctAndSharedOnesShared() {
        List<Object> a = new ArrayList<>(List.of(1));
        List<Object> b = new ArrayList<>(List.of(1));
        List<?> loaded = (List<?>) Pickle.loads(Pickle.dumps(new ArrayList<>(List.of(a, b, a)), 2));
        assertThat(loaded.get(0)).isEqualTo(loaded.get(1)).isNotSameAs(loaded.get(1));
        assertThat(loaded.get(2)).isSameAs(loaded.get(0));
    }

    @Test
    void recursiveStructuresRoundTrip() {
        List<Object> rec = new ArrayList<>();
        rec.add(rec);
        for (int proto = 0; proto <= 5; proto++) {
            List<?> back = (List<?>) Pickle.loads(Pickle.dumps(rec, proto));
            assertThat(back.get(0)).isSameAs(back);
        }
    }

    @Test
    void reducerInADispatchTableWritesCopyregReduceAndAPyClassReadsItBack() {
        // class Point: __reduce__ -> (geo.Point, (x, y)); pickle.dumps([Point(1, 2)], 2)
        DispatchTable table = new DispatchTable().register(Point.class,
                (pt, proto) -> new Reduction(new PyGlobal("geo", "Point"), PyTuple.of(pt.x(), pt.y())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pickler(out, 2).dispatchTable(table).dump(new ArrayList<>(List.of(new Point(1, 2))));
        assertThat(hex(out.toByteArray())).isEqualTo(hex(b(
                "\u0080\u0002]q\u0000cgeo\nPoint\nq\u0001K\u0001K\u0002\u0086q\u0002Rq\u0003a.")));
        Globals g = Globals.builder().register("geo", "Point",
                args -> new Point((Long) args.get(0), (Long) args.get(1))).build();
        assertThat(Pickle.loads(out.toByteArray(), g)).isEqualTo(List.of(new Point(1, 2)));
        assertThatThrownBy(() -> Pickle.loads(out.toByteArray())).isInstanceOf(UnpicklingError.class)
                .hasMessage("global 'geo.Point' is forbidden");
    }

    @Test
    void defaultObjectReductionWithNewobjAndStateAndPyClassFromState() {
        // s = geo.S(); s.a = 1 -> protocol 2 NEWOBJ + BUILD, protocol 0 copy_reg._reconstructor + BUILD
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put("a", 1);
        Reducer<Bag> reducer = (bag, proto) -> proto >= 2
                ? Reduction.newObj(new PyGlobal("geo", "S"), PyTuple.EMPTY, bag.attrs)
                : new Reduction(new PyGlobal("copyreg", "_reconstructor"),
                        PyTuple.of(new PyGlobal("geo", "S"), new PyGlobal("builtins", "object"), null), bag.attrs);
        DispatchTable table = new DispatchTable().register(Bag.class, reducer);
        Bag bag = new Bag();
        bag.attrs = state;
        ByteArrayOutputStream p2 = new ByteArrayOutputStream();
        new Pickler(p2, 2).dispatchTable(table).dump(bag);
        assertThat(hex(p2.toByteArray())).isEqualTo(hex(b(
                "\u0080\u0002cgeo\nS\nq\u0000)\u0081q\u0001}q\u0002X\u0001\u0000\u0000\u0000aq\u0003K\u0001sb.")));
        ByteArrayOutputStream p0 = new ByteArrayOutputStream();
        new Pickler(p0, 0).dispatchTable(table).dump(bag);
        assertThat(new String(p0.toByteArray(), StandardCharsets.ISO_8859_1)).isEqualTo(
                "ccopy_reg\n_reconstructor\np0\n(cgeo\nS\np1\nc__builtin__\nobject\np2\nNtp3\nRp4\n(dp5\nVa\np6\nI1\nsb.");
        Globals g = Globals.builder().register("geo", "S", PyClass.fromState(st -> {
            Bag x = new Bag();
            @SuppressWarnings("unchecked")
            Map<Object, Object> m = (Map<Object, Object>) st;
            x.attrs = m;
            return x;
        })).build();
        for (byte[] data : List.of(p2.toByteArray(), p0.toByteArray())) {
            Object loaded = Pickle.loads(data, g);
            assertThat(loaded).isInstanceOf(Bag.class);
            assertThat(((Bag) loaded).attrs).containsEntry("a", 1L);
        }
    }

    record Named(long n, String s, long k) {
    }

    /** Named as the Python class NewArgsEx: __getnewargs_ex__ -> ((n, s), {'k': k}). */
    private static final Reducer<Named> NEW_ARGS_EX = (x, proto) -> {
        Map<Object, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("k", x.k());
        return new Reduction(Reduction.NEWOBJ_EX, PyTuple.of(new PyGlobal("__main__", "NewArgsEx"),
                PyTuple.of(x.n(), x.s()), kwargs));
    };

    /** Loads NewArgsEx back as Named through NEWOBJ_EX (or its protocol 2/3 emulation) only. */
    private static Globals newArgsExClass() {
        return Globals.builder().register("__main__", "NewArgsEx", new PyClass() {
            @Override
            public Object call(PyTuple args) {
                throw new UnpicklingError("NEWOBJ_EX only");
            }

            @Override
            public Object newObject(PyTuple args, Map<Object, Object> kwargs) {
                return new Named((Long) args.get(0), (String) args.get(1), (Long) kwargs.get("k"));
            }
        }).build();
    }

    @Test
    void newobjExReductionMatchesCPythonsGetnewargsEx() {
        // class NewArgsEx: __getnewargs_ex__ -> ((1, 'a'), {'k': 2}); pickle.dumps(NewArgsEx(), 4) (gen_vectors.py)
        Reducer<Named> reducer = NEW_ARGS_EX;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pickler(out, 4).dispatchTable(new DispatchTable().register(Named.class, reducer)).dump(new Named(1, "a", 2));
        assertThat(hex(out.toByteArray())).isEqualTo("8004952d000000000000008c085f5f6d61696e5f5f948c094e65774172677345789493"
                + "944b018c01619486947d948c016b944b027392942e");
        Globals g = newArgsExClass();
        assertThat(Pickle.loads(out.toByteArray(), g)).isEqualTo(new Named(1, "a", 2));
    }

    @Test
    void newobjExBelowProtocol4IsWrittenAsCPythonsFunctoolsPartialAndLoadsBack() {
        // class NewArgsEx: __slots__ = (); __getnewargs_ex__ -> ((1, 'a'), {'k': 2})
        // pickle.dumps([NewArgsEx(), NewArgsEx()], 2 and 3) with CPython 3.13: partial(object.__new__, ...)()
        String tail = "0a710358070000005f5f6e65775f5f7104867105527106857107527108286806635f5f6d61696e5f5f0a4e6577417267"
                + "7345780a71094b01580100000061710a87710b7d710c58010000006b710d4b02734e74710e622952710f680168068571105271"
                + "1128680668094b01680a8771127d7113680d4b02734e7471146229527115652e";
        String p2 = "80025d7100286366756e63746f6f6c730a7061727469616c0a7101635f5f6275696c74696e5f5f0a676574617474720a71026"
                + "35f5f6275696c74696e5f5f0a6f626a656374" + tail;
        String p3 = "80035d7100286366756e63746f6f6c730a7061727469616c0a7101636275696c74696e730a676574617474720a710263627569"
                + "6c74696e730a6f626a656374" + tail;
        Reducer<Named> reducer = NEW_ARGS_EX;
        Globals g = newArgsExClass();
        List<Named> value = List.of(new Named(1, "a", 2), new Named(1, "a", 2));
        for (int proto = 2; proto <= 3; proto++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new Pickler(out, proto).dispatchTable(new DispatchTable().register(Named.class, reducer)).dump(value);
            assertThat(hex(out.toByteArray())).as("protocol %d", proto).isEqualTo(proto == 2 ? p2 : p3);
            assertThat(Pickle.loads(out.toByteArray(), g)).isEqualTo(value);
            // the stub of CPython's bytes writes them back byte for byte
            Object stub = new Unpickler(HexFormat.of().parseHex(proto == 2 ? p2 : p3)).stubUnknownGlobals(true).load();
            assertThat(((PyObject) ((List<?>) stub).get(0)).kind()).isEqualTo(PyObject.Kind.NEWOBJ_EX);
            assertThat(hex(Pickle.dumps(stub, proto))).isEqualTo(proto == 2 ? p2 : p3);
        }
    }

    @Test
    void functoolsPartialLoadsInertAndCallsOnlyThroughThePolicy() {
        // pickle.dumps(functools.partial(int, '7')) at protocol 2: loads as an inert stub, writes back the same
        String partial = "80026366756e63746f6f6c730a7061727469616c0a7100635f5f6275696c74696e5f5f0a6c6f6e670a71018571025"
                + "2710328680158010000003771048571057d71064e747107622e";
        Object loaded = Pickle.loads(HexFormat.of().parseHex(partial));
        assertThat(loaded).isInstanceOf(PyObject.class);
        assertThat(((PyObject) loaded).type()).isEqualTo(new PyGlobal("functools", "partial"));
        assertThat(hex(Pickle.dumps(loaded, 2))).isEqualTo(partial);
        // partial(os.system, 'x')() is refused by the policy when called
        byte[] system = b("\u0080\u0002cfunctools\npartial\ncos\nsystem\n\u0085R)R.");
        assertThatThrownBy(() -> Pickle.loads(system)).isInstanceOf(UnpicklingError.class)
                .hasMessage("global 'os.system' is forbidden");
        // partial(set, [1, 2])() runs the allowed builtin
        byte[] set = b("\u0080\u0002cfunctools\npartial\nc__builtin__\nset\n](K\u0001K\u0002e\u0086R)R.");
        assertThat(Pickle.loads(set)).isEqualTo(new java.util.LinkedHashSet<>(List.of(1L, 2L)));
        // a bad BUILD state is an UnpicklingError, not a ClassCastException
        byte[] badState = b("\u0080\u0002cfunctools\npartial\nc__builtin__\nset\n\u0085RK\u0001b)R.");
        assertThatThrownBy(() -> Pickle.loads(badState)).isInstanceOf(UnpicklingError.class)
                .hasMessage("invalid partial state: expected (func, args, kwargs, dict), got int");
    }

    @Test
    void stateSetterIsCalledWithTheObjectAndState() {
        // T.__reduce__ -> (geo.T, (), {'k': 1}, None, None, geo.setter)
        Reducer<Bag> reducer = (bag, proto) -> new Reduction(new PyGlobal("geo", "T"), PyTuple.EMPTY, bag.attrs, null, null,
                new PyGlobal("geo", "setter"));
        Bag bag = new Bag();
        bag.attrs.put("k", 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pickler(out, 2).dispatchTable(new DispatchTable().register(Bag.class, reducer)).dump(bag);
        assertThat(hex(out.toByteArray())).isEqualTo(hex(b("\u0080\u0002cgeo\nT\nq\u0000)Rq\u0001cgeo\nsetter\nq\u0002h\u0001}q\u0003"
                + "X\u0001\u0000\u0000\u0000kq\u0004K\u0001s\u0086R0.")));
    }

    @Test
    void reducerOverrideComesBeforeTheDispatchTableAndNullFallsThrough() {
        DispatchTable table = new DispatchTable().register(Point.class,
                (pt, proto) -> new Reduction(new PyGlobal("geo", "Point"), PyTuple.of(pt.x(), pt.y())));
        ByteArrayOutputStream viaOverride = new ByteArrayOutputStream();
        new Pickler(viaOverride, 2).dispatchTable(table).reducerOverride((o, proto) -> o instanceof Point pt && pt.x() == 0
                ? new Reduction(new PyGlobal("geo", "Origin"), PyTuple.EMPTY) : null)
                .dump(new ArrayList<>(List.of(new Point(0, 0), new Point(1, 1))));
        Object loaded = new Unpickler(viaOverride.toByteArray()).stubUnknownGlobals(true).load();
        List<?> items = (List<?>) loaded;
        assertThat(((PyObject) items.get(0)).type()).isEqualTo(new PyGlobal("geo", "Origin"));
        assertThat(((PyObject) items.get(1)).type()).isEqualTo(new PyGlobal("geo", "Point"));
    }

    @Test
    void unpicklableObjectsRaisePicklingError() {
        assertThatThrownBy(() -> Pickle.dumps(new Object())).isInstanceOf(PicklingError.class)
                .hasMessageContaining("cannot pickle 'java.lang.Object' object");
        assertThatThrownBy(() -> Pickle.dumps(new PickleBuffer(new byte[1], true), 4)).isInstanceOf(PicklingError.class)
                .hasMessage("PickleBuffer can only be pickled with protocol >= 5");
        assertThatThrownBy(() -> Pickle.dumps(null, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deepJavaStructuresFailWithPicklingErrorNotStackOverflow() {
        List<Object> root = new ArrayList<>();
        List<Object> cur = root;
        for (int i = 0; i < 100_000; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        assertThatThrownBy(() -> Pickle.dumps(root)).isInstanceOf(PicklingError.class)
                .hasMessageContaining("maximum recursion depth exceeded");
    }

    @Test
    void persistentIdsInTextAndBinaryProtocols() {
        java.util.function.Function<Object, Object> pid = o -> o instanceof String s && s.startsWith("ref:")
                ? "db-" + s.substring(4) : null;
        ByteArrayOutputStream p0 = new ByteArrayOutputStream();
        new Pickler(p0, 0).persistentId(pid).dump(new ArrayList<>(List.of("ref:1", "x")));
        assertThat(new String(p0.toByteArray(), StandardCharsets.ISO_8859_1)).isEqualTo("(lp0\nPdb-1\naVx\np1\na.");
        ByteArrayOutputStream p2 = new ByteArrayOutputStream();
        new Pickler(p2, 2).persistentId(pid).dump(new ArrayList<>(List.of("ref:1", "x")));
        assertThat(hex(p2.toByteArray())).isEqualTo(hex(b("\u0080\u0002]q\u0000(X\u0004\u0000\u0000\u0000db-1q\u0001QX\u0001\u0000\u0000\u0000xq\u0002e.")));
        for (byte[] data : List.of(p0.toByteArray(), p2.toByteArray())) {
            assertThat(new Unpickler(data).persistentLoad(id -> "loaded:" + id).load()).isEqualTo(List.of("loaded:db-1", "x"));
        }
    }

    /**
     * Popping leaves the Unpickler's stack slots as they are (no store per pop): what a load left there,
     * popped or abandoned by an error, must still be released when the load ends, while the Unpickler
     * lives on for more loads.
     */
    @Test
    void anUnpicklerKeepsNothingOfALoadOnceItReturnsOrFails() throws InterruptedException {
        // PERSID 'db-1', POP, NONE, STOP; the same stream cut after the PERSID; the persistent object under
        // 5,000 Nones (a stack grown past what is kept between loads), then a second pickle on the same stream
        for (String stream : List.of("Pdb-1\n0N.", "Pdb-1\n", "Pdb-1\n" + "N".repeat(5000) + ".I7\n.")) {
            List<java.lang.ref.WeakReference<Object>> loaded = new ArrayList<>();
            Unpickler u = new Unpickler(stream.getBytes(StandardCharsets.ISO_8859_1)).persistentLoad(id -> {
                Object o = new byte[1 << 20];
                loaded.add(new java.lang.ref.WeakReference<>(o));
                return o;
            });
            if (stream.endsWith("N.")) {
                assertThat(u.load()).isNull();
            } else if (stream.endsWith(".")) {
                assertThat(u.load()).isNull();
            } else {
                assertThatThrownBy(u::load).isInstanceOf(UnpicklingError.class).hasMessage("Ran out of input");
            }
            assertThat(loaded).hasSize(1);
            for (int i = 0; i < 20 && loaded.get(0).get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(loaded.get(0).get()).as("the persistent object after loading %s", stream).isNull();
            if (stream.endsWith("I7\n.")) {
                assertThat(u.load()).isEqualTo(7L); // and the next pickle loads with the stack started afresh
            }
            java.lang.ref.Reference.reachabilityFence(u);
        }
    }

    @Test
    void extensionCodesReplaceGlobalsBothWays() {
        // copyreg.add_extension('collections', 'OrderedDict', 300); pickle.dumps(OrderedDict(a=1), 2 and 4)
        ExtensionRegistry ext = new ExtensionRegistry();
        ext.addExtension("collections", "OrderedDict", 300);
        PyOrderedDict od = new PyOrderedDict();
        od.put("a", 1L);
        ByteArrayOutputStream p2 = new ByteArrayOutputStream();
        new Pickler(p2, 2).extensions(ext).dump(od);
        assertThat(hex(p2.toByteArray())).isEqualTo(hex(b("\u0080\u0002\u0083,\u0001)Rq\u0000X\u0001\u0000\u0000\u0000aq\u0001K\u0001s.")));
        ByteArrayOutputStream p4 = new ByteArrayOutputStream();
        new Pickler(p4, 4).extensions(ext).dump(od);
        assertThat(hex(p4.toByteArray())).isEqualTo(hex(b(
                "\u0080\u0004\u0095\u000e\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0083,\u0001)R\u0094\u008c\u0001a\u0094K\u0001s.")));
        assertThat(new Unpickler(p4.toByteArray()).extensions(ext).load()).isEqualTo(od).isInstanceOf(PyOrderedDict.class);
        assertThatThrownBy(() -> new Unpickler(p4.toByteArray()).extensions(new ExtensionRegistry()).load())
                .isInstanceOf(UnpicklingError.class).hasMessage("unregistered extension code 300");
        assertThatThrownBy(() -> ext.addExtension("collections", "Counter", 300)).isInstanceOf(IllegalArgumentException.class);
        ext.removeExtension("collections", "OrderedDict", 300);
        assertThat(ext.lookup(300)).isNull();
        assertThat(ExtensionRegistry.global().copy().lookup(300)).isNull();
    }

    @Test
    void outOfBandBuffersLikeCPython() {
        // pickle.dumps([PickleBuffer(b'abc'), PickleBuffer(bytearray(b'xy'))], 5, buffer_callback=bufs.append)
        List<PickleBuffer> sent = new ArrayList<>();
        PickleBuffer ro = new PickleBuffer(b("abc"), true);
        PickleBuffer rw = new PickleBuffer(b("xy"), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pickler(out, 5).bufferCallback(buf -> !sent.add(buf)).dump(new ArrayList<>(List.of(ro, rw)));
        assertThat(hex(out.toByteArray())).isEqualTo(hex(b(
                "\u0080\u0005\u0095\u0008\u0000\u0000\u0000\u0000\u0000\u0000\u0000]\u0094(\u0097\u0098\u0097e.")));
        assertThat(sent).containsExactly(ro, rw);
        List<Object> back = new ArrayList<>((List<?>) new Unpickler(out.toByteArray()).buffers(sent).load());
        assertThat(back).containsExactly(ro, rw);
        // in band: bytes for read-only, bytearray for writable
        assertThat(hex(Pickle.dumps(new ArrayList<>(List.of(ro, rw)), 5))).isEqualTo(hex(b(
                "\u0080\u0005\u0095\u0017\u0000\u0000\u0000\u0000\u0000\u0000\u0000]\u0094(C\u0003abc\u0094\u0096\u0002\u0000\u0000\u0000"
                        + "\u0000\u0000\u0000\u0000xy\u0094e.")));
        assertThatThrownBy(() -> new Unpickler(out.toByteArray()).buffers(List.of(ro)).load())
                .isInstanceOf(UnpicklingError.class).hasMessage("not enough out-of-band buffers");
    }

    @Test
    void dispatchTableLooksUpSuperclassesAndCopiesAreIndependent() {
        DispatchTable t = new DispatchTable().register(Number.class, (n, p) -> new Reduction(new PyGlobal("m", "n"), PyTuple.EMPTY));
        assertThat(t.find(java.util.concurrent.atomic.AtomicLong.class)).isPresent();
        DispatchTable copy = t.copy().remove(Number.class);
        assertThat(copy.find(java.util.concurrent.atomic.AtomicLong.class)).isEmpty();
        assertThat(t.find(java.util.concurrent.atomic.AtomicLong.class)).isPresent();
        assertThat(DispatchTable.global().find(Point.class)).isEmpty();
    }

    @Test
    void nestedGlobalsBelowProtocol4UseGetattrLikeCPython() {
        // class Outer: class Mid: class Inner — pickle.dumps([Outer.Mid], 1), ([Outer.Mid.Inner], 2 and 0)
        PyGlobal mid = new PyGlobal("__main__", "Outer.Mid");
        PyGlobal inner = new PyGlobal("__main__", "Outer.Mid.Inner");
        assertThat(new String(Pickle.dumps(new ArrayList<>(List.of(mid)), 1), StandardCharsets.ISO_8859_1)).isEqualTo(
                "]q\u0000c__builtin__\ngetattr\nq\u0001(c__main__\nOuter\nX\u0003\u0000\u0000\u0000Midq\u0002tRq\u0003a.");
        assertThat(new String(Pickle.dumps(new ArrayList<>(List.of(inner)), 2), StandardCharsets.ISO_8859_1)).isEqualTo(
                "\u0080\u0002]q\u0000c__builtin__\ngetattr\nq\u0001h\u0001c__main__\nOuter\nX\u0003\u0000\u0000\u0000Midq\u0002"
                        + "\u0086RX\u0005\u0000\u0000\u0000Innerq\u0003\u0086Rq\u0004a.");
        assertThat(new String(Pickle.dumps(new ArrayList<>(List.of(inner)), 0), StandardCharsets.ISO_8859_1)).isEqualTo(
                "(lp0\nc__builtin__\ngetattr\np1\n(g1\n(c__main__\nOuter\nVMid\np2\ntRVInner\np3\ntRp4\na.");
        assertThat(new String(Pickle.dumps(inner, 4), StandardCharsets.ISO_8859_1)).contains("Outer.Mid.Inner");
    }

    @Test
    void fixImportsCanBeTurnedOff() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pickler(out, 2).fixImports(false).dump(new java.util.LinkedHashSet<>());
        byte[] p2 = out.toByteArray();
        assertThat(new String(p2, StandardCharsets.ISO_8859_1)).contains("cbuiltins\nset\n");
        assertThat(new String(Pickle.dumps(new java.util.LinkedHashSet<>(), 2), StandardCharsets.ISO_8859_1))
                .contains("c__builtin__\nset\n");
        assertThat(Pickle.loads(p2)).isEqualTo(new java.util.LinkedHashSet<>());
    }

    /** A value whose reducer removes {@code pops} items from {@code target} or, with -1, appends "e". */
    private record Mutator(List<Object> target, int pops) {
    }

    private static byte[] dumpWithMutators(List<Object> list, int protocol) {
        DispatchTable table = new DispatchTable().register(Mutator.class, (m, proto) -> {
            if (m.pops() < 0) {
                m.target().add("e");
            }
            for (int i = 0; i < m.pops() && !m.target().isEmpty(); i++) {
                m.target().remove(m.target().size() - 1);
            }
            return new Reduction(new PyGlobal("builtins", "len"), PyTuple.EMPTY);
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Pickler(out, protocol).dispatchTable(table).dump(list);
        return out.toByteArray();
    }

    /**
     * A list that a reducer shortens or lengthens while it is being pickled is written as it is by then,
     * item by item (CPython's batch_list_exact reads the size again at every item), not cut off at the
     * first length and never a raw IndexOutOfBoundsException. Expected bytes: CPython 3.13, a class whose
     * {@code __reduce__} pops two items (or appends 'e') and returns {@code (len, ())}, pickled at
     * protocol 2 and then again at 5, and on fresh lists at protocol 0.
     */
    @Test
    void aListChangedByAReducerWhileItIsPickledIsWrittenAsCPythonWritesIt() {
        List<Object> shrinking = new ArrayList<>(List.of("a", "x", "b", "c", "d"));
        shrinking.set(1, new Mutator(shrinking, 2));
        assertThat(hex(dumpWithMutators(shrinking, 2))).isEqualTo(
                "80025d7100285801000000617101635f5f6275696c74696e5f5f0a6c656e0a7102295271035801000000627104652e");
        assertThat(hex(dumpWithMutators(shrinking, 5))).isEqualTo(
                "8005951f000000000000005d94288c0161948c086275696c74696e73948c036c656e949394295294652e");
        assertThat(shrinking).hasSize(1);

        List<Object> growing = new ArrayList<>(List.of("a", "x", "b", "c", "d"));
        growing.set(1, new Mutator(growing, -1));
        assertThat(hex(dumpWithMutators(growing, 2))).isEqualTo("80025d7100285801000000617101635f5f6275696c74696e"
                + "5f5f0a6c656e0a7102295271035801000000627104580100000063710558010000006471065801000000657107652e");
        assertThat(hex(dumpWithMutators(growing, 5))).isEqualTo("80059531000000000000005d94288c0161948c086275696c7469"
                + "6e73948c036c656e9493942952948c0162948c0163948c0164948c0165946809652e");

        // protocol 0 appends item by item (CPython's list iterator reads the size as it goes)
        List<Object> shrinking0 = new ArrayList<>(List.of("a", "x", "b", "c", "d"));
        shrinking0.set(1, new Mutator(shrinking0, 2));
        assertThat(hex(dumpWithMutators(shrinking0, 0))).isEqualTo(
                "286c70300a56610a70310a61635f5f6275696c74696e5f5f0a6c656e0a70320a28745270330a6156620a70340a612e");
        List<Object> growing0 = new ArrayList<>(List.of("a", "x", "b", "c", "d"));
        growing0.set(1, new Mutator(growing0, -1));
        assertThat(hex(dumpWithMutators(growing0, 0))).isEqualTo("286c70300a56610a70310a61635f5f6275696c74696e5f5f0a"
                + "6c656e0a70320a28745270330a6156620a70340a6156630a70350a6156640a70360a6156650a70370a612e");
    }

    /**
     * A dict (any protocol) or set (protocol 4 and up) that a reducer resizes while it is pickled fails as
     * in CPython 3.13, whose RuntimeError says "dictionary changed size during iteration" / "set changed
     * size during iteration" — here a PicklingError with that message, not a ConcurrentModificationException;
     * below protocol 4 a set is copied into a list first and pickles (as CPython's set.__reduce__ does).
     */
    @Test
    void aDictOrSetResizedByAReducerWhileItIsPickledFailsWithCPythonsMessage() {
        record Grower(java.util.Collection<Object> set, Map<Object, Object> dict) {
        }
        DispatchTable table = new DispatchTable().register(Grower.class, (g, proto) -> {
            if (g.dict() != null) {
                g.dict().put("zz", 1);
            } else {
                g.set().add("zz");
            }
            return new Reduction(new PyGlobal("builtins", "len"), PyTuple.EMPTY);
        });
        for (int protocol : new int[] {0, 2, 5}) {
            Map<Object, Object> d = new LinkedHashMap<>();
            d.put("a", 1);
            d.put("b", new Grower(null, d)); // the last entry: Java's iterator alone would not notice
            Pickler dictPickler = new Pickler(new ByteArrayOutputStream(), protocol).dispatchTable(table);
            assertThatThrownBy(() -> dictPickler.dump(d)).isInstanceOf(PicklingError.class)
                    .hasMessage("dictionary changed size during iteration");
            d.remove("zz");
            d.put("c", 3); // not the last entry: Java's iterator would throw ConcurrentModificationException
            Pickler again = new Pickler(new ByteArrayOutputStream(), protocol).dispatchTable(table);
            assertThatThrownBy(() -> again.dump(d)).isInstanceOf(PicklingError.class)
                    .hasMessage("dictionary changed size during iteration");

            java.util.Set<Object> st = new java.util.LinkedHashSet<>();
            st.add(new Grower(st, null));
            st.add("q");
            Pickler setPickler = new Pickler(new ByteArrayOutputStream(), protocol).dispatchTable(table);
            if (protocol < 4) {
                setPickler.dump(st); // pickled from a copy
                assertThat(st).contains("zz");
            } else {
                assertThatThrownBy(() -> setPickler.dump(st)).isInstanceOf(PicklingError.class)
                        .hasMessage("set changed size during iteration");
            }
        }
    }
}
