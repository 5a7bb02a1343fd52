package org.sqlite3j.dbm;

import java.nio.file.Path;
import org.sqlite3j.dbm.gnu.Gdbm;

/**
 * {@code dbm.gnu}: GDBM files (libgdbm 1.23's format, as Debian's Python writes them), read and
 * written in pure Java. The object returned is a {@link Gdbm}, which also has Python's
 * {@code firstkey()}, {@code nextkey(key)}, {@code reorganize()} and {@code sync()}.
 */
public final class DbmGnu {

    private DbmGnu() {
    }

    /**
     * {@code dbm.gnu.open(file, flag, mode)}: flag "r", "w", "c" or "n", optionally followed by
     * "f", "s", "u"; errors are {@link Dbm.GnuError} with Python's messages. See {@link Gdbm#open}.
     */
    public static DbmFile open(Path file, String flag, int mode) {
        return Gdbm.open(file, flag, mode);
    }
}
