package org.sqlite3j.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.shelve.Shelf;
import org.sqlite3j.shelve.ShelfCodec;

/**
 * What a dbm file must hold after its writer was killed, given the writer's log ({@link DbmWorkload}),
 * backend by backend. The guarantees, for a <em>process</em> kill (the kernel keeps what was written;
 * none of this is about power loss, which only an fsync'ed {@code sync()}/{@code close()} or dbm.gnu's
 * "s" flag covers):
 *
 * <ul>
 *   <li><b>dbm.sqlite3</b> (CPython 3.13's {@code Lib/dbm/sqlite3.py}: autocommit, one statement per
 *       store or delete): every acknowledged store and delete; the interrupted one is wholly done or
 *       not at all.</li>
 *   <li><b>dbm.gnu</b> (libgdbm 1.23 writes the record, the changed buckets, the directory and the header
 *       at the end of every update; this project's writer does the same and raises {@code next_block}
 *       first, so the file opens after a kill between any two writes): every acknowledged store and
 *       delete, without {@code sync()}. The interrupted update's key may be missing (a new key),
 *       old or new, or — a replacement written into space it had just freed — a torn record of the old
 *       length: GDBM's own window. libgdbm promises recovery from a crash only with its opt-in crash
 *       tolerance (snapshots at {@code gdbm_sync}, {@code gdbm_failure_atomic}), which CPython's
 *       dbm.gnu does not use.</li>
 *   <li><b>dbm.dumb</b> (CPython's {@code Lib/dbm/dumb.py}): a new key's value is appended to
 *       {@code .dat} and its index line to {@code .dir} before the store returns, a replacement that
 *       fits the old value's 512-byte blocks is written over it in place, and a delete rewrites the
 *       index; so every acknowledged new key, in-place replacement and delete survives the kill. A
 *       replacement that needs more blocks is appended and only recorded in the in-memory index until
 *       {@code sync()}/{@code close()}: until then a kill leaves the old value (a shorter one written in
 *       place leaves the new bytes with the old length). The workload keeps each key's values one length,
 *       so every replacement is in place; {@link CrashPointTest} shows the other cases. The
 *       interrupted operation's key may be missing (new), old, new, or torn with the old length.</li>
 * </ul>
 *
 * A shelf has its dbm's guarantees (each {@code shelf[k] = v} is one store of the pickle). Every other
 * key must read exactly its last acknowledged value, or be absent when its last acknowledged operation
 * was a delete; no key may appear that was never written.
 */
final class DbmCrashCheck {

    /** A value that did not read back as any value written (a torn record); {@code length} is its size in bytes. */
    record Torn(int length) {
    }

    /** One operation of the log; {@code acked} when its "A" line is there. */
    record Op(String kind, String key, int vid, boolean acked) {
    }

    /** What one target's trials add up to. */
    static final class Tally {
        int trials;
        int cpythonAgreed;
        long puts;
        long deletes;
        long syncs;
        long keysChecked;
        long lost;
        long wrong;
        long phantom;
        final Map<String, Integer> interrupted = new TreeMap<>();

        String interruptedText() {
            StringBuilder b = new StringBuilder();
            interrupted.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
            return b.length() == 0 ? "none" : b.toString();
        }
    }

    private DbmCrashCheck() {
    }

    /** The operations of a writer's log; an "X" line (the child failed) is an {@link AssertionError}. */
    static List<Op> ops(List<String> lines, String context) {
        List<Op> ops = new ArrayList<>();
        for (String line : lines) {
            String[] w = line.split(" ");
            switch (w[0]) {
                case "B" -> ops.add(new Op(w[1], w.length > 2 ? w[2] : null,
                        w.length > 3 ? Integer.parseInt(w[3]) : 0, false));
                case "A" -> {
                    Op last = ops.remove(ops.size() - 1);
                    ops.add(new Op(last.kind(), last.key(), last.vid(), true));
                }
                default -> throw new AssertionError(context + ": the child's writer failed: " + line);
            }
        }
        return ops;
    }

    /**
     * Reads a target's file: key to {@code byte[]} (plain dbm) or to the loaded object (shelf), a
     * {@link Torn} for a shelf value that does not load; the length of each stored value goes to
     * {@code lengths}.
     */
    static Map<String, Object> read(Path dir, String target, Map<String, Integer> lengths) {
        Map<String, Object> out = new TreeMap<>();
        try (DbmFile db = DbmWorkload.open(dir, target, "r")) {
            Shelf shelf = DbmWorkload.isShelf(target) ? new Shelf(db) : null;
            for (byte[] k : db.keys()) {
                String key = new String(k, StandardCharsets.UTF_8);
                byte[] stored = db.get(k);
                lengths.put(key, stored.length);
                if (shelf == null) {
                    out.put(key, stored);
                } else {
                    try {
                        out.put(key, shelf.codec().loads(stored));
                    } catch (RuntimeException e) {
                        out.put(key, new Torn(stored.length));
                    }
                }
            }
        }
        return out;
    }

