package org.sqlite3j.dbm.gnu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;

/**
 * Python's {@code dbm.gnu} database object ({@code _gdbm.gdbm}): a GDBM file of libgdbm 1.23's
 * format (Debian's: 64-bit offsets, little-endian), read and written in pure Java.
 *
 * <p>Besides the mapping of {@link DbmFile}, it has Python's {@link #firstkey()},
 * {@link #nextkey(byte[])}, {@link #reorganize()} and {@link #sync()}. Errors are
 * {@link Dbm.GnuError} with the message Python's {@code _gdbm.error} has: GDBM's own texts
 * ({@code "Reader can't store"}, {@code "Bad magic number"}, ...), {@code "GDBM object has already
 * been closed"}, and {@code "[Errno 2] No such file or directory: 'name'"} for system errors. A
 * damaged file gives a {@code Dbm.GnuError} (where Python's {@code db[k]} would say
 * {@code KeyError}), never another exception.
 *
 * <p>Obtain one with {@code (Gdbm) DbmGnu.open(file, flag, mode)} or {@link #open}.
 */
public final class Gdbm extends DbmFile {

    private static final String CLOSED = "GDBM object has already been closed";

    private final Path file;
    private final boolean syncWrites;
    private GdbmEngine engine;
    private FileLocks.Lock lock;
    /** What an unreachable, unclosed object still holds: closed by the cleaner, as CPython's dealloc does. */
    private final Resources resources;
    private final java.lang.ref.Cleaner.Cleanable cleanable;

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    /** The channel and lock to give back; updated when reorganize swaps the file. */
    private static final class Resources implements Runnable {
        volatile GdbmChannel io;
        volatile FileLocks.Lock lock;

        @Override
        public void run() {
            cleanup(io, lock);
        }
    }

    private Gdbm(Path file, GdbmEngine engine, FileLocks.Lock lock, boolean syncWrites) {
        this.file = file;
        this.engine = engine;
        this.lock = lock;
        this.syncWrites = syncWrites;
        this.resources = new Resources();
        resources.io = engine.io;
        resources.lock = lock;
        this.cleanable = CLEANER.register(this, resources);
    }

