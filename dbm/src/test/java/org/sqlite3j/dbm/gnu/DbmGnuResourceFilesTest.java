package org.sqlite3j.dbm.gnu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;

/** Files written once by libgdbm 1.23 (see resources/gnu/README.md) read in Java: no Python needed. */
class DbmGnuResourceFilesTest {

    @TempDir
    Path dir;

    private Path copy(String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/gnu/" + name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, target);
        }
        return target;
    }

    private List<String[]> expected(String name) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/gnu/" + name.replace(".gdbm", ".expected"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isEmpty()) {
                    String[] kv = line.split(" ", -1);
                    out.add(new String[] {kv[0], kv.length > 1 ? kv[1] : ""});
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic.gdbm", "splits.gdbm", "large.gdbm", "numsync.gdbm"})
    void readsEveryRecordInLibgdbmOrder(String name) throws IOException {
        Path file = copy(name);
        List<String[]> want = expected(name);
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.backend()).isEqualTo("dbm.gnu");
            List<String> keys = new ArrayList<>();
            for (byte[] k : db.keys()) {
                keys.add(GnuPython.hex(k));
            }
            assertThat(keys).containsExactlyElementsOf(want.stream().map(kv -> kv[0]).toList());
            assertThat(db.size()).isEqualTo(want.size());
            for (String[] kv : want) {
                assertThat(GnuPython.hex(db.getItem(GnuPython.unhex(kv[0])))).as(kv[0]).isEqualTo(kv[1]);
            }
            assertThat(db.get("no such key")).isNull();
        }
    }

    @Test
    void firstkeyNextkeyWalkTheSameOrderAsKeys() throws IOException {
        Path file = copy("splits.gdbm");
        try (Gdbm db = (Gdbm) DbmGnu.open(file, "r", 0666)) {
            List<byte[]> walk = new ArrayList<>();
            for (byte[] k = db.firstkey(); k != null; k = db.nextkey(k)) {
                walk.add(k);
            }
            assertThat(walk).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(db.keys());
            assertThat(db.nextkey("not there")).isNull();
        }
    }

    @Test
    void readerCannotWrite() throws IOException {
        Path file = copy("basic.gdbm");
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThatThrownBy(() -> db.put("a", "b")).isInstanceOf(Dbm.GnuError.class)
                    .hasMessage("Reader can't store");
            assertThatThrownBy(() -> db.remove("missing")).isInstanceOf(Dbm.GnuError.class)
                    .hasMessage("Reader can't delete");
            assertThatThrownBy(((Gdbm) db)::reorganize).isInstanceOf(Dbm.GnuError.class)
                    .hasMessage("Reader can't reorganize");
        }
    }

    @Test
    void writesIntoANumsyncFileAndCountsSyncs() throws IOException {
        Path file = copy("numsync.gdbm");
        try (Gdbm db = (Gdbm) DbmGnu.open(file, "w", 0666)) {
            for (int i = 0; i < 500; i++) {
                db.put("n" + i, "value " + i);
            }
            db.sync();
            db.sync();
        }
        byte[] head = Files.readAllBytes(file);
        assertThat(java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(44)).isEqualTo(2);
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.size()).isEqualTo(500 + expected("numsync.gdbm").size());
            assertThat(db.get("n499")).isEqualTo("value 499".getBytes(StandardCharsets.UTF_8));
        }
    }
}
