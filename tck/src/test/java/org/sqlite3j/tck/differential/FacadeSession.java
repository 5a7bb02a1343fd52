package org.sqlite3j.tck.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.sqlite3j.adapters.Adapter;
import org.sqlite3j.adapters.Converter;
import org.sqlite3j.adapters.Recipes;
import org.sqlite3j.dbapi.ColumnDescription;
import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Cursor;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * The Java side of the differential test: runs one scenario through the sqlite3j facade and prints
 * the observations in the canonical text of runner.py's {@code Session}, line for line. Keep the
 * two interpreters in step: every step kind and every observation exists in both. The callbacks
 * that steps name (create_function, set_trace_callback...) come from {@link Callbacks}, the twin
 * of runner.py's library.
 */
final class FacadeSession implements AutoCloseable {

    /** A scenario that the Java side cannot express: a mistake in the scenario, not in the facade. */
    static final class ScenarioError extends RuntimeException {
        ScenarioError(String message) {
            super(message);
        }
    }

    private final Scenario scenario;
    private final Path tmp;
    private final List<String> out = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final Map<String, Cursor> cursors = new HashMap<>();
    private Connection con;
    private String current;
    private Row row;
    /** What the "record" trace callback received since the last observation. */
    private final List<String> traced = new ArrayList<>();
    private final Callbacks callbacks = new Callbacks(traced);
    /**
     * The adapter and converter registrations of the scenario so far: Python's registries are
     * module-global, so each is made on every connection of the scenario, those opened later too.
     */
    private final List<Consumer<Connection>> registrations = new ArrayList<>();

    private FacadeSession(Scenario scenario, Path tmpdir) {
        this.scenario = scenario;
        this.tmp = tmpdir.resolve("test.db");
    }

