package org.sqlite3j.shelve;

/**
 * A dbm file that can walk its keys in order, as the B-tree databases Python's {@code BsdDbShelf} was
 * made for: implemented by a {@link org.sqlite3j.dbm.DbmFile} to give {@link BsdDbShelf} its own order
 * (otherwise the shelf sorts the keys of an orderable backend itself). Keys are raw bytes; each method
 * returns null when there is no such key.
 */
public interface OrderedKeys {

    /** The smallest key. */
    byte[] firstKey();

    /** The largest key. */
    byte[] lastKey();

    /** The smallest key greater than {@code key}. */
    byte[] higherKey(byte[] key);

    /** The largest key less than {@code key}. */
    byte[] lowerKey(byte[] key);

    /** The smallest key greater than or equal to {@code key} (Berkeley DB's {@code DB_SET_RANGE}). */
    byte[] ceilingKey(byte[] key);
}
