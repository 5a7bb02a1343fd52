package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CPython's own test pickles, committed in {@code vectors.tsv} by {@code gen_vectors.py} (from
 * {@code test.pickletester}: DATA0–DATA4, {@code create_data()} at protocols 0–5, and the inputs of
 * {@code test_bad_stack}, {@code test_bad_mark}, {@code test_truncated_data},
 * {@code test_badly_quoted_string}, {@code test_negative_put}, {@code test_bad_newobj(_ex)},
 * {@code test_bad_reduce}). The "stub" and "dis" rows serve {@link GlobalsAndStubsTest} and
 * {@link PickleToolsTest}. Runs without Python.
 */
class CPythonVectorsTest {
    record Vector(String category, byte[] data, String pyResult, String message) {
        @Override
        public String toString() {
            return category + " " + HexFormat.of().formatHex(data);
        }
    }

    static List<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        try (InputStream in = CPythonVectorsTest.class.getResourceAsStream("/pickle/vectors.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new Vector(f[0], HexFormat.of().parseHex(f[1]), f[2], f[3]));
            }
        }
        return out;
    }

    static Stream<Arguments> good() throws IOException {
        return vectors().stream().filter(v -> v.category.equals("data") || v.category.equals("create_data"))
                .map(v -> Arguments.of(v.pyResult, v.data));
    }

    static Stream<Arguments> bad() throws IOException {
        return vectors().stream().filter(v -> !List.of("data", "create_data", "stub", "dis").contains(v.category))
                .map(Arguments::of);
    }

    private static final Globals WITH_C = Globals.builder().allow("__main__", "C").build();

    /** test.pickletester.create_data(), with instances of {@code __main__.C} as stubs. */
    private static void assertIsCreateData(Object loaded) {
        assertThat(loaded).isInstanceOf(List.class);
        List<?> x = (List<?>) loaded;
        assertThat(new ArrayList<Object>(x.subList(0, 15))).containsExactly(0L, 1L, 2.0, new PyComplex(3.0, 0.0), 1L, -1L, 255L, -255L,
                -256L, 65535L, -65535L, -65536L, 2147483647L, -2147483647L, -2147483648L);
        assertThat(x.get(17)).isEqualTo(5L);
        assertThat(x).hasSize(18);
        PyTuple y = (PyTuple) x.get(15);
        assertThat(x.get(16)).isSameAs(y);
        assertThat(y.size()).isEqualTo(4);
        assertThat(y.get(0)).isEqualTo("abc");
        assertThat(y.get(1)).isEqualTo("abc");
        assertThat(y.get(3)).isSameAs(y.get(2));
        PyObject c = (PyObject) y.get(2);
        assertThat(c.type()).isEqualTo(new PyGlobal("__main__", "C"));
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put("foo", 1L);
        state.put("bar", 2L);
        assertThat(c.state()).isEqualTo(state);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void cpythonTestPicklesLoadAsCreateData(String name, byte[] data) {
        assertIsCreateData(new Unpickler(data).globals(WITH_C).load());
        assertIsCreateData(new Unpickler(new java.io.ByteArrayInputStream(data)).globals(WITH_C).load());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void createDataRedumpsByteForByte(String name, byte[] data) {
        if (name.startsWith("P")) {
            int proto = name.charAt(1) - '0';
            byte[] again = Pickle.dumps(new Unpickler(data).globals(WITH_C).load(), proto);
            assertThat(HexFormat.of().formatHex(again)).isEqualTo(HexFormat.of().formatHex(data));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void unknownClassIsForbiddenByDefault(String name, byte[] data) {
        assertThatThrownBy(() -> Pickle.loads(data)).isInstanceOf(UnpicklingError.class)
                .hasMessage("global '__main__.C' is forbidden");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void malformedInputRaisesUnpicklingErrorWithCPythonsMessage(Vector v) {
        assertThatThrownBy(() -> Pickle.loads(v.data)).isInstanceOf(UnpicklingError.class);
        assertThatThrownBy(() -> Pickle.loadsStreaming(v.data)).isInstanceOf(UnpicklingError.class);
        if (v.category.equals("bad_stack") || v.category.equals("bad_mark") || v.category.equals("truncated_data")
                || v.category.contains("quoted") || v.category.contains("escaped") || v.category.equals("negative_put")) {
            // allow every global, so only the stream's own defect decides the message
            assertThatThrownBy(() -> new Unpickler(v.data).stubUnknownGlobals(true).load()).hasMessage(v.message);
        }
    }
}
