package org.sqlite3j.shelve;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.sqlite3j.dbm.Dbm;

/**
 * Python's {@code shelve.DbfilenameShelf}: a {@link Shelf} over the dbm file {@link Dbm#open} opens at
 * a path (the backend {@code dbm.whichdb} names; a new file is a dbm.sqlite3 database, as in Python
 * 3.13). What {@link Shelve#open} returns.
 */
public class DbfilenameShelf extends Shelf {

    /** {@code shelve.DbfilenameShelf(filename, flag='c')}. */
    public DbfilenameShelf(Path filename) {
        this(filename, "c", null, false, ShelfCodec.defaults());
    }

    /**
     * {@code shelve.DbfilenameShelf(filename, flag, protocol, writeback)} with {@code codec}.
     *
     * @param filename the dbm file (as given to {@code dbm.open}: a backend may add suffixes)
     * @param flag "r" read-only, "w" read-write, "c" create when missing (Python's default), "n" new and empty
     * @param protocol the pickle protocol written; null for 4 (Python 3.13's {@code DEFAULT_PROTOCOL})
     * @param writeback see {@link Shelf}
     * @param codec which classes load and how Java classes are pickled
     */
    public DbfilenameShelf(Path filename, String flag, Integer protocol, boolean writeback, ShelfCodec codec) {
        super(Dbm.open(filename, flag), protocol, writeback, StandardCharsets.UTF_8, codec);
    }

    /**
     * {@code s.clear()}: empties the cache and calls the dbm file's own {@code clear()} (CPython issue
     * 107089: no value is loaded).
     */
    @Override
    public void clear() {
        cache().clear();
        open().clear();
    }
}
