package org.sqlite3j.marshal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs CPython for the live tests, found as the pickle tests' {@code CPython} helper finds it
 * (3.13 under pyenv first, then {@code python3}); that helper is package-private to
 * {@code org.sqlite3j.pickle}, so this is its counterpart here. Tests skip when there is none.
 */
final class PythonProcess {
    private static Optional<String> found;

    private PythonProcess() {
    }

    static synchronized Optional<String> find() {
        if (found == null) {
            Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv/versions/3.13.0/bin/python3");
            found = Files.isExecutable(pyenv) ? Optional.of(pyenv.toString()) : probe();
        }
        return found;
    }

    private static Optional<String> probe() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; assert sys.version_info >= (3, 13)")
                    .redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of("python3") : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The interpreter (CPython 3.13, whose marshal is the specification), or the test is skipped. */
    static String require() {
        Optional<String> py = find();
        Assumptions.assumeTrue(py.isPresent(), "no CPython 3.13 found (neither ~/.pyenv/versions/3.13.0 nor python3)");
        return py.get();
    }

    /** A file of the test resources under {@code /marshal/}. */
    static Path resource(String name) {
        try {
            return Path.of(PythonProcess.class.getResource("/marshal/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code program} with {@code stdin} as its input and the resources on sys.path; its stdout. */
    static String run(String program, String stdin) throws IOException, InterruptedException {
        return exec(program, stdin, List.of());
    }

    /** Runs {@code program} with the arguments as {@code sys.argv[3:]} and no input; its stdout. */
    static String runWithArgs(String program, String... args) throws IOException, InterruptedException {
        return exec(program, "", List.of(args));
    }

    private static String exec(String program, String stdin, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(require(), "-c",
                "import sys; sys.path.insert(0, sys.argv[1]); exec(compile(sys.argv[2], '<test>', 'exec'))",
                resource("values.py").getParent().toString(), program));
        cmd.addAll(args);
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
        if (p.exitValue() != 0) {
            throw new IllegalStateException("python failed: " + new String(err.join(), StandardCharsets.UTF_8));
        }
        return new String(out.join(), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream s) {
        try {
            return s.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
