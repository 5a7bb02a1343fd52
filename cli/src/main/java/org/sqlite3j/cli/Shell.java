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

/**
 * The shell's read–execute–print loop over one open {@link Connection}, as {@code python -m sqlite3}:
 * lines are gathered (prompt {@code "sqlite> "}, then {@code "    ... "}) until
 * {@link Sqlite3#completeStatement} says the statement is complete, each statement runs with
 * {@code execute()} on a cursor and its rows print in the current {@link Mode}. A line starting with
 * a dot when no statement is pending is a dot-command ({@link DotCommands}). An error prints
 * {@code Error: ...} on the error stream and the shell goes on; {@link #failed()} remembers it for the
 * exit status of a script.
 *
 * <p>The shell owns neither the connection nor the streams. Used by one thread; only
 * {@link Connection#interrupt()} may come from another (Ctrl-C while a statement runs).
 */
final class Shell {
    static final String PROMPT = "sqlite> ";
    static final String CONTINUATION = "    ... ";

    private final Connection con;
    private final PrintWriter stdout;
    private final PrintWriter err;
    private final PrintWriter terminal;
    private final LongSupplier clock;
    private final CellText cells = new CellText();
    private final DotCommands dotCommands = new DotCommands(this);
    private PrintWriter out;
    private PrintWriter file;
    private Mode mode = Mode.TABLE;
    private boolean timer;
    private boolean failed;
    private final StringBuilder pending = new StringBuilder();

    /**
     * @param con      the open database
     * @param stdout   where results go (until {@code .output FILE})
     * @param err      where errors go
     * @param terminal the terminal, for progress lines, or null when not interactive
     * @param clock    nanoseconds, for {@code .timer} and progress
     */
    Shell(Connection con, PrintWriter stdout, PrintWriter err, PrintWriter terminal, LongSupplier clock) {
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
        while (true) {
            String line;
            try {
                line = source.readLine(pending.isEmpty() ? PROMPT : CONTINUATION);
            } catch (LineSource.Cancelled cancelled) {
                pending.setLength(0);
                continue;
            }
            if (line == null) {
                // a script's last statement may lack its semicolon; at a terminal, Ctrl-D on a continuation
                // line abandons the half-typed statement (as Python's shell) instead of running it
                if (!source.interactive() && !pending.toString().isBlank()) {
                    String rest = pending.toString();
                    pending.setLength(0);
                    executeSql(rest);
                }
                break;
            }
            if (!accept(line)) {
                break;
            }
        }
        return finish();
    }

    /**
     * Ends the session: closes the file of {@code .output}, if any.
     *
     * @return the exit status: 1 when a statement or command failed, else 0
     */
    int finish() {
        closeRedirect();
        return failed ? 1 : 0;
    }

    /**
     * Takes one input line: a dot-command, or part of a statement that runs once complete.
     *
     * @return false when the shell should stop ({@code .quit})
     */
    boolean accept(String line) {
        if (pending.isEmpty() && line.stripLeading().startsWith(".")) {
            return dotCommand(line.strip());
        }
        if (pending.isEmpty() && line.isBlank()) {
            return true;
        }
        pending.append(line).append('\n');
        String text = pending.toString();
        if (Sqlite3.completeStatement(text)) {
            pending.setLength(0);
            executeSql(text);
        }
        return true;
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
        executeSql(text);
        return true;
    }

    private boolean dotCommand(String line) {
        try {
            return dotCommands.run(line);
        } catch (RuntimeException e) {
            report(e);
            return true;
        }
    }

    /** Executes each statement of {@code text} in turn; an error stops only that statement. */
    void executeSql(String text) {
        for (String statement : StatementSplitter.split(text)) {
            executeStatement(statement);
        }
    }

    private void executeStatement(String sql) {
        ThreadMXBean threads = timer ? ManagementFactory.getThreadMXBean() : null;
        long started = clock.getAsLong();
        long cpu = threads == null ? 0 : threads.getCurrentThreadCpuTime();
        long user = threads == null ? 0 : threads.getCurrentThreadUserTime();
        try (Cursor cur = con.cursor()) {
            cur.execute(sql);
            List<ColumnDescription> description = cur.description();
            if (description != null) {
                ResultFormatter formatter = mode.formatter(out, cells);
                formatter.begin(description.stream().map(ColumnDescription::name).toList());
                for (Row row : cur) {
                    formatter.row(row.values());
                }
                formatter.end();
            }
        } catch (RuntimeException e) {
            report(e);
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
    }

    /** Prints {@code Error: ...} for {@code e} and remembers the failure. */
    void report(RuntimeException e) {
        error(describe(e));
    }

    /** Prints {@code Error: message} and remembers the failure. */
    void error(String message) {
        out.flush();
        err.println("Error: " + message);
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

    /** Where results go now: stdout, or the file of {@code .output}. */
    PrintWriter out() {
        return out;
    }

    CellText cells() {
        return cells;
    }

    Mode mode() {
        return mode;
    }

    void mode(Mode newMode) {
        this.mode = newMode;
    }

    boolean timer() {
        return timer;
    }

    void timer(boolean on) {
        this.timer = on;
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
