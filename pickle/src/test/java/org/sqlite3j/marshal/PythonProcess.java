package org.sqlite3j.marshal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.sqlite3j.testkit.Python;

/**
 * The marshal tests' CPython: the testkit's oracle, 3.13 or newer (whose marshal is the
 * specification), run with the test resources on sys.path. Tests skip when there is none.
 */
final class PythonProcess {

    private PythonProcess() {
    }

    /** The interpreter (CPython 3.13, whose marshal is the specification), or the test is skipped. */
    static String require() {
        return Python.oracle(13).executable();
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
        List<String> cmd = new ArrayList<>(List.of("-c",
                "import sys; sys.path.insert(0, sys.argv[1]); exec(compile(sys.argv[2], '<test>', 'exec'))",
                resource("values.py").getParent().toString(), program));
        cmd.addAll(args);
        return Python.oracle(13).call().stdin(stdin).stderrApart().run(cmd.toArray(String[]::new));
    }
}
