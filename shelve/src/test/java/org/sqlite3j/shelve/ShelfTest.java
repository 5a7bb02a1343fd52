package org.sqlite3j.shelve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.pickle.PyTuple;

/**
 * {@code shelve.Shelf} over an in-memory dbm (Python's {@code shelve.Shelf(dict)}): CPython's
 * test_shelve.TestCase and the mapping protocol of its TestProto{0..5}MemShelve classes.
 */
class ShelfTest {

    /** test_shelve.TestCase.test_close. */
    @Test
    void closedShelfRaisesPythonsMessage() {
        Shelf s = new Shelf(new MemoryDbm(), 2, false);
        s.setItem("key1", List.of(1L, 2L, 3L, 4L));
        assertThat(s.getItem("key1")).isEqualTo(List.of(1L, 2L, 3L, 4L));
        assertThat(s).hasSize(1);
        s.close();
        assertThatThrownBy(s::size).isInstanceOf(IllegalStateException.class)
                .hasMessage("invalid operation on closed shelf");
        assertThatThrownBy(() -> s.getItem("key1")).hasMessage("invalid operation on closed shelf");
        assertThatThrownBy(() -> s.setItem("k", 1L)).hasMessage("invalid operation on closed shelf");
        assertThatThrownBy(() -> s.delItem("key1")).hasMessage("invalid operation on closed shelf");
        assertThatThrownBy(() -> s.containsKey("key1")).hasMessage("invalid operation on closed shelf");
        assertThatThrownBy(() -> s.keySet().iterator()).hasMessage("invalid operation on closed shelf");
        s.close();   // a second close, and sync on a closed shelf, do nothing (as Python's)
        s.sync();
        assertThat(s.isClosed()).isTrue();
    }

    /** test_shelve.TestCase.test_with. */
    @Test
    void tryWithResourcesCloses() {
        Shelf kept;
        try (Shelf s = new Shelf(new MemoryDbm(), 2, false)) {
            s.setItem("key1", List.of(1L, 2L, 3L, 4L));
            assertThat(s.getItem("key1")).isEqualTo(List.of(1L, 2L, 3L, 4L));
            kept = s;
        }
        assertThatThrownBy(kept::size).hasMessage("invalid operation on closed shelf");
        assertThatThrownBy(() -> kept.getItem("key1")).hasMessage("invalid operation on closed shelf");
    }

    /** test_shelve.TestCase.test_in_memory_shelf: protocols 0 and 1 store different pickles. */
    @Test
    void inMemoryShelfAtProtocolsZeroAndOne() {
        MemoryDbm d1 = new MemoryDbm();
        MemoryDbm d2 = new MemoryDbm();
        try (Shelf s = new Shelf(d1, 0, false)) {
            s.setItem("key1", PyTuple.of(1L, 2L, 3L, 4L));
            assertThat(s.getItem("key1")).isEqualTo(PyTuple.of(1L, 2L, 3L, 4L));
        }
        try (Shelf s = new Shelf(d2, 1, false)) {
            s.setItem("key1", PyTuple.of(1L, 2L, 3L, 4L));
            assertThat(s.getItem("key1")).isEqualTo(PyTuple.of(1L, 2L, 3L, 4L));
        }
        assertThat(d1.size()).isEqualTo(1);
        assertThat(d2.size()).isEqualTo(1);
        assertThat(new String(d1.get("key1"), StandardCharsets.ISO_8859_1)).isEqualTo("(I1\nI2\nI3\nI4\ntp0\n.");
        assertThat(d1.get("key1")).isNotEqualTo(d2.get("key1"));
    }

    /** test_shelve.TestCase.test_mutable_entry: a mutation is kept only in writeback mode. */
    @Test
    void mutableEntryIsKeptOnlyWithWriteback() {
        try (Shelf s = new Shelf(new MemoryDbm(), 2, false)) {
            s.setItem("key1", List.of(1L, 2L, 3L, 4L));
            @SuppressWarnings("unchecked")
            List<Object> v = (List<Object>) s.getItem("key1");
            v.add(5L);
            assertThat(s.getItem("key1")).isEqualTo(List.of(1L, 2L, 3L, 4L));
        }
        MemoryDbm d2 = new MemoryDbm();
        Shelf s = new Shelf(d2, 2, true);
        s.setItem("key1", new ArrayList<>(List.of(1L, 2L, 3L, 4L)));
        @SuppressWarnings("unchecked")
        List<Object> v = (List<Object>) s.getItem("key1");
        v.add(5L);
        assertThat(s.getItem("key1")).isSameAs(v).isEqualTo(List.of(1L, 2L, 3L, 4L, 5L));
        assertThat(Pickle.loads(d2.get("key1"))).as("stored before sync").isEqualTo(List.of(1L, 2L, 3L, 4L));
        s.sync();
        assertThat(Pickle.loads(d2.get("key1"))).as("stored at sync").isEqualTo(List.of(1L, 2L, 3L, 4L, 5L));
        assertThat(d2.size()).isEqualTo(1);
        s.close();
    }

