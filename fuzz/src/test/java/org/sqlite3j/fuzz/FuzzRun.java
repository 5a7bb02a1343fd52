package org.sqlite3j.fuzz;

import java.nio.file.Path;

/**
 * How this JVM runs the fuzz tests, as the module's pom sets it up: in fuzzing mode when Jazzer's
 * {@code JAZZER_FUZZ} (environment or system property) is non-empty and not false, else in regression
 * mode (the committed corpus is replayed); its outputs (libFuzzer's corpus, crash files, figures) under
 * {@code jazzer.internal.basedir} (the pom: {@code target/fuzz}).
 */
final class FuzzRun {

    private FuzzRun() {
    }

    /** Whether Jazzer fuzzes in this JVM (otherwise it replays the corpus). */
    static boolean fuzzing() {
        String v = System.getenv("JAZZER_FUZZ");
        if (v == null) {
            v = System.getProperty("JAZZER_FUZZ");
        }
        return v != null && !v.isBlank() && !v.equalsIgnoreCase("false") && !v.equals("0")
                && !v.equalsIgnoreCase("no");
    }

    /** Where the fuzz outputs go: {@code jazzer.internal.basedir}, else {@code target/fuzz}. */
    static Path outputDir() {
        String base = System.getProperty("jazzer.internal.basedir");
        return (base == null || base.isBlank() ? Path.of("target", "fuzz") : Path.of(base)).toAbsolutePath();
    }

    /** The directory libFuzzer keeps the inputs it found for {@code testClass}'s fuzz test {@code method}. */
    static Path generatedCorpus(Class<?> testClass, String method) {
        return outputDir().resolve(".cifuzz-corpus").resolve(testClass.getName()).resolve(method);
    }

    /**
     * Prints and writes {@code target}'s figures, for the {@code @AfterAll} of each fuzz test: its seeds are
     * those of {@code formats}, its generated corpus libFuzzer's for the test (shared by the test's targets).
     */
    static void report(Target target, Class<?> testClass, String method, String... formats) {
        int seeds = 0;
        for (String format : formats) {
            seeds += Corpus.size(format);
        }
        target.figures().report(fuzzing(), seeds, generatedCorpus(testClass, method), outputDir().resolve("figures"));
    }
}
