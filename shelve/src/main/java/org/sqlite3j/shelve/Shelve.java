package org.sqlite3j.shelve;

import java.nio.file.Path;

/**
 * Python's {@code shelve} module: {@code shelve.open(filename, flag='c', protocol=None, writeback=False)}.
 *
 * <pre>{@code
 * try (Shelf s = Shelve.open(Path.of("app.db"))) {           // with shelve.open("app.db") as s:
 *     s.setItem("settings", Map.of("theme", "dark"));         //     s["settings"] = {"theme": "dark"}
 *     Object v = s.getItem("settings");                        //     v = s["settings"]
 * }
 * ShelfCodec codec = ShelfCodec.defaults().type(Point.class, "app.models", "Point", Point::state, Point::of);
 * try (Shelf s = Shelve.open(Path.of("app.db"), "r", null, false, codec)) { ... }   // registered classes load
 * }</pre>
 *
 * <p>The file is opened with {@link org.sqlite3j.dbm.Dbm#open}, which picks the backend that made it
 * (dbm.sqlite3 for a new file, as CPython 3.13). Values are loaded deny-by-default: see {@link ShelfCodec}.
 */
public final class Shelve {

    private Shelve() {
    }

    /** {@code shelve.open(filename)}: flag "c", protocol 4, no writeback. */
    public static DbfilenameShelf open(Path filename) {
        return open(filename, "c", null, false, ShelfCodec.defaults());
    }

    /** {@code shelve.open(filename, flag)}. */
    public static DbfilenameShelf open(Path filename, String flag) {
        return open(filename, flag, null, false, ShelfCodec.defaults());
    }

    /** {@code shelve.open(filename, flag, protocol, writeback)}; a null protocol is 4. */
    public static DbfilenameShelf open(Path filename, String flag, Integer protocol, boolean writeback) {
        return open(filename, flag, protocol, writeback, ShelfCodec.defaults());
    }

    /**
     * {@code shelve.open(filename, flag, protocol, writeback)} loading and pickling with {@code codec}.
     * Errors of the dbm layer ({@link org.sqlite3j.dbm.Dbm.Error}: a missing file with "r" or "w", a
     * file of no known kind) propagate unchanged, as in Python.
     */
    public static DbfilenameShelf open(Path filename, String flag, Integer protocol, boolean writeback,
            ShelfCodec codec) {
        return new DbfilenameShelf(filename, flag, protocol, writeback, codec);
    }
}
