package org.sqlite3j.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.dbm.DbmGnu;
import org.sqlite3j.dbm.DbmSqlite3;
import org.sqlite3j.shelve.Shelf;

/**
 * The dbm side of the crash trials: six files written at once by one child JVM, one thread each —
 * dbm.gnu (this project's pure-Java writer), dbm.dumb and dbm.sqlite3, and a shelf on each of them.
 *
 * <p>Each thread does, at random: a store of a new key (60%), a store over an existing key (28%), a
 * delete (6%) or a {@code sync()} (6%). Before the call it logs {@code B put KEY VID},
 * {@code B del KEY} or {@code B sync}, after it returns {@code A}: the last {@code B} without its
 * {@code A} is the operation the kill interrupted. A value is a function of (target, key, value id)
 * that the parent recomputes ({@link #value}, {@link #shelfValue}); on dbm.dumb files every value of
 * a key has the same length, so that a replacement is written in place (see {@link DbmCrashCheck} for
 * why, and for what each backend guarantees).
 */
final class DbmWorkload {

    static final List<String> TARGETS = List.of("gnu", "dumb", "sqlite3", "shelf-gnu", "shelf-dumb", "shelf-sqlite3");

    private DbmWorkload() {
    }

    /** The backend under the target: "gnu", "dumb" or "sqlite3". */
    static String backend(String target) {
        return target.startsWith("shelf-") ? target.substring("shelf-".length()) : target;
    }

    static boolean isShelf(String target) {
        return target.startsWith("shelf-");
    }

    /** The name the target's file is opened with (dbm.dumb adds .dir and .dat to it). */
    static Path file(Path dir, String target) {
        return dir.resolve(target + (backend(target).equals("dumb") ? "" : ".db"));
    }

    static Path log(Path dir, String target) {
        return dir.resolve(target + ".log");
    }

    /** Opens the target's file with its backend's own {@code open} and {@code flag}. */
    static DbmFile open(Path dir, String target, String flag) {
        Path file = file(dir, target);
        return switch (backend(target)) {
            case "gnu" -> DbmGnu.open(file, flag, 0666);
            case "dumb" -> DbmDumb.open(file, flag);
            case "sqlite3" -> DbmSqlite3.open(file, flag);
            default -> throw new IllegalArgumentException(target);
        };
    }

    /** The padding length of a value: fixed per key on dbm.dumb (replacements in place), else varied. */
    private static int padding(String target, String key, int vid) {
        int h = backend(target).equals("dumb") ? key.hashCode() : key.hashCode() * 31 + vid * 7919;
        return (h & 0x7FFF_FFFF) % 1200;
    }

    /** The text of value {@code vid} of {@code key}: {@code key:vid:xxx...}. */
    static String text(String target, String key, int vid) {
        return key + ":" + vidText(vid) + ":" + "x".repeat(padding(target, key, vid));
    }

    private static String vidText(int vid) {
        return String.format(Locale.ROOT, "%07d", vid);
    }

    /** The bytes stored for value {@code vid} of {@code key} on a plain dbm target. */
    static byte[] value(String target, String key, int vid) {
        return text(target, key, vid).getBytes(StandardCharsets.US_ASCII);
    }

    /** The object stored for value {@code vid} of {@code key} on a shelf: a list of three str (fixed length per key). */
    static List<String> shelfValue(String target, String key, int vid) {
        return List.of(key, vidText(vid), "x".repeat(padding(target, key, vid)));
    }

    /** The child's side: one writer thread per target; returns when they all ended (never, normally). */
    static void run(Path dir, long seed) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (String target : TARGETS) {
            AckLog log = AckLog.open(log(dir, target));
            Random random = new Random(seed * 31 + target.hashCode());
            threads.add(CrashChild.writer(target, log, () -> write(dir, target, random, log)));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void write(Path dir, String target, Random random, AckLog log) throws InterruptedException {
        DbmFile db = open(dir, target, "c");
        Shelf shelf = isShelf(target) ? new Shelf(db) : null;
        CrashChild.awaitGo(dir);
        List<String> live = new ArrayList<>();
        int nextKey = 0;
        for (int vid = 1; ; vid++) {
            int r = random.nextInt(100);
            if (r < 6 && !live.isEmpty()) {
                String key = live.remove(random.nextInt(live.size()));
                log.line("B del " + key);
                if (shelf != null) {
                    shelf.delItem(key);
                } else {
                    db.remove(key);
                }
            } else if (r < 12) {
                log.line("B sync");
                if (shelf != null) {
                    shelf.sync();
                } else {
                    db.sync();
                }
            } else {
                String key;
                if (r < 40 && !live.isEmpty()) {
                    key = live.get(random.nextInt(live.size()));
                } else {
                    key = "k" + nextKey++;
                    live.add(key);
                }
                log.line("B put " + key + " " + vid);
                if (shelf != null) {
                    shelf.setItem(key, shelfValue(target, key, vid));
                } else {
                    db.put(key, value(target, key, vid));
                }
            }
            log.line("A");
        }
    }
}