    /** The expected object for value {@code vid} of {@code key}. */
    static Object expected(String target, String key, int vid) {
        return DbmWorkload.isShelf(target) ? DbmWorkload.shelfValue(target, key, vid)
                : DbmWorkload.value(target, key, vid);
    }

    /** Whether a read value is the expected one (bytes by content, shelf objects by equals). */
    static boolean same(Object read, Object expected) {
        if (read instanceof byte[] a && expected instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return Objects.equals(read, expected);
    }

    /** The bytes a target stores for value {@code vid} of {@code key}: the value, or the shelf's pickle of it. */
    static int storedLength(String target, String key, int vid) {
        return DbmWorkload.isShelf(target)
                ? ShelfCodec.defaults().dumps(DbmWorkload.shelfValue(target, key, vid), Pickle.DEFAULT_PROTOCOL).length
                : DbmWorkload.value(target, key, vid).length;
    }

    /**
     * Checks {@code actual} (read after the kill) against the log; counts into {@code tally}. Returns the
     * key of the interrupted operation (null when none), whose later changes the caller must forgive.
     */
    static String check(String target, List<Op> ops, Map<String, Object> actual, Map<String, Integer> rawLengths,
            Tally tally, String context) {
        Map<String, Integer> state = new LinkedHashMap<>();   // key -> vid of its last acknowledged store
        Op interrupted = null;
        for (Op op : ops) {
            if (!op.acked()) {
                interrupted = op;
                break;
            }
            switch (op.kind()) {
                case "put" -> {
                    state.put(op.key(), op.vid());
                    tally.puts++;
                }
                case "del" -> {
                    state.remove(op.key());
                    tally.deletes++;
                }
                default -> tally.syncs++;
            }
        }
        String openKey = interrupted == null ? null : interrupted.key();
        List<String> problems = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(state.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            Object got = actual.get(key);
            Integer vid = state.get(key);
            if (key.equals(openKey)) {
                String outcome = outcome(target, interrupted, vid, got, rawLengths.get(key));
                if (outcome.startsWith("not allowed")) {
                    problems.add(key + ": interrupted " + interrupted + " left it " + outcome.substring(12));
                } else {
                    tally.interrupted.merge(interrupted.kind() + " " + outcome, 1, Integer::sum);
                }
                continue;
            }
            tally.keysChecked++;
            if (vid == null) {
                tally.phantom++;
                problems.add(key + ": present but never acknowledged (or deleted)");
            } else if (got == null) {
                tally.lost++;
                problems.add(key + ": missing; last acknowledged value " + vid);
            } else if (!same(got, expected(target, key, vid))) {
                tally.wrong++;
                problems.add(key + ": does not read as its last acknowledged value " + vid + ": " + show(got));
            }
        }
        if (interrupted != null && interrupted.key() == null) {
            tally.interrupted.merge(interrupted.kind(), 1, Integer::sum);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(context + ": " + problems.size() + " keys break " + target + "'s guarantee"
                    + " (interrupted operation: " + interrupted + "):\n  " + String.join("\n  ",
                            problems.subList(0, Math.min(20, problems.size()))));
        }
        return openKey;
    }

    /**
     * How the interrupted operation left its key: "absent", "old", "new" or "torn", or "not allowed: ..."
     * when the backend's guarantee excludes it. {@code readLength} is the length of the bytes read.
     */
    private static String outcome(String target, Op op, Integer oldVid, Object got, Integer readLength) {
        if (got == null) {
            return oldVid == null || op.kind().equals("del") ? "absent" : "not allowed: missing (a replaced key)";
        }
        if (oldVid != null && same(got, expected(target, op.key(), oldVid))) {
            return "old";
        }
        if (op.kind().equals("put") && same(got, expected(target, op.key(), op.vid()))) {
            return "new";
        }
        // gnu and dumb: a replacement written over the old record, cut by the kill, keeps the old length
        boolean tearable = !DbmWorkload.backend(target).equals("sqlite3") && op.kind().equals("put") && oldVid != null;
        int oldLength = oldVid == null ? -1 : storedLength(target, op.key(), oldVid);
        if (tearable && readLength != null && readLength == oldLength) {
            return "torn";
        }
        return "not allowed: " + show(got) + " (" + readLength + " bytes; the old value had " + oldLength + ")";
    }

    static String show(Object v) {
        if (v instanceof byte[] b) {
            String s = new String(b, StandardCharsets.ISO_8859_1);
            return "b'" + (s.length() > 40 ? s.substring(0, 40) + "...' (" + b.length + " bytes)" : s + "'");
        }
        String s = String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /**
     * A reading as CPython's {@code dbm_dump.py} prints it: {@code key -> hex} for plain dbm files,
     * {@code key -> repr(value)} for shelves ({@code ERROR} for a value that does not load).
     */
    static Map<String, String> asPython(Map<String, Object> reading) {
        Map<String, String> out = new TreeMap<>();
        reading.forEach((k, v) -> out.put(k, pythonText(v)));
        return out;
    }

    private static String pythonText(Object v) {
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object o : list) {
                items.add("'" + o + "'");   // the workload's str are letters, digits and ':' only
            }
            return "[" + String.join(", ", items) + "]";
        }
        return "ERROR";
    }
}
