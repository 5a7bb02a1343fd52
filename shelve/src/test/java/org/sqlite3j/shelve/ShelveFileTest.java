package org.sqlite3j.shelve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;
import org.sqlite3j.dbm.DbmSqlite3;
import org.sqlite3j.pickle.PyTuple;

/**
 * {@code shelve.open} on real files: the committed CPython 3.13 shelves (dbm.sqlite3 and dbm.dumb),
 * test_shelve's file tests (test_open_template and its protocol variants, TestProto{0..5}File_{sqlite3,dumb,gnu}Shelve),
 * read-only and closed errors, writeback across reopen.
 */
class ShelveFileTest {
    @TempDir
    Path dir;

    @Test
    void committedSqlite3ShelfReadsWithJavaTypes() {
        Fixtures.assumeDbmOpen(dir);
        Path file = Fixtures.copy("py313-sqlite3.db", dir);
        assertThat(Dbm.whichdb(file)).isEqualTo("dbm.sqlite3");
        try (Shelf s = Shelve.open(file, "r", null, false, Fixtures.codec())) {
            assertThat(s.dict().backend()).isEqualTo("dbm.sqlite3");
            CPythonValuesTest.assertPythonValues(s);
        }
    }

    @Test
    void committedDumbShelfReadsWithJavaTypes() {
        Fixtures.assumeDbmOpen(dir);
        for (String suffix : List.of(".dat", ".dir", ".bak")) {
            Fixtures.copy("py313-dumb" + suffix, dir);
        }
        Path file = dir.resolve("py313-dumb");
        assertThat(Dbm.whichdb(file)).isEqualTo("dbm.dumb");
        try (Shelf s = Shelve.open(file, "r", null, false, Fixtures.codec())) {
            assertThat(s.dict().backend()).isEqualTo("dbm.dumb");
            CPythonValuesTest.assertPythonValues(s);
        }
    }

    /** Python: a read-only shelf's writes fail in the dbm backend, with its error. */
    @Test
    void readOnlyShelfRefusesWrites() {
        Fixtures.assumeDbmOpen(dir);
        Path file = Fixtures.copy("py313-sqlite3.db", dir);
        try (Shelf s = Shelve.open(file, "r")) {
            assertThatThrownBy(() -> s.setItem("k", 1L)).isInstanceOf(Dbm.Error.class);
            assertThatThrownBy(() -> s.delItem("tuple")).isInstanceOf(Dbm.Error.class);
            assertThat(s.getItem("tuple")).isEqualTo(PyTuple.of(1L, "two", PyTuple.of(3L, 4L)));
        }
    }

    @Test
    void missingFileWithReadFlagIsDbmError() {
        Fixtures.assumeDbmOpen(dir);
        assertThatThrownBy(() -> Shelve.open(dir.resolve("nope"), "r")).isInstanceOf(Dbm.OpenError.class)
                .hasMessageContaining("doesn't exist");
    }

    /**
     * test_shelve.TestCase.test_open_template with test_ascii_file_shelf (0), test_binary_file_shelf (1),
     * test_proto2_file_shelf (2), test_pathlib_path_file_shelf (default protocol): a new file is dbm.sqlite3.
     */
    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {-2, 0, 1, 2})
    void openTemplate(int protocol) {
        Fixtures.assumeDbmOpen(dir);
        Path file = dir.resolve("shelftemp.db");
        try (Shelf s = Shelve.open(file, "c", protocol == -2 ? null : protocol, false)) {
            s.setItem("key1", PyTuple.of(1L, 2L, 3L, 4L));
            assertThat(s.getItem("key1")).isEqualTo(PyTuple.of(1L, 2L, 3L, 4L));
        }
        assertThat(Dbm.whichdb(file)).isEqualTo("dbm.sqlite3");
        try (Shelf s = Shelve.open(file, "r")) {
            assertThat(s.getItem("key1")).isEqualTo(PyTuple.of(1L, 2L, 3L, 4L));
            assertThat(s.protocol()).isEqualTo(4);
        }
    }

    static Stream<Arguments> backendsAndProtocols() {
        List<Arguments> all = new ArrayList<>();
        for (int p = 0; p <= 5; p++) {
            all.add(Arguments.of("sqlite3", p));
            all.add(Arguments.of("dumb", p));
            all.add(Arguments.of("gnu", p));
        }
        return all.stream();
    }

    private static DbmFile create(String backend, Path file) {
        return switch (backend) {
            case "dumb" -> DbmDumb.open(file, "n");
            case "gnu" -> DbmGnu.open(file, "n", 0666);
            default -> DbmSqlite3.open(file, "n");
        };
    }

    /** mapping_tests.BasicTestMappingProtocol as test_shelve's TestProto{p}File_{backend}Shelve, plus reopening. */
    @ParameterizedTest(name = "dbm.{0}, protocol {1}")
    @MethodSource("backendsAndProtocols")
    void mappingProtocolOnFiles(String backend, int protocol) {
        Fixtures.assumeDbmOpen(dir);
        Path file = dir.resolve("shelftemp.db");
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("key1", "value1");
        reference.put("key2", 2L);
        reference.put("key3", PyTuple.of(1L, 2L, 3L));
        try (Shelf s = new Shelf(create(backend, file), protocol, false)) {
            assertThat(s).isEmpty();
            s.putAll(reference);
            assertThat(s).isEqualTo(reference);
            assertThatThrownBy(() -> s.getItem("nope")).isInstanceOf(Dbm.KeyError.class);
            s.delItem("key1");
            assertThat(s).hasSize(2);
        }
        try (Shelf s = Shelve.open(file, "w")) {
            assertThat(s.dict().backend()).isEqualTo("dbm." + backend);
            assertThat(s.keySet()).containsExactlyInAnyOrder("key2", "key3");
            assertThat(s.getItem("key3")).isEqualTo(PyTuple.of(1L, 2L, 3L));
            s.clear();
            assertThat(s).isEmpty();
        }
    }

    /** writeback=True on a file: a value read and mutated is stored at close and seen after reopening. */
    @Test
    void writebackSurvivesReopen() {
        Fixtures.assumeDbmOpen(dir);
        Path file = dir.resolve("wb");
        try (Shelf s = Shelve.open(file, "c", null, true)) {
            s.setItem("list", new ArrayList<>(List.of(1L)));
        }
        try (Shelf s = Shelve.open(file, "w", null, true)) {
            @SuppressWarnings("unchecked")
            List<Object> v = (List<Object>) s.getItem("list");
            v.add(2L);
        }
        try (Shelf s = Shelve.open(file, "w", null, false)) {
            assertThat(s.getItem("list")).isEqualTo(List.of(1L, 2L));
            @SuppressWarnings("unchecked")
            List<Object> v = (List<Object>) s.getItem("list");
            v.add(3L);
        }
        try (Shelf s = Shelve.open(file, "r")) {
            assertThat(s.getItem("list")).as("no writeback: the mutation is lost").isEqualTo(List.of(1L, 2L));
        }
    }

    @Test
    void closedFileShelf() {
        Fixtures.assumeDbmOpen(dir);
        DbfilenameShelf s = Shelve.open(dir.resolve("c"));
        s.setItem("a", 1L);
        s.close();
        BiFunction<String, Object, Object> get = (k, d) -> s.getOrDefault(k, d);
        assertThatThrownBy(() -> get.apply("a", null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("invalid operation on closed shelf");
        assertThatThrownBy(s::clear).hasMessage("invalid operation on closed shelf");
        assertThatThrownBy(s::dict).hasMessage("invalid operation on closed shelf");
    }
}
