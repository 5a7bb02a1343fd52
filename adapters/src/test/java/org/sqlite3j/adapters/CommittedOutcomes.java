package org.sqlite3j.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sqlite3j.testkit.Python;

/**
 * CPython 3.13's outcomes for a list of inputs, committed in {@code src/test/resources/outcomes/<name>.tsv}
 * (a digest of the input, a tab, the outcome) so that the tests pin CPython's behaviour without it, as
 * mutation testing runs them; with CPython 3.13 present they are checked against it first, and
 * rewritten from it with {@code -Dsqlite3j.outcomes.write=true}. (pickle's tests keep the same rule in
 * their Outcomes.)
 */
final class CommittedOutcomes {
    private static final Path DIR = Path.of("src/test/resources/outcomes");

    private CommittedOutcomes() {
    }

    static boolean cpythonPresent() {
        return !Python.disabled() && Python.findOracle(13).isPresent();
    }

    static List<String> expected(String name, List<byte[]> inputs, Callable<List<String>> cpython) throws Exception {
        Path file = DIR.resolve(name + ".tsv");
        boolean live = cpythonPresent();
        List<String> fresh = live ? cpython.call() : null;
        if (live && Boolean.getBoolean("sqlite3j.outcomes.write")) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                lines.add(key(inputs.get(i)) + "\t" + fresh.get(i));
            }
            Files.createDirectories(DIR);
            Files.write(file, lines, StandardCharsets.UTF_8);
        }
        Map<String, String> committed = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 2);
            committed.put(f[0], f[1]);
        }
        List<String> out = new ArrayList<>();
        for (byte[] input : inputs) {
            String o = committed.get(key(input));
            if (o == null) {
                throw new AssertionError("no committed CPython outcome in " + file + " for an input: run the test with"
                        + " CPython 3.13 and -Dsqlite3j.outcomes.write=true");
            }
            out.add(o);
        }
        if (live) {
            assertThat(fresh).as("the committed outcomes in %s are CPython's", file).isEqualTo(out);
        }
        return out;
    }

    private static String key(byte[] input) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input)).substring(0, 16);
    }
}
