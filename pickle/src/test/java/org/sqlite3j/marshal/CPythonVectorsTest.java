package org.sqlite3j.marshal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks against CPython 3.13's own marshal output, committed in {@code vectors.tsv} (so it runs
 * without Python): the values of test_marshal's {@code IntTestCase} (int boundaries, 15-bit digits),
 * {@code FloatTestCase} (text and binary floats, {@code test_floats}), {@code StringTestCase}
 * ({@code test_unicode}, {@code test_string}, {@code test_bytes}, short and long ASCII forms),
 * {@code ContainerTestCase} ({@code test_dict}, {@code test_list}, {@code test_tuple}, {@code test_sets}),
 * {@code test_deterministic_sets} (set order), {@code InstancingTestCase} / {@code test_shared_references}
 * (refs), {@code BugsTestCase.test_recursion_limit} (2000 levels) and the singletons of {@code test_exceptions}
 * and {@code test_ellipsis}.
 */
class CPythonVectorsTest {
    static Stream<Arguments> dumpsCases() {
        return Vectors.all().stream().flatMap(v -> Stream.of(0, 1, 2).map(version -> Arguments.of(v, version)));
    }

    static Stream<Arguments> loadsCases() {
        return Vectors.all().stream().flatMap(v -> Stream.of(0, 1, 2, 3, 4)
                .filter(version -> v.dumps()[version] != null).map(version -> Arguments.of(v, version)));
    }

    static Stream<Arguments> roundTripCases() {
        return Vectors.all().stream().filter(v -> v.loadedPickle() != null)
                .flatMap(v -> Stream.of(3, 4).map(version -> Arguments.of(v, version)));
    }

    /** The HelperMixin round trip of every TestCase, as bytes: versions 0–2: Java writes CPython's bytes exactly, or refuses what CPython refuses with its ValueError. */
    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("dumpsCases")
    void dumpsIsByteIdenticalToCPython(Vectors.Vector v, int version) {
        Object value = v.value();
        if (v.dumps()[version] == null) {
            assertThat(v.error()[version]).isEqualTo("ValueError");
            assertThatThrownBy(() -> Marshal.dumps(value, version)).isInstanceOf(ValueError.class)
                    .hasMessage("object too deeply nested to marshal");
        } else {
            assertThat(HexFormat.of().formatHex(Marshal.dumps(value, version)))
                    .isEqualTo(HexFormat.of().formatHex(v.dumps()[version]));
        }
    }

    /** InstancingTestCase (refs) and every TestCase's loads side: every version CPython wrote, refs of versions 3–4 included, loads to CPython's value with its types. */
    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("loadsCases")
    void loadsWhatCPythonWrote(Vectors.Vector v, int version) {
        Object loaded = Marshal.loads(v.dumps()[version]);
        assertThat(PyValues.same(loaded, v.loaded())).as("%s loaded %s", v, loaded).isTrue();
    }

    /** InstancingTestCase.helper3, Java side: Java's own versions 3–4 (with refs on every object) load back to the same value. */
    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("roundTripCases")
    void refVersionsRoundTrip(Vectors.Vector v, int version) {
        Object back = Marshal.loads(Marshal.dumps(v.value(), version));
        assertThat(PyValues.same(back, v.loaded())).isTrue();
    }

    /** Guards the other tests (no CPython test): the vectors cover what they claim: every type code CPython writes at versions 0–4 appears. */
    @Test
    void vectorsCoverEveryTypeCode() {
        StringBuilder codes = new StringBuilder();
        for (Vectors.Vector v : Vectors.all()) {
            for (byte[] d : v.dumps()) {
                if (d != null) {
                    codes.append((char) (d[0] & 0x7f));
                }
            }
        }
        assertThat(codes.toString().chars().distinct().mapToObj(c -> String.valueOf((char) c)).toList())
                .containsAll(List.of("N", "T", "F", "S", ".", "i", "l", "f", "g", "x", "y", "s", "u", "t", "z", "Z", "A",
                        "(", ")", "[", "{", "<", ">"));
        assertThat(Vectors.all()).hasSizeGreaterThan(120);
    }
}
