package org.sqlite3j.dbm.ndbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmNdbm;

/**
 * The committed files, written once by Debian's Python 3.11 dbm.ndbm (Berkeley DB 5.3; see
 * {@code ndbm/generate.py}), read in Java: every key in Python's order, every value. Needs no Python.
 */
class DbmNdbmReadTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"empty", "small", "medium", "chained", "be-medium", "dups", "quirks", "emptyfirst",
        "chksum-medium"})
    void readsEveryKeyInPythonsOrderWithItsValue(String name) throws IOException {
        NdbmListing expected = NdbmListing.resource(name);
        try (DbmFile db = DbmNdbm.open(NdbmListing.copy(name, dir), "r", 0666)) {
            assertThat(db.backend()).isEqualTo("dbm.ndbm");
            assertThat(db.keys()).containsExactlyElementsOf(expected.keys());
            assertThat(db.size()).isEqualTo(expected.keys().size());
            for (int i = 0; i < expected.keys().size(); i++) {
                assertThat(db.get(expected.keys().get(i))).as("value %d", i).isEqualTo(expected.values().get(i));
            }
            assertThat(db.get("no such key")).isNull();
            assertThat(db.containsKey("no such key")).isFalse();
        }
    }

    @Test
    void smallFileHasBinaryEmptyAndUtf8Keys() throws IOException {
        try (DbmFile db = DbmNdbm.open(NdbmListing.copy("small", dir), "r", 0666)) {
            assertThat(db.getItem("ключ")).isEqualTo("значение".getBytes(StandardCharsets.UTF_8));
            assertThat(db.getItem(new byte[] {0, (byte) 0xFF, 0})).isEqualTo("\0binary\u00ff".getBytes(
                    StandardCharsets.ISO_8859_1));
            assertThat(db.getItem(new byte[0])).isEqualTo("empty key".getBytes(StandardCharsets.US_ASCII));
            assertThat(db.getItem("empty value")).isEmpty();
            assertThat(db.containsKey("key3")).isTrue();
            assertThat(db.get(new byte[] {0, (byte) 0xFF})).isNull();
        }
    }

    @Test
    void bigKeysAndValuesComeFromOverflowPages() throws IOException {
        try (DbmFile db = DbmNdbm.open(NdbmListing.copy("medium", dir), "r", 0666)) {
            assertThat(db.getItem("big value")).hasSize(9000);
            assertThat(db.getItem("K".repeat(1500))).isEqualTo("big key".getBytes(StandardCharsets.US_ASCII));
            assertThat(db.getItem("both".repeat(400))).isEqualTo("V".repeat(5000).getBytes(StandardCharsets.US_ASCII));
            assertThat(db.get("K".repeat(1499))).isNull();
            assertThat(db.getItem("key8")).isEqualTo("replaced".getBytes(StandardCharsets.US_ASCII));
            assertThat(db.get("key7")).isNull();
        }
    }

    @Test
    void keysBerkeleyDbsLookupCannotFindAreMissingAsInPython() throws Exception {
        // Python listed these keys but d.get() gave None: Berkeley DB's sorted-page search orders an
        // on-page key against a big key differently from on-page keys among themselves
        try (DbmFile db = DbmNdbm.open(NdbmListing.copy("quirks", dir), "r", 0666)) {
            List<byte[]> keys = db.keys();
            assertThat(keys).contains(new byte[0], new byte[] {'B'});
            assertThat(db.get(new byte[0])).isNull();
            assertThat(db.get("B")).isNull();
            assertThat(db.containsKey("B")).isFalse();
            assertThat(db.getItem("B00")).isEqualTo("prefix of a big key".getBytes(StandardCharsets.US_ASCII));
            assertThat(db.getItem("k00")).isEmpty();
        }
        try (HashDatabase raw = HashDatabase.open(dir.resolve("quirks.db"))) {
            java.util.Map<String, String> all = new java.util.HashMap<>();
            raw.forEach((k, v) -> all.put(new String(k, StandardCharsets.ISO_8859_1),
                    new String(v, StandardCharsets.ISO_8859_1)));
            assertThat(all).containsEntry("", "value of the empty key").containsEntry("B", "B").hasSize(38);
        }
    }

    @Test
    void anEmptyFirstKeyEndsPythonsKeysAtOnce() throws Exception {
        // CPython: len(d) == 0 and d.keys() == [], yet d[b''] == b'abc' and d[b'y'] == b'1'
        try (DbmFile db = DbmNdbm.open(NdbmListing.copy("emptyfirst", dir), "r", 0666)) {
            assertThat(db.keys()).isEmpty();
            assertThat(db.size()).isZero();
            assertThat(db).isEmpty();
            assertThat(db.getItem(new byte[0])).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(db.getItem("y")).containsExactly('1');
        }
        try (HashDatabase raw = HashDatabase.open(dir.resolve("emptyfirst.db"))) {
            assertThat(raw.keys()).hasSize(2);
            assertThat(raw.keys().get(0)).isEmpty();
        }
    }

    @Test
    void duplicatesListTheKeyOncePerValueAndGetGivesTheFirst() throws IOException {
        try (DbmFile db = DbmNdbm.open(NdbmListing.copy("dups", dir), "r", 0666)) {
            List<byte[]> keys = db.keys();
            assertThat(keys).hasSize(305);
            assertThat(keys.stream().filter(k -> new String(k, StandardCharsets.US_ASCII).equals("many"))).hasSize(300);
            assertThat(db.getItem("dup")).isEqualTo("first".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(db.getItem("many"), StandardCharsets.US_ASCII)).startsWith("m000.");
        }
    }

    @Test
    void metaPageOfBothByteOrders() throws Exception {
        Path le = NdbmListing.copy("medium", dir);
        Path be = NdbmListing.copy("be-medium", dir);
        try (HashDatabase a = HashDatabase.open(Path.of(le + ".db"));
                HashDatabase b = HashDatabase.open(Path.of(be + ".db"))) {
            assertThat(a.meta().order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.meta().order()).isEqualTo(ByteOrder.BIG_ENDIAN);
            for (HashMeta m : List.of(a.meta(), b.meta())) {
                assertThat(m.version()).isEqualTo(9);
                assertThat(m.pagesize()).isEqualTo(4096);
                assertThat(m.usesFunc5()).isTrue();
                assertThat(m.maxBucket()).isBetween(m.lowMask() + 1, m.highMask());
            }
            assertThat(a.meta().ffactor()).as("ndbm's set_h_ffactor(40)").isEqualTo(40);
            assertThat(a.meta().lastPgno() + 1).isEqualTo(Files.size(Path.of(le + ".db")) / 4096);
        }
    }

    @Test
    void unsortedHashPagesOfOlderFilesAreSearchedLinearly() throws Exception {
        Path base = NdbmListing.copy("medium", dir);
        Path file = Path.of(base + ".db");
        byte[] bytes = Files.readAllBytes(file);
        int changed = 0;
        for (int p = 1; p < bytes.length / 4096; p++) {
            if (bytes[p * 4096 + 25] == HashPage.P_HASH) {
                bytes[p * 4096 + 25] = HashPage.P_HASH_UNSORTED;
                changed++;
            }
        }
        assertThat(changed).isPositive();
        Files.write(file, bytes);
        NdbmListing expected = NdbmListing.resource("medium");
        try (DbmFile db = DbmNdbm.open(base, "r", 0666)) {
            assertThat(db.keys()).containsExactlyElementsOf(expected.keys());
            for (int i = 0; i < expected.keys().size(); i++) {
                assertThat(db.get(expected.keys().get(i))).isEqualTo(expected.values().get(i));
            }
        }
    }

    @Test
    void checksummedPagesPutTheIndexAfterTheChecksum() throws Exception {
        Path base = NdbmListing.copy("chksum-medium", dir);
        try (HashDatabase db = HashDatabase.open(Path.of(base + ".db"))) {
            assertThat(db.meta().metaflags() & HashMeta.DBMETA_CHKSUM).isEqualTo(HashMeta.DBMETA_CHKSUM);
            assertThat(db.meta().pageOverhead()).isEqualTo(32);
        }
    }

    @Test
    void hashFunctionIsBerkeleyDbsFunc5() throws IOException {
        // h_charkey of a file Berkeley DB wrote is __ham_func5 of "%$sniglet^&" and its NUL: 0x5e688dd1.
        assertThat(HashFunctions.func5(HashFunctions.charkey())).isEqualTo(0x5e688dd1);
        assertThat(HashFunctions.func5(new byte[0])).isZero();
        assertThat(HashFunctions.func5(new byte[] {1})).isEqualTo(1);
        assertThat(HashFunctions.func5(new byte[] {1, 2})).isEqualTo(16777619 ^ 2);
        assertThat(List.of(HashFunctions.log2(0), HashFunctions.log2(1), HashFunctions.log2(2),
                HashFunctions.log2(3), HashFunctions.log2(4), HashFunctions.log2(5))).containsExactly(0, 0, 1, 2, 2, 3);
    }

    @Test
    void lookupWithoutFunc5FallsBackToAScanOfEveryBucket() throws Exception {
        Path base = NdbmListing.copy("medium", dir);
        Path file = Path.of(base + ".db");
        byte[] bytes = Files.readAllBytes(file);
        bytes[92] ^= 1; // h_charkey no longer __ham_func5's: as if another hash function had made it
        Files.write(file, bytes);
        NdbmListing expected = NdbmListing.resource("medium");
        try (HashDatabase db = HashDatabase.open(file)) {
            assertThat(db.meta().usesFunc5()).isFalse();
            assertThat(db.get(expected.keys().get(100))).isEqualTo(expected.values().get(100));
            assertThat(db.get("absent".getBytes(StandardCharsets.US_ASCII))).isNull();
        }
    }
}
