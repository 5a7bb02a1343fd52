package org.sqlite3j.shelve;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.pickle.PyFrozenSet;
import org.sqlite3j.pickle.PyTuple;
import org.sqlite3j.shelve.Fixtures.Point;

/**
 * Live CPython 3.13 both ways (skipped with the reason when it is missing): shelves CPython writes
 * (its default dbm.sqlite3, and dbm.dumb) read in Java with the right types; shelves Java writes
 * (every protocol; both backends; a Python object Java only knows as a stub) read in CPython to
 * values equal to those make_shelves.py builds.
 */
class CPythonInteropTest {
    @TempDir
    Path dir;

    private static final String WRITE = """
            import dbm, dbm.dumb, shelve
            from make_shelves import write
            with shelve.open("by-python.db") as s:      # dbm.sqlite3: 3.13's default
                write(s)
            with shelve.Shelf(dbm.dumb.open("by-python-dumb", "n")) as s:
                write(s)
            print(dbm.whichdb("by-python.db"), dbm.whichdb("by-python-dumb"))
            """;

    @Test
    void shelvesWrittenByCPythonReadInJava() throws Exception {
        Fixtures.assumeDbmOpen(dir);
        Fixtures.copy("make_shelves.py", dir);
        assertThat(Python.run(dir, WRITE).strip()).isEqualTo("dbm.sqlite3 dbm.dumb");
        try (Shelf s = Shelve.open(dir.resolve("by-python.db"), "r", null, false, Fixtures.codec())) {
            assertThat(s.dict().backend()).isEqualTo("dbm.sqlite3");
            CPythonValuesTest.assertPythonValues(s);
        }
        try (Shelf s = Shelve.open(dir.resolve("by-python-dumb"), "r", null, false, Fixtures.codec())) {
            assertThat(s.dict().backend()).isEqualTo("dbm.dumb");
            CPythonValuesTest.assertPythonValues(s);
        }
    }

    /** What make_shelves.values() holds, built in Java; {@code secret} is the stub of a class Java does not know. */
    static Map<String, Object> javaValues(Object secret) {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("name", "Ada");
        dict.put("langs", List.of("en", "fr"));
        dict.put("age", 36);
        v.put("dict", dict);
        List<Object> list = new ArrayList<>(List.of(1L, 2.5, "three"));
        list.add(null);
        list.add(true);
        list.add(new byte[] {0, (byte) 0xff});
        v.put("list", list);
        v.put("tuple", PyTuple.of(1L, "two", PyTuple.of(3L, 4L)));
        v.put("set", new LinkedHashSet<>(List.of(1L, 2L, 3L)));
        v.put("frozenset", PyFrozenSet.of("a"));
        v.put("when", LocalDateTime.of(2024, 2, 29, 13, 45, 7, 123_456_000));
        v.put("day", LocalDate.of(1999, 12, 31));
        v.put("aware", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
        v.put("delta", Duration.ofDays(1).plusSeconds(2));
        v.put("price", new BigDecimal("12.50"));
        v.put("big", BigInteger.TWO.pow(70));
        v.put("clé", "unicode key");
        v.put("point", new Point(3, 4));
        v.put("points", List.of(new Point(1, 2), new Point(5, 6)));
        v.put("secret", secret);
        return v;
    }

    private static final String CHECK = """
            import dbm, shelve, sys
            from make_shelves import values
            expected = values()
            for name in sys.argv[1:] if len(sys.argv) > 1 else open("files.txt").read().split():
                with shelve.open(name, "r") as s:
                    got = dict(s)
                    bad = [k for k in expected if k not in got or got[k] != expected[k]
                           or type(got[k]) is not type(expected[k])]
                    print(name, dbm.whichdb(name), "equal" if not bad and len(got) == len(expected) else f"differs: {bad}")
            """;

    @Test
    void shelvesWrittenByJavaReadInCPython() throws Exception {
        Fixtures.assumeDbmOpen(dir);
        Object secret;
        try (Shelf fixture = new Shelf(Fixtures.items(), null, false, ShelfCodec.defaults().stubUnknown(true))) {
            secret = fixture.getItem("secret");
        }
        StringBuilder files = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int protocol = 0; protocol <= 5; protocol++) {
            String name = "by-java-" + protocol + ".db";
            try (Shelf s = Shelve.open(dir.resolve(name), "n", protocol, false, Fixtures.codec())) {
                s.putAll(javaValues(secret));
            }
            files.append(name).append('\n');
            expected.append(name).append(" dbm.sqlite3 equal\n");
        }
        try (Shelf s = new Shelf(DbmDumb.open(dir.resolve("by-java-dumb"), "n"), null, false, Fixtures.codec())) {
            s.putAll(javaValues(secret));
        }
        files.append("by-java-dumb\n");
        expected.append("by-java-dumb dbm.dumb equal\n");
        java.nio.file.Files.writeString(dir.resolve("files.txt"), files);
        Fixtures.copy("make_shelves.py", dir);
        assertThat(Python.run(dir, CHECK)).isEqualTo(expected.toString());
    }

    /** A Python program's writeback shelf and a Java one agree: CPython mutates through writeback, Java sees it. */
    @Test
    void writebackMutationByCPythonIsSeenInJava() throws Exception {
        Fixtures.assumeDbmOpen(dir);
        try (Shelf s = Shelve.open(dir.resolve("wb.db"), "n")) {
            s.setItem("list", new ArrayList<>(List.of(1L)));
        }
        Python.run(dir, """
                import shelve
                with shelve.open("wb.db", writeback=True) as s:
                    s["list"].append(2)
                with shelve.open("wb.db") as s:
                    s["list"].append(3)      # lost: no writeback
                """);
        try (Shelf s = Shelve.open(dir.resolve("wb.db"), "r")) {
            assertThat(s.getItem("list")).isEqualTo(List.of(1L, 2L));
        }
    }
}
