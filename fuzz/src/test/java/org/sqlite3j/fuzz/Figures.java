package org.sqlite3j.fuzz;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one target did in this JVM: executions, outcomes (a value, or each documented exception class),
 * the slowest input and its CPU time, the input that allocated most, and how many inputs were run again
 * (slow or greedy the first time).
 * {@link #report} prints one line (on the JVM's own stderr, so that it shows in Maven's output next to
 * libFuzzer's, whatever Surefire does with System.out) and writes it to
 * {@code target/fuzz/figures/TARGET.txt}. Single-threaded, as Jazzer calls a fuzz test.
 */
final class Figures {

    private final String target;
    private long firstNanos;
    private long lastNanos;
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long executions;
    private long inputBytes;
    private long cpuNanos;
    private long slowestNanos = -1;
    private byte[] slowest;
    private long mostAllocated = -1;
    private byte[] mostAllocating;
    private long reruns;
    private long findings;

    Figures(String target) {
        this.target = target;
    }

    void record(byte[] input, String outcome, long nanos, long allocated) {
        lastNanos = System.nanoTime();
        if (executions++ == 0) {
            firstNanos = lastNanos;
        }
        inputBytes += input.length;
        cpuNanos += nanos;
        outcomes.merge(outcome, 1L, Long::sum);
        if (nanos > slowestNanos) {
            slowestNanos = nanos;
            slowest = input.clone();
        }
        if (allocated > mostAllocated) {
            mostAllocated = allocated;
            mostAllocating = input.clone();
        }
    }

    void rerun() {
        reruns++;
    }

    /** An input broke an invariant (the fuzz test fails with it; libFuzzer stops at the first). */
    void finding() {
        findings++;
    }

    long findings() {
        return findings;
    }

    long executions() {
        return executions;
    }

    long slowestNanos() {
        return slowestNanos;
    }

    long mostAllocated() {
        return mostAllocated;
    }

    Map<String, Long> outcomes() {
        return Map.copyOf(outcomes);
    }

    /**
     * The report line: mode, executions and rate, outcomes, corpus (seeds and, when fuzzing, the inputs
     * libFuzzer kept in {@code generated}), slowest input, most memory, findings (each also fails the test
     * with its own report).
     */
    String line(boolean fuzzing, int seeds, Path generated) {
        double seconds = (lastNanos - firstNanos) / 1e9;
        String mix = outcomes.entrySet().stream()
                .map(e -> e.getKey() + " " + percent(e.getValue()))
                .collect(Collectors.joining(", "));
        long found = fuzzing ? count(generated) : 0;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("[fuzz] %-16s %s: %,d executions in %.1f s (%,.0f/s; %.2f ms CPU each), mean input"
                        + " %d bytes; %s; corpus %d seeds", target, fuzzing ? "fuzzing" : "regression", executions,
                seconds, executions / Math.max(seconds, 1e-9), executions == 0 ? 0 : cpuNanos / 1e6 / executions,
                executions == 0 ? 0 : inputBytes / executions, mix, seeds));
        if (fuzzing) {
            sb.append(String.format(" + %d kept by libFuzzer", found));
        }
        if (slowest != null) {
            sb.append(String.format("; slowest %.1f ms CPU (%d bytes, sha1 %.12s)", slowestNanos / 1e6, slowest.length,
                    Invariants.sha1(slowest)));
            sb.append(String.format("; most memory %.1f MiB (%d bytes, sha1 %.12s)", mostAllocated / 1048576.0,
                    mostAllocating.length, Invariants.sha1(mostAllocating)));
        }
        sb.append(String.format("; rerun %d (slow or greedy once); findings %d; this JVM so far: %.1f s CPU", reruns,
                findings,
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime() / 1e9));
        return sb.toString();
    }

    /** Prints {@link #line} and writes it under {@code target/fuzz/figures}. */
    void report(boolean fuzzing, int seeds, Path generated, Path figuresDir) {
        String line = line(fuzzing, seeds, generated);
        @SuppressWarnings("resource") // the JVM's own stderr stays open
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        err.println(line);
        try {
            Files.createDirectories(figuresDir);
            Files.writeString(figuresDir.resolve(target + (fuzzing ? ".fuzzing" : ".regression") + ".txt"),
                    line + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures of " + target + " to " + figuresDir, e);
        }
    }

    private String percent(long n) {
        return String.format("%.1f%%", 100.0 * n / Math.max(executions, 1));
    }

    private static long count(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
