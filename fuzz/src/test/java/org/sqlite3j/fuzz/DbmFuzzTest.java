package org.sqlite3j.fuzz;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;
import org.sqlite3j.dbm.DbmNdbm;
import org.sqlite3j.dbm.gnu.Gdbm;

/**
 * The dbm file readers, every input through three targets (one fuzzing JVM for the three): the bytes are
 * written to the files of a database, {@code dbm.whichdb} names them, the backend opens them read-only or
 * raises its documented error, and an open database is read whole (keys, len, every value, {@code in},
 * items) or raises it. A file of one format is rarely another's, so most inputs go deep in one reader and
 * are refused at the header by the two others. Seeds: corpus/gnu, corpus/ndbm (Debian's python3:
 * libgdbm 1.23, Berkeley DB 5.3) and corpus/dumb (CPython 3.13).
 *
 * <ul>
 *   <li><b>dbm.gnu</b>: {@link Dbm.GnuError} only (Gdbm documents: "a damaged file gives a Dbm.GnuError,
 *       never another exception"); firstkey/nextkey run to the end and give no more keys than len(). In a
 *       damaged file keys() may list a key get() misses, as libgdbm does (Python's db[k]: KeyError;
 *       corpus/gnu/found-key-listed-not-found).</li>
 *   <li><b>dbm.ndbm</b>: {@link Dbm.NdbmError} only (the bytes are {@code db.db}); keys() may list a key
 *       get() cannot find (Berkeley DB's own quirk, see DbmNdbm).</li>
 *   <li><b>dbm.dumb</b>: {@link Dbm.DumbError}, or {@link Dbm.ValueError} for a malformed {@code .dir} line
 *       (CPython: ValueError or SyntaxError from literal_eval); every listed key is found. The input is the
 *       length of the {@code .dir} text (2 bytes, little-endian), the text, then the {@code .dat} bytes
 *       ({@link #split}, the layout of corpus/dumb).</li>
 * </ul>
 */
class DbmFuzzTest {

    private static final Target GNU = Target.of("dbm.gnu", List.of(Dbm.GnuError.class));
    private static final Target NDBM = Target.of("dbm.ndbm", List.of(Dbm.NdbmError.class));
    private static final Target DUMB = Target.of("dbm.dumb", List.of(Dbm.DumbError.class, Dbm.ValueError.class));
    private static final Path DIR = DbmReads.tempDir("dbm");

    static Stream<Arguments> seeds() {
        return Corpus.seeds("gnu", "ndbm", "dumb");
    }

    @MethodSource("seeds")
    @FuzzTest
    void read(byte[] data) {
        gnu(data);
        ndbm(data);
        dumb(data);
    }

    private static void gnu(byte[] data) {
        Path file = DIR.resolve("gnu");
        GNU.run(data, () -> {
            DbmReads.write(file, data);
            Dbm.whichdb(file);
            try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
                DbmReads.readAll(db, false); // a damaged bucket can list a key get() misses, as libgdbm does
                Gdbm gdbm = (Gdbm) db;
                int n = 0;
                for (byte[] k = gdbm.firstkey(); k != null; k = gdbm.nextkey(k)) {
                    if (++n > db.size()) {
                        throw new AssertionError("firstkey/nextkey give more keys than the " + db.size() + " of len()");
                    }
                }
            }
        });
    }

    private static void ndbm(byte[] data) {
        Path base = DIR.resolve("ndbm");
        NDBM.run(data, () -> {
            DbmReads.write(DIR.resolve("ndbm.db"), data);
            Dbm.whichdb(base);
            try (DbmFile db = DbmNdbm.open(base, "r", 0666)) {
                DbmReads.readAll(db, false);
            }
        });
    }

    private static void dumb(byte[] data) {
        Path base = DIR.resolve("dumb");
        byte[][] files = split(data);
        DUMB.run(data, () -> {
            DbmReads.write(DIR.resolve("dumb.dir"), files[0]);
            DbmReads.write(DIR.resolve("dumb.dat"), files[1]);
            Dbm.whichdb(base);
            try (DbmFile db = DbmDumb.open(base, "r")) {
                DbmReads.readAll(db, true);
            }
        });
    }

    /** The .dir and .dat of a dbm.dumb input, as corpus/make_seeds.py packs them. */
    static byte[][] split(byte[] data) {
        int dirLength = data.length < 2 ? 0 : Math.min((data[0] & 0xff) | (data[1] & 0xff) << 8, data.length - 2);
        int at = Math.min(2, data.length);
        return new byte[][] {Arrays.copyOfRange(data, at, at + dirLength), Arrays.copyOfRange(data, at + dirLength,
                data.length)};
    }

    @AfterAll
    static void figures() {
        DbmReads.delete(DIR);
        for (Target t : List.of(GNU, NDBM, DUMB)) {
            FuzzRun.report(t, DbmFuzzTest.class, "read", "gnu", "ndbm", "dumb");
        }
    }
}
