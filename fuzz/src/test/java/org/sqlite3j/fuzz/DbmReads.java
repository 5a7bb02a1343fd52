package org.sqlite3j.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.sqlite3j.dbm.DbmFile;

/**
 * What the dbm fuzz targets do with a database they opened from fuzzed bytes: read everything a Python
 * program could ({@code keys()}, {@code len()}, each value, {@code in}, {@code items()}), and where the
 * database files go (one temporary directory per JVM, the same file names for every input).
 */
final class DbmReads {

    private DbmReads() {
    }

    /** Reads the whole database; {@code everyKeyFound}: each listed key must have a value (not dbm.ndbm). */
    static void readAll(DbmFile db, boolean everyKeyFound) {
        List<byte[]> keys = db.keys();
        int size = db.size();
        if (size != keys.size()) {
            throw new AssertionError("len() is " + size + " but keys() lists " + keys.size());
        }
        for (byte[] key : keys) {
            byte[] value = db.get(key);
            if (everyKeyFound && (value == null || !db.containsKey(key))) {
                throw new AssertionError("keys() lists a key get() does not find: " + Invariants.describe(key));
            }
        }
        db.items();
    }

    /** A new temporary directory for one target's database files. */
    static Path tempDir(String target) {
        try {
            return Files.createTempDirectory("sqlite3j-fuzz-" + target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory", e);
        }
    }

    /** Writes {@code bytes} to {@code file} (replacing it). */
    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes {@code dir} and what is in it. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
