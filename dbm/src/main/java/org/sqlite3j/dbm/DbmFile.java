package org.sqlite3j.dbm;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One open dbm database, of any backend: Python's mapping of {@code bytes} keys to {@code bytes}
 * values. A {@code String} key or value is stored as its UTF-8 bytes, as Python 3 encodes {@code str}.
 *
 * <table>
 * <caption>Python's calls and these</caption>
 * <tr><th>Python</th><th>Java</th></tr>
 * <tr><td>{@code db[k]} (KeyError when missing)</td><td>{@link #getItem(byte[])}</td></tr>
 * <tr><td>{@code db.get(k)}, {@code db.get(k, d)}</td><td>{@link #get(byte[])} (null when missing), {@link #get(byte[], byte[])}</td></tr>
 * <tr><td>{@code db[k] = v}</td><td>{@link #put(byte[], byte[])}</td></tr>
 * <tr><td>{@code del db[k]} (KeyError when missing)</td><td>{@link #remove(byte[])}</td></tr>
 * <tr><td>{@code k in db}</td><td>{@link #containsKey(byte[])}</td></tr>
 * <tr><td>{@code db.keys()}, {@code iter(db)}, {@code len(db)}</td><td>{@link #keys()}, {@link #iterator()}, {@link #size()}</td></tr>
 * <tr><td>{@code db.setdefault(k, d)}, {@code db.clear()}</td><td>{@link #setdefault}, {@link #clear()}</td></tr>
 * <tr><td>{@code db.values()}, {@code db.items()}, {@code db.pop(k[, d])}, {@code db.update(m)}</td><td>{@link #values()}, {@link #items()}, {@link #pop(byte[])}, {@link #update(Map)}</td></tr>
 * <tr><td>{@code db.sync()}, {@code db.close()}, {@code with}</td><td>{@link #sync()}, {@link #close()}, try-with-resources</td></tr>
 * </table>
 *
 * <p>Errors: each backend raises its own subclass of {@link Dbm.Error} (Python's {@code dbm.error}
 * tuple), with CPython's message: a closed handle used, a read-only handle written to. A missing key
 * is {@link Dbm.KeyError}, which is not a {@code Dbm.Error} (as in Python).
 *
 * <p>A backend implements the protected primitives; the public methods above are built on them here
 * once, for every backend. Not thread-safe: one thread at a time.
 */
public abstract class DbmFile implements AutoCloseable, Iterable<byte[]> {

    /** The backend's name as {@link Dbm#whichdb} reports it: "dbm.sqlite3", "dbm.gnu", "dbm.ndbm", "dbm.dumb". */
    public abstract String backend();

    // ---- what a backend provides ----

    /** The value stored under {@code key}, or null. Checks that the handle is open. */
    protected abstract byte[] fetch(byte[] key);

    /** Stores (or replaces) {@code value} under {@code key}. Checks open and writable. */
    protected abstract void store(byte[] key, byte[] value);

    /** Deletes {@code key}; false when it was not there. Checks open and writable. */
    protected abstract boolean delete(byte[] key);

    /** Every key, in the backend's order (as Python's {@code keys()} lists them). Checks open. */
    protected abstract List<byte[]> keyList();

    /** How many keys there are. Checks open. */
    protected abstract int count();

    /** Python's {@code sync()}: writes what is buffered. Checks open where the backend's Python does
     *  (dbm.dumb's {@code sync()} on a closed object silently does nothing). */
    public abstract void sync();

    /** Closes the database; a second close does nothing (as Python's). */
    @Override
    public abstract void close();

    // ---- Python's mapping, once for every backend ----

    /** {@code db.get(k)}: the value, or null when there is none. */
    public final byte[] get(byte[] key) {
        return fetch(checked(key));
    }

    public final byte[] get(String key) {
        return get(utf8(key));
    }

    /** {@code db.get(k, default)}. */
    public final byte[] get(byte[] key, byte[] defaultValue) {
        byte[] v = get(key);
        return v != null ? v : defaultValue;
    }

    /** {@code db[k]}: the value, or {@link Dbm.KeyError} naming the key. */
    public final byte[] getItem(byte[] key) {
        byte[] v = get(key);
        if (v == null) {
            throw new Dbm.KeyError(key);
        }
        return v;
    }

    public final byte[] getItem(String key) {
        return getItem(utf8(key));
    }

    /** {@code db[k] = v}. */
    public final void put(byte[] key, byte[] value) {
        if (value == null) {
            throw new Dbm.TypeError("dbm values must be bytes or str, not None");
        }
        store(checked(key), value);
    }

    public final void put(String key, String value) {
        put(utf8(key), utf8(value));
    }

    public final void put(String key, byte[] value) {
        put(utf8(key), value);
    }

    /** {@code del db[k]}: {@link Dbm.KeyError} when the key is not there. */
    public final void remove(byte[] key) {
        if (!delete(checked(key))) {
            throw new Dbm.KeyError(key);
        }
    }

    public final void remove(String key) {
        remove(utf8(key));
    }

    /** {@code k in db}. */
    public final boolean containsKey(byte[] key) {
        return get(key) != null;
    }

    public final boolean containsKey(String key) {
        return containsKey(utf8(key));
    }

    /** {@code db.keys()}: a new list, in the backend's order. */
    public final List<byte[]> keys() {
        return new ArrayList<>(keyList());
    }

    /** {@code iter(db)}: over a snapshot of the keys. */
    @Override
    public final Iterator<byte[]> iterator() {
        return keys().iterator();
    }

    /** {@code len(db)}. */
    public final int size() {
        return count();
    }

    /** {@code db.setdefault(k, default)}: the value there, else stores {@code defaultValue} and returns it. */
    public final byte[] setdefault(byte[] key, byte[] defaultValue) {
        byte[] v = get(key);
        if (v != null) {
            return v;
        }
        put(key, defaultValue);
        return defaultValue;
    }

    /** {@code db.clear()}: deletes every key. */
    public void clear() {
        for (byte[] k : keyList()) {
            delete(k);
        }
    }

    /** {@code db.values()}: the value of each key, in {@link #keys()} order. */
    public List<byte[]> values() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] k : keyList()) {
            out.add(fetch(k));
        }
        return out;
    }

    /** {@code db.items()}: (key, value) pairs in {@link #keys()} order. */
    public List<Map.Entry<byte[], byte[]>> items() {
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        for (byte[] k : keyList()) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(k, fetch(k)));
        }
        return out;
    }

    /** {@code db.pop(k)}: removes the key and returns its value; {@link Dbm.KeyError} when missing. */
    public byte[] pop(byte[] key) {
        byte[] v = getItem(key);
        remove(key);
        return v;
    }

    /** {@code db.pop(k, default)}: as {@link #pop(byte[])}, but {@code defaultValue} when missing. */
    public byte[] pop(byte[] key, byte[] defaultValue) {
        byte[] v = get(key);
        if (v == null) {
            return defaultValue;
        }
        remove(key);
        return v;
    }

    /**
     * {@code db.update(mapping)}: stores every entry, in the map's order. Keys and values are
     * {@code byte[]} or {@code String} (UTF-8), else {@link Dbm.TypeError}. A {@code byte[]}-keyed map
     * must be one that does not rely on array equality (a {@code LinkedHashMap} of distinct arrays).
     * Backends may do it in one transaction (dbm.sqlite3 does).
     */
    public void update(Map<?, ?> items) {
        if (items == null) {
            throw new Dbm.TypeError("'NoneType' object is not iterable");
        }
        for (Map.Entry<?, ?> e : items.entrySet()) {
            put(asBytes(e.getKey(), "keys"), asBytes(e.getValue(), "values"));
        }
    }

    private static byte[] asBytes(Object o, String what) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) {
            return utf8(s);
        }
        throw new Dbm.TypeError(what + " must be bytes or strings, not "
                + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    /** {@code key} as Python encodes a {@code str}. */
    protected static byte[] utf8(String s) {
        if (s == null) {
            throw new Dbm.TypeError("dbm keys and values must be bytes or str, not None");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] checked(byte[] key) {
        if (key == null) {
            throw new Dbm.TypeError("dbm keys must be bytes or str, not None");
        }
        return key;
    }
}
