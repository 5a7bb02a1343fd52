package org.sqlite3j.tck.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.tck.differential.Json;
import org.sqlite3j.tck.report.TckReport;
import org.sqlite3j.testkit.Python;

/**
 * The checks of a coverage map: a TSV that maps the test methods of a CPython 3.13 test suite to the
 * sqlite3j tests that check the same behaviour. Every row well formed, every cited Java test method
 * and differential scenario real, every CPython test method in the map exactly once (against the
 * committed 3.13.0 list, and against the installed suite when there is a CPython to ask), and the
 * summary at the top of the map right. The counts per status are the names of the
 * {@link #countsPerModule} tests, and are printed (with what the installed CPython said) to the test's
 * output, which Surefire keeps in {@code <TestClass>-output.txt}.
 *
 * <p>One subclass per map, each giving its {@link Spec}: {@link CoverageMapTest} ({@code coverage.tsv},
 * {@code test.test_sqlite3}) and {@link PersistenceCoverageMapTest} ({@code coverage-persistence.tsv},
 * the rest of the Data Persistence chapter: shelve, dbm, marshal).
 */
abstract class CoverageMapCheck {

    private static final List<String> STATUSES = List.of("covered", "n/a", "todo");
    private static final String HEADER = "module\tclass\tmethod\tstatus\tjava_tests\tnote";

    /** The CPython whose suites the committed snapshots list. */
    static final String SNAPSHOT_VERSION = "3.13.0";
    /** Same switch as the differential suite: a path or command, or "none" for no CPython. */
    private static final long PYTHON_SECONDS = 120;

