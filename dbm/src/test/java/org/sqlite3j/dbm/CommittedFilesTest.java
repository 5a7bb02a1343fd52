package org.sqlite3j.dbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files CPython wrote once (committed under {@code src/test/resources/org/sqlite3j/dbm/cpython}, made by
 * its {@code make_files.py}): these checks need no CPython at run time.
 */
class CommittedFilesTest {

    @TempDir
    Path dir;

    /** test_dbm_dumb: test_dumbdbm_read on a CPython 3.13 file, and whichdb's answer for it. */
    @Test
    void dumbFileWrittenByCPythonReads() {
        for (String ext : List.of(".dir", ".dat", ".bak")) {
            CommittedFiles.copy("dumb" + ext, dir.resolve("dumb" + ext));
        }
        assertThat(Dbm.whichdb(dir.resolve("dumb"))).isEqualTo("dbm.dumb");
        try (DbmFile db = Dbm.open(dir.resolve("dumb"))) {
            assertThat(db.backend()).isEqualTo("dbm.dumb");
            assertThat(CommittedFiles.contents(db)).isEqualTo(CommittedFiles.expected());
        }
    }

    /**
     * test_dbm_dumb (byte layout, no CPython test has it): the operations of make_files.py give
     * byte-identical .dir, .dat and .bak files to those CPython 3.13 wrote.
     */
    @Test
    void dumbFilesAreByteIdenticalToCPythons() throws Exception {
        try (DbmDumb db = DbmDumb.open(dir.resolve("dumb"), "n")) {
            CommittedFiles.fill(db);
        }
        for (String ext : List.of(".dir", ".dat", ".bak")) {
            assertThat(Files.readAllBytes(dir.resolve("dumb" + ext)))
                    .as("dumb" + ext).isEqualTo(CommittedFiles.bytes("dumb" + ext));
        }
    }

    /** test_dbm_sqlite3: ReadOnly.test_readonly_read on a CPython 3.13 file; then written to and read back. */
    @Test
    void sqlite3FileWrittenByCPythonReadsAndWrites() {
        Path file = CommittedFiles.copy("sqlite3.db", dir.resolve("sqlite3.db"));
        assertThat(Dbm.whichdb(file)).isEqualTo("dbm.sqlite3");
        try (DbmFile db = Dbm.open(file)) {
            assertThat(db.backend()).isEqualTo("dbm.sqlite3");
            assertThat(CommittedFiles.contents(db)).isEqualTo(CommittedFiles.expected());
        }
        try (DbmFile db = Dbm.open(file, "w")) {
            db.put("new", "value");
            db.remove("0");
        }
        try (DbmFile db = Dbm.open(file)) {
            assertThat(db.get("new")).isEqualTo("value".getBytes(StandardCharsets.UTF_8));
            assertThat(db.containsKey("0")).isFalse();
            assertThat(db.size()).isEqualTo(CommittedFiles.expected().size());
        }
    }

    /** test_dbm: WhichDBTestCase.test_whichdb on the committed files, against CPython 3.13's recorded answers. */
    @Test
    void whichdbAgreesWithCPythonsRecordedAnswers() {
        for (String name : List.of("sqlite3.db", "dumb.dir", "dumb.dat", "dumb.bak", "gnu.gdbm", "ndbm.db", "expected.txt")) {
            CommittedFiles.copy(name, dir.resolve(name));
        }
        String recorded = new String(CommittedFiles.bytes("whichdb313.txt"), StandardCharsets.US_ASCII);
        for (String line : recorded.split("\n")) {
            String name = line.substring(0, line.indexOf(' '));
            String answer = line.substring(line.indexOf(' ') + 1);
            String expected = answer.equals("None") ? null : answer.substring(1, answer.length() - 1);
            if (name.equals("ndbm") && ndbmOpens(dir.resolve("ndbm"))) {
                // CPython 3.13 here has no dbm.ndbm; one that has (Debian's) answers "dbm.ndbm", as we must
                expected = "dbm.ndbm";
            }
            assertThat(Dbm.whichdb(dir.resolve(name))).as(name).isEqualTo(expected);
        }
    }

    /**
     * test_dbm: test_anydbm_read for the two backends others write: {@link Dbm#open} hands Debian's
     * dbm.gnu and dbm.ndbm files to {@link DbmGnu} and {@link DbmNdbm}, which read the same items
     * (Berkeley DB's ndbm reads an empty value as absent, as CPython's does: its keys are compared).
     */
    @Test
    void gnuAndNdbmFilesOpenThroughDbmOpen() {
        CommittedFiles.copy("gnu.gdbm", dir.resolve("gnu.gdbm"));
        try (DbmFile db = Dbm.open(dir.resolve("gnu.gdbm"))) {
            assertThat(db.backend()).isEqualTo("dbm.gnu");
            assertThat(CommittedFiles.contents(db)).isEqualTo(CommittedFiles.expected());
        }
        CommittedFiles.copy("ndbm.db", dir.resolve("ndbm.db"));
        try (DbmFile db = Dbm.open(dir.resolve("ndbm"))) {
            assertThat(db.backend()).isEqualTo("dbm.ndbm");
            List<String> keys = new java.util.ArrayList<>();
            for (byte[] k : db.keys()) {
                keys.add(java.util.HexFormat.of().formatHex(k));
            }
            assertThat(keys).containsExactlyInAnyOrderElementsOf(CommittedFiles.expected().keySet());
            assertThat(db.get("a")).isEqualTo("Python: (again)".getBytes(StandardCharsets.US_ASCII));
        }
    }

    static boolean ndbmOpens(Path file) {
        try {
            DbmNdbm.open(file, "r", 0666).close();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
