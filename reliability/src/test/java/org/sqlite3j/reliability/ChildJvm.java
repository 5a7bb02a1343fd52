package org.sqlite3j.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child JVM on the test class path (the same {@code java} as the tests, {@code -cp} the test JVM's
 * {@code java.class.path}) running one main class, its stdout and stderr in {@code child.out} of its
 * directory; the crash tests let it write, then kill it with {@link #kill()}.
 *
 * <p>{@link Process#destroyForcibly()} is SIGKILL on Linux ({@code kill(pid, SIGKILL)} in the JDK's
 * ProcessImpl): {@link #kill()} returns the exit status, which the tests require to be 137
 * (128 + 9), the shell's form of "killed by signal 9" as {@code Process.exitValue()} reports it.
 */
final class ChildJvm {

    /** 128 + SIGKILL: the exit status of a process killed by signal 9. */
    static final int SIGKILL_STATUS = 128 + 9;

    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code main} with {@code args}; its output goes to {@code dir/child.out}. */
    private static ChildJvm start(Path dir, Class<?> main, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // C1 only and a small serial heap: the child lives for about a second, and shares two cores.
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("child.out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            return new ChildJvm(p, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One crash trial's child, started ahead of its trial: {@code CrashChild workload dir seed} boots and
     * opens its files while the parent still checks the previous trial, and starts writing only at
     * {@link #crash}.
     */
    static ChildJvm prepare(Path dir, String workload, long seed) {
        return start(dir, CrashChild.class, workload, dir.toString(), Long.toString(seed));
    }

    /**
     * Lets a {@link #prepare prepared} child write ({@link CrashChild#GO} file), waits until every one of
     * {@code logs} has a line (each writer has been acknowledged once), lets it write for a random 0 to
     * {@code maxDelayMs} ms more, kills it, and requires the SIGKILL exit status.
     */
    void crash(Path dir, List<Path> logs, Random random, int maxDelayMs, String context) throws InterruptedException {
        int status;
        try {
            Files.createFile(dir.resolve(CrashChild.GO));
            boolean ready = awaitReady(120, () -> logs.stream().allMatch(ChildJvm::hasLine));
            if (!ready) {
                throw new AssertionError(context + ": not every writer of the child was acknowledged within"
                        + " 120 s; child output:\n" + output());
            }
            Thread.sleep(random.nextInt(maxDelayMs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            status = kill();
        }
        if (status != SIGKILL_STATUS) {
            throw new AssertionError(context + ": the child's exit status was " + status + ", not "
                    + SIGKILL_STATUS + " (SIGKILL); child output:\n" + output());
        }
    }

    private static boolean hasLine(Path log) {
        try {
            return Files.exists(log) && Files.size(log) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until {@code ready} holds, polling; false when the child ended first or {@code seconds}
     * passed (then the caller fails with {@link #output()}).
     */
    private boolean awaitReady(double seconds, BooleanSupplier ready) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** SIGKILL (see the class comment); waits for the end and returns the exit status. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the child JVM " + process.pid() + " did not end 60 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** What the child printed (its exceptions, if any). */
    String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
