package org.sqlite3j.dbm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files CPython wrote once under {@code src/test/resources/org/sqlite3j/dbm/cpython} (see its
 * {@code make_files.py}), and the operations that made them, replayed here in Java.
 */
final class CommittedFiles {

    private CommittedFiles() {
    }

    static final String DIR = "/org/sqlite3j/dbm/cpython/";

    /** Copies resource {@code name} to {@code target}. */
    static Path copy(String name, Path target) {
        try (InputStream in = CommittedFiles.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + DIR + name);
            }
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try (InputStream in = CommittedFiles.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** expected.txt: every key and value (hex), sorted by key as hex text. */
    static Map<String, String> expected() {
        Map<String, String> out = new TreeMap<>();
        for (String line : new String(bytes("expected.txt"), StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isEmpty()) {
                String[] kv = line.split(" ", -1);
                out.put(kv[0], kv[1]);
            }
        }
        return out;
    }

    /** Every key and value of {@code db}, as hex, sorted. */
    static Map<String, String> contents(DbmFile db) {
        Map<String, String> out = new TreeMap<>();
        HexFormat hex = HexFormat.of();
        for (byte[] k : db.keys()) {
            out.put(hex.formatHex(k), hex.formatHex(db.getItem(k)));
        }
        return out;
    }

    /** make_files.py's ITEMS, in order. */
    static Map<byte[], byte[]> items() {
        Map<byte[], byte[]> m = new LinkedHashMap<>();
        m.put(b("a"), b("Python:"));
        m.put(b("0"), b(""));
        m.put("\u00fc".getBytes(StandardCharsets.UTF_8), b("!"));
        m.put(b("quote'"), b("dq\""));
        m.put(b("both'\""), b("x"));
        m.put(new byte[] {'b', 'i', 'n', 0, 1, (byte) 0xff, '\n', '\r', '\t', '\\'}, all256());
        m.put(b("big"), b("B".repeat(600)));
        m.put(new byte[] {'l', 'a', 't', 'i', 'n', (byte) 0xa0, (byte) 0xad, (byte) 0xe9}, b("e"));
        return m;
    }

    /** make_files.py's fill(db): the items, a key stored and deleted, two values replaced. */
    static void fill(DbmFile db) {
        for (Map.Entry<byte[], byte[]> e : items().entrySet()) {
            db.put(e.getKey(), e.getValue());
        }
        db.put("gone", "soon");
        db.remove("gone");
        db.put("a", "Python: (again)");
        db.put("big", "small");
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] all256() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
