package org.sqlite3j.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Finds and runs the newest CPython (3.13 first, then {@code python3}); tests skip when none. */
final class CPython {
    private static Optional<String> found;

    private CPython() {
    }

    static synchronized Optional<String> find() {
        if (found == null) {
            Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv/versions/3.13.0/bin/python3");
            if (Files.isExecutable(pyenv)) {
                found = Optional.of(pyenv.toString());
            } else {
                found = Optional.empty();
                try {
                    Process p = new ProcessBuilder("python3", "-c", "import sys; assert sys.version_info >= (3, 8)")
                            .redirectErrorStream(true).start();
                    if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        found = Optional.of("python3");
                    }
                } catch (IOException e) {
                    found = Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return found;
    }

    /** The interpreter, or the test is skipped with the reason. */
    static String require() {
        Optional<String> py = find();
        Assumptions.assumeTrue(py.isPresent(), "no CPython found (neither ~/.pyenv/versions/3.13.0 nor python3)");
        return py.get();
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
        String py = require();
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(py);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python timed out");
        }
        String stderr = new String(err.join(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("python failed: " + stderr);
        }
        return new String(out.join(), StandardCharsets.UTF_8);
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

    private static byte[] readAll(InputStream s) {
        try {
            return s.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
