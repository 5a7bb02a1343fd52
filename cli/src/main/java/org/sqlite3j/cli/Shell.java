package org.sqlite3j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.LongSupplier;

import org.sqlite3j.dbapi.ColumnDescription;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Cursor;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.sqltext.SqlScanner;

/**
 * The shell's read–execute–print loop over one open {@link Connection}, as {@code python -m sqlite3}:
 * lines are gathered (prompt {@code "sqlite> "}, then {@code "    ... "}) until
 * {@link Sqlite3#completeStatement} says the statement is complete, each statement runs with
 * {@code execute()} on a cursor and its rows print in the current {@link Mode}. A line starting with
 * a dot when no statement is pending is a dot-command ({@link DotCommands}).
 *
 * <p>An error prints on the error stream and the shell goes on ({@code .bail on}: a script stops);
 * {@link #failed()} remembers it for the exit status. At a terminal and for command-line arguments
 * the message is {@code Error: OperationalError (SQLITE_ERROR): ...}; in a script (piped stdin,
 * {@code .read}) it is the sqlite3 shell's {@code Parse error near line N: ...} or
 * {@code Runtime error near line N: ... (code)}.
 *
 * <p>The shell owns neither the first connection nor the streams; a connection {@code .open} made is
 * its own and closed by {@link #finish()}. Used by one thread; only {@link Connection#interrupt()} may
 * come from another (Ctrl-C while a statement runs).
 */
final class Shell {
    static final String PROMPT = "sqlite> ";
    static final String CONTINUATION = "    ... ";

    /** Where the lines being run come from: statement being gathered, line numbers, script or not. */
    private static final class Input {
        final StringBuilder pending = new StringBuilder();
        final boolean script;
        int line;
        int startLine;

        Input(boolean script) {
            this.script = script;
        }
    }

    private final Connection first;
    private Connection con;
    private final PrintWriter stdout;
    private final PrintWriter err;
    private final PrintWriter terminal;
    private final LongSupplier clock;
    private final CellText cells = new CellText();
    private final OutputSettings settings = new OutputSettings();
    private final DotCommands dotCommands = new DotCommands(this);
    private PrintWriter out;
    private PrintWriter file;
    private Mode mode = Mode.TABLE;
    private char importSeparator = '|';
    private boolean timer;
    private boolean changes;
    private boolean eqp;
    private boolean bail;
    private boolean failed;
    private boolean stopped;
    private Input input = new Input(false);

    /**
     * @param con      the open database
     * @param stdout   where results go (until {@code .output FILE})
     * @param err      where errors go
     * @param terminal the terminal, for progress lines, or null when not interactive
     * @param clock    nanoseconds, for {@code .timer} and progress
     */
    Shell(Connection con, PrintWriter stdout, PrintWriter err, PrintWriter terminal, LongSupplier clock) {
        this.first = con;
        this.con = con;
        this.stdout = stdout;
        this.out = stdout;
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
    }

    /** Python's banner, naming the database ({@code 'file.db'}, an in-memory one or the demo). */
    static String banner(String databaseDescription) {
        return "sqlite3j shell, running on SQLite version " + Sqlite3.sqliteVersion() + "\n"
                + "Connected to " + databaseDescription + "\n\n"
                + "Each statement is run using execute() on a cursor; pickled BLOBs are shown decoded.\n"
                + "Type \".help\" for more information; type \".quit\" or CTRL-D to quit.";
    }

    /**
     * Reads lines from {@code source} until its end or {@code .quit}, executing as it goes. At the end of
     * a script a pending statement without its semicolon is still run; at the end of a terminal's input
     * (Ctrl-D) it is dropped.
     *
     * @return the exit status: 1 when a statement or command failed (for scripts), else 0
     */
    int run(LineSource source) throws IOException {
        input = new Input(!source.interactive());
        read(source);
        return finish();
    }

    /** Runs the lines of {@code source} in the current input; false once {@code .quit} or a bail stopped it. */
    private boolean read(LineSource source) throws IOException {
        while (!stopped) {
            String line;
            try {
                line = source.readLine(input.pending.isEmpty() ? PROMPT : CONTINUATION);
            } catch (LineSource.Cancelled cancelled) {
                input.pending.setLength(0);
                continue;
            }
            if (line == null) {
                // a script's last statement may lack its semicolon; at a terminal, Ctrl-D on a continuation
                // line abandons the half-typed statement (as Python's shell) instead of running it
                if (!source.interactive() && !input.pending.toString().isBlank()) {
                    String rest = input.pending.toString();
                    input.pending.setLength(0);
                    if (finished(rest, input.startLine)) {
                        executeChunk(rest);
                    } else if (bail) {
                        stopped = true;
                    }
                }
                return !stopped;
            }
            input.line += (int) line.chars().filter(c -> c == '\n').count() + 1;
            if (!accept(line)) {
                stopped = true;
            }
        }
        return false;
    }

