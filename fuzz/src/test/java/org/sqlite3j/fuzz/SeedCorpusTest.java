package org.sqlite3j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;
import org.sqlite3j.dbm.DbmNdbm;
import org.sqlite3j.driver.UrlParsing;
import org.sqlite3j.marshal.Marshal;
import org.sqlite3j.marshal.MarshalError;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.pickle.PickleTools;
import org.sqlite3j.pickle.Unpickler;
import org.sqlite3j.pickle.UnpicklingError;

/**
 * The committed seeds against what CPython answered when it wrote them (corpus/FORMAT.tsv, by
 * corpus/make_seeds.py): the seed corpus is also a differential test. Every seed is listed (and every
 * listed seed is there); {@code found-*} inputs are fuzzing findings, replayed by the fuzz tests and
 * checked by {@link FindingsTest}.
 */
class SeedCorpusTest {

    /** The manifest and the directory list the same seeds. */
    private static Map<String, List<String>> manifest(String format) {
        Map<String, List<String>> rows = Corpus.manifest(format);
        List<String> seeds = Corpus.names(format).stream().filter(n -> !n.startsWith("found-")).toList();
        assertThat(rows.keySet()).as(format + ".tsv lists the seeds of corpus/" + format)
                .containsExactlyInAnyOrderElementsOf(seeds);
        return rows;
    }

    /**
     * CPython loads a seed exactly when Java's Unpickler in stub mode does (classes CPython's script had
     * load as stubs here), raises exactly when Java raises UnpicklingError; pickletools.dis accepts exactly
     * what PickleTools.dis accepts. (test_pickle's AbstractUnpickleTests / test_pickletools, on CPython's own
     * output of every protocol.)
     */
    @Test
    void picklesLoadAndDisassembleWhereCPythonsDo() {
        int loaded = 0;
        for (Map.Entry<String, List<String>> row : manifest("pickle").entrySet()) {
            byte[] data = Corpus.read("pickle", row.getKey());
            String loads = row.getValue().get(0);
            String dis = row.getValue().get(1);
            if (loads.equals("OK")) {
                new Unpickler(data).stubUnknownGlobals(true).load();
                loaded++;
            } else {
                assertThatThrownBy(() -> Pickle.loads(data)).as(row.getKey() + " (CPython: " + loads + ")")
                        .isInstanceOf(UnpicklingError.class);
            }
            if (dis.equals("OK")) {
                assertThat(PickleTools.dis(data)).as(row.getKey()).contains("highest protocol among opcodes");
            } else {
                assertThatThrownBy(() -> PickleTools.dis(data)).as(row.getKey() + " (CPython: " + dis + ")")
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(loaded).as("seeds CPython loaded").isGreaterThan(450);
    }

    /** marshal.loads (a pyc's body after its 16-byte header) raises the same class as CPython, or loads. */
    @Test
    void marshalSeedsLoadOrRaiseCPythonsClass() {
        for (Map.Entry<String, List<String>> row : manifest("marshal").entrySet()) {
            byte[] data = Corpus.read("marshal", row.getKey());
            String expected = row.getValue().get(0);
            boolean pyc = row.getKey().startsWith("pyc_");
            String actual;
            try {
                if (pyc) {
                    assertThat(Marshal.loadPyc(data).pythonVersion()).isEqualTo("3.13");
                } else {
                    Marshal.loads(data);
                }
                actual = "OK";
            } catch (MarshalError e) {
                actual = e.getClass().getSimpleName();
            }
            assertThat(actual).as(row.getKey()).isEqualTo(expected);
        }
    }

    /** sqlite3.complete_statement, including its ValueError for an embedded NUL (test_sqlite3 ModuleTests). */
    @Test
    void completeStatementAnswersAsCPython() {
        for (Map.Entry<String, List<String>> row : manifest("sql").entrySet()) {
            String sql = new String(Corpus.read("sql", row.getKey()), StandardCharsets.UTF_8);
            String expected = row.getValue().get(0);
            if (expected.equals("ValueError")) {
                assertThatThrownBy(() -> Sqlite3.completeStatement(sql)).as(row.getKey())
                        .isInstanceOf(Sqlite3.ValueError.class).hasMessage("embedded null character");
            } else {
                assertThat(Sqlite3.completeStatement(sql)).as(row.getKey()).isEqualTo(Boolean.parseBoolean(expected));
            }
        }
    }

    /** The URLs the generator built from the option table parse, the broken ones raise SQLException. */
    @Test
    void urlSeedsParseOrRaiseSqlException() {
        for (Map.Entry<String, List<String>> row : manifest("url").entrySet()) {
            String url = new String(Corpus.read("url", row.getKey()), StandardCharsets.UTF_8);
            if (row.getValue().get(0).equals("OK")) {
                try {
                    assertThat(UrlParsing.parse(url, new Properties())).as(row.getKey()).isNotNull();
                } catch (SQLException e) {
                    throw new AssertionError(row.getKey() + ": " + url, e);
                }
            } else {
                assertThatThrownBy(() -> UrlParsing.parse(url, new Properties())).as(row.getKey())
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    /** Java reads the same records from each dbm seed as CPython (count and digest of the sorted items). */
    @Test
    void dbmSeedsReadAsCPythonReadThem(@TempDir Path dir) throws Exception {
        for (String format : List.of("dumb", "gnu", "ndbm")) {
            for (Map.Entry<String, List<String>> row : manifest(format).entrySet()) {
                byte[] data = Corpus.read(format, row.getKey());
                Path base = dir.resolve(format + "-" + row.getKey());
                try (DbmFile db = open(format, base, data)) {
                    List<String> lines = new ArrayList<>();
                    for (byte[] key : db.keys()) {
                        lines.add(HexFormat.of().formatHex(key) + " " + HexFormat.of().formatHex(db.get(key)));
                    }
                    lines.sort(null);
                    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(String.join("\n", lines).getBytes(StandardCharsets.US_ASCII)));
                    assertThat(List.of(String.valueOf(lines.size()), digest)).as(format + "/" + row.getKey())
                            .isEqualTo(row.getValue());
                }
            }
        }
    }

    private static DbmFile open(String format, Path base, byte[] data) {
        switch (format) {
            case "dumb" -> {
                byte[][] files = DbmFuzzTest.split(data);
                DbmReads.write(Path.of(base + ".dir"), files[0]);
                DbmReads.write(Path.of(base + ".dat"), files[1]);
                return DbmDumb.open(base, "r");
            }
            case "gnu" -> {
                DbmReads.write(base, data);
                return DbmGnu.open(base, "r", 0666);
            }
            default -> {
                DbmReads.write(Path.of(base + ".db"), data);
                return DbmNdbm.open(base, "r", 0666);
            }
        }
    }
}
