package org.sqlite3j.marshal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.sqlite3j.pickle.Globals;
import org.sqlite3j.pickle.Unpickler;

/**
 * The rows of {@code vectors.tsv}, written once by {@code gen_vectors.py} with CPython 3.13 from the
 * values of {@code values.py}: each value travels as its pickle (so the Java value is exactly what the
 * already-verified pickle module makes of it), with CPython's {@code marshal.dumps} at versions 0–4.
 */
final class Vectors {
    /** One value. {@code dumps[v]} is null where CPython raised {@code error[v]}. */
    record Vector(String name, byte[] pickle, byte[] loadedPickle, byte[][] dumps, String[] error) {
        Object value() {
            return unpickle(pickle);
        }

        /** What {@code marshal.loads(marshal.dumps(value))} is in CPython (bytearray became bytes). */
        Object loaded() {
            return unpickle(loadedPickle);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Vector> all;
    /** Python's builtins plus the two singletons marshal has, which pickle writes as globals. */
    private static final Globals SINGLETONS = Globals.builtins().toBuilder()
            .allow("builtins", "Ellipsis").allow("builtins", "StopIteration").build();

    /** A pickle made by gen_vectors.py, as the Java value model. */
    static Object unpickle(byte[] data) {
        return new Unpickler(data).globals(SINGLETONS).load();
    }

    private Vectors() {
    }

    static synchronized List<Vector> all() {
        if (all == null) {
            List<Vector> out = new ArrayList<>();
            try (InputStream in = Vectors.class.getResourceAsStream("/marshal/vectors.tsv")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    byte[][] dumps = new byte[5][];
                    String[] error = new String[5];
                    for (int v = 0; v < 5; v++) {
                        if (f[3 + v].startsWith("ERR:")) {
                            error[v] = f[3 + v].substring(4);
                        } else {
                            dumps[v] = HexFormat.of().parseHex(f[3 + v]);
                        }
                    }
                    byte[] loaded = f[2].startsWith("ERR:") ? null : HexFormat.of().parseHex(f[2]);
                    out.add(new Vector(f[0], HexFormat.of().parseHex(f[1]), loaded, dumps, error));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            all = List.copyOf(out);
        }
        return all;
    }

    static Vector named(String name) {
        return all().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
