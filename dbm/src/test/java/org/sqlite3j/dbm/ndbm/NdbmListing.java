package org.sqlite3j.dbm.ndbm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A database as Python listed it: one line per key in {@code keys()} order, {@code hex(key) hex(db[key])}
 * (the format of the committed {@code ndbm/*.txt} files and of the scripts' output). A value of "-" is
 * Python's None for a key that {@code keys()} lists: Berkeley DB's lookup does not find it (see
 * {@link HashDatabase#get}); it is kept as null here.
 */
record NdbmListing(List<byte[]> keys, List<byte[]> values) {

    static NdbmListing parse(String text) {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("not a listing line: " + line);
            }
            keys.add(HexFormat.of().parseHex(line.substring(0, space)));
            String value = line.substring(space + 1);
            values.add(value.equals("-") ? null : HexFormat.of().parseHex(value));
        }
        return new NdbmListing(keys, values);
    }

    /** The listing committed next to {@code ndbm/NAME.db}. */
    static NdbmListing resource(String name) throws IOException {
        return parse(new String(resourceBytes(name + ".txt"), StandardCharsets.US_ASCII));
    }

    static byte[] resourceBytes(String file) throws IOException {
        try (InputStream in = NdbmListing.class.getResourceAsStream("/ndbm/" + file)) {
            if (in == null) {
                throw new IOException("missing test resource ndbm/" + file);
            }
            return in.readAllBytes();
        }
    }

    /** Copies {@code ndbm/NAME.db} into {@code dir}; returns the path without ".db" (dbm.ndbm's name). */
    static Path copy(String name, Path dir) throws IOException {
        Files.write(dir.resolve(name + ".db"), resourceBytes(name + ".db"));
        return dir.resolve(name);
    }

    /** The Python snippet that prints a listing of the open database {@code d}. */
    static final String PRINT = ""
            // CPython on Berkeley DB reads an empty value as None until the handle has fetched a
            // non-empty one: fetch one first, so that None below means "Berkeley DB did not find it"
            + "for k in d.keys():\n    if d.get(k):\n        break\n"
            + "for k in d.keys():\n    v = d.get(k)\n"
            + "    print(k.hex(), '-' if v is None else v.hex())\n";
}
