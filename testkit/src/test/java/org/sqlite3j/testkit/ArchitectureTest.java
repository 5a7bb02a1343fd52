package org.sqlite3j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The claims of docs/ARCHITECTURE.md, checked on the repository's sources: library modules depend only
 * downward (the arrows below), a module's main code imports no package of a module above it, and only the
 * driver and dbapi's engine files reach into sqlite-jdbc ({@code org.sqlite}).
 */
class ArchitectureTest {

    /**
     * The library modules and what each may use directly (the whole closure below it is allowed too):
     * pickle ← adapters ← driver (+ sqltext) ← dbapi ← dbm ← shelve ← cli; flyway on the driver.
     */
    static final Map<String, Set<String>> ARROWS = arrows();

    private static Map<String, Set<String>> arrows() {
        Map<String, Set<String>> arrows = new LinkedHashMap<>();
        arrows.put("pickle", Set.of());
        arrows.put("sqltext", Set.of());
        arrows.put("adapters", Set.of("pickle"));
        arrows.put("driver", Set.of("adapters", "sqltext"));
        arrows.put("flyway", Set.of("driver"));
        arrows.put("dbapi", Set.of("driver"));
        arrows.put("dbm", Set.of("dbapi"));
        arrows.put("shelve", Set.of("dbm"));
        arrows.put("cli", Set.of("shelve"));
        return java.util.Collections.unmodifiableMap(arrows);
    }

    /** The packages each library module owns (org.sqlite3j.X). */
    static final Map<String, Set<String>> PACKAGES = Map.of(
            "pickle", Set.of("pickle", "marshal"), "adapters", Set.of("adapters"), "sqltext", Set.of("sqltext"),
            "driver", Set.of("driver"), "flyway", Set.of("flyway"), "dbapi", Set.of("dbapi"), "dbm", Set.of("dbm"),
            "shelve", Set.of("shelve"), "cli", Set.of("cli"));

    /**
     * dbapi's files that reach into sqlite-jdbc: the implementation of the {@code Engine} interface over
     * sqlite-jdbc (JdbcEngine, its handles, its row reader, its function bridges, its pool adoption). A new
     * file importing org.sqlite fails the test, and so does a file listed here that no longer needs it.
     */
    static final Set<String> DBAPI_SQLITE_JDBC = Set.of("Borrowed.java", "JdbcEngine.java",
            "JdbcHandle.java", "RowReader.java", "UserFunctions.java");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>[^<]*</groupId>\\s*<artifactId>sqlite3j-([a-z]+)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?org\\.sqlite3j\\.([a-z]+)\\.");
    private static final Pattern SQLITE_JDBC = Pattern.compile("\\borg\\.sqlite\\.");

    static Set<String> below(String module) {
        Set<String> out = new TreeSet<>();
        for (String d : ARROWS.get(module)) {
            out.add(d);
            out.addAll(below(d));
        }
        return out;
    }

    @Test
    void everyLibraryModuleIsMapped() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        for (String module : ARROWS.keySet()) {
            assertThat(parent).as("the parent lists " + module).contains("<module>" + module + "</module>");
        }
        assertThat(below("cli")).contains("pickle", "adapters", "sqltext", "driver", "dbapi", "dbm", "shelve");
        assertThat(below("pickle")).isEmpty();
        assertThat(below("dbapi")).containsExactlyInAnyOrder("driver", "adapters", "sqltext", "pickle");
    }

    @Test
    void modulesDependOnlyDownward() throws IOException {
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (String module : ARROWS.keySet()) {
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            Matcher m = DEPENDENCY.matcher(pom);
            while (m.find()) {
                String used = m.group(1);
                boolean testScope = m.group(2).contains("<scope>test</scope>");
                seen++;
                if (used.equals("testkit") ? !testScope : !below(module).contains(used)) {
                    wrong.add(module + " -> " + used + (testScope ? " (test)" : ""));
                }
            }
        }
        assertThat(seen).as("sqlite3j dependencies read from the POMs").isGreaterThan(15);
        assertThat(wrong).as("dependencies that do not point down").isEmpty();
    }

    @Test
    void mainCodeImportsNothingFromAbove() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String module : ARROWS.keySet()) {
            Set<String> allowed = new TreeSet<>(PACKAGES.get(module));
            below(module).forEach(d -> allowed.addAll(PACKAGES.get(d)));
            for (Path file : sources(module)) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (!allowed.contains(m.group(1))) {
                        wrong.add(ROOT.relativize(file) + " imports org.sqlite3j." + m.group(1));
                    }
                }
            }
        }
        assertThat(wrong).as("imports from a module above").isEmpty();
    }

    @Test
    void onlyTheDriverAndDbapisEngineFilesReachIntoSqliteJdbc() throws IOException {
        List<String> wrong = new ArrayList<>();
        Set<String> dbapiUsers = new TreeSet<>();
        int driverUsers = 0;
        for (String module : ARROWS.keySet()) {
            for (Path file : sources(module)) {
                if (!SQLITE_JDBC.matcher(Files.readString(file)).find()) {
                    continue;
                }
                if (module.equals("dbapi")) {
                    dbapiUsers.add(file.getFileName().toString());
                } else if (module.equals("driver")) {
                    driverUsers++;
                } else {
                    wrong.add(ROOT.relativize(file).toString());
                }
            }
        }
        assertThat(driverUsers).as("the driver is built on sqlite-jdbc").isPositive();
        assertThat(wrong).as("files outside the driver and dbapi that use sqlite-jdbc").isEmpty();
        assertThat(dbapiUsers).as("dbapi's files that use sqlite-jdbc (the list only shrinks)")
                .containsExactlyInAnyOrderElementsOf(DBAPI_SQLITE_JDBC);
    }

    private static List<Path> sources(String module) throws IOException {
        Path main = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(main)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
