package org.sqlite3j.shelve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sqlite3j.pickle.Globals;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyObject;
import org.sqlite3j.pickle.PyTuple;
import org.sqlite3j.pickle.UnpicklingError;
import org.sqlite3j.shelve.Fixtures.Point;

/**
 * The values of the committed CPython 3.13 shelf (its raw key/pickle pairs, in a {@link MemoryDbm}:
 * independent of any dbm backend) read through a {@link Shelf}: types, deny-by-default, stub round trip.
 */
class CPythonValuesTest {

    /** Every value CPython stored, as the Java type the pickle module documents. */
    static void assertPythonValues(Shelf s) {
        assertThat(s.keySet()).containsExactlyInAnyOrder("dict", "list", "tuple", "set", "frozenset", "when", "day",
                "aware", "delta", "price", "big", "clé", "point", "points", "secret");
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("name", "Ada");
        dict.put("langs", List.of("en", "fr"));
        dict.put("age", 36L);
        assertThat(s.getItem("dict")).isInstanceOf(LinkedHashMap.class).isEqualTo(dict);
        assertThat(((Map<?, ?>) s.getItem("dict")).get("langs")).isInstanceOf(ArrayList.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) s.getItem("list");
        assertThat(list).isInstanceOf(ArrayList.class).hasSize(6);
        assertThat(list.subList(0, 5)).containsExactly(1L, 2.5, "three", null, true);
        assertThat((byte[]) list.get(5)).containsExactly(0x00, 0xff);
        assertThat(s.getItem("tuple")).isEqualTo(PyTuple.of(1L, "two", PyTuple.of(3L, 4L)));
        assertThat(s.getItem("set")).isInstanceOf(LinkedHashSet.class).isEqualTo(new LinkedHashSet<>(List.of(1L, 2L, 3L)));
        assertThat(s.getItem("frozenset")).isEqualTo(PyFrozenSet.of("a"));
        assertThat(s.getItem("when")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 7, 123_456_000));
        assertThat(s.getItem("day")).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(s.getItem("aware")).isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
        assertThat(s.getItem("delta")).isEqualTo(Duration.ofDays(1).plusSeconds(2));
        assertThat(s.getItem("price")).isEqualTo(new BigDecimal("12.50"));
        assertThat(s.getItem("big")).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(s.getItem("clé")).isEqualTo("unicode key");
        assertThat(s.getItem("point")).isEqualTo(new Point(3, 4));
        assertThat(s.getItem("points")).isEqualTo(List.of(new Point(1, 2), new Point(5, 6)));
    }

    @Test
    void registeredClassLoadsAsItsJavaClassAndDataAsJavaTypes() {
        try (Shelf s = new Shelf(Fixtures.items(), null, false, Fixtures.codec())) {
            assertPythonValues(s);
        }
    }

    @Test
    void unknownClassIsRefusedByName() {
        try (Shelf s = new Shelf(Fixtures.items(), null, false, Fixtures.codec())) {
            assertThatThrownBy(() -> s.getItem("secret")).isInstanceOf(UnpicklingError.class)
                    .hasMessageContaining("shelffixture.Secret");
        }
        try (Shelf s = new Shelf(Fixtures.items())) {
            assertThatThrownBy(() -> s.getItem("point")).isInstanceOf(UnpicklingError.class)
                    .hasMessageContaining("shelffixture.Point");
            assertThat(s.getItem("tuple")).as("data still loads").isEqualTo(PyTuple.of(1L, "two", PyTuple.of(3L, 4L)));
        }
    }

    @Test
    void globalsPolicyAllowsNamesAsStubs() {
        ShelfCodec codec = ShelfCodec.defaults().globals(Globals.builder().allow("shelffixture", "Secret").build());
        try (Shelf s = new Shelf(Fixtures.items(), null, false, codec)) {
            assertThat(s.getItem("secret")).isInstanceOf(PyObject.class);
            assertThatThrownBy(() -> s.getItem("point")).isInstanceOf(UnpicklingError.class)
                    .hasMessageContaining("shelffixture.Point");
        }
    }

    /** Stub mode: a Java program rewrites a shelf of Python objects, and each pickle comes back byte for byte. */
    @Test
    void stubsRoundTripIdentically() {
        MemoryDbm source = Fixtures.items();
        MemoryDbm target = new MemoryDbm();
        try (Shelf in = new Shelf(source, null, false, ShelfCodec.defaults().stubUnknown(true));
                Shelf out = new Shelf(target, null, false, ShelfCodec.defaults().stubUnknown(true))) {
            PyObject secret = (PyObject) in.getItem("secret");
            assertThat(secret.module()).isEqualTo("shelffixture");
            assertThat(secret.name()).isEqualTo("Secret");
            assertThat(secret.state()).isEqualTo(Map.of("payload", "keep me"));
            assertThat(in.getItem("point")).isInstanceOf(PyObject.class);
            for (Map.Entry<String, Object> e : in.entrySet()) {
                out.setItem(e.getKey(), e.getValue());
            }
        }
        assertThat(target.keys()).hasSameSizeAs(source.keys());
        for (byte[] k : source.keys()) {
            assertThat(target.get(k)).as(new String(k, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(source.get(k));
        }
    }

    /** Rewriting a shelf with registered classes: the Point is pickled back as CPython pickled it. */
    @Test
    void registeredClassDumpsAsCPythonDid() {
        MemoryDbm source = Fixtures.items();
        MemoryDbm target = new MemoryDbm();
        try (Shelf in = new Shelf(source, null, false, Fixtures.codec());
                Shelf out = new Shelf(target, null, false, Fixtures.codec())) {
            out.setItem("point", in.getItem("point"));
            out.setItem("points", in.getItem("points"));
        }
        assertThat(target.get("point")).isEqualTo(source.get("point"));
        assertThat(target.get("points")).isEqualTo(source.get("points"));
    }
}
