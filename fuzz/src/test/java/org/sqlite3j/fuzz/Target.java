package org.sqlite3j.fuzz;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One fuzz target: a parser of untrusted input and the exceptions its documentation lists. Every input
 * goes through {@link #run}, which holds the target to its invariants and fails (an
 * {@link AssertionError}: a finding for Jazzer, a failure in regression mode) when one is broken:
 *
 * <ul>
 *   <li><b>Only documented exceptions</b> ({@link Invariants#judge}): the class is one the target
 *       documents, thrown by sqlite3j's own code, and no programming error hides among its causes.</li>
 *   <li><b>Bounded time</b>: an input that takes more than {@link #SLOW_NANOS} (1 s) of the JVM's CPU time
 *       (all its threads: a busy machine does not slow it) is run again twice; when the fastest of the three
 *       still takes more, it is a finding (the first inputs also pay for the JIT).
 *       An input still running after {@link Watchdog#HANG_SECONDS} stops the JVM ({@link Watchdog}).</li>
 *   <li><b>Bounded memory</b>: the bytes the fuzzing thread allocates for one input may not exceed
 *       {@link #memoryBound(int)} (64 MiB plus 4 KiB per input byte), again the least of three runs (the
 *       first inputs also load and instrument classes); beyond the heap (-Xmx) an OutOfMemoryError is a
 *       finding too. Work a target moves to another thread (marshal's deep-value stack) is not counted.</li>
 * </ul>
 *
 * Figures ({@link Figures}) are kept for the report each fuzz test prints when it ends.
 */
final class Target {

    /** An input slower than this is timed again; still slower, it is a finding. */
    static final long SLOW_NANOS = 1_000_000_000L;
    /** What any input may allocate besides {@link #MEMORY_PER_BYTE} per input byte. */
    static final long MEMORY_BASE = 64L << 20;
    /** What an input may allocate per byte of its own, besides {@link #MEMORY_BASE}. */
    static final long MEMORY_PER_BYTE = 4L << 10;

    /** The code under test, for one input. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private final String name;
    private final Invariants invariants;
    private final Figures figures;
    private final ToLongFunction<byte[]> resultMemory;
    private final long slowNanos;

    private Target(String name, Invariants invariants, ToLongFunction<byte[]> resultMemory, long slowNanos) {
        this.name = name;
        this.invariants = invariants;
        this.figures = new Figures(name);
        this.resultMemory = resultMemory;
        this.slowNanos = slowNanos;
    }

    /**
     * A target called {@code name} (e.g. "pickle.loads") whose documented exceptions are {@code documented}
     * (instances of subclasses are documented too).
     */
    static Target of(String name, List<Class<? extends Throwable>> documented) {
        return new Target(name, new Invariants(name, documented), input -> 0, SLOW_NANOS);
    }

    /**
     * This target, where an input may also allocate {@code resultMemory(input)} bytes: for a target whose
     * result is by specification larger than linear in its input (pickletools' listing, see
     * PickleFuzzTest), an upper bound of what building that result takes.
     */
    Target withResultMemory(ToLongFunction<byte[]> bound) {
        return new Target(name, invariants, bound, slowNanos);
    }

    /** This target with another time limit than {@link #SLOW_NANOS}: for the harness's own tests. */
    Target withSlowNanos(long nanos) {
        return new Target(name, invariants, resultMemory, nanos);
    }

    String name() {
        return name;
    }

    Figures figures() {
        return figures;
    }

    /**
     * For a body that catches a documented exception itself (to go on with the same input): fails as
     * {@link #run} would when {@code thrown} breaks the rule of {@link Invariants}.
     */
    void requireDocumented(Throwable thrown, byte[] input) {
        invariants.judge(thrown, input);
    }

    /** The most an input of {@code length} bytes may allocate (besides a result memory, if any). */
    static long memoryBound(int length) {
        return MEMORY_BASE + MEMORY_PER_BYTE * length;
    }

    private long memoryBound(byte[] input) {
        return memoryBound(input.length) + resultMemory.applyAsLong(input);
    }

    /**
     * Runs {@code body} for {@code input} under the invariants; the outcome is counted in the figures.
     *
     * @throws AssertionError when an invariant is broken (its message says which, for which input)
     */
    void run(byte[] input, Body body) {
        try {
            check(input, body);
        } catch (AssertionError finding) {
            figures.finding();
            throw finding;
        }
    }

    private void check(byte[] input, Body body) {
        long allocatedBefore = allocatedBytes();
        long start = cpuNanos();
        Throwable thrown = timed(input, body);
        long nanos = cpuNanos() - start;
        long allocated = allocatedBytes() - allocatedBefore;

        String outcome = invariants.judge(thrown, input);
        if (nanos > slowNanos || allocated > memoryBound(input)) {
            // the first inputs also pay for class loading and Jazzer's instrumentation, and a busy machine
            // slows any input: an input counts as slow or greedy only if it still is when run again
            for (int i = 0; i < 2 && (nanos > slowNanos || allocated > memoryBound(input)); i++) {
                long again = cpuNanos();
                long allocatedAgain = allocatedBytes();
                timed(input, body);
                nanos = Math.min(nanos, cpuNanos() - again);
                allocated = Math.min(allocated, allocatedBytes() - allocatedAgain);
            }
            figures.rerun();
        }
        if (nanos > slowNanos) {
            throw new AssertionError(String.format("%s: took %.2f s of CPU (fastest of 3 runs) on a %d-byte input,"
                    + " more than the %.2f s any input may take: %s", name, nanos / 1e9, input.length,
                    slowNanos / 1e9, Invariants.describe(input)));
        }
        if (allocated > memoryBound(input)) {
            throw new AssertionError(String.format("%s: allocated %,d bytes (least of 3 runs) for a %d-byte input,"
                    + " more than the %,d bytes allowed (64 MiB + 4 KiB per input byte%s): %s", name, allocated,
                    input.length, memoryBound(input), resultMemory.applyAsLong(input) > 0 ? " + its result's" : "",
                    Invariants.describe(input)));
        }
        figures.record(input, outcome, nanos, allocated);
    }

    private Throwable timed(byte[] input, Body body) {
        Watchdog.begin(name, input);
        try {
            body.run();
            return null;
        } catch (Throwable t) {
            return t;
        } finally {
            Watchdog.end();
        }
    }

    private static long allocatedBytes() {
        return ALLOCATION.getCurrentThreadAllocatedBytes();
    }

    /** The JVM's CPU time: every thread (a target's helper threads, GC), and none of the other processes. */
    private static long cpuNanos() {
        return CPU.getProcessCpuTime();
    }

    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
}
