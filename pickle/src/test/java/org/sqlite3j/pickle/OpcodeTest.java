package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One loading test per opcode of protocols 0–5 (pickles written by hand, as pickletools documents them). */
class OpcodeTest {
    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A dict (insertion order kept) of the key, value pairs {@code kv}. */
    static Map<Object, Object> dict(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("MARK", b("(I1\nt."), PyTuple.of(1L)),
                Arguments.of("STOP", b("N."), null),
                Arguments.of("POP", b("I1\nI2\n0."), 1L),
                Arguments.of("POP_MARK", b("I7\n(I1\nI2\n1."), 7L),
                Arguments.of("DUP", b("]2\u0086."), PyTuple.of(new ArrayList<>(), new ArrayList<>())),
                Arguments.of("FLOAT", b("F-1.25e3\n."), -1250.0),
                Arguments.of("INT", b("I-42\n."), -42L),
                Arguments.of("BININT", b("J\u00ff\u00ff\u00ff\u00ff."), -1L),
                Arguments.of("BININT1", b("K\u00ff."), 255L),
                Arguments.of("LONG", b("L123456789012345678901234567890L\n."), new BigInteger("123456789012345678901234567890")),
                Arguments.of("BININT2", b("M\u0001\u0002."), 0x0201L),
                Arguments.of("NONE", b("N."), null),
                Arguments.of("PERSID", b("Pabc\n."), "persistent:abc"),
                Arguments.of("BINPERSID", b("X\u0001\u0000\u0000\u0000zQ."), "persistent:z"),
                Arguments.of("REDUCE", b("c__builtin__\ncomplex\n(F1.0\nF2.0\ntR."), new PyComplex(1, 2)),
                Arguments.of("STRING", b("S'a\\x41\\n\\''\n."), "aA\n'"),
                Arguments.of("BINSTRING", b("T\u0002\u0000\u0000\u0000hi."), "hi"),
                Arguments.of("SHORT_BINSTRING", b("U\u0002hi."), "hi"),
                Arguments.of("UNICODE", b("V\u00e9\\u20ac\\U0001f600\n."), "\u00e9\u20ac\uD83D\uDE00"),
                Arguments.of("BINUNICODE", b("X\u0003\u0000\u0000\u0000\u00e2\u0082\u00ac."), "\u20ac"),
                Arguments.of("APPEND", b("]K\u0001a."), new ArrayList<>(List.of(1L))),
                Arguments.of("BUILD", b("\u0080\u0002c__main__\nC\n)\u0081}X\u0001\u0000\u0000\u0000aK\u0001sb."), "stub state {a=1}"),
                Arguments.of("GLOBAL", b("cbuiltins\nset\n."), new PyGlobal("builtins", "set")),
                Arguments.of("DICT", b("(K\u0001K\u0002d."), dict(1L, 2L)),
                Arguments.of("EMPTY_DICT", b("}."), dict()),
                Arguments.of("APPENDS", b("](K\u0001K\u0002e."), new ArrayList<>(List.of(1L, 2L))),
                Arguments.of("GET", b("]p0\n0g0\n."), new ArrayList<>()),
                Arguments.of("BINGET", b("]q\u00050h\u0005."), new ArrayList<>()),
                Arguments.of("INST", b("(I1\nI2\nibuiltins\ncomplex\n."), new PyComplex(1, 2)),
                Arguments.of("LONG_BINGET", b("]r\u0000\u0001\u0000\u00000j\u0000\u0001\u0000\u0000."), new ArrayList<>()),
                Arguments.of("LIST", b("(K\u0001l."), new ArrayList<>(List.of(1L))),
                Arguments.of("EMPTY_LIST", b("]."), new ArrayList<>()),
                Arguments.of("OBJ", b("(cbuiltins\ncomplex\nK\u0001K\u0002o."), new PyComplex(1, 2)),
                Arguments.of("PUT", b("Va\np7\n0g7\n."), "a"),
                Arguments.of("BINPUT", b("Vb\nq\u00070h\u0007."), "b"),
                Arguments.of("LONG_BINPUT", b("Vc\nr\u00ff\u00ff\u0000\u00000j\u00ff\u00ff\u0000\u0000."), "c"),
                Arguments.of("SETITEM", b("}K\u0001K\u0002s."), dict(1L, 2L)),
                Arguments.of("TUPLE", b("(K\u0001K\u0002t."), PyTuple.of(1L, 2L)),
                Arguments.of("EMPTY_TUPLE", b(")."), PyTuple.EMPTY),
                Arguments.of("SETITEMS", b("}(K\u0001K\u0002K\u0003K\u0004u."), dict(1L, 2L, 3L, 4L)),
                Arguments.of("BINFLOAT", b("G?\u00f8\u0000\u0000\u0000\u0000\u0000\u0000."), 1.5),
                Arguments.of("PROTO", b("\u0080\u0005N."), null),
                Arguments.of("NEWOBJ", b("\u0080\u0002cbuiltins\nset\n)\u0081."), new LinkedHashSet<>()),
                Arguments.of("EXT1", b("\u0080\u0002\u0082\u0001."), new PyGlobal("builtins", "set")),
                Arguments.of("EXT2", b("\u0080\u0002\u0083\u0000\u0001."), new PyGlobal("builtins", "frozenset")),
                Arguments.of("EXT4", b("\u0080\u0002\u0084\u0000\u0000\u0001\u0000."), new PyGlobal("builtins", "bytearray")),
                Arguments.of("TUPLE1", b("K\u0001\u0085."), PyTuple.of(1L)),
                Arguments.of("TUPLE2", b("K\u0001K\u0002\u0086."), PyTuple.of(1L, 2L)),
                Arguments.of("TUPLE3", b("K\u0001K\u0002K\u0003\u0087."), PyTuple.of(1L, 2L, 3L)),
                Arguments.of("NEWTRUE", b("\u0088."), true),
                Arguments.of("NEWFALSE", b("\u0089."), false),
                Arguments.of("LONG1", b("\u008a\u0002\u0000\u0080."), -32768L),
                Arguments.of("LONG4", b("\u008b\u0009\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001."),
                        BigInteger.ONE.shiftLeft(64)),
                Arguments.of("BINBYTES", b("B\u0002\u0000\u0000\u0000\u0000\u00ff."), new byte[] {0, (byte) 0xff}),
                Arguments.of("SHORT_BINBYTES", b("C\u0001z."), new byte[] {'z'}),
                Arguments.of("SHORT_BINUNICODE", b("\u008c\u0002\u00c3\u00a9."), "\u00e9"),
                Arguments.of("BINUNICODE8", b("\u008d\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000q."), "q"),
                Arguments.of("BINBYTES8", b("\u008e\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000q."), new byte[] {'q'}),
                Arguments.of("EMPTY_SET", b("\u008f."), new LinkedHashSet<>()),
                Arguments.of("ADDITEMS", b("\u008f(K\u0001K\u0002\u0090."), new LinkedHashSet<>(List.of(1L, 2L))),
                Arguments.of("FROZENSET", b("(K\u0001\u0091."), PyFrozenSet.of(1L)),
                Arguments.of("NEWOBJ_EX", b("\u0080\u0004cbuiltins\nint\n)}\u0092."), 0L),
                Arguments.of("STACK_GLOBAL", b("\u008c\u0008builtins\u008c\u0003set\u0093."), new PyGlobal("builtins", "set")),
                Arguments.of("MEMOIZE", b("]\u00940h\u0000."), new ArrayList<>()),
                Arguments.of("FRAME", b("\u0080\u0004\u0095\u0003\u0000\u0000\u0000\u0000\u0000\u0000\u0000K\u0001."), 1L),
                Arguments.of("BYTEARRAY8", b("\u0080\u0005\u0096\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0000ab."),
                        new PyByteArray(new byte[] {'a', 'b'})),
                Arguments.of("NEXT_BUFFER", b("\u0080\u0005\u0097."), new PickleBuffer(new byte[] {9}, false)),
                Arguments.of("READONLY_BUFFER", b("\u0080\u0005\u0097\u0098."), new PickleBuffer(new byte[] {9}, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opcodeLoads(String opcode, byte[] pickle, Object expected) {
        ExtensionRegistry ext = new ExtensionRegistry();
        ext.addExtension("builtins", "set", 1);
        ext.addExtension("builtins", "frozenset", 256);
        ext.addExtension("builtins", "bytearray", 65536);
        Unpickler u = new Unpickler(pickle).extensions(ext).persistentLoad(pid -> "persistent:" + pid)
                .buffers(List.of(new PickleBuffer(new byte[] {9}, false)))
                .globals(Globals.builder().allow("__main__", "C").build());
        Object got = u.load();
        if ("stub state {a=1}".equals(expected)) {
            assertThat(got).isInstanceOf(PyObject.class);
            assertThat(((PyObject) got).state()).isEqualTo(dict("a", 1L));
        } else if (expected instanceof byte[] bytes) {
            assertThat(got).isInstanceOf(byte[].class);
            assertThat((byte[]) got).containsExactly(bytes);
        } else {
            assertThat(got).isEqualTo(expected);
            if (expected != null) {
                assertThat(got).isInstanceOf(expected.getClass());
            }
        }
        assertThat(pickle).as("the case for %s uses it", opcode).contains((byte) opcodeValue(opcode));
    }

    static int opcodeValue(String name) {
        try {
            return Opcodes.class.getField(name).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no opcode " + name, e);
        }
    }

    @Test
    void everyOpcodeHasACase() {
        Set<String> covered = new HashSet<>();
        cases().forEach(a -> covered.add((String) a.get()[0]));
        List<String> all = new ArrayList<>();
        for (Field f : Opcodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                all.add(f.getName());
            }
        }
        assertThat(all).hasSize(68);
        assertThat(covered).containsAll(all);
    }

    @Test
    void opcodeValuesAreDistinct() throws IllegalAccessException {
        Set<Integer> seen = new HashSet<>();
        for (Field f : Opcodes.class.getFields()) {
            assertThat(seen.add(f.getInt(null))).as(f.getName()).isTrue();
        }
        assertThat(Arrays.asList(Opcodes.class.getFields())).isNotEmpty();
    }
}