    /** A value only read (never set) in writeback mode is written back at close; the cache empties at sync. */
    @Test
    void writebackStoresValuesReadThenMutatedAtClose() {
        MemoryDbm d = new MemoryDbm();
        d.put("k".getBytes(StandardCharsets.UTF_8), Pickle.dumps(new HashMap<>(Map.of("n", 1L))));
        Shelf s = new Shelf(d, null, true);
        @SuppressWarnings("unchecked")
        Map<Object, Object> m = (Map<Object, Object>) s.getItem("k");
        m.put("n", 2L);
        s.sync();
        assertThat(s.getItem("k")).as("a fresh load after sync emptied the cache").isNotSameAs(m).isEqualTo(Map.of("n", 2L));
        @SuppressWarnings("unchecked")
        Map<Object, Object> again = (Map<Object, Object>) s.getItem("k");
        again.put("n", 3L);
        byte[] before = d.get("k");
        s.close();
        assertThat(Pickle.loads(before)).isEqualTo(Map.of("n", 2L));
    }

    /** test_shelve.TestCase.test_writeback_also_writes_immediately (issue 5754). */
    @Test
    void writebackAlsoWritesImmediately() {
        MemoryDbm d = new MemoryDbm();
        byte[] p1;
        try (Shelf s = new Shelf(d, null, true)) {
            s.setItem("key", new ArrayList<>(List.of(1L)));
            p1 = d.getItem("key");   // Dbm.KeyError if the store was not written at once
            @SuppressWarnings("unchecked")
            List<Object> v = (List<Object>) s.getItem("key");
            v.add(2L);
        }
        byte[] p2 = d.getItem("key");
        assertThat(p2).isNotEqualTo(p1);
        assertThat(Pickle.loads(p2)).isEqualTo(List.of(1L, 2L));
    }

    /** test_shelve.TestCase.test_keyencoding. */
    @Test
    void keyEncodingIsUtf8UnlessGiven() {
        MemoryDbm d = new MemoryDbm();
        String key = "Pöp";
        new Shelf(d).setItem(key, List.of(1L));
        assertThat(d.containsKey(key.getBytes(StandardCharsets.UTF_8))).isTrue();
        new Shelf(d, null, false, Shelf.keyencoding("latin-1"), ShelfCodec.defaults()).setItem(key, List.of(1L));
        assertThat(d.containsKey(key.getBytes(StandardCharsets.ISO_8859_1))).isTrue();
        Shelf ascii = new Shelf(d, null, false, Shelf.keyencoding("ascii"), ShelfCodec.defaults());
        assertThatThrownBy(() -> ascii.setItem(key, List.of(1L))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pöp").hasMessageContaining("US-ASCII");
    }

    /** test_shelve.TestCase.test_default_protocol. */
    @Test
    void defaultProtocolIsPythons() {
        try (Shelf s = new Shelf(new MemoryDbm())) {
            assertThat(s.protocol()).isEqualTo(Pickle.DEFAULT_PROTOCOL).isEqualTo(4);
            s.setItem("k", 1L);
            assertThat(s.dict().get("k")[1]).isEqualTo((byte) 4);
        }
        assertThat(new Shelf(new MemoryDbm(), -1, false).protocol()).isEqualTo(5);
        assertThatThrownBy(() -> new Shelf(new MemoryDbm(), 6, false)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * mapping_tests.BasicTestMappingProtocol as test_shelve's TestProto{0..5}MemShelve run it: the
     * reference {"key1": "value1", "key2": 2, "key3": (1, 2, 3)}, read, write, delete, get, KeyError.
     */
    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void mappingProtocol(int protocol) {
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("key1", "value1");
        reference.put("key2", 2L);
        reference.put("key3", PyTuple.of(1L, 2L, 3L));
        try (Shelf s = new Shelf(new MemoryDbm(), protocol, false)) {
            assertThat(s).isEmpty();
            s.putAll(reference);
            assertThat(s).isEqualTo(reference).hasSize(3);
            assertThat(s.keySet()).containsExactlyInAnyOrderElementsOf(reference.keySet());
            assertThat(s.values()).containsExactlyInAnyOrderElementsOf(reference.values());
            assertThat(s.containsKey("key1")).isTrue();
            assertThat(s.containsKey("nope")).isFalse();
            assertThat(s.containsKey(1)).isFalse();
            assertThat(s.get("nope")).isNull();
            assertThat(s.getOrDefault("nope", 3L)).isEqualTo(3L);
            assertThat(s.put("key2", 3L)).isEqualTo(2L);
            assertThat(s.getItem("key2")).isEqualTo(3L);
            assertThatThrownBy(() -> s.getItem("nope")).isInstanceOf(Dbm.KeyError.class).hasMessage("b'nope'");
            assertThatThrownBy(() -> s.delItem("nope")).isInstanceOf(Dbm.KeyError.class).hasMessage("b'nope'");
            assertThat(s.remove("key1")).isEqualTo("value1");
            assertThat(s.remove("key1")).isNull();
            var it = s.entrySet().iterator();
            it.next();
            it.remove();
            assertThat(s).hasSize(1);
            s.entrySet().iterator().next().setValue("new");
            assertThat(s.values()).containsExactly("new");
            s.clear();
            assertThat(s).isEmpty();
            assertThat(s.dict().size()).isZero();
        }
    }

    @Test
    void toStringLoadsNothing() {
        MemoryDbm d = new MemoryDbm();
        d.put("bad", new byte[] {1, 2, 3});
        Shelf s = new Shelf(d);
        assertThat(s.toString()).isEqualTo("Shelf[dict]");
        assertThat(s.keySet()).containsExactly("bad");
        s.close();
        assertThat(s.toString()).isEqualTo("Shelf[closed]");
    }
}
