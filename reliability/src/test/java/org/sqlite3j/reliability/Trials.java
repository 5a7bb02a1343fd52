package org.sqlite3j.reliability;

import java.util.Locale;
import java.util.Random;

/**
 * The knobs of a reliability run and the one way its figures are printed.
 *
 * <ul>
 *   <li>{@code -Dsqlite3j.reliability.trials=N}: SIGKILL trials per crash test (each trial kills one
 *       child JVM that writes every target of the test at once); {@value #DEFAULT_TRIALS} in CI.</li>
 *   <li>{@code -Dsqlite3j.reliability.seed=S}: the seed of the workloads and kill delays (printed with
 *       every figure, so a failing run can be repeated; the kill moments still vary with the machine).</li>
 *   <li>{@code -Dsqlite3j.reliability.stressSeconds=S}: how long each pool stress phase runs
 *       ({@value #DEFAULT_STRESS_SECONDS} s in CI).</li>
 * </ul>
 *
 * Figures are printed as {@code [reliability] <test>: <figures>} lines on System.out, which the
 * module's Surefire configuration shows on the console.
 */
final class Trials {

    static final String TRIALS = "sqlite3j.reliability.trials";
    static final String SEED = "sqlite3j.reliability.seed";
    static final String STRESS_SECONDS = "sqlite3j.reliability.stressSeconds";
    static final int DEFAULT_TRIALS = 10;
    static final double DEFAULT_STRESS_SECONDS = 2.5;

    private static final long SEED_VALUE = Long.getLong(SEED, System.nanoTime() & 0xFFFF_FFFFL);

    private Trials() {
    }

    /** SIGKILL trials per crash test. */
    static int count() {
        int n = Integer.getInteger(TRIALS, DEFAULT_TRIALS);
        if (n < 1) {
            throw new IllegalArgumentException("-D" + TRIALS + " must be at least 1, not " + n);
        }
        return n;
    }

    /** The run's seed: {@code -Dsqlite3j.reliability.seed}, else one drawn when the class loaded. */
    static long seed() {
        return SEED_VALUE;
    }

    /** A random source for one named part of the run, reproducible from {@link #seed()}. */
    static Random random(String part) {
        return new Random(seed() * 31 + part.hashCode());
    }

    /** Seconds each stress phase runs. */
    static double stressSeconds() {
        String v = System.getProperty(STRESS_SECONDS);
        return v == null ? DEFAULT_STRESS_SECONDS : Double.parseDouble(v);
    }

    /** Prints one figures line: {@code [reliability] test: figures (seed S)}. */
    static void report(String test, String figures) {
        System.out.println(String.format(Locale.ROOT, "[reliability] %s: %s (seed %d)", test, figures, seed()));
    }

    /** Seconds since {@code startNanos}, for figures. */
    static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
