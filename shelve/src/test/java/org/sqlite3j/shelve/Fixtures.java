package org.sqlite3j.shelve;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.sqlite3j.dbm.Dbm;

/**
 * The committed CPython 3.13 shelves (src/test/resources/org/sqlite3j/shelve/cpython, made by its
 * make_shelves.py) and the Java side of their class: {@code shelffixture.Point} is {@link Point}.
 */
final class Fixtures {
    private static final String DIR = "/org/sqlite3j/shelve/cpython/";

    private Fixtures() {
    }

    /** The Java class registered for {@code shelffixture.Point}. */
    record Point(long x, long y) {
        /** The {@code __dict__}, in CPython's attribute order (x, then y). */
        Map<String, Object> state() {
            Map<String, Object> dict = new LinkedHashMap<>();
            dict.put("x", x);
            dict.put("y", y);
            return dict;
        }

        static Point of(Map<Object, Object> dict) {
            return new Point((Long) dict.get("x"), (Long) dict.get("y"));
        }
    }

    /** Python's data types and {@code shelffixture.Point} as {@link Point}; everything else refused. */
    static ShelfCodec codec() {
        return ShelfCodec.defaults().type(Point.class, "shelffixture", "Point", Point::state, Point::of);
    }

    /** Copies the committed resource {@code name} into {@code dir}. */
    static Path copy(String name, Path dir) {
        try (InputStream in = Fixtures.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + name);
            }
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed shelf's raw (key, pickle) pairs, in a {@link MemoryDbm}: no dbm backend needed. */
    static MemoryDbm items() {
        MemoryDbm db = new MemoryDbm();
        try (InputStream in = Fixtures.class.getResourceAsStream(DIR + "py313-items.hex")) {
            HexFormat hex = HexFormat.of();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank()) {
                    String[] kv = line.split(" ");
                    db.put(hex.parseHex(kv[0]), hex.parseHex(kv[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return db;
    }

    /** Skips the test while {@code Dbm.open} is not implemented yet (the dbm module is being written). */
    static void assumeDbmOpen(Path dir) {
        try (var db = Dbm.open(dir.resolve("probe"), "n")) {
            db.put("k", "v");
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "Dbm.open is not implemented yet: " + e.getMessage());
        }
    }
}
