package org.sqlite3j.dbm.gnu;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;

/**
 * The child process of {@link DbmGnuKillTest}: opens a GDBM file (flag "c") and runs operation 0, 1,
 * 2, ... of {@link #apply} on it (stores, longer replacements, deletes), printing each operation's
 * number once it has returned, until it is killed (or {@code limit} operations are done).
 */
public final class GnuKillWriter {

    private GnuKillWriter() {
    }

    /** Operation {@code i}'s key, the one key it touches. */
    static String key(int i) {
        if (i % 13 == 12) {
            return "k" + i / 3;
        }
        if (i % 7 == 6) {
            return "k" + i / 2;
        }
        return "k" + i;
    }

    /**
     * Applies operation {@code i} to {@code model}: every 13th deletes key {@code i / 3}, every 7th
     * replaces key {@code i / 2} with a longer value (so the old record is freed and its space reused),
     * the rest store key {@code i}. Returns the value stored, or null for a delete.
     */
    static String apply(Map<String, String> model, int i) {
        String k = key(i);
        if (i % 13 == 12) {
            model.remove(k);
            return null;
        }
        String v = (i % 7 == 6 ? "r" : "v") + i + "-" + "x".repeat(i % 7 == 6 ? i % 200 : i % 90);
        model.put(k, v);
        return v;
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int limit = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, String> model = new java.util.HashMap<>();
        try (DbmFile db = DbmGnu.open(file, "c", 0666)) {
            for (int i = 0; i < limit; i++) {
                String v = apply(model, i);
                byte[] k = key(i).getBytes(StandardCharsets.UTF_8);
                if (v == null) {
                    if (db.containsKey(k)) {
                        db.remove(k);
                    }
                } else {
                    db.put(k, v.getBytes(StandardCharsets.UTF_8));
                }
                out.println(i);
            }
        }
        out.println("done");
    }

    /** Keys that operation {@code i} may have left half-changed. */
    static Set<String> touched(int i) {
        return Set.of(key(i));
    }
}
