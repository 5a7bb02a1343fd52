package org.sqlite3j.shelve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import org.sqlite3j.dbm.DbmFile;

/**
 * A dbm "file" held in memory — what a plain Python {@code dict} is when passed to
 * {@code shelve.Shelf(d)}: {@code new Shelf(new MemoryDbm())}. Keys are kept in unsigned byte order
 * (a B-tree's), so it also serves {@link BsdDbShelf}. Like a dict, which has no {@code close()},
 * it stays usable after {@link #close()}: a closed shelf leaves its contents readable. Not thread-safe.
 */
public final class MemoryDbm extends DbmFile implements OrderedKeys {
    private final TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);

    /** {@code "dict"}: not a dbm backend; {@code dbm.whichdb} never names it. */
    @Override
    public String backend() {
        return "dict";
    }

    @Override
    protected byte[] fetch(byte[] key) {
        byte[] v = map.get(key);
        return v == null ? null : v.clone();
    }

    @Override
    protected void store(byte[] key, byte[] value) {
        map.put(key.clone(), value.clone());
    }

    @Override
    protected boolean delete(byte[] key) {
        return map.remove(key) != null;
    }

    @Override
    protected List<byte[]> keyList() {
        List<byte[]> keys = new ArrayList<>(map.size());
        for (byte[] k : map.keySet()) {
            keys.add(k.clone());
        }
        return keys;
    }

    @Override
    protected int count() {
        return map.size();
    }

    /** Nothing to write. */
    @Override
    public void sync() {
        // held in memory
    }

    /** Does nothing: the contents stay readable, as a dict's after {@code Shelf.close()}. */
    @Override
    public void close() {
        // a dict has no close()
    }

    @Override
    public byte[] firstKey() {
        return map.isEmpty() ? null : map.firstKey().clone();
    }

    @Override
    public byte[] lastKey() {
        return map.isEmpty() ? null : map.lastKey().clone();
    }

    @Override
    public byte[] higherKey(byte[] key) {
        return copy(map.higherKey(key));
    }

    @Override
    public byte[] lowerKey(byte[] key) {
        return copy(map.lowerKey(key));
    }

    @Override
    public byte[] ceilingKey(byte[] key) {
        return copy(map.ceilingKey(key));
    }

    private static byte[] copy(byte[] k) {
        return k == null ? null : k.clone();
    }

}
