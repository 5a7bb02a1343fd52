package org.sqlite3j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.pickle.Pickle;
import org.sqlite3j.pickle.UnpicklingError;

/**
 * The fuzz harness itself: each invariant of {@link Target} fails when it must (else a fuzz run that finds
 * nothing would prove nothing), and passes what it must.
 */
class InvariantsTest {

    private static final byte[] INPUT = {1, 2, 3};

    private static Target pickleTarget() {
        return Target.of("test.pickle", List.of(UnpicklingError.class, StackOverflowError.class));
    }

    @Test
    void documentedExceptionFromSqlite3jIsAnOutcome() {
        Target t = pickleTarget();
        t.run(new byte[0], () -> Pickle.loads(new byte[0]));
        t.run(INPUT, () -> Pickle.loads(new byte[] {'N', '.'}));
        assertThat(t.figures().outcomes()).containsEntry("UnpicklingError", 1L).containsEntry("value", 1L);
        assertThat(t.figures().executions()).isEqualTo(2);
    }

    @Test
    void undocumentedExceptionIsAFinding() {
        Target t = pickleTarget();
        assertThatThrownBy(() -> t.run(INPUT, () -> {
            Object o = null;
            o.hashCode();
        })).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("test.pickle: undocumented java.lang.NullPointerException")
                .hasMessageContaining("3 bytes, sha1 7037807198c22a7d2b0807371d763779a84fdfcf, hex 010203");
        assertThat(t.figures().findings()).isEqualTo(1);
        assertThat(t.figures().line(false, 0, null)).contains("findings 1");
    }

    @Test
    void documentedClassRaisedByTheJdkIsAFinding() {
        Target t = Target.of("test.iae", List.of(IllegalArgumentException.class));
        assertThatThrownBy(() -> t.run(INPUT, () -> "x".repeat(-1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("documented class, but raised by java.lang.String, not by sqlite3j");
    }

    @Test
    void bugHiddenAsACauseIsAFinding() {
        Target t = pickleTarget();
        assertThatThrownBy(() -> t.run(INPUT, () -> {
            throw new UnpicklingError("NullPointerException: boom", new NullPointerException("boom"));
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a java.lang.NullPointerException hidden as the cause of a documented"
                        + " UnpicklingError");
    }

    @Test
    void stackOverflowAsACauseOnlyWhereTheTargetReportsDeepNesting() {
        Invariants pickle = new Invariants("p", List.of(UnpicklingError.class, StackOverflowError.class));
        Invariants strict = new Invariants("s", List.of(UnpicklingError.class));
        UnpicklingError deep = new UnpicklingError("nested too deeply", new StackOverflowError());
        assertThat(pickle.violation(deep)).isNull();
        assertThat(strict.violation(deep)).contains("StackOverflowError hidden as the cause");
        assertThat(pickle.violation(new StackOverflowError())).isEqualTo("undocumented java.lang.StackOverflowError");
    }

    /** The limit is 1 s; these tests use 0.2 s (the same code path) to spend less CPU. */
    @Test
    void inputSlowEveryTimeIsAFinding() {
        assertThat(Target.SLOW_NANOS).isEqualTo(1_000_000_000L);
        Target t = pickleTarget().withSlowNanos(200_000_000L);
        assertThatThrownBy(() -> t.run(INPUT, () -> burnCpu(250_000_000L)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("of CPU (fastest of 3 runs) on a 3-byte input");
    }

    @Test
    void inputSlowOnlyOnceIsRunAgainAndPasses() {
        Target t = pickleTarget().withSlowNanos(200_000_000L);
        int[] calls = {0};
        t.run(INPUT, () -> {
            if (calls[0]++ == 0) {
                burnCpu(250_000_000L);
            }
        });
        assertThat(calls[0]).isEqualTo(2);
        assertThat(t.figures().line(false, 0, null)).contains("rerun 1 (slow or greedy once)");
        assertThat(t.figures().slowestNanos()).isLessThan(200_000_000L);
    }

    /** Busy until the JVM has used {@code nanos} more CPU time (sleeping uses none; a busy machine gives less). */
    private static void burnCpu(long nanos) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long end = os.getProcessCpuTime() + nanos;
        long x = 0;
        while (os.getProcessCpuTime() < end) {
            for (int i = 0; i < 100_000; i++) {
                x += i ^ x;
            }
        }
        if (x == 42) {
            throw new IllegalStateException("unreachable, keeps the loop");
        }
    }

    @Test
    void inputAllocatingPastItsBoundIsAFinding() {
        Target t = pickleTarget();
        long bound = Target.memoryBound(INPUT.length);
        assertThat(bound).isEqualTo((64L << 20) + 3 * 4096);
        byte[][] keep = new byte[1][];
        assertThatThrownBy(() -> t.run(INPUT, () -> keep[0] = new byte[(int) bound + 1024]))
                .isInstanceOf(AssertionError.class).hasMessageContaining("(least of 3 runs) for a 3-byte input");
        keep[0] = null;
        t.run(INPUT, () -> keep[0] = new byte[1 << 20]);
        assertThat(t.figures().mostAllocated()).isBetween(1L << 20, 2L << 20);
        Target listing = pickleTarget().withResultMemory(in -> 2 * bound);
        listing.run(INPUT, () -> keep[0] = new byte[(int) bound + 1024]);
        assertThat(listing.figures().executions()).isEqualTo(1);
    }

    /**
     * An input that never finishes: the watchdog (in a JVM of its own, as it stops it) writes the input,
     * prints the stuck stack and exits with status 70.
     */
    @Test
    void hangStopsTheJvmAndKeepsTheInput(@TempDir Path dir) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dsqlite3j.fuzz.hangSeconds=1", "-Djazzer.internal.basedir=" + dir, Hang.class.getName())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the watchdog stopped the JVM").isTrue();
        String out = Files.readString(dir.resolve("out.txt"));
        assertThat(p.exitValue()).as(out).isEqualTo(Watchdog.EXIT_STATUS);
        assertThat(out).contains("[fuzz] test.hang: an input has run for more than 1 s: 3 bytes")
                .contains(Hang.class.getName() + ".spin(InvariantsTest.java");
        assertThat(Files.readAllBytes(dir.resolve("hang-test.hang-" + Invariants.sha1(INPUT)))).isEqualTo(INPUT);
    }

    /** The JVM {@link #hangStopsTheJvmAndKeepsTheInput} starts. */
    static final class Hang {
        public static void main(String[] args) {
            Target.of("test.hang", List.of()).run(INPUT, Hang::spin);
            System.exit(0); // not reached: the watchdog halts the JVM first
        }

        static void spin() {
            long n = 0;
            while (n >= 0) {
                n = (n + 1) & 0xffff;
            }
        }
    }
}
