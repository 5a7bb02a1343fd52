package org.sqlite3j.pickle;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.sqlite3j.testkit.Python;

/**
 * The pickle tests' CPython: the testkit's oracle (3.8 or newer), run with {@code stdin}; plus the
 * resources and digests the tests compare with its output.
 */
final class CPython {

    private CPython() {
    }

    /** The interpreter, or the test is skipped with the reason. */
    static String require() {
        return Python.oracle(8).executable();
    }

    static Path resource(String name) {
        URL url = CPython.class.getResource("/pickle/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code python args...} feeding {@code stdin}; returns stdout; fails on a non-zero exit. */
    static String run(String stdin, String... args) throws IOException, InterruptedException {
        return Python.oracle(8).call().stdin(stdin).stderrApart().run(args);
    }

    /** Runs a Python program given as text (fed on stdin); its output lines. */
    static String[] runProgram(String program) throws IOException, InterruptedException {
        return run(program, "-c", "import sys; exec(sys.stdin.read())").strip().split("\n");
    }

    /**
     * {@code "protocol length sha256"} of {@code Pickle.dumps(value, p)} for each protocol from
     * {@code first} to {@code last}: the lines the digest programs of the tests print for CPython's.
     */
    static List<String> digests(Object value, int first, int last) {
        List<String> lines = new java.util.ArrayList<>();
        for (int p = first; p <= last; p++) {
            byte[] pickle = Pickle.dumps(value, p);
            try {
                lines.add(p + " " + pickle.length + " "
                        + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pickle)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return lines;
    }
}