    /**
     * Runs the file of {@code .read} as a script (its own line numbers) in this shell.
     *
     * @return false when it stopped the shell ({@code .quit}, or an error under {@code .bail on})
     */
    boolean runScript(LineSource source) throws IOException {
        Input outer = input;
        input = new Input(true);
        try {
            return read(source);
        } finally {
            input = outer;
        }
    }

    /**
     * Ends the session: closes the file of {@code .output}, if any, and a database {@code .open} opened.
     *
     * @return the exit status: 1 when a statement or command failed, else 0
     */
    int finish() {
        closeRedirect();
        if (con != first) {
            con.close();
            con = first;
        }
        return failed ? 1 : 0;
    }

    /**
     * Takes one input line: a dot-command, or part of a statement that runs once complete.
     *
     * @return false when the shell should stop ({@code .quit}, or an error in a script under {@code .bail on})
     */
    boolean accept(String line) {
        StringBuilder pending = input.pending;
        if (pending.isEmpty() && line.stripLeading().startsWith(".")) {
            return dotCommand(line.strip()) && !stopped;
        }
        if (pending.isEmpty() && line.isBlank()) {
            return true;
        }
        if (pending.isEmpty()) {
            input.startLine = input.line;
        }
        pending.append(line).append('\n');
        String text = pending.toString();
        if (Sqlite3.completeStatement(text)) {
            pending.setLength(0);
            executeChunk(text);
        }
        return !stopped;
    }

    /**
     * Runs one command-line argument: a dot-command, or SQL text (one or more statements, the last
     * one's semicolon optional).
     *
     * @return false when it was {@code .quit}
     */
    boolean runArgument(String text) {
        if (text.stripLeading().startsWith(".")) {
            return dotCommand(text.strip());
        }
        if (finished(text, 1)) {
            executeSql(text);
        }
        return true;
    }

    /**
     * Whether {@code text}, the last of the input, is finished: false, with the error printed, when it
     * ends inside a {@code /*} comment, whose rest SQLite would silently ignore (the sqlite3 shell runs
     * what comes before it and exits 0; here nothing of it runs and the exit status is 1, as for an
     * unterminated string).
     */
    private boolean finished(String text, int firstLine) {
        int at = SqlScanner.unterminatedComment(text, 0);
        if (at < 0) {
            return true;
        }
        int line = firstLine + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
        printError((input.script ? "Parse error near line " + line + ": " : "Error: ")
                + "incomplete input: unterminated /* comment, starting on line " + line);
        return false;
    }

    private boolean dotCommand(String line) {
        try {
            return dotCommands.run(line);
        } catch (RuntimeException e) {
            report(e);
            return !(bail && input.script);
        }
    }

    /** Runs a complete chunk of input; then {@code .changes on} reports the changes, as sqlite3. */
    private void executeChunk(String text) {
        if (executeSql(text) && changes) {
            Row row = con.execute("SELECT changes(), total_changes()").fetchone();
            out.println("changes: " + row.get(0) + "   total_changes: " + row.get(1));
            out.flush();
        }
    }

    /**
     * Executes each statement of {@code text} in turn; an error stops only that statement (and, under
     * {@code .bail on} in a script, the rest).
     *
     * @return whether all of them succeeded
     */
    boolean executeSql(String text) {
        for (String statement : StatementSplitter.split(text)) {
            if (!executeStatement(statement)) {
                if (bail && input.script) {
                    stopped = true;
                }
                return false;
            }
        }
        return true;
    }

    private boolean executeStatement(String sql) {
        ThreadMXBean threads = timer ? ManagementFactory.getThreadMXBean() : null;
        long started = clock.getAsLong();
        long cpu = threads == null ? 0 : threads.getCurrentThreadCpuTime();
        long user = threads == null ? 0 : threads.getCurrentThreadUserTime();
        boolean ok = true;
        try (Cursor cur = con.cursor()) {
            if (eqp) {
                out.print(explain(sql));
            }
            cur.execute(sql);
            List<ColumnDescription> description = cur.description();
            if (description != null) {
                ResultFormatter formatter = mode.formatter(out, cells, settings);
                formatter.begin(description.stream().map(ColumnDescription::name).toList());
                for (Row row : cur) {
                    formatter.row(row.values());
                }
                formatter.end();
            }
        } catch (RuntimeException e) {
            ok = false;
            if (input.script && e instanceof Sqlite3.Error sqliteError) {
                scriptError(sql, sqliteError);
            } else {
                report(e);
            }
        } finally {
            out.flush();
        }
        if (timer) {
            double real = (clock.getAsLong() - started) / 1e9;
            double userTime = (threads.getCurrentThreadUserTime() - user) / 1e9;
            double sysTime = Math.max(0, (threads.getCurrentThreadCpuTime() - cpu) / 1e9 - userTime);
            out.printf("Run Time: real %.3f user %.6f sys %.6f%n", real, userTime, sysTime);
            out.flush();
        }
        return ok;
    }

