package org.sqlite3j.dbm.gnu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * GDBM's locking ({@code lock.c}): many readers or one writer per file, never waiting
 * ({@code LOCK_NB}). Within this JVM the rule is kept by a table of open files (Java does not let
 * one process hold two locks on a file); between processes by an OS lock on the file (shared for
 * readers, exclusive for a writer), which Java takes with {@code fcntl}.
 *
 * <p>libgdbm itself locks with {@code flock}, which on Linux does not conflict with {@code fcntl}
 * locks: a Java process and a libgdbm process do not see each other's locks.
 */
final class FileLocks {

    private FileLocks() {
    }

    private static final class Holder {
        int readers;
        boolean writer;
        FileChannel channel;
        FileLock lock;
    }

    private static final Map<Path, Holder> HELD = new HashMap<>();

    /** A held lock; {@link #release()} gives it back (once). */
    static final class Lock {
        private final Path key;
        private final boolean shared;
        private boolean released;

        private Lock(Path key, boolean shared) {
            this.key = key;
            this.shared = shared;
        }

        /** Releases this holder's share of the lock. */
        void release() {
            synchronized (HELD) {
                if (released) {
                    return;
                }
                released = true;
                Holder h = HELD.get(key);
                if (h == null) {
                    return;
                }
                if (shared) {
                    h.readers--;
                } else {
                    h.writer = false;
                }
                if (h.readers == 0 && !h.writer) {
                    HELD.remove(key);
                    closeQuietly(h.channel);
                }
            }
        }

        /** Re-takes the OS lock on the file now at the path (after reorganize renamed a new file there). */
        void relock() throws IOException {
            synchronized (HELD) {
                Holder h = HELD.get(key);
                if (h == null) {
                    return;
                }
                FileChannel ch = open(key, h.writer);
                FileLock l = tryLock(ch, !h.writer);
                if (l == null) {
                    closeQuietly(ch);
                    return;
                }
                closeQuietly(h.channel);
                h.channel = ch;
                h.lock = l;
            }
        }
    }

    /**
     * Takes a shared ({@code shared}) or exclusive lock on {@code file}, or returns null when it is
     * held in a conflicting way (Python then reports {@code [Errno 11] Resource temporarily unavailable}).
     */
    static Lock acquire(Path file, boolean shared) throws IOException {
        Path key = file.toRealPath();
        synchronized (HELD) {
            Holder h = HELD.get(key);
            if (h != null) {
                if (h.writer || !shared) {
                    return null;
                }
                h.readers++;
                return new Lock(key, true);
            }
            FileChannel ch = open(key, !shared);
            FileLock l = tryLock(ch, shared);
            if (l == null) {
                closeQuietly(ch);
                return null;
            }
            h = new Holder();
            h.channel = ch;
            h.lock = l;
            if (shared) {
                h.readers = 1;
            } else {
                h.writer = true;
            }
            HELD.put(key, h);
            return new Lock(key, shared);
        }
    }

    private static FileChannel open(Path key, boolean write) throws IOException {
        return write
                ? FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(key, StandardOpenOption.READ);
    }

    private static FileLock tryLock(FileChannel ch, boolean shared) throws IOException {
        try {
            return ch.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing only releases the lock; nothing else to do
        }
    }
}
