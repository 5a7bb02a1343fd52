package org.sqlite3j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.sqlite3j.adapters.Recipes;
import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.pickle.PyRepr;

/**
 * {@code sqlite3j [OPTIONS] [FILE] [SQL ...]}: the entry point of the runnable jar and of
 * {@code mvn -pl cli -am compile exec:java}. It opens the database and then, in this order:
 * <ol>
 *   <li>runs the SQL arguments and exits (status 1 if one failed);</li>
 *   <li>on a terminal, opens the interactive shell (JLine: editing, history, completion) — on the
 *       bundled demo database without FILE;</li>
 *   <li>without FILE and without a terminal, with {@code --tour} (the cli pom passes it to
 *       {@code exec:java}, so the README's command never waits for input) or when stdin is empty,
 *       prints a tour of the demo database;</li>
 *   <li>otherwise runs the statements read from stdin (status 1 if one failed), without FILE on an
 *       empty in-memory database, as {@code sqlite3} does.</li>
 * </ol>
 * A FILE that is a Python shelf or dbm file ({@link ShelfView#detect}; {@code --shelf}, {@code --sql})
 * opens read-only in the {@link ShelfView} instead, in the same three ways (arguments, terminal, stdin).
 * Usage mistakes print the reason and exit with status 2 (as Python's argparse). Output is UTF-8.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err, System.console() != null);
        System.out.flush();
        if (status != 0) {
            System.exit(status); // a zero status returns normally (exec:java runs in Maven's JVM)
        }
    }

    /**
     * Runs the shell as the command line says, on the given streams.
     *
     * @param terminal whether stdin and stdout are a terminal (the interactive shell then uses the
     *                 system terminal through JLine rather than {@code stdin}/{@code stdout})
     * @return the exit status
     */
    static int run(String[] args, InputStream stdin, OutputStream stdout, OutputStream stderr, boolean terminal) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        try {
            return run(args, stdin, out, err, terminal);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err, boolean terminal) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (ShellException e) {
            err.println("Error: " + e.getMessage());
            err.println(Options.USAGE.lines().findFirst().orElse(""));
            return 2;
        }
        if (options.help()) {
            out.print(Options.USAGE);
            return 0;
        }
        if (options.version()) {
            out.println(Version.line());
            return 0;
        }
        boolean interactive = options.interactive() != null ? options.interactive() : terminal;
        BufferedReader input = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        boolean tour = false;
        if (options.database() == null && options.commands().isEmpty() && !interactive) {
            try {
                tour = options.tour() || isEmpty(input);
            } catch (IOException e) {
                err.println("Error: cannot read stdin: " + e.getMessage());
                return 1;
            }
        }
        if (options.database() != null) {
            Optional<String> dbm;
            try {
                dbm = ShelfView.detect(options.database(), options.shelf());
            } catch (ShellException e) {
                err.println("Error: " + e.getMessage());
                return 1;
            }
            if (dbm.isPresent()) {
                return shelf(options, input, out, err, interactive);
            }
        }
        String database = options.database() == null && !interactive && !tour ? ":memory:" : options.database();
        Connection con;
        try {
            con = open(database, options.readonly(), options.detectTypes());
        } catch (RuntimeException e) {
            err.println("Error: cannot open " + describeDatabase(options.database()) + ": " + Shell.describe(e));
            return 1;
        }
        try (con) {
            if (!options.commands().isEmpty()) {
                Shell shell = newShell(con, options, out, err, null);
                for (String command : options.commands()) {
                    if (!shell.runArgument(command)) {
                        break;
                    }
                }
                return shell.finish();
            }
            if (interactive) {
                return interactive(con, options);
            }
            if (tour) {
                return tour(con, options, out);
            }
            Shell shell = newShell(con, options, out, err, null);
            try (LineSource source = new ReaderSource(input)) {
                return shell.run(source);
            }
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * FILE is a shelf or dbm file ({@link ShelfView#detect}): the read-only shelf view, run on the
     * arguments, the terminal or stdin as the SQL shell would be.
     */
    private static int shelf(Options options, BufferedReader input, PrintWriter out, PrintWriter err,
                             boolean interactive) {
        try {
            if (interactive && options.commands().isEmpty()) {
                try (Terminal terminal = TerminalBuilder.builder().system(true).name("sqlite3j").build()) {
                    return interactiveShelf(options, terminal);
                }
            }
            ShelfView view = openShelf(options, out, err);
            if (view == null) {
                return 1;
            }
            try (view) {
                for (String command : options.commands()) {
                    if (!view.runArgument(command)) {
                        return view.finish();
                    }
                }
                if (!options.commands().isEmpty()) {
                    return view.finish();
                }
                try (LineSource source = new ReaderSource(input)) {
                    return view.run(source);
                }
            }
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    /** The shelf view on {@code terminal} (owned by the caller): banner, then commands until .quit or Ctrl-D. */
    static int interactiveShelf(Options options, Terminal terminal) throws IOException {
        PrintWriter screen = terminal.writer();
        ShelfView view = openShelf(options, screen, screen);
        if (view == null) {
            screen.flush();
            return 1;
        }
        try (view; JLineSource source = new JLineSource(terminal, options.historyFile())) {
            screen.println(view.banner(options.database()));
            screen.flush();
            view.run(source);
        }
        screen.flush();
        return 0;
    }

    /** The view of FILE, or null after printing why it cannot be opened. */
    private static ShelfView openShelf(Options options, PrintWriter out, PrintWriter err) {
        try {
            return new ShelfView(Path.of(options.database()), options.mode(), out, err);
        } catch (RuntimeException e) {
            err.println("Error: cannot open " + describeDatabase(options.database()) + ": " + Shell.describe(e));
            err.flush();
            return null;
        }
    }

    /** Whether {@code input} ends before its first character (it is marked and reset, not consumed). */
    private static boolean isEmpty(BufferedReader input) throws IOException {
        input.mark(1);
        boolean empty = input.read() < 0;
        input.reset();
        return empty;
    }

    private static Shell newShell(Connection con, Options options, PrintWriter out, PrintWriter err,
                                  PrintWriter terminal) {
        Shell shell = new Shell(con, out, err, terminal, System::nanoTime);
        shell.mode(options.mode());
        shell.bail(options.bail());
        return shell;
    }

    /** The interactive shell on the system terminal. */
    private static int interactive(Connection con, Options options) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("sqlite3j").nativeSignals(false).build();
             SignalRelay signals = new SignalRelay(terminal)) {
            return interactive(con, options, terminal);
        }
    }

    /**
     * The interactive shell on {@code terminal} (owned by the caller): the banner, then lines until
     * {@code .quit} or Ctrl-D; Ctrl-C stops the running statement. Errors are shown and the session goes
     * on, so its status is 0, as Python's.
     */
    static int interactive(Connection con, Options options, Terminal terminal) throws IOException {
        PrintWriter screen = terminal.writer();
        Shell shell = newShell(con, options, screen, screen, screen);
        shell.settings().screenWidth(terminal::getWidth);
        shell.settings().ellipsis(options.ellipsis());
        screen.println(Shell.banner(describeDatabase(options.database())));
        screen.flush();
        try (JLineSource source = new JLineSource(terminal, options.historyFile(),
                signal -> interrupt(shell.connection()))) {
            shell.run(source);
        }
        screen.flush();
        return 0;
    }

    private static void interrupt(Connection con) {
        try {
            con.interrupt();
        } catch (RuntimeException closed) {
            // nothing is running any more
        }
    }

    /** No FILE and no terminal: show what the shell does on the demo database, then exit. */
    private static int tour(Connection con, Options options, PrintWriter out) {
        out.println(Shell.banner(describeDatabase(null)));
        out.println();
        out.println("stdin is not a terminal, so here is a short tour instead of the interactive shell;");
        out.println("run `cli/bin/sqlite3j` in a terminal to explore, or `sqlite3j FILE` for your own database.");
        out.println();
        Shell shell = newShell(con, options, out, out, null);
        for (String command : DemoDatabase.TOUR) {
            out.println(Shell.PROMPT + command);
            out.flush();
            shell.runArgument(command);
        }
        shell.finish();
        return 0; // the tour's error is part of the show
    }

    /**
     * Opens the database of {@code options}: the demo (loaded in memory) without FILE; SQLite's own
     * autocommit as {@code python -m sqlite3} ({@code isolation_level=None}); read-only through
     * {@code mode=ro} for files and {@code PRAGMA query_only} in memory.
     */
    static Connection open(Options options) {
        return open(options.database(), options.readonly(), options.detectTypes());
    }

    /** Opens {@code database} (null: the demo) as {@link #open(Options)} does; also for {@code .open}. */
    static Connection open(String database, boolean readonly, int detectTypes) {
        ConnectOptions connect = ConnectOptions.defaults().isolationLevel(null).detectTypes(detectTypes);
        boolean inMemory = database == null || database.equals(":memory:");
        Connection con;
        if (inMemory) {
            con = Sqlite3.connect(":memory:", connect);
        } else if (database.startsWith("file:")) {
            String uri = readonly ? database + (database.contains("?") ? "&" : "?") + "mode=ro" : database;
            con = Sqlite3.connect(uri, connect.uri(true));
        } else if (readonly) {
            con = Sqlite3.connect(fileUri(Path.of(database)) + "?mode=ro", connect.uri(true));
        } else {
            con = Sqlite3.connect(Path.of(database), connect);
        }
        try {
            if (detectTypes != 0) {
                Recipes.pythonDefaults(con.adapters(), con.converters());
            }
            if (database == null) {
                DemoDatabase.load(con);
            }
            if (inMemory && readonly) {
                con.execute("PRAGMA query_only = 1");
            }
            return con;
        } catch (RuntimeException e) {
            con.close();
            throw e;
        }
    }

    /** A {@code file:} URI for {@code path}: absolute, with %, ? and # escaped. */
    static String fileUri(Path path) {
        String text = path.toAbsolutePath().toString().replace('\\', '/');
        StringBuilder uri = new StringBuilder("file:");
        if (!text.startsWith("/")) {
            uri.append('/');
        }
        for (char c : text.toCharArray()) {
            switch (c) {
                case '%' -> uri.append("%25");
                case '?' -> uri.append("%3f");
                case '#' -> uri.append("%23");
                default -> uri.append(c);
            }
        }
        return uri.toString();
    }

    /** How the banner and errors name the database (as Python's shell). */
    static String describeDatabase(String database) {
        if (database == null) {
            return "the bundled demo database (in memory)";
        }
        return database.equals(":memory:") ? "a transient in-memory database" : PyRepr.str(database);
    }
}