    /** A new citation starts after a comma only where ClassName# or differential: follows. */
    private static final Pattern CITATION_SEPARATOR =
            Pattern.compile(",\\s*(?=[A-Z][A-Za-z0-9_]*#|differential:)");
    private static final Pattern JAVA_CITATION = Pattern.compile("([A-Z][A-Za-z0-9_]*)#([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern SCENARIO_CITATION = Pattern.compile("differential:([A-Za-z0-9_.-]+\\.json)#(.+)");
    private static final Pattern SUMMARY_LINE = Pattern.compile(
            "#\\s*(\\w+):\\s+(\\d+) covered,\\s+(\\d+) n/a,\\s+(\\d+) todo\\s+\\((\\d+)\\)\\s*");

    static final Path TCK = tckDirectory();
    static final Path ROOT = TCK.getParent();
    static final Path RESOURCES = TCK.resolve("src/test/resources");
    private static final Path LISTER = RESOURCES.resolve("coverage/list_cpython_tests.py");
    private static final Path SCENARIOS = RESOURCES.resolve("differential/scenarios");

    /**
     * One map and what it is checked against.
     *
     * @param mapFile the TSV
     * @param suite the lister's suite argument ("sqlite3", "persistence")
     * @param suiteName the CPython suite, for messages
     * @param modules the CPython test modules the map may name, in the order of its summary block
     * @param snapshot the committed list of the suite's test methods in CPython {@value #SNAPSHOT_VERSION}
     * @param minimumTests a sanity bound on the size of the snapshot
     * @param javaTestRoots where cited Java test classes are looked for
     * @param minimumJavaCitations a sanity bound on the Java citations (a broken citation parser finds none)
     * @param minimumScenarioCitations the same for differential scenario citations (0: none needed)
     * @param minimumCoveredPercent the acceptance bound on covered / (covered + todo), or null for none
     * @param reportPart the part of the tck report ({@link TckReport#record}) its figures go to
     */
    record Spec(Path mapFile, String suite, String suiteName, List<String> modules, Path snapshot, int minimumTests,
            List<Path> javaTestRoots, int minimumJavaCitations, int minimumScenarioCitations,
            Double minimumCoveredPercent, String reportPart) {

        String mapName() {
            return mapFile.getFileName().toString();
        }
    }

    private final Spec spec;
    private final Path mapFile;
    private final Path snapshotFile;
    private final List<String> modules;
    private final List<Path> javaTestRoots;
    private final String map;

    CoverageMapCheck(Spec spec) {
        this.spec = spec;
        this.mapFile = spec.mapFile();
        this.snapshotFile = spec.snapshot();
        this.modules = spec.modules();
        this.javaTestRoots = spec.javaTestRoots();
        this.map = spec.mapName();
    }

    /** One data row of the map. */
    record Entry(int line, String module, String cls, String method, String status, List<String> javaTests,
            String note) {

        String key() {
            return module + "\t" + cls + "\t" + method;
        }

        @Override
        public String toString() {
            return "line " + line + " " + module + "." + cls + "." + method;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The rows
    // ---------------------------------------------------------------------------------------------

    @Test
    void everyRowIsWellFormed() {
        List<String> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<Entry> entries = entries(problems);
        for (Entry e : entries) {
            if (!keys.add(e.key())) {
                problems.add(e + ": a second row for the same test");
            }
            if (!modules.contains(e.module())) {
                problems.add(e + ": unknown module " + e.module());
            }
            if (!STATUSES.contains(e.status())) {
                problems.add(e + ": status must be one of " + STATUSES + ", not '" + e.status() + "'");
            }
            if (e.status().equals("covered") && e.javaTests().isEmpty()) {
                problems.add(e + ": covered, but by no test");
            }
            if (!e.status().equals("covered") && e.note().isBlank()) {
                problems.add(e + ": " + e.status() + " needs a note (the reason, or what is missing)");
            }
            for (String citation : e.javaTests()) {
                if (!JAVA_CITATION.matcher(citation).matches() && !SCENARIO_CITATION.matcher(citation).matches()) {
                    problems.add(e + ": '" + citation + "' is neither ClassName#method nor differential:<file>#<name>");
                }
            }
        }
        assertThat(entries).as("rows in " + map).isNotEmpty();
        assertThat(problems).as("malformed rows of %s", mapFile).isEmpty();
    }

    @Test
    void everyCitedJavaTestExists() {
        Map<String, List<Path>> sources = javaSources();
        Map<Path, String> stripped = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Entry e : entries(new ArrayList<>())) {
            for (String citation : e.javaTests()) {
                Matcher m = JAVA_CITATION.matcher(citation);
                if (!m.matches()) {
                    continue;
                }
                checked++;
                List<Path> files = sources.getOrDefault(m.group(1), List.of());
                if (files.isEmpty()) {
                    problems.add(e + ": no " + m.group(1) + ".java under " + javaTestRoots);
                    continue;
                }
                Pattern testMethod = testMethod(m.group(2));
                boolean found = files.stream()
                        .anyMatch(f -> testMethod
                                .matcher(stripped.computeIfAbsent(f, CoverageMapCheck::withoutComments)).find());
                if (!found) {
                    problems.add(e + ": " + citation + " is not a test method (@Test, @ParameterizedTest, @TestFactory,"
                            + " @RepeatedTest) of " + files);
                }
            }
        }
        assertThat(checked).as("Java test citations").isGreaterThanOrEqualTo(spec.minimumJavaCitations());
        assertThat(problems).as("cited Java tests that do not exist (%s)", map).isEmpty();
    }

    @Test
    void everyCitedScenarioExists() {
        Map<String, Set<String>> names = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Entry e : entries(new ArrayList<>())) {
            for (String citation : e.javaTests()) {
                Matcher m = SCENARIO_CITATION.matcher(citation);
                if (!m.matches()) {
                    continue;
                }
                checked++;
                Set<String> inFile = names.computeIfAbsent(m.group(1), CoverageMapCheck::scenarioNames);
                if (inFile == null) {
                    problems.add(e + ": no scenario file " + SCENARIOS.resolve(m.group(1)));
                } else if (!inFile.contains(m.group(2))) {
                    problems.add(e + ": " + m.group(1) + " has no scenario named '" + m.group(2) + "'");
                }
            }
        }
        assertThat(checked).as("scenario citations").isGreaterThanOrEqualTo(spec.minimumScenarioCitations());
        assertThat(problems).as("cited differential scenarios that do not exist (%s)", map).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // Every CPython test accounted for
    // ---------------------------------------------------------------------------------------------

    @Test
    void theMapHasOneRowPerTestOfTheCommittedList() {
        Set<String> snapshot = snapshot();
        Set<String> mapped = mappedKeys();
        assertThat(snapshot).as("tests in %s", snapshotFile).hasSizeGreaterThanOrEqualTo(spec.minimumTests());
        assertThat(difference(snapshot, mapped)).as("CPython %s tests missing from %s", SNAPSHOT_VERSION, map)
                .isEmpty();
        assertThat(difference(mapped, snapshot)).as("%s rows that are no CPython %s test", map, SNAPSHOT_VERSION)
                .isEmpty();
    }

    /**
     * Asks the installed CPython for its suite (list_cpython_tests.py, bounded in time). With CPython
     * 3.13.0, the version the snapshot lists, the installed suite, the snapshot and the map must be the
     * same set of tests, both ways. Another version (3.11 and 3.12 have tests that 3.13 removed, and lack
     * tests it added; a later 3.13 may add some) cannot be held to the 3.13.0 list both ways, so the 3.13.0
     * list stays the truth: only the direction "every test the installed suite shares with 3.13.0 is in
     * the map" is checked, with a sanity bound on how much the two share; the rest is reported. Without
     * any usable CPython (none found, no test package, or -Dsqlite3j.tck.python=none) the test is skipped
     * and the committed snapshot alone stands (see theMapHasOneRowPerTestOfTheCommittedList).
     */
    @Test
    void theMapMatchesTheInstalledSuite(@TempDir Path work, TestReporter reporter) {
        List<String> tried = new ArrayList<>();
        Optional<InstalledSuite> found = installedSuite(work, tried);
        Assumptions.assumeTrue(found.isPresent(),
                "no CPython >= 3.11 with " + spec.suiteName() + " to ask (" + String.join("; ", tried) + ")");
        InstalledSuite suite = found.get();
        Set<String> snapshot = snapshot();
        Set<String> mapped = mappedKeys();
        report(reporter, "cpython", suite.python() + " " + suite.version() + ": " + suite.tests().size()
                + " tests" + (suite.missingModules().isEmpty() ? "" : ", without " + suite.missingModules())
                + (suite.stubbed().isEmpty() ? "" : ", listed with stand-ins for " + suite.stubbed()));
        if (suite.version().equals(SNAPSHOT_VERSION)) {
            assertThat(suite.missingModules()).as("modules CPython %s could not load", SNAPSHOT_VERSION).isEmpty();
            assertThat(difference(suite.tests(), mapped)).as("installed CPython %s tests missing from %s",
                    SNAPSHOT_VERSION, map).isEmpty();
            assertThat(difference(mapped, suite.tests())).as("%s rows the installed CPython %s does not"
                    + " have", map, SNAPSHOT_VERSION).isEmpty();
            assertThat(difference(suite.tests(), snapshot)).as("%s is stale: regenerate it with list_cpython_tests.py",
                    snapshotFile).isEmpty();
            assertThat(difference(snapshot, suite.tests())).as("%s is stale: regenerate it with list_cpython_tests.py",
                    snapshotFile).isEmpty();
        } else {
            Set<String> shared = new LinkedHashSet<>(suite.tests());
            shared.retainAll(snapshot);
            assertThat(difference(shared, mapped)).as("tests of CPython %s that 3.13.0 also has, missing from"
                    + " " + map, suite.version()).isEmpty();
            assertThat(shared.size()).as("tests CPython %s shares with the 3.13.0 list, of its %d: too few means the"
                    + " listing or the snapshot is broken", suite.version(), suite.tests().size())
                    .isGreaterThanOrEqualTo(suite.tests().size() * 8 / 10);
            assertThat(shared.size()).as("tests CPython %s shares with the 3.13.0 list, of its %d", suite.version(),
                    snapshot.size()).isGreaterThanOrEqualTo(snapshot.size() * 8 / 10);
            report(reporter, "only in " + suite.version(), String.join(", ", difference(suite.tests(), snapshot)));
            report(reporter, "only in " + SNAPSHOT_VERSION, String.valueOf(difference(snapshot, suite.tests()).size())
                    + " tests");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The counts
    // ---------------------------------------------------------------------------------------------

    /**
     * One test per CPython module, named with its counts ("test_dbapi: 135 covered, 35 n/a, 21 todo"),
     * so that the test report shows them; each checks the summary block at the top of coverage.tsv.
     */
    @TestFactory
    Stream<DynamicTest> countsPerModule(TestReporter reporter) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (String module : modules) {
            counts.put(module, new TreeMap<>());
        }
        Map<String, Integer> total = new TreeMap<>();
        for (Entry e : entries(new ArrayList<>())) {
            counts.computeIfAbsent(e.module(), k -> new TreeMap<>()).merge(e.status(), 1, Integer::sum);
            total.merge(e.status(), 1, Integer::sum);
        }
        counts.put("total", total);
        Map<String, List<Integer>> summary = summaryBlock();
        return counts.entrySet().stream().map(module -> {
            Map<String, Integer> c = module.getValue();
            List<Integer> numbers = List.of(c.getOrDefault("covered", 0), c.getOrDefault("n/a", 0),
                    c.getOrDefault("todo", 0), c.values().stream().mapToInt(Integer::intValue).sum());
            String name = String.format("%s: %d covered, %d n/a, %d todo (%d)", module.getKey(), numbers.get(0),
                    numbers.get(1), numbers.get(2), numbers.get(3));
            report(reporter, "coverage", name);
            return dynamicTest(name, () -> {
                assertThat(numbers.get(3)).as("rows for %s", module.getKey()).isPositive();
                assertThat(summary.get(module.getKey())).as("the summary line for %s at the top of %s"
                        + " (covered, n/a, todo, rows)", module.getKey(), map).isEqualTo(numbers);
            });
        });
    }

    /**
     * The figures of the tck report line ({@link TckReport}): of the M test methods of the installed
     * CPython suite (of the committed 3.13.0 list when there is no CPython), N have a row in the map;
     * K rows are covered, J n/a and T todo. Also holds the map to its acceptance bound, where its
     * {@link Spec} has one: at least that percentage of the applicable CPython tests (covered + todo)
     * covered.
     */
    @Test
    void reportFigures(@TempDir Path work, TestReporter reporter) {
        Optional<InstalledSuite> installed = installedSuite(work, new ArrayList<>());
        Set<String> suite = installed.map(InstalledSuite::tests).orElseGet(this::snapshot);
        String source = installed.map(s -> s.python() + " " + s.version() + " (installed " + spec.suiteName() + ")")
                .orElse("the committed CPython " + SNAPSHOT_VERSION + " list (no CPython to ask)");
        Set<String> mapped = mappedKeys();
        long mappedOfSuite = suite.stream().filter(mapped::contains).count();
        Map<String, Integer> status = new TreeMap<>();
        for (Entry e : entries(new ArrayList<>())) {
            status.merge(e.status(), 1, Integer::sum);
        }
        int covered = status.getOrDefault("covered", 0);
        int na = status.getOrDefault("n/a", 0);
        int todo = status.getOrDefault("todo", 0);
        double percent = covered + todo == 0 ? 100.0 : 100.0 * covered / (covered + todo);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("mapped", mappedOfSuite);
        figures.put("suite", suite.size());
        figures.put("covered", covered);
        figures.put("na", na);
        figures.put("todo", todo);
        figures.put("percent", String.format(java.util.Locale.ROOT, "%.1f", percent));
        figures.put("source", source);
        TckReport.record(spec.reportPart(), figures);
        report(reporter, "report", "CPython tests mapped: " + mappedOfSuite + "/" + suite.size() + "; covered: "
                + covered + "; n/a: " + na + "; todo: " + todo + " (" + figures.get("percent")
                + "% of the applicable; " + source + ")");
        if (installed.isEmpty() || installed.get().version().equals(SNAPSHOT_VERSION)) {
            // (another CPython's suite differs from 3.13.0's by design: see theMapMatchesTheInstalledSuite)
            assertThat(mappedOfSuite).as("CPython tests of %s without a row in %s", source, map)
                    .isEqualTo(suite.size());
        }
        if (spec.minimumCoveredPercent() != null) {
            assertThat(percent).as("covered, in %% of the applicable CPython tests (%d covered, %d todo)", covered,
                    todo).isGreaterThanOrEqualTo(spec.minimumCoveredPercent());
        }
    }

    /** To the JUnit report (IDEs, console launcher) and to the test output (Surefire's -output.txt). */
    private static void report(TestReporter reporter, String key, String value) {
        reporter.publishEntry(key, value);
        System.out.println(key + ": " + value);
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the map
    // ---------------------------------------------------------------------------------------------

    private List<Entry> entries(List<String> problems) {
        List<String> lines = readLines(mapFile);
        List<Entry> entries = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (!header) {
                if (!line.equals(HEADER)) {
                    problems.add(map + ":" + (i + 1) + ": the first row must be the header " + HEADER.replace("\t", "<TAB>"));
                }
                header = true;
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                problems.add(map + ":" + (i + 1) + ": " + f.length + " columns instead of 6");
                continue;
            }
            List<String> citations = f[4].isBlank() ? List.of()
                    : Stream.of(CITATION_SEPARATOR.split(f[4].strip())).map(String::strip).collect(Collectors.toList());
            entries.add(new Entry(i + 1, f[0], f[1], f[2], f[3], citations, f[5]));
        }
        if (!header) {
            problems.add(map + " has no header row");
        }
        return entries;
    }

    private Set<String> mappedKeys() {
        return entries(new ArrayList<>()).stream().map(Entry::key).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The "# module: N covered, N n/a, N todo (N)" lines of the header block. */
    private Map<String, List<Integer>> summaryBlock() {
        Map<String, List<Integer>> summary = new HashMap<>();
        for (String line : readLines(mapFile)) {
            Matcher m = SUMMARY_LINE.matcher(line);
            if (line.startsWith("#") && m.matches()) {
                summary.put(m.group(1), List.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
            }
        }
        return summary;
    }

    private Set<String> snapshot() {
        Set<String> tests = new LinkedHashSet<>();
        for (String line : readLines(snapshotFile)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            assertThat(line.split("\t", -1)).as("%s: module<TAB>class<TAB>method", line).hasSize(3);
            assertThat(tests.add(line)).as("listed twice in %s: %s", snapshotFile, line).isTrue();
        }
        return tests;
    }

    private static List<String> difference(Collection<String> a, Collection<String> b) {
        Set<String> inB = new HashSet<>(b);
        return a.stream().filter(x -> !inB.contains(x)).map(x -> x.replace('\t', '.')).collect(Collectors.toList());
    }

    // ---------------------------------------------------------------------------------------------
    // Java test sources
    // ---------------------------------------------------------------------------------------------

    /** Every ClassName.java under the test source roots, by simple name. */
    private Map<String, List<Path>> javaSources() {
        Map<String, List<Path>> sources = new HashMap<>();
        for (Path root : javaTestRoots) {
            assertThat(root).as("a test source root").isDirectory();
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources
                        .computeIfAbsent(p.getFileName().toString().replaceFirst("\\.java$", ""), k -> new ArrayList<>())
                        .add(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    /** A method named {@code name} that carries a JUnit test annotation (other annotations may sit between). */
    private static Pattern testMethod(String name) {
        String annotation = "@\\w+(?:\\s*\\([^)]*\\))?";
        return Pattern.compile("@(?:Test|ParameterizedTest|TestFactory|RepeatedTest)\\b(?:\\s*\\([^)]*\\))?"
                + "(?:\\s*" + annotation + ")*\\s*(?:(?:public|protected|private|static|final)\\s+)*"
                + "(?:[\\w<>\\[\\], ?]+\\s+)?" + Pattern.quote(name) + "\\s*\\(");
    }

    /**
     * The source with its comments and the contents of its string, text-block and char literals blanked
     * out, so that neither a commented-out method nor text such as "@Test" or "/*" in a literal counts.
     */
    private static String withoutComments(Path file) {
        String s = String.join("\n", readLines(file));
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
                out.append(' ');
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                i = end < 0 ? s.length() : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Differential scenarios
    // ---------------------------------------------------------------------------------------------

    /** The scenario names of one scenarios/*.json file, or null when there is no such file. */
    private static Set<String> scenarioNames(String file) {
        Path path = SCENARIOS.resolve(file);
        if (!Files.isRegularFile(path)) {
            return null;
        }
        Object json = Json.parse(String.join("\n", readLines(path)));
        assertThat(json).as("%s: a JSON list of scenarios", path).isInstanceOf(List.class);
        Set<String> names = new HashSet<>();
        for (Object scenario : (List<?>) json) {
            assertThat(scenario).as("%s: a scenario object", path).isInstanceOf(Map.class);
            Object name = ((Map<?, ?>) scenario).get("name");
            assertThat(name).as("%s: a scenario name", path).isInstanceOf(String.class);
            names.add((String) name);
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------
    // The installed CPython
    // ---------------------------------------------------------------------------------------------

    /** What list_cpython_tests.py said; {@code stubbed}: C modules it replaced by stand-ins to list their tests. */
    record InstalledSuite(String python, String version, Set<String> tests, List<String> missingModules,
            List<String> stubbed) {
    }

    /**
     * The first of testkit's CPython candidates ({@link Python#candidates()}: -Dsqlite3j.tck.python, or
     * ~/.pyenv's 3.13.0 and python3 on the PATH) that lists a suite; a Python older than 3.11, or one
     * without the test package, is passed over.
     */
    private Optional<InstalledSuite> installedSuite(Path work, List<String> tried) {
        if (Python.disabled()) {
            tried.add(Python.lookedFor());
            return Optional.empty();
        }
        for (String python : Python.candidates()) {
            Optional<InstalledSuite> suite = list(python, work, tried);
            if (suite.isPresent()) {
                return suite;
            }
        }
        if (tried.isEmpty()) {
            tried.add(Python.lookedFor());
        }
        return Optional.empty();
    }

    private Optional<InstalledSuite> list(String python, Path work, List<String> tried) {
        Path out = work.resolve("tests.out");
        Path err = work.resolve("tests.err");
        ProcessBuilder builder = new ProcessBuilder(python, LISTER.toString(), spec.suite()).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            tried.add(python + ": " + e.getMessage());
            return Optional.empty();
        }
        try {
            if (!process.waitFor(PYTHON_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                tried.add(python + ": no answer within " + PYTHON_SECONDS + " s");
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            tried.add(python + ": interrupted");
            return Optional.empty();
        }
        String version = null;
        Set<String> tests = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        List<String> stubbed = new ArrayList<>();
        for (String line : readLines(out)) {
            String[] f = line.split("\t", -1);
            if (f[0].equals("VERSION") && f.length == 2) {
                version = f[1].strip();
            } else if (f[0].equals("TEST") && f.length == 4) {
                tests.add(f[1] + "\t" + f[2] + "\t" + f[3]);
            } else if (f[0].equals("MISSING") && f.length >= 2) {
                missing.add(f[1]);
            } else if (f[0].equals("STUBBED") && f.length == 2) {
                stubbed.add(f[1]);
            }
        }
        if (process.exitValue() != 0 || version == null || tests.isEmpty()) {
            List<String> errors = readLines(err);
            tried.add(python + (version == null ? "" : " " + version) + ": exit " + process.exitValue() + ", "
                    + tests.size() + " tests" + (errors.isEmpty() ? "" : ", " + errors.get(errors.size() - 1)));
            return Optional.empty();
        }
        if (!atLeast311(version)) {
            tried.add(python + " " + version + ": older than 3.11");
            return Optional.empty();
        }
        return Optional.of(new InstalledSuite(python, version, tests, missing, stubbed));
    }

    private static boolean atLeast311(String version) {
        String[] parts = version.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return major > 3 || (major == 3 && minor >= 11);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Files
    // ---------------------------------------------------------------------------------------------

    /**
     * The tck module directory: Surefire's basedir, else the working directory (the module's, or
     * the reactor root's), else two levels above the compiled test classes (tck/target/test-classes).
     */
    private static Path tckDirectory() {
        List<Path> candidates = new ArrayList<>();
        String basedir = System.getProperty("basedir");
        if (basedir != null && !basedir.isBlank()) {
            candidates.add(Path.of(basedir));
        }
        Path userDir = Path.of(System.getProperty("user.dir"));
        candidates.add(userDir);
        candidates.add(userDir.resolve("tck"));
        try {
            Path classes = Path.of(CoverageMapCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (classes.getParent() != null && classes.getParent().getParent() != null) {
                candidates.add(classes.getParent().getParent());
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // not from a directory: the other candidates must do
        }
        for (Path candidate : candidates) {
            Path dir = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(dir.resolve("coverage.tsv")) && dir.getParent() != null
                    && Files.isDirectory(dir.resolveSibling("dbapi"))) {
                return dir;
            }
        }
        return fail("cannot find the tck module directory (with coverage.tsv, next to dbapi) among " + candidates);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
