package org.sqlite3j.dbm.ndbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmNdbm;

/**
 * {@link PageFile} keeps the pages it has read: with a limit smaller than the file (least recently
 * used pages dropped and read again) every value is still Berkeley DB's, and a file truncated under an
 * open reader gives {@code dbm.ndbm.error} for what is no longer there, never another exception or a
 * crash (a mapped file would fault there). Files written by Debian's python3 {@code dbm.ndbm}.
 */
class DbmNdbmPageCacheTest {

    @TempDir
    Path dir;

    private NdbmListing python;

    @BeforeEach
    void pythonWritesAFile() throws Exception {
        NdbmPython.assume();
        python = NdbmListing.parse(NdbmPython.run(dir, """
                import dbm.ndbm, random, sys
                rnd = random.Random(7)
                d = dbm.ndbm.open(sys.argv[1], 'n')
                for i in range(4000):
                    d[b'key-%d' % i] = b'%d:' % i + bytes(rnd.randrange(256) for _ in range(rnd.randrange(0, 120)))
                for i in range(20):
                    d[b'big-%d' % i] = bytes([i]) * rnd.randrange(5000, 20000)
                """ + NdbmListing.PRINT, dir.resolve("f").toString()));
        assertThat(python.keys()).hasSize(4020);
    }

    @Test
    void aCacheOfEightPagesReadsWhatTheFullCacheReads() throws Exception {
        try (HashDatabase small = HashDatabase.open(dir.resolve("f.db"), 8 * 4096L);
                HashDatabase full = HashDatabase.open(dir.resolve("f.db"))) {
            assertThat(small.meta().lastPgno()).as("the file is far larger than 8 pages").isGreaterThan(80);
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < python.keys().size(); i++) {
                    byte[] k = python.keys().get(i);
                    assertThat(small.get(k)).as("key %d, round %d", i, round).isEqualTo(python.values().get(i));
                    assertThat(full.get(k)).isEqualTo(python.values().get(i));
                }
            }
            assertThat(small.keys()).hasSameSizeAs(python.keys());
        }
    }

    @Test
    void aFileTruncatedUnderAReaderGivesDbmErrors() throws Exception {
        try (DbmFile db = DbmNdbm.open(dir.resolve("f"), "r", 0666)) {
            for (int i = 0; i < 50; i++) {
                assertThat(db.get(python.keys().get(i))).isEqualTo(python.values().get(i));
            }
            try (FileChannel ch = FileChannel.open(dir.resolve("f.db"), StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() / 4);
            }
            int same = 0;
            int errors = 0;
            for (int i = 0; i < python.keys().size(); i++) {
                try {
                    assertThat(db.get(python.keys().get(i))).isEqualTo(python.values().get(i));
                    same++;
                } catch (Dbm.NdbmError e) {
                    assertThat(e).hasMessageContaining("shorter than when it was opened");
                    errors++;
                }
            }
            assertThat(same).as("pages read before the truncation").isGreaterThanOrEqualTo(50);
            assertThat(errors).as("pages past the new end").isGreaterThan(1000);
        }
    }
}
