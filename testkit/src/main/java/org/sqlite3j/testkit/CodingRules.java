package org.sqlite3j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's mechanical house rules, checked by every module's {@code CodingRulesTest} on its own
 * sources: one place for the rules, and each module's exceptions listed, with the reason, in its test.
 *
 * <pre>{@code
 * assertThat(CodingRules.forModule()
 *         .allow(Rule.SIZE, "Connection.java", "Python's Connection is one large API")
 *         .problems()).as("house rules").isEmpty();
 * }</pre>
 *
 * {@link #problems()} lists every violation that is not allowed, and for every allowance that no
 * longer matches anything (so the list of exceptions cannot outlive its reason). Comment lines (those
 * starting with {@code //}, {@code /*} or {@code *}) are not searched for the banned calls.
 */
public final class CodingRules {
    /** Longest main source file, in lines ("about 600", with a little slack). */
    public static final int MAX_LINES = 650;

    /** One rule: what it bans, where it looks. */
    public enum Rule {
        /** A main source file longer than {@link #MAX_LINES}: one concept per file. */
        SIZE(null, false),
        /** Reflection that could resolve a name read from data (pickle, JSON, a URL): never on stream data. */
        REFLECTION(Pattern.compile("Class\\.for" + "Name|getDeclared" + "Constructor|get" + "Method\\(|load" + "Class\\("), false),
        /** Library code never prints: it returns, raises or takes a writer. */
        SYSTEM_OUT(Pattern.compile("System\\.(out|err)\\b"), false),
        /** Case conversion always names its locale ({@code Locale.ROOT}): no Turkish-i surprises. */
        LOCALE(Pattern.compile("to(Lower|Upper)Case\\(\\)"), false),
        /** No static mutable map: registries belong to an object (a connection, a policy), never to the JVM. */
        STATIC_MUTABLE_MAP(Pattern.compile(
                "static\\s+(final\\s+)?(Map|HashMap|LinkedHashMap|TreeMap|ConcurrentHashMap|ConcurrentMap)\\s*<.*=\\s*new\\s+"
                        + "(HashMap|LinkedHashMap|TreeMap|ConcurrentHashMap)\\s*<"), false),
        /** The product stands alone: no source, test or resource cites a document outside the repository. */
        OUTSIDE_DOCUMENTS(Pattern.compile("STYLE" + "\\.md|DESIGN" + "\\.md|FIELD" + "-NOTES|\\.\\./sha" + "red"), true);

        private final Pattern banned;
        private final boolean everywhere;

        Rule(Pattern banned, boolean everywhere) {
            this.banned = banned;
            this.everywhere = everywhere;
        }
    }

    private final Path module;
    private final Map<String, String> allowed = new LinkedHashMap<>();

    private CodingRules(Path module) {
        this.module = module;
    }

    /** The rules for the module the test runs in (Maven runs tests in the module's directory). */
    public static CodingRules forModule() {
        return forModule(Path.of(System.getProperty("basedir", System.getProperty("user.dir"))));
    }

    /** The rules for the module in {@code moduleDirectory}. */
    public static CodingRules forModule(Path moduleDirectory) {
        return new CodingRules(moduleDirectory);
    }

    /**
     * Allows {@code rule} in the file named {@code fileName} (its simple name, e.g. {@code Main.java}),
     * for the reason given.
     *
     * @return this
     */
    public CodingRules allow(Rule rule, String fileName, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an exception to " + rule + " needs its reason: " + fileName);
        }
        allowed.put(rule + " " + fileName, reason);
        return this;
    }

    /** Every violation of the module, as {@code RULE File.java:line: text}, allowed or not. */
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        for (Path file : files(module.resolve("src/main/java"), ".java")) {
            List<String> lines = read(file);
            if (lines.size() > MAX_LINES) {
                found.add(Rule.SIZE + " " + file.getFileName() + ":" + lines.size() + ": more than " + MAX_LINES + " lines");
            }
            for (Rule rule : Rule.values()) {
                if (rule.banned != null && !rule.everywhere) {
                    scan(file, lines, rule, true, found);
                }
            }
        }
        for (Path file : files(module.resolve("src"), "")) {
            scan(file, read(file), Rule.OUTSIDE_DOCUMENTS, false, found);
        }
        return found;
    }

    /**
     * What breaks the house rules: a violation no allowance covers ("fix it, or allow it with the reason
     * in the module's CodingRulesTest"), an allowance that no longer matches anything (remove it), or no
     * sources at all. Empty when the module keeps them.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (files(module.resolve("src"), "").isEmpty()) {
            problems.add("no sources under " + module.resolve("src"));
        }
        List<String> used = new ArrayList<>();
        for (String v : violations()) {
            String key = v.substring(0, v.indexOf(':'));
            if (allowed.containsKey(key)) {
                used.add(key);
            } else {
                problems.add("broken (fix it, or allow it with the reason): " + v);
            }
        }
        for (String key : allowed.keySet()) {
            if (!used.contains(key)) {
                problems.add("allowance that no longer matches anything (remove it): " + key);
            }
        }
        return problems;
    }

    private static void scan(Path file, List<String> lines, Rule rule, boolean skipComments, List<String> found) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (skipComments && (line.startsWith("//") || line.startsWith("*") || line.startsWith("/*"))) {
                continue;
            }
            if (rule.banned.matcher(line).find()) {
                found.add(rule + " " + file.getFileName() + ":" + (i + 1) + ": " + line);
            }
        }
    }

    private static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // a binary resource: no text to check
        }
    }
}
