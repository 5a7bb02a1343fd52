package org.sqlite3j.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.sqlite3j.pickle.Pickle;

/**
 * The dbm/shelve workload (issue 18), built as {@code bench_persistence.py} builds it: {@code keys}
 * string keys {@code f"key-{i}"} (UTF-8, as dbm and shelve encode a {@code str}), and as values the
 * small dicts of {@link PickleData#small} — {@code {'id': i, 'name': f'name-{i}', 'score': i * 0.25,
 * 'tags': [f't{i % 10}', 'x']}} — for the shelf, pickled one by one at protocol 4 (shelve's protocol
 * in Python 3.13, 76-80 bytes each) for the dbm files.
 *
 * <p>{@code java -cp benchmarks.jar org.sqlite3j.bench.PersistenceData} prints the count, total length
 * and SHA-256 of the keys and of the pickled values; {@code bench_persistence.py --digests} prints
 * CPython's, and {@code run.sh} checks they are the same bytes.
 */
public final class PersistenceData {

    /** Keys of the workload. */
    public static final int KEYS = 100_000;
    /** Stores of the autocommit (one transaction, one fsync each) writes: 10,000 (about 1 ms each here). */
    public static final int COMMIT_KEYS = 10_000;

    public final String[] keyStrings;
    public final byte[][] keys;
    public final List<Object> dicts;
    public final byte[][] values;

    public PersistenceData(int n) {
        keyStrings = new String[n];
        keys = new byte[n][];
        values = new byte[n][];
        dicts = PickleData.small(n);
        for (int i = 0; i < n; i++) {
            keyStrings[i] = "key-" + i;
            keys[i] = keyStrings[i].getBytes(StandardCharsets.UTF_8);
            values[i] = Pickle.dumps(dicts.get(i), 4);
        }
    }

    /** Fails the benchmark when {@code value} (a loaded shelf value) is not dict {@code i}. */
    public void checkDict(String what, int i, Object value) {
        if (!(value instanceof Map<?, ?> m) || !m.equals(dicts.get(i))) {
            throw new IllegalStateException(what + ": value of " + keyStrings[i] + " is " + value
                    + ", expected " + dicts.get(i));
        }
    }

    /** Fails the benchmark when {@code value} (a dbm value) is not value {@code i}'s bytes. */
    public void checkValue(String what, int i, byte[] value) {
        if (!Arrays.equals(value, values[i])) {
            throw new IllegalStateException(what + ": value of " + keyStrings[i] + " is "
                    + (value == null ? "missing" : value.length + " other bytes"));
        }
    }

    private static String digest(byte[][] parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long total = 0;
            for (byte[] p : parts) {
                md.update(p);
                total += p.length;
            }
            return parts.length + " " + total + " " + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints "keys COUNT LENGTH SHA256" and "values COUNT LENGTH SHA256", bench_persistence.py's format. */
    public static void main(String[] args) {
        PersistenceData d = new PersistenceData(args.length > 0 ? Integer.parseInt(args[0]) : KEYS);
        System.out.println("keys " + digest(d.keys));
        System.out.println("values " + digest(d.values));
    }
}