    /** The canonical text of one scenario, as a list of lines. */
    static List<String> run(Scenario scenario) {
        Path tmpdir;
        try {
            tmpdir = Files.createTempDirectory("sqlite3j-differential");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (FacadeSession session = new FacadeSession(scenario, tmpdir)) {
            session.runSteps();
            return session.out;
        } finally {
            deleteTree(tmpdir);
        }
    }

    private void runSteps() {
        out.add("=== " + scenario.name());
        try {
            connect(scenario.connect());
        } catch (RuntimeException e) {
            out.add("connect: " + showError(e));
            return;
        }
        out.add("connect: ok");
        observe();
        int number = 0;
        for (List<Object> step : scenario.steps()) {
            number++;
            String kind = (String) step.get(0);
            String shown;
            try {
                shown = step(kind, step.subList(1, step.size()));
            } catch (ScenarioError e) {
                throw e;
            } catch (RuntimeException e) {
                shown = showError(e);
            }
            out.add("#" + number + " " + kind + ": " + shown);
            observe();
        }
    }

    // ---- steps ----------------------------------------------------------------------------------

    private void connect(Map<String, Object> options) {
        String database = ((String) options.getOrDefault("database", ":memory:"))
                .replace("{tmp}", tmp.toString());
        if (database.equals("tmp")) {
            database = tmp.toString();
        }
        ConnectOptions opts = ConnectOptions.defaults();
        if (options.containsKey("isolation_level")) {
            opts = opts.isolationLevel((String) options.get("isolation_level"));
        }
        if (options.containsKey("autocommit")) {
            opts = opts.autocommit(autocommitValue(options.get("autocommit")));
        }
        if (options.containsKey("uri")) {
            opts = opts.uri((Boolean) options.get("uri"));
        }
        if (options.containsKey("timeout")) {
            opts = opts.timeout(((Number) options.get("timeout")).doubleValue());
        }
        if (options.containsKey("detect_types")) {
            opts = opts.detectTypes(((Number) options.get("detect_types")).intValue());
        }
        Connection connection = Sqlite3.connect(database, opts);
        connections.add(connection);
        for (Consumer<Connection> registration : registrations) {
            registration.accept(connection);
        }
        if ("Row".equals(options.get("row_factory"))) {
            connection.rowFactory(Row.FACTORY);
        }
        if ("bytes".equals(options.get("text_factory"))) {
            connection.textFactory(byte[].class);
        }
        con = connection;
        cursors.clear();
        cursors.put("main", connection.cursor());
        current = "main";
    }

    /** Runs one step; returns what it shows ("ok" or the rows it fetched). */
    private String step(String kind, List<Object> args) {
        Cursor cur = cursors.get(current);
        switch (kind) {
            case "connect":
                connect(args.isEmpty() ? Map.of() : asMap(args.get(0)));
                break;
            case "execute":
                execute(cur::execute, cur::execute, cur::execute, args);
                break;
            case "con.execute":
                cursors.put("con", execute(con::execute, con::execute, con::execute, args));
                current = "con";
                break;
            case "executemany":
                cur.executemany(sql(args), parameterSets(args));
                break;
            case "executemany_iter":
                cur.executemany(sql(args), parameterSets(args).iterator());
                break;
            case "executescript":
                cur.executescript(sql(args));
                break;
            case "fetchone":
                row = cur.fetchone();
                return "row " + showRow(row);
            case "fetchmany":
                return showRows(args.isEmpty() ? cur.fetchmany() : cur.fetchmany(intArg(args)));
            case "fetchall":
                return showRows(cur.fetchall());
            case "arraysize":
                cur.arraysize(intArg(args));
                break;
            case "row":
                Object key = args.get(0);
                Object value = key instanceof String ? row.get((String) key) : row.get(intArg(args));
                return "value " + Tokens.encode(value);
            case "commit":
                con.commit();
                break;
            case "rollback":
                con.rollback();
                break;
            case "close":
                con.close();
                break;
            case "close_cursor":
                cur.close();
                break;
            case "isolation_level":
                con.isolationLevel((String) args.get(0));
                break;
            case "autocommit":
                con.autocommit(autocommitValue(args.get(0)));
                break;
            case "row_factory":
                con.rowFactory("Row".equals(args.get(0)) ? Row.FACTORY : null);
                break;
            case "text_factory":
                con.textFactory("bytes".equals(args.get(0)) ? byte[].class : String.class);
                break;
            case "cursor":
                cursors.put((String) args.get(0), con.cursor());
                current = (String) args.get(0);
                break;
            case "use":
                current = (String) args.get(0);
                break;
            case "create_function":
                if (args.size() > 3) {
                    con.createFunction(name(args), narg(args), callbacks.scalar(impl(args, 2)),
                            (Boolean) args.get(3));
                } else {
                    con.createFunction(name(args), narg(args), callbacks.scalar(impl(args, 2)));
                }
                break;
            case "create_aggregate":
                con.createAggregate(name(args), narg(args), callbacks.aggregate(impl(args, 2)));
                break;
            case "create_window_function":
                con.createWindowFunction(name(args), narg(args), callbacks.window(impl(args, 2)));
                break;
            case "create_collation":
                con.createCollation(name(args), callbacks.collation(impl(args, 1)));
                break;
            case "set_progress_handler":
                con.setProgressHandler(callbacks.progress(impl(args, 0)), ((Number) args.get(1)).intValue());
                break;
            case "progress_called":
                return "called " + (callbacks.progressCalled() ? "True" : "False");
            case "set_trace_callback":
                con.setTraceCallback(callbacks.trace(impl(args, 0)));
                break;
            case "register_converter": {
                String typename = name(args);
                Converter<?> converter = Callbacks.converter(impl(args, 1));
                register(c -> c.converters().register(typename, converter));
                break;
            }
            case "register_adapter": {
                @SuppressWarnings("unchecked")
                Class<Object> type = (Class<Object>) Callbacks.adaptedClass(name(args));
                Adapter<Object> adapter = Callbacks.adapter(impl(args, 1));
                register(c -> c.adapters().register(type, adapter));
                break;
            }
            case "register_defaults":
                register(c -> Recipes.pythonDefaults(c.adapters(), c.converters()));
                break;
            default:
                throw new ScenarioError("unknown step \"" + kind + "\" in " + scenario);
        }
        return "ok";
    }

    /** A registration made on every connection so far and on those opened later (module-global in Python). */
    private void register(Consumer<Connection> registration) {
        registrations.add(registration);
        for (Connection connection : connections) {
            registration.accept(connection);
        }
    }

    /** {@code execute(sql)}, {@code execute(sql, sequence)} or {@code execute(sql, dict)}. */
    @SuppressWarnings("unchecked")
    private Cursor execute(Function<String, Cursor> plain,
            BiFunction<String, List<?>, Cursor> sequence, BiFunction<String, Map<String, ?>, Cursor> named,
            List<Object> args) {
        if (args.size() == 1) {
            return plain.apply(sql(args));
        }
        Object parameters = Tokens.decodeParameters(args.get(1));
        if (parameters instanceof List) {
            return sequence.apply(sql(args), (List<?>) parameters);
        }
        if (parameters instanceof Map) {
            return named.apply(sql(args), (Map<String, ?>) parameters);
        }
        throw new ScenarioError(scenario + ": execute takes a list or an object of parameters;"
                + " the facade has no overload for a single value");
    }

    private List<Object> parameterSets(List<Object> args) {
        List<Object> sets = new ArrayList<>();
        for (Object set : (List<?>) args.get(1)) {
            sets.add(Tokens.decodeParameters(set));
        }
        return sets;
    }

    private static String sql(List<Object> args) {
        return (String) args.get(0);
    }

    private static String name(List<Object> args) {
        return (String) args.get(0);
    }

    private static int narg(List<Object> args) {
        return ((Number) args.get(1)).intValue();
    }

    /** The library name of a callback, at {@code index} of the step's arguments. */
    private String impl(List<Object> args, int index) {
        if (args.size() <= index || !(args.get(index) instanceof String)) {
            throw new ScenarioError(scenario + ": a callback step needs the name of a library callback");
        }
        return (String) args.get(index);
    }

    private static int intArg(List<Object> args) {
        return ((Number) args.get(0)).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        return (Map<String, Object>) json;
    }

    /** {@code true}, {@code false}, {@code "legacy"} or a number, as in the scenario file. */
    private static int autocommitValue(Object option) {
        if (option instanceof Boolean) {
            return (Boolean) option ? 1 : 0;
        }
        if ("legacy".equals(option)) {
            return Sqlite3.LEGACY_TRANSACTION_CONTROL;
        }
        return ((Number) option).intValue();
    }

    // ---- observations ---------------------------------------------------------------------------

    private void observe() {
        Connection c = con;
        Cursor cur = cursors.get(current);
        out.add("  con: in_transaction=" + attribute(() -> c.inTransaction() ? "True" : "False")
                + " total_changes=" + attribute(() -> String.valueOf(c.totalChanges()))
                + " isolation_level=" + attribute(() -> showLevel(c.isolationLevel()))
                + " autocommit=" + attribute(() -> showAutocommit(c.autocommit())));
        out.add("  cur " + current + ": rowcount=" + attribute(() -> String.valueOf(cur.rowcount()))
                + " lastrowid=" + attribute(() -> cur.lastrowid() == null ? "None" : cur.lastrowid().toString())
                + " arraysize=" + attribute(() -> String.valueOf(cur.arraysize()))
                + " description=" + attribute(() -> showDescription(cur.description())));
        for (String statement : traced) {
            out.add("  trace: " + Tokens.quote(statement));
        }
        traced.clear();
    }

    /** An attribute's value as text, or the class of the exception reading it raised. */
    private static String attribute(Supplier<String> get) {
        try {
            return get.get();
        } catch (RuntimeException e) {
            return "!" + e.getClass().getSimpleName();
        }
    }

    private String showError(RuntimeException e) {
        if (e instanceof Callbacks.Failure) {
            // the library's "raise" callback, escaping (runner.py: its ZeroDivisionError)
            return "error <callback exception> " + Tokens.quote(e.getMessage() == null ? "" : e.getMessage());
        }
        Integer code = null;
        String name = null;
        if (e instanceof Sqlite3.Error) {
            code = ((Sqlite3.Error) e).sqliteErrorcode();
            name = ((Sqlite3.Error) e).sqliteErrorname();
        }
        String message = Tokens.quote(e.getMessage() == null ? "" : e.getMessage());
        if (code != null && scenario.messageMayDiffer()) {
            message = "<message from SQLite>";
        }
        String text = "error " + e.getClass().getSimpleName() + " " + message;
        if (code != null) {
            text += " [" + code + " " + (name == null ? "None" : name) + "]";
        }
        return text;
    }

    private static String showRow(Row row) {
        if (row == null) {
            return "None";
        }
        return row.values().stream().map(Tokens::encode).collect(Collectors.joining(", ", "(", ")"));
    }

    private String showRows(List<Row> rows) {
        if (!rows.isEmpty()) {
            row = rows.get(rows.size() - 1);
        }
        return rows.stream().map(FacadeSession::showRow).collect(Collectors.joining(", ", "rows [", "]"));
    }

    private static String showDescription(List<ColumnDescription> description) {
        if (description == null) {
            return "None";
        }
        return description.stream().map(d -> Tokens.quote(d.name()))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String showLevel(String level) {
        return level == null ? "None" : Tokens.quote(level);
    }

    private static String showAutocommit(int value) {
        switch (value) {
            case 1:
                return "True";
            case 0:
                return "False";
            case Sqlite3.LEGACY_TRANSACTION_CONTROL:
                return "legacy";
            default:
                return String.valueOf(value);
        }
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // as runner.py: closing at the end is not an observation
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test for
        }
    }
}
