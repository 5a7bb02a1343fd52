package org.sqlite3j.dbm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * {@code dbm.whichdb}, as CPython 3.13's {@code Lib/dbm/__init__.py} decides, in its order:
 * <ol>
 * <li>{@code name.pag} and {@code name.dir} both readable: "dbm.ndbm"; else {@code name.db} readable
 * and openable by {@link DbmNdbm} (Berkeley DB's ndbm emulation): "dbm.ndbm";</li>
 * <li>{@code name.dat} exists and {@code name.dir} is empty or starts with a quote: "dbm.dumb";</li>
 * <li>{@code name} itself unreadable: null; shorter than 4 bytes: ""; its first 16 bytes SQLite's header
 * {@code "SQLite format 3\0"}: "dbm.sqlite3"; its first 4 bytes, as a native-order int, one of GDBM's
 * magics 0x13579ace (old), 0x13579acd (32-bit), 0x13579acf (64-bit): "dbm.gnu"; anything else: "".</li>
 * </ol>
 * Like CPython, the GDBM magic is read in the machine's byte order only (a GDBM file made on a machine
 * of the other byte order, or one with GDBM 1.21's "numsync" magic, is "" — as CPython says).
 * "Readable" is Python's {@code io.open(name, "rb")} succeeding: not a directory, permission granted.
 */
final class Whichdb {

    private Whichdb() {
    }

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int GDBM_OMAGIC = 0x13579ace;
    private static final int GDBM_MAGIC32 = 0x13579acd;
    private static final int GDBM_MAGIC64 = 0x13579acf;

    static String whichdb(Path file) {
        if (file == null) {
            throw new Dbm.TypeError("expected str, bytes or os.PathLike object, not NoneType");
        }
        // ndbm: a .pag and a .dir file; or Berkeley DB's single .db file that ndbm can open
        if (readable(suffixed(file, ".pag")) && readable(suffixed(file, ".dir"))) {
            return "dbm.ndbm";
        }
        if (readable(suffixed(file, ".db")) && ndbmOpens(file)) {
            return "dbm.ndbm";
        }
        // dumb: a .dat file, and a .dir file that is empty or starts with a quote
        Path dat = suffixed(file, ".dat");
        Path dir = suffixed(file, ".dir");
        if (Files.exists(dat) && Files.exists(dir)) {
            try {
                if (Files.size(dir) == 0) {
                    return "dbm.dumb";
                }
                byte[] first = head(dir, 1);
                if (first != null && first.length == 1 && (first[0] == '\'' || first[0] == '"')) {
                    return "dbm.dumb";
                }
            } catch (IOException ignored) {
                // as CPython: not dumb
            }
        }
        // the file itself
        byte[] s16 = head(file, 16);
        if (s16 == null) {
            return null;
        }
        if (s16.length < 4) {
            return "";
        }
        if (Arrays.equals(s16, SQLITE_HEADER)) {
            return "dbm.sqlite3";
        }
        int magic = ByteBuffer.wrap(s16, 0, 4).order(ByteOrder.nativeOrder()).getInt();
        if (magic == GDBM_OMAGIC || magic == GDBM_MAGIC32 || magic == GDBM_MAGIC64) {
            return "dbm.gnu";
        }
        return "";
    }

    /** {@code os.fsencode(name) + suffix}: the suffix added to the name as written. */
    static Path suffixed(Path file, String suffix) {
        return Path.of(file.toString() + suffix);
    }

    private static boolean ndbmOpens(Path file) {
        try {
            DbmFile d = DbmNdbm.open(file, "r", 0666);
            d.close();
            return true;
        } catch (Dbm.Error | UnsupportedOperationException e) {
            return false;   // CPython: OSError (ndbm.error is one) means "not ndbm"
        }
    }

    private static boolean readable(Path p) {
        return head(p, 0) != null;
    }

    /** Up to {@code n} first bytes of {@code p}, or null when Python's {@code open(p, "rb")} would fail. */
    private static byte[] head(Path p, int n) {
        if (Files.isDirectory(p)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read until n bytes or end of file
            }
            return Arrays.copyOf(buf.array(), buf.position());
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
