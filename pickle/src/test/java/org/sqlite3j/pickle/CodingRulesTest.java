package org.sqlite3j.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The module's mechanical bans (STYLE.md 10), checked on the main sources. */
class CodingRulesTest {
    private static List<Path> mainSources() throws IOException {
        Path root = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static List<String> violations(Pattern banned) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path p : mainSources()) {
            List<String> lines = Files.readAllLines(p);
            for (int i = 0; i < lines.size(); i++) {
                if (banned.matcher(lines.get(i)).find()) {
                    found.add(p.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        return found;
    }

    @Test
    void sourcesAreFound() throws IOException {
        assertThat(mainSources()).extracting(p -> p.getFileName().toString()).contains("Unpickler.java", "Pickler.java");
    }

    @Test
    void noReflectionOnNamesFromTheStream() throws IOException {
        assertThat(violations(Pattern.compile("Class\\.forName|getDeclaredConstructor|getMethod\\(|loadClass\\("))).isEmpty();
    }

    @Test
    void noSystemOutInLibraryCode() throws IOException {
        assertThat(violations(Pattern.compile("System\\.(out|err)"))).isEmpty();
    }

    @Test
    void caseConversionAlwaysNamesTheLocale() throws IOException {
        assertThat(violations(Pattern.compile("to(Lower|Upper)Case\\(\\)"))).isEmpty();
    }

    @Test
    void filesStayAroundSixHundredLines() throws IOException {
        for (Path p : mainSources()) {
            assertThat(Files.readAllLines(p).size()).as(p.getFileName().toString()).isLessThanOrEqualTo(650);
        }
    }

    @Test
    void noMutableStaticMaps() throws IOException {
        assertThat(violations(Pattern.compile("static (final )?(Map|HashMap)<.*= new HashMap"))).isEmpty();
    }
}
