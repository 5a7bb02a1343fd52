package org.sqlite3j.dbm;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.sqlite3j.dbm.ndbm.HashDatabase;
import org.sqlite3j.dbm.ndbm.HashMeta;

/**
 * {@code dbm.ndbm}: Berkeley DB 5.3 hash files (Debian's Python, {@code dbm.ndbm.library ==
 * 'Berkeley DB'}), read in pure Java. {@code dbm.ndbm.open("name")} uses the one file {@code name.db}.
 *
 * <p>Read-only: flag "r" opens the file; "w", "c", "n" (and Python's "rw") raise {@link Dbm.NdbmError}
 * saying so and naming dbm.sqlite3 as the writable alternative — after Python's own checks, so a
 * missing file under "r" or "w" is still "[Errno 2] No such file or directory: 'name'" and a file that
 * is no hash database "[Errno 22] Invalid argument: 'name'". The file is never written.
 *
 * <p>An open handle behaves as CPython 3.11's {@code _dbm} object on a read-only database: storing
 * raises "cannot add item to database", deleting (a present or missing key) "cannot delete item from
 * database", any use after {@code close()} "DBM object has already been closed". Python's ndbm object
 * has no {@code sync()}: here it only checks that the handle is open. Damaged files raise
 * {@link Dbm.NdbmError} when the damage is met.
 *
 * <p>What CPython 3.11 on Berkeley DB 5.3 answers, matched here (checked against /usr/bin/python3):
 * <ul>
 * <li>{@code keys()} is Berkeley DB's cursor order (bucket by bucket, page by page, pair by pair);
 *     {@code size()} counts what {@code keys()} lists.</li>
 * <li>Python's loop ends where {@code dbm_nextkey} gives a NULL pointer, and Berkeley DB gives one for
 *     an empty key when its cursor has returned no non-empty key yet: when the empty key comes first,
 *     {@code keys()} is empty and {@code size()} 0 (the keys can still be fetched).</li>
 * <li>{@code get()} finds a key as Berkeley DB's sorted-page search does, so the few keys it cannot
 *     find (the empty key, or a short key, sorted among big keys) are missing — listed by
 *     {@code keys()}, yet {@code get()} gives null, as Python's gives None.</li>
 * </ul>
 * One difference is kept: an empty value reads as {@code b''} here; CPython reads it as missing until
 * the handle has fetched a non-empty value (Berkeley DB's result pointer is NULL until then).
 */
public final class DbmNdbm {

    private DbmNdbm() {
    }

    /** CPython's message for an unknown flag. */
    static final String BAD_FLAG = "arg 2 to open should be 'r', 'w', 'c', or 'n'";

    /**
     * {@code dbm.ndbm.open(file, flag, mode)}: {@code file} without the ".db" suffix, as in Python.
     * {@code mode} (permissions of a new file) is unused: nothing is created.
     */
    public static DbmFile open(Path file, String flag, int mode) {
        if (file == null || flag == null) {
            throw new Dbm.TypeError("dbm.ndbm.open() needs a file name and a flag, not None");
        }
        if (!List.of("r", "w", "rw", "c", "n").contains(flag)) {
            throw new Dbm.NdbmError(BAD_FLAG);
        }
        Path dbFile = Path.of(file + ".db");
        String name = pyRepr(file.toString());
        boolean exists = Files.exists(dbFile);
        // Python would create ("c", "rw" on a missing file) or truncate ("n"): refused before touching it.
        // "w" on a missing file and any flag on a file of another kind fail as in Python, below.
        boolean wouldWrite = flag.equals("n") || (!exists && !flag.equals("r") && !flag.equals("w"));
        if (wouldWrite) {
            throw readOnly(name, flag);
        }
        HashDatabase db;
        try {
            db = HashDatabase.open(dbFile);
        } catch (NoSuchFileException e) {
            throw new Dbm.NdbmError("[Errno 2] No such file or directory: " + name, e);
        } catch (AccessDeniedException e) {
            throw new Dbm.NdbmError("[Errno 13] Permission denied: " + name, e);
        } catch (HashMeta.NotHashFile e) {
            throw new Dbm.NdbmError("[Errno 22] Invalid argument: " + name, new IOException(e.getMessage()));
        } catch (IOException e) {
            if (Files.isDirectory(dbFile)) {
                throw new Dbm.NdbmError("[Errno 21] Is a directory: " + name, e);
            }
            throw new Dbm.NdbmError("cannot open " + name + ": " + e.getMessage(), e);
        }
        if (!flag.equals("r")) {
            closeQuietly(db);
            throw readOnly(name, flag);
        }
        return new NdbmFile(db);
    }

    private static Dbm.NdbmError readOnly(String name, String flag) {
        return new Dbm.NdbmError("dbm.ndbm files are read-only here: cannot open " + name + " with flag '"
                + flag + "'; open it with flag 'r', or use dbm.sqlite3 for a writable database");
    }

    private static void closeQuietly(HashDatabase db) {
        try {
            db.close();
        } catch (IOException ignored) {
            // read-only: nothing was written that closing could lose
        }
    }

    /** Python's {@code repr} of a str (for the file name in errno messages). */
    static String pyRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (char c : s.toCharArray()) {
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.append(quote).toString();
    }

    /** An open, read-only dbm.ndbm database. */
    private static final class NdbmFile extends DbmFile {
        private HashDatabase db;

        NdbmFile(HashDatabase db) {
            this.db = db;
        }

        private HashDatabase open() {
            if (db == null) {
                throw new Dbm.NdbmError("DBM object has already been closed");
            }
            return db;
        }

        @Override
        public String backend() {
            return "dbm.ndbm";
        }

        @Override
        protected byte[] fetch(byte[] key) {
            return open().get(key);
        }

        @Override
        protected void store(byte[] key, byte[] value) {
            open();
            throw new Dbm.NdbmError("cannot add item to database");
        }

        @Override
        protected boolean delete(byte[] key) {
            open();
            throw new Dbm.NdbmError("cannot delete item from database");
        }

        /** Python's {@code dbm_firstkey}/{@code dbm_nextkey} loop: nothing when the first key is empty. */
        @Override
        protected List<byte[]> keyList() {
            List<byte[]> keys = open().keys();
            return !keys.isEmpty() && keys.get(0).length == 0 ? List.of() : keys;
        }

        @Override
        protected int count() {
            return keyList().size();
        }

        @Override
        public void sync() {
            open();
        }

        @Override
        public void close() {
            if (db != null) {
                HashDatabase d = db;
                db = null;
                closeQuietly(d);
            }
        }
    }
}
