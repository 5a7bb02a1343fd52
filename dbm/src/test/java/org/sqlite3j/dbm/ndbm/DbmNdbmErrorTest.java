package org.sqlite3j.dbm.ndbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmNdbm;

/**
 * dbm.ndbm's errors with CPython 3.11's messages (as Debian's python3 prints them; the live comparison is
 * in {@link DbmNdbmPythonTest}), and the read-only refusal, which leaves the file as it was.
 */
class DbmNdbmErrorTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsErrno2UnderRAndW() {
        for (String flag : new String[] {"r", "w"}) {
            assertThatThrownBy(() -> DbmNdbm.open(dir.resolve("missing"), flag, 0666))
                    .isInstanceOf(Dbm.NdbmError.class)
                    .hasMessage("[Errno 2] No such file or directory: '" + dir.resolve("missing") + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "rf", "R", "cf", "wu", "nn"})
    void unknownFlagIsPythonsMessage(String flag) throws IOException {
        Path db = NdbmListing.copy("small", dir);
        assertThatThrownBy(() -> DbmNdbm.open(db, flag, 0666))
                .isInstanceOf(Dbm.NdbmError.class)
                .hasMessage("arg 2 to open should be 'r', 'w', 'c', or 'n'");
    }

    @Test
    void fileOfAnotherKindIsErrno22() throws IOException {
        Files.write(dir.resolve("junk.db"), "hello".repeat(100).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(dir.resolve("zero.db"), new byte[0]);
        Files.write(dir.resolve("zeros.db"), new byte[8192]);
        for (String name : new String[] {"junk", "zero", "zeros"}) {
            assertThatThrownBy(() -> DbmNdbm.open(dir.resolve(name), "r", 0666))
                    .isInstanceOf(Dbm.NdbmError.class)
                    .hasMessage("[Errno 22] Invalid argument: '" + dir.resolve(name) + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"w", "c", "n", "rw"})
    void writingFlagsAreRefusedAndTheFileIsUntouched(String flag) throws IOException {
        Path db = NdbmListing.copy("small", dir);
        byte[] before = Files.readAllBytes(Path.of(db + ".db"));
        assertThatThrownBy(() -> DbmNdbm.open(db, flag, 0666))
                .isInstanceOf(Dbm.NdbmError.class)
                .hasMessageContaining("dbm.ndbm files are read-only here")
                .hasMessageContaining("dbm.sqlite3")
                .hasMessageContaining("'" + flag + "'");
        assertThat(Files.readAllBytes(Path.of(db + ".db"))).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c", "n", "rw"})
    void creatingFlagsOnAMissingFileCreateNothing(String flag) {
        assertThatThrownBy(() -> DbmNdbm.open(dir.resolve("new"), flag, 0666))
                .isInstanceOf(Dbm.NdbmError.class)
                .hasMessageContaining("read-only");
        assertThat(dir.resolve("new.db")).doesNotExist();
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void writingThroughAReadOnlyHandleIsPythonsError() throws IOException {
        try (DbmFile db = DbmNdbm.open(NdbmListing.copy("small", dir), "r", 0666)) {
            assertThatThrownBy(() -> db.put("z", "1")).isInstanceOf(Dbm.NdbmError.class)
                    .hasMessage("cannot add item to database");
            assertThatThrownBy(() -> db.remove("a")).isInstanceOf(Dbm.NdbmError.class)
                    .hasMessage("cannot delete item from database");
            // even a missing key: Python's read-only delete fails before it could be a KeyError
            assertThatThrownBy(() -> db.remove("zz")).isInstanceOf(Dbm.NdbmError.class)
                    .hasMessage("cannot delete item from database");
            assertThatThrownBy(() -> db.getItem("zz")).isInstanceOf(Dbm.KeyError.class);
            assertThatThrownBy(() -> db.setdefault("zz".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    new byte[0])).isInstanceOf(Dbm.NdbmError.class);
            assertThat(db.get("a")).containsExactly('1');
        }
    }

    @Test
    void aClosedHandleRaisesAndClosingTwiceIsFine() throws IOException {
        DbmFile db = DbmNdbm.open(NdbmListing.copy("small", dir), "r", 0666);
        db.close();
        db.close();
        for (Runnable use : new Runnable[] {() -> db.get("a"), db::keys, db::size, db::sync,
                () -> db.put("a", "b"), () -> db.remove("a")}) {
            assertThatThrownBy(use::run).isInstanceOf(Dbm.NdbmError.class)
                    .hasMessage("DBM object has already been closed");
        }
    }

    @Test
    void aDirectoryNamedLikeTheFileIsAnError() throws IOException {
        Files.createDirectory(dir.resolve("d.db"));
        assertThatThrownBy(() -> DbmNdbm.open(dir.resolve("d"), "r", 0666)).isInstanceOf(Dbm.NdbmError.class)
                .hasMessage("[Errno 21] Is a directory: '" + dir.resolve("d") + "'");
    }

    @Test
    void nullsAreTypeErrors() {
        assertThatThrownBy(() -> DbmNdbm.open(null, "r", 0666)).isInstanceOf(Dbm.TypeError.class);
        assertThatThrownBy(() -> DbmNdbm.open(dir.resolve("x"), null, 0666)).isInstanceOf(Dbm.TypeError.class);
    }
}