    /** The query plan of {@code sql} for {@code .eqp on}; nothing when it cannot be explained. */
    private String explain(String sql) {
        try {
            return QueryPlan.render(con, sql);
        } catch (RuntimeException e) {
            return ""; // the statement itself will report what is wrong with it
        }
    }

    /**
     * A script's error as the sqlite3 shell words it: {@code Parse error near line N: message} when the
     * statement does not compile (checked with {@code EXPLAIN}), else
     * {@code Runtime error near line N: message (primary result code)}.
     */
    private void scriptError(String sql, Sqlite3.Error e) {
        boolean compiles;
        try {
            con.execute("EXPLAIN " + sql).fetchall();
            compiles = true;
        } catch (RuntimeException notCompiled) {
            compiles = false;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        Integer code = e.sqliteErrorcode();
        printError(compiles ? "Runtime error near line " + input.startLine + ": " + message
                        + (code == null ? "" : " (" + (code & 0xff) + ")")
                        : "Parse error near line " + input.startLine + ": " + message);
    }

    /** Prints {@code Error: ...} for {@code e} and remembers the failure. */
    void report(RuntimeException e) {
        error(describe(e));
    }

    /** Prints {@code Error: message} and remembers the failure. */
    void error(String message) {
        printError("Error: " + message);
    }

    private void printError(String line) {
        out.flush();
        err.println(line);
        err.flush();
        failed = true;
    }

    /**
     * The text after "Error: ": Python's {@code OperationalError (SQLITE_ERROR): message} for the
     * module's exceptions, the message alone for the shell's own, the class and message otherwise.
     */
    static String describe(RuntimeException e) {
        if (e instanceof ShellException) {
            return e.getMessage();
        }
        String type = e.getClass().getSimpleName();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof Sqlite3.Error sqliteError && sqliteError.sqliteErrorname() != null) {
            return type + " (" + sqliteError.sqliteErrorname() + "): " + message;
        }
        return message.isEmpty() ? type : type + ": " + message;
    }

    // ---------------------------------------------------------------------------------------------
    // State the dot-commands read and change
    // ---------------------------------------------------------------------------------------------

    Connection connection() {
        return con;
    }

    /** Makes {@code next} the database ({@code .open}): the one before is closed unless it is the caller's. */
    void connection(Connection next) {
        if (con != first) {
            con.close();
        }
        con = next;
    }

    /** Where results go now: stdout, or the file of {@code .output}. */
    PrintWriter out() {
        return out;
    }

    /** Where errors and warnings go. */
    PrintWriter err() {
        return err;
    }

    CellText cells() {
        return cells;
    }

    OutputSettings settings() {
        return settings;
    }

    Mode mode() {
        return mode;
    }

    void mode(Mode newMode) {
        this.mode = newMode;
        settings.modeChosen(newMode);
        switch (newMode) {
            case CSV -> importSeparator = ',';
            case TABS -> importSeparator = '\t';
            case LIST -> importSeparator = '|';
            default -> { } // as sqlite3: other modes keep the separator
        }
    }

    /** The field separator {@code .import} uses without {@code --csv}: the last of list, tabs, csv chosen. */
    char importSeparator() {
        return importSeparator;
    }

    boolean timer() {
        return timer;
    }

    void timer(boolean on) {
        this.timer = on;
    }

    void changes(boolean on) {
        this.changes = on;
    }

    void eqp(boolean on) {
        this.eqp = on;
    }

    void bail(boolean on) {
        this.bail = on;
    }

    boolean failed() {
        return failed;
    }

    /** Sends results to {@code target} (a file) from now on, or back to stdout when null. */
    void redirect(PrintWriter target) {
        closeRedirect();
        this.file = target;
        this.out = target == null ? stdout : target;
    }

    /** Whether results go to a file (so a progress line on the terminal does not mix with them). */
    boolean redirected() {
        return file != null;
    }

    private void closeRedirect() {
        if (file != null) {
            file.close();
            file = null;
            out = stdout;
        }
    }

    /** A progress line on the terminal for long work; draws nothing when there is no terminal. */
    ProgressIndicator progress(String label, String unit) {
        return terminal == null ? ProgressIndicator.none() : new ProgressIndicator(terminal, label, unit, clock);
    }
}
