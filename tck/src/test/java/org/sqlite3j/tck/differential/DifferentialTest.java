package org.sqlite3j.tck.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sqlite3j.tck.report.TckReport;

/**
 * The differential test: every scenario of {@code differential/scenarios/*.json} runs through
 * CPython's sqlite3 (runner.py, in a subprocess) and through the sqlite3j facade
 * ({@link FacadeSession}); the two canonical texts must be equal line for line.
 *
 * <p>Without CPython 3.13 the facade is compared with the committed expectations
 * ({@code differential/expected/*.txt}, written by {@code runner.py --regenerate}); with it, the
 * committed expectations are also checked against what CPython prints, so they cannot go stale.
 */
class DifferentialTest {

    /** Issue 7 asks for at least 300 fixed scenarios that agree with CPython. */
    private static final int MINIMUM_AGREEING_SCENARIOS = 300;

    private static final String REGENERATE = "regenerate with: ~/.pyenv/versions/3.13.0/bin/python3"
            + " tck/src/test/resources/differential/runner.py --regenerate";

    @TestFactory
    Stream<DynamicContainer> facadeBehavesAsCPython() {
        Path base = baseDirectory();
        List<String> tried = new ArrayList<>();
        Optional<CPython> python = CPython.locate(base.resolve("runner.py"), tried);
        String noPython = "no CPython 3.13 to run runner.py (" + String.join("; ", tried) + ")";
        return scenarioFiles(base).stream().map(file -> scenarioFile(base, file, python, noPython));
    }

    @Test
    void enoughScenariosMustAgree() {
        List<Scenario> all = scenarioFiles(baseDirectory()).stream()
                .flatMap(file -> Scenario.load(file).stream())
                .collect(Collectors.toList());
        assertThat(all.stream().filter(Scenario::mustAgree).count())
                .as("scenarios that must agree with CPython (neither pending nor known differences), of %d",
                        all.size())
                .isGreaterThanOrEqualTo(MINIMUM_AGREEING_SCENARIOS);
    }

    private static DynamicContainer scenarioFile(Path base, Path file, Optional<CPython> python,
            String noPython) {
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        Path expectedFile = base.resolve("expected").resolve(stem + ".txt");
        List<Scenario> scenarios = Scenario.load(file);
        Supplier<List<String>> live = once(() -> python.orElseThrow().observe(file));
        Supplier<Map<String, List<String>>> reference = python.isPresent()
                ? once(() -> CanonicalText.split(live.get()))
                : once(() -> CanonicalText.read(expectedFile));
        String label = python.map(p -> "CPython (" + p.version() + ")")
                .orElse("committed expected/" + expectedFile.getFileName());

        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("committed expectations list exactly these scenarios", () ->
                assertThat(CanonicalText.read(expectedFile).keySet())
                        .as("scenario names in expected/%s; %s", expectedFile.getFileName(), REGENERATE)
                        .containsExactlyElementsOf(
                                scenarios.stream().map(Scenario::name).collect(Collectors.toList()))));
        tests.add(dynamicTest("committed expectations equal CPython's output", () -> {
            assumeTrue(python.isPresent(), noPython);
            List<String> committed = readCommitted(expectedFile);
            assertThat(committed)
                    .withFailMessage(() -> "expected/" + expectedFile.getFileName() + " is stale; "
                            + REGENERATE + "\n" + TextDiff.show(committed, "committed", live.get(), label))
                    .isEqualTo(live.get());
        }));
        for (Scenario scenario : scenarios) {
            tests.add(dynamicTest(scenario.name(),
                    () -> compare(scenario, reference.get().get(scenario.name()), label)));
        }
        return dynamicContainer(file.getFileName() + " vs " + label
                + (python.isPresent() ? "" : " [" + noPython + "]"), tests);
    }

    private static void compare(Scenario scenario, List<String> expected, String label) {
        COMPARED.incrementAndGet();
        assertThat(expected).as("%s has no output for %s; %s", label, scenario, REGENERATE).isNotNull();
        List<String> actual = FacadeSession.run(scenario);
        Optional<Integer> difference = TextDiff.firstDifference(expected, actual);
        Supplier<String> diff = () -> TextDiff.show(expected, label, actual, "sqlite3j");

        if (scenario.knownDifference() != null) {
            Scenario.KnownDifference known = scenario.knownDifference();
            assertThat(difference)
                    .withFailMessage("%s is marked as a known difference (%s) but now agrees with %s:"
                            + " remove the marker", scenario, known.reason(), label)
                    .isPresent();
            assertThat(TextDiff.lineAt(actual, difference.get()))
                    .withFailMessage(() -> scenario + ": the known difference (" + known.reason()
                            + ") should show \"" + known.javaShows() + "\" first\n" + diff.get())
                    .contains(known.javaShows());
            return;
        }
        if (scenario.pending() != null) {
            assertThat(difference)
                    .withFailMessage("%s is marked pending (%s) but now agrees with %s: remove the marker",
                            scenario, scenario.pending(), label)
                    .isPresent();
            Assumptions.abort("pending: " + scenario.pending() + "\n" + diff.get());
        }
        assertThat(actual)
                .withFailMessage(() -> scenario + " disagrees with " + label + "\n" + diff.get())
                .isEqualTo(expected);
        AGREEING.incrementAndGet();
    }

    /** Scenarios that agreed with CPython (or its recorded output) in this run. */
    private static final AtomicInteger AGREEING = new AtomicInteger();
    /** Scenarios compared in this run, whatever the outcome. */
    private static final AtomicInteger COMPARED = new AtomicInteger();

    /** The report's "differential scenarios agreeing: A/B" (B: every fixed scenario), see TckReport. */
    @AfterAll
    static void recordFigures() {
        if (COMPARED.get() == 0) {
            return;
        }
        int total = scenarioFiles(baseDirectory()).stream().mapToInt(file -> Scenario.load(file).size()).sum();
        TckReport.record("differential", Map.of("agreeing", AGREEING.get(), "total", total,
                "compared", COMPARED.get()));
    }

    // ---- files ----------------------------------------------------------------------------------

    /** The directory of runner.py, scenarios/ and expected/ (on the test class path). */
    private static Path baseDirectory() {
        URL runner = DifferentialTest.class.getResource("/differential/runner.py");
        assertThat(runner).as("differential/runner.py on the test class path").isNotNull();
        try {
            return Path.of(runner.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> scenarioFiles(Path base) {
        try (Stream<Path> files = Files.list(base.resolve("scenarios"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed expectations without their "# generated by" header. */
    private static List<String> readCommitted(Path expectedFile) throws IOException {
        assertThat(expectedFile).as(REGENERATE).exists();
        return Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                .dropWhile(line -> !line.startsWith("=== "))
                .collect(Collectors.toList());
    }

    /** A supplier that computes its value on first use only (a failure is thrown again each time). */
    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public synchronized T get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
