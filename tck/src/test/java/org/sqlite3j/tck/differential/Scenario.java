package org.sqlite3j.tck.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scenario of a {@code scenarios/*.json} file: connection options and the steps to run, each
 * step a JSON array {@code [kind, args...]} (see runner.py for the list of kinds).
 *
 * <p>Markers, for the Java side only (runner.py ignores them):
 * <ul>
 *   <li>{@code "pending": "reason"}: the facade is known to disagree; the test is skipped with the
 *       reason while it disagrees and fails once it agrees, so that the marker gets removed.</li>
 *   <li>{@code "known_difference": {"reason": ..., "java_shows": ...}}: a documented deliberate
 *       difference; the outputs must differ and the facade's first differing line must contain
 *       {@code java_shows}.</li>
 *   <li>{@code "message_may_differ": "reason"}: both sides print errors that SQLite reported
 *       (those with an error code) without their message, whose wording depends on the SQLite
 *       version (CPython links 3.40.1, sqlite3j bundles 3.53).</li>
 * </ul>
 */
record Scenario(
        String file,
        String name,
        Map<String, Object> connect,
        List<List<Object>> steps,
        String pending,
        KnownDifference knownDifference,
        boolean messageMayDiffer) {

    /** A deliberate difference: why, and what the facade's output shows instead. */
    record KnownDifference(String reason, String javaShows) {
    }

    private static final Set<String> KEYS =
            Set.of("name", "connect", "steps", "pending", "known_difference", "message_may_differ");

    /** Whether this scenario must agree with CPython (neither pending nor a known difference). */
    boolean mustAgree() {
        return pending == null && knownDifference == null;
    }

    @Override
    public String toString() {
        return file + " :: " + name;
    }

    /** The scenarios of one file, checked for shape so that a typo fails loudly. */
    static List<Scenario> load(Path path) {
        String file = path.getFileName().toString();
        Object json;
        try {
            json = Json.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Object item : list(json, file)) {
            Map<String, Object> map = map(item, file);
            String name = (String) map.get("name");
            String where = file + " :: " + name;
            require(name != null && !name.isBlank(), file + ": a scenario without a name");
            require(names.add(name), where + ": duplicate scenario name");
            for (String key : map.keySet()) {
                require(KEYS.contains(key), where + ": unknown key \"" + key + "\"");
            }
            List<List<Object>> steps = new ArrayList<>();
            for (Object step : list(map.getOrDefault("steps", List.of()), where)) {
                List<Object> parts = list(step, where);
                require(!parts.isEmpty() && parts.get(0) instanceof String,
                        where + ": a step must be [kind, args...]");
                steps.add(parts);
            }
            KnownDifference known = null;
            if (map.containsKey("known_difference")) {
                Map<String, Object> kd = map(map.get("known_difference"), where);
                known = new KnownDifference((String) kd.get("reason"), (String) kd.get("java_shows"));
                require(known.reason() != null && known.javaShows() != null,
                        where + ": known_difference needs \"reason\" and \"java_shows\"");
            }
            scenarios.add(new Scenario(file, name, map(map.getOrDefault("connect", Map.of()), where),
                    steps, (String) map.get("pending"), known, map.containsKey("message_may_differ")));
        }
        return scenarios;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object json, String where) {
        require(json instanceof List, where + ": expected a JSON array");
        return (List<Object>) json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json, String where) {
        require(json instanceof Map, where + ": expected a JSON object");
        return (Map<String, Object>) json;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
