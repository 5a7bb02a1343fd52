package org.sqlite3j.tck.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance criterion: "iterating a cursor over 10M rows runs with -Xmx64m".
 *
 * <p>A child JVM with {@code -Xmx64m} runs {@link StreamingMain}: it loads 10,000,000 rows into a
 * temp-file database with executemany from a lazy iterator (so executemany must stream too), then
 * reads them all by iteration and by {@code fetchmany(1000)}. Materialising the rows would need
 * well over a gigabyte, so an {@link OutOfMemoryError} (the child exits non-zero with
 * {@code -XX:+ExitOnOutOfMemoryError}), a wrong count or sum, or a run over the time bound fails
 * the test. A second test is the negative control: {@code fetchall()} of 1,000,000 rows in the same
 * heap must fail, which shows that the heap limit bites and that the harness sees the failure.
 *
 * <p>System property {@code sqlite3j.memory.rows} changes the size (default 10,000,000, the
 * criterion); {@code sqlite3j.memory.timeoutSeconds} the bound (default 300).
 */
class StreamingInSmallHeapTest {

    private static final long ROWS = Long.getLong("sqlite3j.memory.rows", 10_000_000L);
    private static final long TIMEOUT_SECONDS = Long.getLong("sqlite3j.memory.timeoutSeconds", 300L);
    private static final String HEAP = "-Xmx64m";
    private static final long HEAP_BYTES = 64L << 20;

    @TempDir
    Path dir;

    @Test
    void iteratingAndFetchmanyOverTenMillionRowsRunInA64MiBHeap() throws Exception {
        Child child = runChild(ROWS, "stream");

        assertThat(child.exitCode)
                .as("child JVM (%s) exit code; its output:%n%s", HEAP, child.output)
                .isZero();
        Map<String, Map<String, String>> facts = child.facts();
        assertThat(Long.parseLong(facts.get("maxHeap").get("maxHeap")))
                .as("the child's max heap").isLessThanOrEqualTo(HEAP_BYTES);
        long expectedSum = ROWS * (ROWS - 1) / 2;
        for (String read : List.of("iterate", "fetchmany")) {
            Map<String, String> fact = facts.get(read);
            assertThat(fact).as("the child's %s line; its output:%n%s", read, child.output).isNotNull();
            assertThat(Long.parseLong(fact.get("rows"))).as("%s row count", read).isEqualTo(ROWS);
            assertThat(Long.parseLong(fact.get("sum"))).as("%s sum of column a", read).isEqualTo(expectedSum);
        }
        assertThat(Long.parseLong(facts.get("fetchmany").get("batches")))
                .as("fetchmany(1000) batches").isEqualTo((ROWS + 999) / 1000);
        System.out.printf("StreamingInSmallHeapTest: %,d rows in %s, %.1f s in all%n%s%n",
                ROWS, HEAP, child.seconds, child.output);
    }

    @Test
    void fetchallOfAMillionRowsDoesNotFitTheSameHeap() throws Exception {
        Child child = runChild(1_000_000L, "fetchall");

        assertThat(child.exitCode)
                .as("the negative control must run out of memory; its output:%n%s", child.output)
                .isNotZero();
        assertThat(child.output).contains("OutOfMemoryError");
        assertThat(child.output).as("the load itself must have succeeded").contains("insert rows=1000000");
    }

    private Child runChild(long rows, String mode) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                StreamingMain.class.getName(),
                dir.resolve("rows-" + mode + ".db").toString(), Long.toString(rows), mode));
        File log = dir.resolve("child-" + mode + ".log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        long start = System.nanoTime();
        boolean finished;
        try {
            finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        if (!finished) {
            fail("the child JVM (%s, %,d rows, %s) did not finish within %d s and was killed; its output:%n%s",
                    HEAP, rows, mode, TIMEOUT_SECONDS, output);
        }
        return new Child(process.exitValue(), output, seconds);
    }

    private static final class Child {
        final int exitCode;
        final String output;
        final double seconds;

        Child(int exitCode, String output, double seconds) {
            this.exitCode = exitCode;
            this.output = output;
            this.seconds = seconds;
        }

        /** Each output line "word k=v k=v" as word -> {k: v}; a line "k=v" as k -> {k: v}. */
        Map<String, Map<String, String>> facts() {
            Map<String, Map<String, String>> facts = new HashMap<>();
            for (String line : output.split("\\R")) {
                String[] words = line.trim().split("\\s+");
                if (words.length == 0 || words[0].isEmpty()) {
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                String key = words[0].contains("=") ? words[0].substring(0, words[0].indexOf('=')) : words[0];
                for (String word : words) {
                    int eq = word.indexOf('=');
                    if (eq > 0) {
                        values.put(word.substring(0, eq), word.substring(eq + 1));
                    }
                }
                facts.put(key, values);
            }
            return facts;
        }
    }
}