    /**
     * {@code dbm.gnu.open(file, flag, mode)}. {@code flag} starts with "r" (read), "w" (read and
     * write), "c" (create if missing) or "n" (new, empty), followed by any of "f" (fast: no fsync,
     * GDBM's default), "s" (fsync after each update) and "u" (no locking). {@code mode} is the Unix
     * permission of a new file (the umask applies). A new file gets the block size of the file
     * system (as {@code st_blksize} gives GDBM), 4096 when it cannot be known.
     */
    public static Gdbm open(Path file, String flag, int mode) {
        if (flag == null || flag.isEmpty() || "rwcn".indexOf(flag.charAt(0)) < 0) {
            throw new Dbm.GnuError("First flag must be one of 'r', 'w', 'c' or 'n'");
        }
        if (file == null) {
            throw new Dbm.TypeError("open() argument 1 must be str, bytes or os.PathLike object, not 'NoneType'");
        }
        char kind = flag.charAt(0);
        boolean sync = false;
        boolean noLock = false;
        for (int i = 1; i < flag.length(); i++) {
            char c = flag.charAt(i);
            if (c == 'f') {
                sync = false;
            } else if (c == 's') {
                sync = true;
            } else if (c == 'u') {
                noLock = true;
            } else {
                throw new Dbm.GnuError(String.format(Locale.ROOT, "Flag '%c' is not supported.", c));
            }
        }
        boolean writer = kind != 'r';
        if (Files.isDirectory(file)) {
            throw errno(21, "Is a directory", file);
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.READ);
        if (writer) {
            options.add(StandardOpenOption.WRITE);
        }
        if (kind == 'c' || kind == 'n') {
            options.add(StandardOpenOption.CREATE);
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, options, permissions(mode));
        } catch (UnsupportedOperationException e) {
            try {
                ch = FileChannel.open(file, options);
            } catch (IOException e2) {
                throw systemError(e2, file);
            }
        } catch (IOException e) {
            throw systemError(e, file);
        }
        GdbmChannel io = new GdbmChannel(ch);
        FileLocks.Lock lock = null;
        try {
            if (!noLock) {
                lock = FileLocks.acquire(file, !writer);
                if (lock == null) {
                    throw errno(11, "Resource temporarily unavailable", file);
                }
            }
            if (kind == 'n' && io.size() != 0) {
                io.truncate(0);
            }
            GdbmEngine engine = GdbmEngine.open(io, writer, sync, blockSize(file), false);
            return new Gdbm(file, engine, lock, sync);
        } catch (IOException e) {
            cleanup(io, lock);
            throw systemError(e, file);
        } catch (RuntimeException e) {
            cleanup(io, lock);
            throw e instanceof Dbm.GnuError ? e : new Dbm.GnuError(String.valueOf(e.getMessage()), e);
        }
    }

    private static void cleanup(GdbmChannel io, FileLocks.Lock lock) {
        if (lock != null) {
            lock.release();
        }
        if (io != null) {
            try {
                io.close();
            } catch (RuntimeException ignored) {
                // nothing more to give back
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(bits[i]);
            }
        }
        return PosixFilePermissions.asFileAttribute(perms);
    }

    /** The file system's preferred block size, as {@code st_blksize}; 4096 when unknown. */
    private static int blockSize(Path file) {
        try {
            long bs = Files.getFileStore(file).getBlockSize();
            if (bs >= GdbmConst.MIN_BLOCK_SIZE && bs <= (1 << 20)) {
                return (int) bs;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // fall through
        }
        return 4096;
    }

    private static Dbm.GnuError errno(int code, String text, Path file) {
        return new Dbm.GnuError(String.format(Locale.ROOT, "[Errno %d] %s: '%s'", code, text, file));
    }

    private static Dbm.GnuError systemError(IOException e, Path file) {
        Dbm.GnuError err;
        if (e instanceof NoSuchFileException) {
            err = errno(2, "No such file or directory", file);
        } else if (e instanceof AccessDeniedException) {
            err = errno(13, "Permission denied", file);
        } else if (e instanceof FileAlreadyExistsException) {
            err = errno(17, "File exists", file);
        } else {
            err = errno(5, "Input/output error", file);
        }
        err.initCause(e);
        return err;
    }

    /** Runs {@code op} on the open engine, keeping this object reachable (so its cleaner waits) until done. */
    private <T> T with(java.util.function.Function<GdbmEngine, T> op) {
        try {
            return op.apply(open());
        } finally {
            java.lang.ref.Reference.reachabilityFence(this);
        }
    }

    private GdbmEngine open() {
        if (engine == null) {
            throw new Dbm.GnuError(CLOSED);
        }
        return engine;
    }

    /** Test hook: the open file's channel. */
    GdbmChannel channel() {
        return open().io;
    }

    @Override
    public String backend() {
        return "dbm.gnu";
    }

    @Override
    protected byte[] fetch(byte[] key) {
        // as with(...), without a lambda: the hottest call
        try {
            return open().fetch(key);
        } finally {
            java.lang.ref.Reference.reachabilityFence(this);
        }
    }

    @Override
    protected void store(byte[] key, byte[] value) {
        with(db -> {
            if (!db.writer) {
                throw new Dbm.GnuError(GdbmConst.READER_CANT_STORE);
            }
            return db.store(key, value, true);
        });
    }

    @Override
    protected boolean delete(byte[] key) {
        return with(db -> {
            if (!db.writer) {
                throw new Dbm.GnuError(GdbmConst.READER_CANT_DELETE);
            }
            return db.delete(key);
        });
    }

    @Override
    protected List<byte[]> keyList() {
        return with(GdbmEngine::keys);
    }

    @Override
    protected int count() {
        return with(db -> (int) Math.min(Integer.MAX_VALUE, db.count()));
    }

    /** {@code db.firstkey()}: the first key in GDBM's (hash) order, or null for an empty database. */
    public byte[] firstkey() {
        return with(GdbmEngine::firstKey);
    }

    /** {@code db.nextkey(key)}: the key after {@code key} in GDBM's order, or null (also for a key not there). */
    public byte[] nextkey(byte[] key) {
        if (key == null) {
            throw new Dbm.TypeError("a bytes-like object is required, not 'NoneType'");
        }
        return with(db -> db.nextKey(key));
    }

    public byte[] nextkey(String key) {
        return nextkey(utf8(key));
    }

    /**
     * {@code db.reorganize()}: rewrites the database compactly into a new file in the same directory
     * ({@code name.XXXXXX}), in the order {@code gdbm_reorganize} copies records, and renames it over
     * the old one (atomically), keeping the file's permissions.
     */
    public void reorganize() {
        with(db -> {
            reorganize(db);
            return null;
        });
    }

    private void reorganize(GdbmEngine db) {
        if (!db.writer) {
            throw new Dbm.GnuError(GdbmConst.READER_CANT_REORGANIZE);
        }
        db.assertConsistent();
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        GdbmChannel io = null;
        try {
            tmp = createTemp(dir, file.getFileName().toString());
            io = new GdbmChannel(FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE));
            GdbmEngine fresh = GdbmEngine.open(io, true, syncWrites, db.header.blockSize, db.header.numsync());
            db.forEachRecord((k, v) -> fresh.store(k, v, false));
            fresh.endUpdate();
            fresh.sync(); // gdbm_recover's gdbm_sync: a numsync header counts it

            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            db.io.close();
            engine = fresh;
            resources.io = fresh.io;
            io = null;
            if (lock != null) {
                lock.relock();
            }
        } catch (IOException e) {
            throw new Dbm.GnuError(GdbmConst.REORGANIZE_FAILED, e);
        } finally {
            if (io != null) {
                io.close();
            }
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        SecureRandom rnd = new SecureRandom();
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int attempt = 0; ; attempt++) {
            StringBuilder sb = new StringBuilder(name).append('.');
            for (int i = 0; i < 6; i++) {
                sb.append(chars.charAt(rnd.nextInt(chars.length())));
            }
            try {
                return Files.createFile(dir.resolve(sb.toString()),
                        PosixFilePermissions.asFileAttribute(EnumSet.of(
                                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** {@code db.sync()}: writes what is pending and fsyncs (a numsync header counts the sync). */
    @Override
    public void sync() {
        with(db -> {
            db.sync();
            return null;
        });
    }

    /** {@code db.close()}: fsyncs a writer's file and releases the lock; a second close does nothing. */
    @Override
    public void close() {
        GdbmEngine db = engine;
        if (db == null) {
            return;
        }
        engine = null;
        resources.io = null;
        resources.lock = null;
        cleanable.clean();
        try {
            if (db.writer && !db.needRecovery) {
                db.endUpdate();
                db.io.force();
            }
        } finally {
            try {
                db.io.close();
            } finally {
                if (lock != null) {
                    lock.release();
                    lock = null;
                }
            }
        }
    }
}
