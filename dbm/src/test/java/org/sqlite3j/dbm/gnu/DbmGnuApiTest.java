package org.sqlite3j.dbm.gnu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;

/** dbm.gnu's Python surface: flags, messages (as Debian's python3 gives them), locking, closed handles. */
class DbmGnuApiTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void newFileHasLibgdbmsInitialLayout() throws Exception {
        Path file = dir.resolve("new.db");
        try (DbmFile db = DbmGnu.open(file, "c", 0640)) {
            assertThat(db.size()).isZero();
            assertThat(db.keys()).isEmpty();
            assertThat(((Gdbm) db).firstkey()).isNull();
        }
        assertThat(Files.size(file)).isEqualTo(4 * 4096);
        String layout = GnuLayout.describe(file);
        assertThat(layout).startsWith("magic=13579acf block=4096 dir=4096 dir_size=4096 dir_bits=9 "
                + "bucket_size=4096 elems=166 next=16384 file=16384");
        assertThat(layout).contains("bucket@8192 bits=0 count=0\n  avail count=1 next=0: 4096@12288\n");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        assertThat(perms).doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void mappingOperations() {
        try (Gdbm db = (Gdbm) DbmGnu.open(dir.resolve("m.db"), "n", 0666)) {
            db.put("hello", "world");
            db.put("", "empty key");
            db.put("empty value", new byte[0]);
            db.put("caf\u00e9", "cr\u00e8me");
            assertThat(db.getItem("hello")).isEqualTo(b("world"));
            assertThat(db.get("")).isEqualTo(b("empty key"));
            assertThat(db.get("empty value")).isEmpty();
            assertThat(db.getItem(b("caf\u00e9"))).isEqualTo(b("cr\u00e8me"));
            assertThat(db.containsKey("hello")).isTrue();
            assertThat(db.containsKey("nope")).isFalse();
            assertThat(db.setdefault(b("new"), b("x"))).isEqualTo(b("x"));
            assertThat(db.setdefault(b("new"), b("y"))).isEqualTo(b("x"));
            assertThat(db.size()).isEqualTo(5);
            assertThatThrownBy(() -> db.getItem("nope")).isInstanceOf(Dbm.KeyError.class);
            assertThatThrownBy(() -> db.remove("nope")).isInstanceOf(Dbm.KeyError.class);
            db.remove("hello");
            assertThat(db.get("hello")).isNull();
            List<byte[]> walk = new java.util.ArrayList<>();
            for (byte[] k = db.firstkey(); k != null; k = db.nextkey(k)) {
                walk.add(k);
            }
            assertThat(walk).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(db.keys());
            assertThatThrownBy(() -> db.nextkey((byte[]) null)).isInstanceOf(Dbm.TypeError.class);
            db.clear();
            assertThat(db.size()).isZero();
            db.sync();
            db.reorganize();
            assertThat(db.keys()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "", "rr", "wz", "rF"})
    void badFlagsAsPython(String flag) {
        String expected = flag.isEmpty() || flag.equals("x")
                ? "First flag must be one of 'r', 'w', 'c' or 'n'"
                : "Flag '" + flag.charAt(1) + "' is not supported.";
        assertThatThrownBy(() -> DbmGnu.open(dir.resolve("f.db"), flag, 0666))
                .isInstanceOf(Dbm.GnuError.class).hasMessage(expected);
    }

    @Test
    void modifierFlagsAccepted() {
        Path file = dir.resolve("flags.db");
        for (String flag : new String[] {"cfsu", "wf", "ws", "wu", "rfsu", "nu"}) {
            try (DbmFile db = DbmGnu.open(file, flag, 0666)) {
                if (!flag.startsWith("r")) {
                    db.put(flag, flag);
                }
            }
        }
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.keys()).hasSize(1);
            assertThat(db.get("nu")).isEqualTo(b("nu"));
        }
    }

    @Test
    void openErrorsAsPython() throws Exception {
        Path missing = dir.resolve("missing.db");
        assertThatThrownBy(() -> DbmGnu.open(missing, "r", 0666)).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("[Errno 2] No such file or directory: '" + missing + "'");
        assertThatThrownBy(() -> DbmGnu.open(missing, "w", 0666)).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("[Errno 2] No such file or directory: '" + missing + "'");
        assertThat(missing).doesNotExist();
        assertThatThrownBy(() -> DbmGnu.open(dir, "r", 0666)).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("[Errno 21] Is a directory: '" + dir + "'");
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThatThrownBy(() -> DbmGnu.open(empty, "r", 0666)).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("Empty database");
        try (DbmFile db = DbmGnu.open(empty, "w", 0666)) {
            db.put("now", "a database");
        }
        Path junk = Files.write(dir.resolve("junk"), "hello world".repeat(100).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> DbmGnu.open(junk, "r", 0666)).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("Bad magic number");
        assertThatThrownBy(() -> DbmGnu.open(junk, "c", 0666)).isInstanceOf(Dbm.GnuError.class)
                .hasMessage("Bad magic number");
        try (DbmFile db = DbmGnu.open(junk, "n", 0666)) {
            assertThat(db.size()).isZero();
        }
    }

    @Test
    void closedObjectAsPython() {
        Gdbm db = (Gdbm) DbmGnu.open(dir.resolve("c.db"), "c", 0666);
        db.put("k", "v");
        db.close();
        db.close();
        String closed = "GDBM object has already been closed";
        for (Runnable op : new Runnable[] {
            () -> db.get("k"), () -> db.put("k", "v"), () -> db.remove("k"), db::keys, db::size,
            db::firstkey, () -> db.nextkey("k"), db::sync, db::reorganize, () -> db.containsKey("k"),
        }) {
            assertThatThrownBy(op::run).isInstanceOf(Dbm.GnuError.class).hasMessage(closed);
        }
    }

    @Test
    void lockingAsGdbm() {
        Path file = dir.resolve("l.db");
        String busy = "[Errno 11] Resource temporarily unavailable: '" + file + "'";
        try (DbmFile w = DbmGnu.open(file, "c", 0666)) {
            assertThatThrownBy(() -> DbmGnu.open(file, "r", 0666)).hasMessage(busy);
            assertThatThrownBy(() -> DbmGnu.open(file, "w", 0666)).hasMessage(busy);
            w.put("a", "b");
            try (DbmFile unlocked = DbmGnu.open(file, "ru", 0666)) {
                assertThat(unlocked.get("a")).isEqualTo(b("b"));
            }
        }
        try (DbmFile r1 = DbmGnu.open(file, "r", 0666); DbmFile r2 = DbmGnu.open(file, "r", 0666)) {
            assertThat(r1.get("a")).isEqualTo(r2.get("a"));
            assertThatThrownBy(() -> DbmGnu.open(file, "w", 0666)).hasMessage(busy);
        }
        try (DbmFile w = DbmGnu.open(file, "w", 0666)) {
            assertThat(w.get("a")).isEqualTo(b("b"));
        }
    }

    @Test
    void forgottenHandleGivesItsLockBackWhenCollected() throws Exception {
        Path file = dir.resolve("gc.db");
        openAndForget(file);
        assertThatThrownBy(() -> DbmGnu.open(file, "w", 0666)).hasMessageContaining("[Errno 11]");
        DbmFile again = null;
        for (int i = 0; i < 100 && again == null; i++) {
            System.gc();
            Thread.sleep(20);
            try {
                again = DbmGnu.open(file, "w", 0666);
            } catch (Dbm.GnuError e) {
                assertThat(e).hasMessageContaining("[Errno 11]");
            }
        }
        assertThat(again).as("lock released after the unclosed handle was collected").isNotNull();
        again.close();
    }

    private static void openAndForget(Path file) {
        DbmFile db = DbmGnu.open(file, "c", 0666);
        db.put("k", "v");
    }

    @Test
    void reorganizeKeepsLockAndPermissions() throws Exception {
        Path file = dir.resolve("reorg.db");
        try (Gdbm db = (Gdbm) DbmGnu.open(file, "c", 0600)) {
            for (int i = 0; i < 2000; i++) {
                db.put("k" + i, "v".repeat(i % 700));
            }
            for (int i = 0; i < 2000; i += 2) {
                db.remove("k" + i);
            }
            long before = Files.size(file);
            db.reorganize();
            assertThat(Files.size(file)).isLessThan(before);
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(db.size()).isEqualTo(1000);
            assertThat(db.get("k1999")).isEqualTo(b("v".repeat(1999 % 700)));
            assertThatThrownBy(() -> DbmGnu.open(file, "r", 0666)).hasMessageContaining("[Errno 11]");
            db.put("more", "data");
        }
        try (DbmFile db = DbmGnu.open(file, "r", 0666)) {
            assertThat(db.size()).isEqualTo(1001);
        }
    }

    @Test
    void pythonMessagesMatchLibgdbm() throws Exception {
        GnuPython.assumeAvailable();
        Path file = dir.resolve("p.db");
        try (DbmFile db = DbmGnu.open(file, "c", 0666)) {
            db.put("k", "v");
        }
        String out = GnuPython.run(dir, String.join("\n",
                "import dbm.gnu, sys",
                "r = dbm.gnu.open(sys.argv[1], 'r')",
                "for f in (lambda: r.__setitem__(b'a', b'b'), lambda: r.__delitem__(b'zz'), r.reorganize):",
                "    try: f()",
                "    except dbm.gnu.error as e: print(e)",
                "r.close()",
                "try: r.keys()",
                "except dbm.gnu.error as e: print(e)",
                ""), file.toString());
        assertThat(out.lines().toList()).containsExactly("Reader can't store", "Reader can't delete",
                "Reader can't reorganize", "GDBM object has already been closed");
    }
}
