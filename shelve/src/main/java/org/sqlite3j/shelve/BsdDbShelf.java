package org.sqlite3j.shelve;

import java.nio.charset.Charset;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;

/**
 * Python's {@code shelve.BsdDbShelf}: a {@link Shelf} with a cursor over the keys in order —
 * {@link #first()}, {@link #next()}, {@link #previous()}, {@link #last()}, {@link #setLocation(String)},
 * each returning the (key, value) pair there, the value freshly unpickled (the writeback cache is not
 * consulted, as in Python).
 *
 * <p>The order is unsigned byte order of the encoded keys (a Berkeley DB B-tree's). It comes from the
 * dbm file itself when it implements {@link OrderedKeys} ({@link MemoryDbm} does); for dbm.sqlite3
 * (whose keys are a UNIQUE, hence indexed, column) and dbm.dumb (whose index is in memory) the shelf
 * sorts the key list on each move. dbm.gnu and dbm.ndbm are hash files with no order: constructing a
 * BsdDbShelf over one raises {@link UnsupportedOperationException} (CPython fails later, with an
 * AttributeError on {@code first}).
 *
 * <p>Like a fresh Berkeley DB cursor, {@code next()} before any move gives the first pair and
 * {@code previous()} the last. Moving past either end, or {@code first()}/{@code last()} on an empty
 * shelf, raises {@link NoSuchElementException} (bsddb's DBNotFoundError); {@code setLocation} past
 * every key raises {@link Dbm.KeyError}.
 */
public class BsdDbShelf extends Shelf {
    private static final Set<String> SORTABLE = Set.of("dbm.sqlite3", "dbm.dumb");

    private final OrderedKeys order;
    private byte[] position;

    /** {@code shelve.BsdDbShelf(dict)}. */
    public BsdDbShelf(DbmFile dict) {
        this(dict, null, false, ShelfCodec.defaults());
    }

    /** {@code shelve.BsdDbShelf(dict, protocol, writeback)} with {@code codec}. */
    public BsdDbShelf(DbmFile dict, Integer protocol, boolean writeback, ShelfCodec codec) {
        this(dict, protocol, writeback, java.nio.charset.StandardCharsets.UTF_8, codec);
    }

    /** {@code shelve.BsdDbShelf(dict, protocol, writeback, keyencoding)} with {@code codec}. */
    public BsdDbShelf(DbmFile dict, Integer protocol, boolean writeback, Charset keyencoding, ShelfCodec codec) {
        super(dict, protocol, writeback, keyencoding, codec);
        if (dict instanceof OrderedKeys ordered) {
            this.order = ordered;
        } else if (SORTABLE.contains(dict.backend())) {
            this.order = new SortedKeys(dict);
        } else {
            throw new UnsupportedOperationException("BsdDbShelf needs a dbm file whose keys can be walked in order; "
                    + dict.backend() + " keeps them in hash order (use dbm.sqlite3, dbm.dumb, a MemoryDbm, or a DbmFile "
                    + "implementing OrderedKeys)");
        }
    }

    /** {@code s.first()}: the pair with the smallest key. */
    public Map.Entry<String, Object> first() {
        return moveTo(order().firstKey(), "the shelf is empty");
    }

    /** {@code s.last()}: the pair with the largest key. */
    public Map.Entry<String, Object> last() {
        return moveTo(order().lastKey(), "the shelf is empty");
    }

    /** {@code s.next()}: the pair after the current one (the first when the cursor has not moved yet). */
    public Map.Entry<String, Object> next() {
        OrderedKeys o = order();
        return position == null ? first() : moveTo(o.higherKey(position), "no key after " + decode(position));
    }

    /** {@code s.previous()}: the pair before the current one (the last when the cursor has not moved yet). */
    public Map.Entry<String, Object> previous() {
        OrderedKeys o = order();
        return position == null ? last() : moveTo(o.lowerKey(position), "no key before " + decode(position));
    }

    /** {@code s.set_location(key)}: the pair with the smallest key {@code >= key}; {@link Dbm.KeyError} when none. */
    public Map.Entry<String, Object> setLocation(String key) {
        byte[] k = encode(key);
        byte[] found = order().ceilingKey(k);
        if (found == null) {
            throw new Dbm.KeyError(k);
        }
        return moveTo(found, null);
    }

    private OrderedKeys order() {
        open();
        return order;
    }

    private Map.Entry<String, Object> moveTo(byte[] key, String missing) {
        if (key == null) {
            throw new NoSuchElementException(missing);
        }
        Object value = load(open().getItem(key));
        position = key;
        return new AbstractMap.SimpleImmutableEntry<>(decode(key), value);
    }

    /** The order of a backend without one of its own: its key list, sorted on each call. */
    private static final class SortedKeys implements OrderedKeys {
        private final DbmFile dict;

        SortedKeys(DbmFile dict) {
            this.dict = dict;
        }

        private List<byte[]> sorted() {
            List<byte[]> keys = dict.keys();
            keys.sort(Arrays::compareUnsigned);
            return keys;
        }

        @Override
        public byte[] firstKey() {
            List<byte[]> keys = sorted();
            return keys.isEmpty() ? null : keys.get(0);
        }

        @Override
        public byte[] lastKey() {
            List<byte[]> keys = sorted();
            return keys.isEmpty() ? null : keys.get(keys.size() - 1);
        }

        @Override
        public byte[] higherKey(byte[] key) {
            for (byte[] k : sorted()) {
                if (Arrays.compareUnsigned(k, key) > 0) {
                    return k;
                }
            }
            return null;
        }

        @Override
        public byte[] lowerKey(byte[] key) {
            List<byte[]> keys = sorted();
            for (int i = keys.size() - 1; i >= 0; i--) {
                if (Arrays.compareUnsigned(keys.get(i), key) < 0) {
                    return keys.get(i);
                }
            }
            return null;
        }

        @Override
        public byte[] ceilingKey(byte[] key) {
            for (byte[] k : sorted()) {
                if (Arrays.compareUnsigned(k, key) >= 0) {
                    return k;
                }
            }
            return null;
        }
    }
}
