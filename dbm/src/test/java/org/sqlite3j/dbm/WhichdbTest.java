package org.sqlite3j.dbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.testkit.Python;

/** {@link Dbm#whichdb} against CPython 3.13's {@code dbm.whichdb}, live, on real and crafted files. */
class WhichdbTest {

    @TempDir
    Path dir;

    private static final String WHICHDB = """
            import dbm, sys
            for name in sys.argv[1:]:
                print(name, repr(dbm.whichdb(name)))
            """;

    private void write(String name, byte[] content) throws Exception {
        Files.write(dir.resolve(name), content);
    }

    private static byte[] magic(int value, ByteOrder order, int length) {
        return ByteBuffer.allocate(length).order(order).putInt(value).array();
    }

    /** Crafted files for every branch of CPython's whichdb; returns the names to ask about. */
    private List<String> craft() throws Exception {
        List<String> names = new ArrayList<>();
        names.add("missing");
        Files.createDirectory(dir.resolve("adir"));
        names.add("adir");
        write("empty", new byte[0]);
        names.add("empty");
        write("three", new byte[] {1, 2, 3});
        names.add("three");
        write("four", new byte[] {1, 2, 3, 4});
        names.add("four");
        write("sqlheader", "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII));
        names.add("sqlheader");
        write("sqlheader15", "SQLite format 3".getBytes(StandardCharsets.US_ASCII));
        names.add("sqlheader15");
        write("sqlheaderbad", "SQLite format 4\0 and more".getBytes(StandardCharsets.US_ASCII));
        names.add("sqlheaderbad");
        ByteOrder other = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int[] magics = {0x13579ace, 0x13579acd, 0x13579acf, 0x13579ad0, 0x13579ad1, 0x13579acc};
        for (int m : magics) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.nativeOrder(), other}) {
                String name = String.format(java.util.Locale.ROOT, "gdbm_%x_%s", m, order == other ? "swapped" : "native");
                write(name, magic(m, order, 64));
                names.add(name);
            }
        }
        write("gdbm4only", magic(0x13579acf, ByteOrder.nativeOrder(), 4));
        names.add("gdbm4only");
        // ndbm: .pag + .dir
        write("pagdir.pag", new byte[0]);
        write("pagdir.dir", new byte[0]);
        names.add("pagdir");
        write("pagonly.pag", new byte[0]);
        names.add("pagonly");
        write("pagdirdir.pag", new byte[0]);
        Files.createDirectory(dir.resolve("pagdirdir.dir"));
        names.add("pagdirdir");
        write("bogus.db", "not a Berkeley DB file".getBytes(StandardCharsets.US_ASCII));
        names.add("bogus");
        write("bogus2.db", new byte[0]);
        write("bogus2", "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII));
        names.add("bogus2");
        // dumb: .dat + .dir, the .dir empty or starting with a quote
        write("d_empty.dat", new byte[0]);
        write("d_empty.dir", new byte[0]);
        names.add("d_empty");
        write("d_sq.dat", new byte[0]);
        write("d_sq.dir", "'k', (0, 1)\n".getBytes(StandardCharsets.US_ASCII));
        names.add("d_sq");
        write("d_dq.dat", new byte[0]);
        write("d_dq.dir", "\"k'\", (0, 1)\n".getBytes(StandardCharsets.US_ASCII));
        names.add("d_dq");
        write("d_other.dat", new byte[0]);
        write("d_other.dir", "x".getBytes(StandardCharsets.US_ASCII));
        names.add("d_other");
        write("d_other2.dat", new byte[0]);
        write("d_other2.dir", "x".getBytes(StandardCharsets.US_ASCII));
        write("d_other2", "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII));
        names.add("d_other2");
        write("d_nodat.dir", "'k', (0, 1)\n".getBytes(StandardCharsets.US_ASCII));
        names.add("d_nodat");
        Files.createDirectory(dir.resolve("d_datdir.dat"));
        write("d_datdir.dir", new byte[0]);
        names.add("d_datdir");
        write("d_dirdir.dat", new byte[0]);
        Files.createDirectory(dir.resolve("d_dirdir.dir"));
        names.add("d_dirdir");
        // order: dumb files beside an SQLite file of the same name -> dumb
        write("both.dat", new byte[0]);
        write("both.dir", new byte[0]);
        write("both", "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII));
        names.add("both");
        names.add("both.dat");
        names.add("both.dir");
        return names;
    }

    private Map<String, String> cpython(Python python, List<String> names) throws Exception {
        String out = python.script(dir, WHICHDB, names.toArray(String[]::new));
        Map<String, String> answers = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                String name = line.substring(0, line.indexOf(' '));
                String a = line.substring(line.indexOf(' ') + 1);
                answers.put(name, a.equals("None") ? null : a.substring(1, a.length() - 1));
            }
        }
        return answers;
    }

    /**
     * test_dbm: WhichDBTestCase.test_whichdb, test_whichdb_sqlite3, test_whichdb_ndbm — every branch of
     * whichdb (ndbm's .pag/.dir and .db, dumb's .dat/.dir, SQLite's header, GDBM's magics in both byte
     * orders, short files, directories, missing files) gives CPython 3.13's answer.
     */
    @Test
    void craftedFilesGiveCPythonsAnswers() throws Exception {
        Python python = Python.oracle(13);
        List<String> names = craft();
        Map<String, String> expected = cpython(python, names);
        assertThat(expected).hasSize(names.size());
        Map<String, String> ours = new LinkedHashMap<>();
        for (String name : names) {
            ours.put(name, Dbm.whichdb(dir.resolve(name)));
        }
        assertThat(ours).containsExactlyEntriesOf(expected);
    }

    /** test_dbm: WhichDBTestCase.test_whichdb without CPython — the answers CPython 3.13 gave for the crafted files. */
    @Test
    void craftedFilesGiveRecordedAnswers() throws Exception {
        craft();
        String nat = "native";
        String sw = "swapped";
        assertThat(Dbm.whichdb(dir.resolve("missing"))).isNull();
        assertThat(Dbm.whichdb(dir.resolve("adir"))).isNull();
        assertThat(Dbm.whichdb(dir.resolve("empty"))).isEqualTo("");
        assertThat(Dbm.whichdb(dir.resolve("three"))).isEqualTo("");
        assertThat(Dbm.whichdb(dir.resolve("sqlheader"))).isEqualTo("dbm.sqlite3");
        assertThat(Dbm.whichdb(dir.resolve("sqlheader15"))).isEqualTo("");
        for (String m : List.of("13579ace", "13579acd", "13579acf")) {
            assertThat(Dbm.whichdb(dir.resolve("gdbm_" + m + "_" + nat))).as(m).isEqualTo("dbm.gnu");
            assertThat(Dbm.whichdb(dir.resolve("gdbm_" + m + "_" + sw))).as(m).isEqualTo("");
        }
        assertThat(Dbm.whichdb(dir.resolve("gdbm_13579ad0_" + nat))).isEqualTo("");
        assertThat(Dbm.whichdb(dir.resolve("gdbm4only"))).isEqualTo("dbm.gnu");
        assertThat(Dbm.whichdb(dir.resolve("pagdir"))).isEqualTo("dbm.ndbm");
        assertThat(Dbm.whichdb(dir.resolve("pagonly"))).isNull();
        assertThat(Dbm.whichdb(dir.resolve("pagdirdir"))).isNull();
        assertThat(Dbm.whichdb(dir.resolve("bogus"))).isNull();
        assertThat(Dbm.whichdb(dir.resolve("bogus2"))).isEqualTo("dbm.sqlite3");
        assertThat(Dbm.whichdb(dir.resolve("d_empty"))).isEqualTo("dbm.dumb");
        assertThat(Dbm.whichdb(dir.resolve("d_sq"))).isEqualTo("dbm.dumb");
        assertThat(Dbm.whichdb(dir.resolve("d_dq"))).isEqualTo("dbm.dumb");
        assertThat(Dbm.whichdb(dir.resolve("d_other"))).isNull();
        assertThat(Dbm.whichdb(dir.resolve("d_other2"))).isEqualTo("dbm.sqlite3");
        assertThat(Dbm.whichdb(dir.resolve("d_nodat"))).isNull();
        assertThat(Dbm.whichdb(dir.resolve("d_datdir"))).isEqualTo("dbm.dumb");
        assertThat(Dbm.whichdb(dir.resolve("d_dirdir"))).isNull();
        assertThat(Dbm.whichdb(dir.resolve("both"))).isEqualTo("dbm.dumb");
    }

    /**
     * test_dbm: WhichDBTestCase.test_whichdb for each backend's real files — dbm.sqlite3 and dbm.dumb
     * made by CPython 3.13, dbm.gnu made by Debian's python3 (libgdbm) — answered as CPython 3.13 does.
     */
    @Test
    void realFilesGiveCPythonsAnswers() throws Exception {
        Python python = Python.oracle(13);
        python.script(dir, """
                import dbm.sqlite3, dbm.dumb
                with dbm.sqlite3.open('s', 'n') as db: db[b'k'] = b'v'
                with dbm.sqlite3.open('s_empty', 'n') as db: pass
                with dbm.dumb.open('d', 'n') as db: db[b'k'] = b'v'
                with dbm.dumb.open('d_empty', 'n') as db: pass
                with dbm.dumb.open('d_dq', 'n') as db: db[b"q'"] = b'v'
                """);
        List<String> names = new ArrayList<>(List.of("s", "s_empty", "d", "d_empty", "d_dq", "d.dat", "d.dir"));
        try {
            Python.debian("dbm.gnu").script(dir, """
                    import dbm.gnu
                    with dbm.gnu.open('g', 'n') as db: db[b'k'] = b'v'
                    with dbm.gnu.open('g_fast', 'nf') as db: db[b'k'] = b'v'
                    """);
            names.addAll(List.of("g", "g_fast"));
        } catch (org.opentest4j.TestAbortedException noGnu) {
            // Debian's python3 or its dbm.gnu is missing: the other files are still compared
        }
        Map<String, String> expected = cpython(python, names);
        for (String name : names) {
            assertThat(Dbm.whichdb(dir.resolve(name))).as(name).isEqualTo(expected.get(name));
        }
        assertThat(expected.get("s")).isEqualTo("dbm.sqlite3");
        assertThat(expected.get("d")).isEqualTo("dbm.dumb");
    }

    /**
     * test_dbm: WhichDBTestCase.test_whichdb_ndbm — a Berkeley DB file (name.db, Debian's dbm.ndbm) is
     * "dbm.ndbm" as a CPython with dbm.ndbm answers (CPython 3.13 here has no _dbm, so Debian's python3
     * is the oracle), once DbmNdbm can open it.
     */
    @Test
    void berkeleyDbFileIsNdbmAsCPythonWithNdbmSays() throws Exception {
        String out = Python.debian("dbm.ndbm").script(dir, """
                import dbm, dbm.ndbm
                with dbm.ndbm.open('n', 'n') as db: db[b'k'] = b'v'
                print(repr(dbm.whichdb('n')))
                """);
        assertThat(out.strip()).isEqualTo("'dbm.ndbm'");
        assumeTrue(CommittedFilesTest.ndbmOpens(dir.resolve("n")), "DbmNdbm cannot open Berkeley DB files yet");
        assertThat(Dbm.whichdb(dir.resolve("n"))).isEqualTo("dbm.ndbm");
    }
}
