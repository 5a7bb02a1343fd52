package org.sqlite3j.tck.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The conformance kit's one-line report:
 * <pre>CPython tests mapped: N/M; covered: K; n/a: J; differential scenarios agreeing: A/B;
 * persistence: mapped N/M, covered K, n/a J, todo T</pre>
 * (one line). M is the number of test methods of the installed CPython test.test_sqlite3 suite (or of
 * the committed 3.13.0 list when there is no CPython), N how many of them have a row in coverage.tsv,
 * K and J the rows covered and n/a; A of the B fixed differential scenarios agreed with CPython in this
 * run. The persistence part is the same for coverage-persistence.tsv (CPython's shelve, dbm and marshal
 * tests), with its todo rows.
 *
 * <p>During the test run, {@code CoverageMapTest}, {@code PersistenceCoverageMapTest} and
 * {@code DifferentialTest} each record their
 * figures under {@code target/tck-report/}; {@link ReportSessionListener} clears those at the start of
 * the run and, at its end, writes the line to {@code target/tck-report.txt} (and to the test output).
 * After Surefire, {@link #main} (an exec-maven-plugin execution in the test phase of tck's pom) prints
 * the file, so that the line reaches the Maven console although Surefire keeps test output in files.
 */
public final class TckReport {

    static final String FILE = "tck-report.txt";
    static final String PARTS = "tck-report";

    private TckReport() {
    }

    /** The module's target directory as the forked test JVM sees it (Surefire sets basedir). */
    public static Path targetDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("target");
    }

    /** Records one part's figures ("coverage", "coverage-persistence", "differential") for this run. */
    public static synchronized void record(String part, Map<String, ?> figures) {
        Properties p = new Properties();
        figures.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        try {
            Path dir = targetDirectory().resolve(PARTS);
            Files.createDirectories(dir);
            try (var out = Files.newBufferedWriter(dir.resolve(part + ".properties"), StandardCharsets.UTF_8)) {
                p.store(out, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any part recorded its figures in this run. */
    static boolean recorded(Path target) {
        Path dir = target.resolve(PARTS);
        return Files.isRegularFile(dir.resolve("coverage.properties"))
                || Files.isRegularFile(dir.resolve("coverage-persistence.properties"))
                || Files.isRegularFile(dir.resolve("differential.properties"));
    }

    /** Removes the figures of an earlier run. */
    static void clear(Path target) {
        Path dir = target.resolve(PARTS);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The report line from the recorded parts; a part that did not run in this session (a filtered
     * test run) shows "not run".
     */
    static String line(Path target) {
        Properties coverage = read(target.resolve(PARTS).resolve("coverage.properties"));
        Properties differential = read(target.resolve(PARTS).resolve("differential.properties"));
        Properties persistence = read(target.resolve(PARTS).resolve("coverage-persistence.properties"));
        Map<String, String> parts = new LinkedHashMap<>();
        if (coverage == null) {
            parts.put("CPython tests mapped", "not run");
        } else {
            parts.put("CPython tests mapped", coverage.getProperty("mapped") + "/" + coverage.getProperty("suite"));
            parts.put("covered", coverage.getProperty("covered"));
            parts.put("n/a", coverage.getProperty("na"));
        }
        parts.put("differential scenarios agreeing", differential == null ? "not run"
                : differential.getProperty("agreeing") + "/" + differential.getProperty("total"));
        parts.put("persistence", persistence == null ? "not run"
                : "mapped " + persistence.getProperty("mapped") + "/" + persistence.getProperty("suite") + ", covered "
                        + persistence.getProperty("covered") + ", n/a " + persistence.getProperty("na") + ", todo "
                        + persistence.getProperty("todo"));
        StringBuilder b = new StringBuilder();
        parts.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append(": ").append(v));
        return b.toString();
    }

    /** Writes {@code target/tck-report.txt}; returns the line. */
    static String write(Path target) {
        String line = line(target);
        Properties coverage = read(target.resolve(PARTS).resolve("coverage.properties"));
        StringBuilder text = new StringBuilder(line).append('\n');
        if (coverage != null) {
            text.append("# suite: ").append(coverage.getProperty("source")).append("; todo: ")
                    .append(coverage.getProperty("todo")).append("; covered of applicable: ")
                    .append(coverage.getProperty("percent")).append("%\n");
        }
        Properties persistence = read(target.resolve(PARTS).resolve("coverage-persistence.properties"));
        if (persistence != null) {
            text.append("# persistence suite: ").append(persistence.getProperty("source"))
                    .append("; covered of applicable: ").append(persistence.getProperty("percent")).append("%\n");
        }
        try {
            Files.createDirectories(target);
            Files.writeString(target.resolve(FILE), text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line;
    }

    private static Properties read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * Prints {@code <target>/tck-report.txt} (args[0] is the target directory): run by Maven after
     * Surefire. Prints a note instead when the tests did not run (-DskipTests).
     */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "target");
        Path file = target.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            System.out.println("tck report: no " + file + " (the tck tests did not run)");
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!recorded(target)) {
            System.out.println("tck report: CoverageMapTest, PersistenceCoverageMapTest and DifferentialTest did not"
                    + " run in this build; the last report (" + file + ") says:");
        }
        for (String line : lines) {
            System.out.println(line);
        }
    }
}
