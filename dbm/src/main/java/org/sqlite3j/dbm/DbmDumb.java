package org.sqlite3j.dbm;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dbm.dumb}: Python's pure-Python dbm, file for file as CPython 3.13's {@code Lib/dbm/dumb.py}
 * writes it. For database {@code spam}:
 * <ul>
 * <li>{@code spam.dat} holds the values, each starting at a multiple of 512 bytes (the gap padded
 * with NULs). A new key's value is appended; a replaced value is written over the old one when it
 * needs no more 512-byte blocks than the old one did, else appended (the old blocks are lost).</li>
 * <li>{@code spam.dir} is the index, one {@code 'key', (pos, size)} line per key (see
 * {@link DbmDumbDir}); a new key's line is appended at once; replacing and deleting change only the
 * in-memory index, which is written in full by {@link #sync()}, {@link #close()} and every delete,
 * the old {@code .dir} kept as {@code spam.bak} (the new index is renamed over {@code .dir} whole, so a
 * crash never leaves a partial one: see {@code commit()}).</li>
 * </ul>
 * Keys keep their insertion order ({@code keys()} lists them as Python's dict does). The same
 * operations in the same order give byte-identical {@code .dir}, {@code .dat} and {@code .bak} files.
 *
 * <p>Flags: "c" (default) and "n" create the files ("n" empties them first); "r" and "w" need them to
 * exist; "r" refuses writes ("The database is opened for reading only"). {@code mode} (less the
 * umask) is given to the files with chmod, as Python does. Errors are {@link Dbm.DumbError}
 * ({@code dbm.dumb.error} is {@code OSError}) with CPython's messages.
 */
public final class DbmDumb extends DbmFile {

    static final int BLOCKSIZE = 512;
    static final String ERR_CLOSED = "DBM object has already been closed";
    static final String ERR_READONLY = "The database is opened for reading only";

    private final int mode;
    private final boolean readonly;
    private Path dirfile;
    private Path datfile;
    private Path bakfile;
    /** Key to {pos, siz}; null once closed. */
    private Map<Key, long[]> index;
    private boolean modified;

    /** A byte[] with value equality, for the index. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private DbmDumb(Path base, int mode, String flag) {
        this.mode = mode;
        this.readonly = "r".equals(flag);
        this.dirfile = Whichdb.suffixed(base, ".dir");
        this.datfile = Whichdb.suffixed(base, ".dat");
        this.bakfile = Whichdb.suffixed(base, ".bak");
        create(flag);
        update(flag);
    }

    /** {@code dbm.dumb.open(file)}: flag "c", mode 0666. */
    public static DbmDumb open(Path file) {
        return open(file, "c", 0666);
    }

    /** {@code dbm.dumb.open(file, flag)}. */
    public static DbmDumb open(Path file, String flag) {
        return open(file, flag, 0666);
    }

    /**
     * {@code dbm.dumb.open(file, flag, mode)}: {@code file} is the name without ".dir"/".dat".
     *
     * @throws Dbm.ValueError when {@code flag} is not r, w, c or n (CPython's message)
     * @throws Dbm.DumbError when a file is missing under "r"/"w" or cannot be read or written
     */
    public static DbmDumb open(Path file, String flag, int mode) {
        if (file == null) {
            throw new Dbm.TypeError("expected str, bytes or os.PathLike object, not NoneType");
        }
        int effective = mode & ~OsErrors.umask();
        if (!"r".equals(flag) && !"w".equals(flag) && !"c".equals(flag) && !"n".equals(flag)) {
            throw new Dbm.ValueError("Flag must be one of 'r', 'w', 'c', or 'n'");
        }
        return new DbmDumb(file, effective, flag);
    }

    @Override
    public String backend() {
        return "dbm.dumb";
    }

    private void create(String flag) {
        if ("n".equals(flag)) {
            for (Path p : new Path[] {datfile, bakfile, dirfile}) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // as Python: ignored
                }
            }
        }
        openOrCreate(datfile, flag);
    }

    /** Python's "open for reading, else (flags c, n) create it empty and chmod it". */
    private void openOrCreate(Path file, String flag) {
        try {
            if (Files.isDirectory(file)) {
                throw new IOException("Is a directory");
            }
            FileChannel.open(file, StandardOpenOption.READ).close();
        } catch (IOException e) {
            if (!"c".equals(flag) && !"n".equals(flag)) {
                throw error(e, file);
            }
            try {
                Files.newOutputStream(file).close();
                chmod(file);
            } catch (IOException e2) {
                throw error(e2, file);
            }
        }
    }

    private void update(String flag) {
        modified = false;
        index = new LinkedHashMap<>();
        byte[] text;
        try {
            if (Files.isDirectory(dirfile)) {
                throw new IOException("Is a directory");
            }
            text = Files.readAllBytes(dirfile);
        } catch (IOException e) {
            if (!"c".equals(flag) && !"n".equals(flag)) {
                throw error(e, dirfile);
            }
            try {
                Files.newOutputStream(dirfile).close();
                chmod(dirfile);
            } catch (IOException e2) {
                throw error(e2, dirfile);
            }
            return;
        }
        for (DbmDumbDir.Entry e : DbmDumbDir.parse(text)) {
            index.put(new Key(e.key()), new long[] {e.pos(), e.siz()});
        }
    }

    private Dbm.DumbError error(IOException e, Path file) {
        String m = "Is a directory".equals(e.getMessage())
                ? "[Errno 21] Is a directory: " + Dbm.repr(file.toString().getBytes(StandardCharsets.UTF_8))
                : OsErrors.message(e, file, true);
        return new Dbm.DumbError(m, e);
    }

    private void chmod(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && OsErrors.posix(parent)) {
            Files.setPosixFilePermissions(file, OsErrors.permissions(mode));
        }
    }

    /**
     * Writes the whole index to {@code .dir}, the old one kept as {@code .bak}; nothing when unchanged.
     * The files end as CPython's {@code _commit} leaves them ({@code .bak} the old index, {@code .dir}
     * the new one), but not by its steps: CPython renames {@code .dir} to {@code .bak} and then writes
     * {@code .dir}, so a process killed in between leaves no index or part of one, and the keys it lacks
     * are lost on reopening (the reliability module's crash trials hit that in their first runs). Here
     * the new index is written whole to {@code .dir.tmp}, the old {@code .dir} becomes {@code .bak} by a
     * hard link (a copy where there are none), and the new index is renamed over {@code .dir} in one
     * step: at every moment {@code .dir} is the old index or the new one.
     */
    private void commit() {
        if (index == null || !modified) {
            return;
        }
        Path tmpfile = dirfile.resolveSibling(dirfile.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmpfile))) {
            chmod(tmpfile);
            for (Map.Entry<Key, long[]> e : index.entrySet()) {
                out.write(DbmDumbDir.line(e.getKey().bytes(), e.getValue()[0], e.getValue()[1]));
            }
        } catch (IOException e) {
            deleteQuietly(tmpfile);
            throw error(e, dirfile);
        }
        deleteQuietly(bakfile);   // as Python, a .bak that cannot be made is no error
        if (Files.exists(dirfile)) {
            try {
                Files.createLink(bakfile, dirfile);
            } catch (IOException | UnsupportedOperationException e) {
                try {
                    Files.copy(dirfile, bakfile, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ignored) {
                    // as Python
                }
            }
        }
        try {
            try {
                Files.move(tmpfile, dirfile, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmpfile, dirfile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmpfile);
            throw error(e, dirfile);
        }
        modified = false;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** {@code db.sync()}: writes the index (see the class comment); on a closed object does nothing, as in Python. */
    @Override
    public void sync() {
        commit();
    }

    private void verifyOpen() {
        if (index == null) {
            throw new Dbm.DumbError(ERR_CLOSED);
        }
    }

    @Override
    protected byte[] fetch(byte[] key) {
        verifyOpen();
        long[] ps = index.get(new Key(key));
        if (ps == null) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(datfile, StandardOpenOption.READ)) {
            // as Python's f.read(siz): at most what the file holds after pos (a .dir may claim any size)
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(Math.min(ps[1], Math.max(0, ch.size() - ps[0]))));
            long at = ps[0];
            while (buf.hasRemaining()) {
                int n = ch.read(buf, at);
                if (n <= 0) {
                    break;
                }
                at += n;
            }
            return Arrays.copyOf(buf.array(), buf.position());
        } catch (IOException e) {
            throw error(e, datfile);
        } catch (ArithmeticException e) {
            throw new Dbm.DumbError("value of " + Dbm.repr(key) + " is too large for a Java array: " + ps[1] + " bytes");
        }
    }

    /** Appends {@code val} at the next 512-byte boundary of {@code .dat} (NUL padding); returns {pos, size}. */
    private long[] addval(byte[] val) {
        try (FileChannel ch = FileChannel.open(datfile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long pos = ch.size();
            long npos = (pos + BLOCKSIZE - 1) / BLOCKSIZE * BLOCKSIZE;
            writeFully(ch, ByteBuffer.allocate((int) (npos - pos)), pos);
            writeFully(ch, ByteBuffer.wrap(val), npos);
            return new long[] {npos, val.length};
        } catch (IOException e) {
            throw error(e, datfile);
        }
    }

    /** Writes {@code val} over {@code .dat} at {@code pos}; returns {pos, size}. */
    private long[] setval(long pos, byte[] val) {
        try (FileChannel ch = FileChannel.open(datfile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            writeFully(ch, ByteBuffer.wrap(val), pos);
            return new long[] {pos, val.length};
        } catch (IOException e) {
            throw error(e, datfile);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        while (buf.hasRemaining()) {
            at += ch.write(buf, at);
        }
    }

    /** Records a new key in the index and appends its line to {@code .dir}. */
    private void addkey(byte[] key, long[] posAndSiz) {
        index.put(new Key(key.clone()), posAndSiz);
        try (OutputStream out = Files.newOutputStream(dirfile,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            chmod(dirfile);
            out.write(DbmDumbDir.line(key, posAndSiz[0], posAndSiz[1]));
        } catch (IOException e) {
            throw error(e, dirfile);
        }
    }

    @Override
    protected void store(byte[] key, byte[] value) {
        if (readonly) {
            throw new Dbm.DumbError(ERR_READONLY);
        }
        verifyOpen();
        modified = true;
        Key k = new Key(key);
        long[] old = index.get(k);
        if (old == null) {
            addkey(key, addval(value));
            return;
        }
        long oldblocks = (old[1] + BLOCKSIZE - 1) / BLOCKSIZE;
        long newblocks = ((long) value.length + BLOCKSIZE - 1) / BLOCKSIZE;
        index.put(k, newblocks <= oldblocks ? setval(old[0], value) : addval(value));
    }

    /** Python's {@code __delitem__}: marks the index modified even for a missing key, then commits. */
    @Override
    protected boolean delete(byte[] key) {
        if (readonly) {
            throw new Dbm.DumbError(ERR_READONLY);
        }
        verifyOpen();
        modified = true;
        if (index.remove(new Key(key)) == null) {
            return false;
        }
        commit();
        return true;
    }

    @Override
    protected List<byte[]> keyList() {
        verifyOpen();
        List<byte[]> out = new ArrayList<>(index.size());
        for (Key k : index.keySet()) {
            out.add(k.bytes().clone());
        }
        return out;
    }

    @Override
    protected int count() {
        verifyOpen();
        return index.size();
    }

    /** {@code db.close()}: commits the index when changed; a second close does nothing. */
    @Override
    public void close() {
        try {
            commit();
        } finally {
            index = null;
            datfile = null;
            dirfile = null;
            bakfile = null;
        }
    }

    /** The Unix mode given to the files (the requested mode less the umask). */
    int effectiveMode() {
        return mode;
    }
}
