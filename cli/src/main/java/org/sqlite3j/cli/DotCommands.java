package org.sqlite3j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.pickle.PickleTools;

/**
 * The shell's dot-commands, as in the sqlite3 shell: one method per command, arguments split on
 * white space with "double" or 'single' quotes for arguments that hold spaces. A wrong argument is a
 * {@link ShellException} that says what the command takes; an unknown command gets the sqlite3 shell's
 * message.
 */
final class DotCommands {
    /** Every command, for completion. */
    static final List<String> NAMES = List.of(".backup", ".bail", ".changes", ".dump", ".ellipsis", ".eqp",
            ".exit", ".headers", ".help", ".import", ".indexes", ".mode", ".nullvalue", ".open", ".output",
            ".pickle", ".quit", ".read", ".schema", ".tables", ".timer", ".version", ".width");

    static final String HELP = """
            .backup ?DB? FILE         Copy database DB (default "main") to FILE
            .bail on|off              Stop a script (piped input, .read) at the first error
            .changes on|off           Show the number of rows changed by each SQL text
            .dump ?PATTERN?           Render the database as SQL (only tables LIKE PATTERN)
            .ellipsis on|off          Cut long cells to the screen's width with "…" (table-like modes)
            .eqp on|off               Show the EXPLAIN QUERY PLAN of each statement before its results
            .exit                     Exit this program (as .quit)
            .headers on|off           Show or hide column names (csv, column, list, tabs, quote, insert)
            .help                     Show this message
            .import ?--csv? ?--skip N? FILE TABLE
                                      Import data from FILE into TABLE (created from the header
                                      when it does not exist)
            .indexes ?TABLE?          List the indexes (of tables LIKE TABLE)
            .mode ?MODE? ?TABLE?      Show or set the output mode: table, csv, json, lines, or sqlite3's
                                      box, column, insert, line, list, markdown, quote, tabs
                                      (insert: INSERT INTO TABLE, default "table")
            .nullvalue STRING         Show NULL as STRING
            .open ?--readonly? ?--new? ?FILE?
                                      Close this database and open FILE (--new: emptied first;
                                      without FILE, a new in-memory database)
            .output ?FILE?            Send results to FILE, or back to the screen without FILE
            .pickle ?on|off?          Show pickled BLOBs decoded (on, the default) or as bytes
            .pickle dis TABLE COLUMN ROWID
                                      Disassemble the pickle in that cell (pickletools.dis)
            .quit                     Exit this program (also CTRL-D)
            .read FILE                Run the SQL and dot-commands in FILE
            .schema ?PATTERN?         Show the CREATE statements (of tables LIKE PATTERN)
            .tables ?PATTERN?         List the tables and views (LIKE PATTERN)
            .timer on|off             Show how long each SQL statement takes
            .version                  Show the sqlite3j and SQLite versions
            .width NUM1 NUM2 ...      Column widths of column, box and markdown modes (negative:
                                      right-aligned; 0: as wide as the widest cell)
            """;

    private static final int SCREEN_WIDTH = 80;
    private static final int BACKUP_PAGES_PER_STEP = 64;

    private final Shell shell;

    DotCommands(Shell shell) {
        this.shell = shell;
    }

    /**
     * Runs {@code line} (starting with the dot).
     *
     * @return false for {@code .quit}/{@code .exit}
     */
    boolean run(String line) {
        List<String> words = words(line.substring(1));
        String name = words.isEmpty() ? "" : words.get(0);
        List<String> args = words.isEmpty() ? List.of() : words.subList(1, words.size());
        switch (name) {
            case "quit", "exit" -> {
                return false;
            }
            case "help" -> print(HELP.stripTrailing());
            case "version" -> print(Version.line());
            case "tables" -> tables(optional(args, ".tables ?PATTERN?"));
            case "schema" -> schema(optional(args, ".schema ?PATTERN?"));
            case "dump" -> dump(optional(args, ".dump ?PATTERN?"));
            case "mode" -> mode(args);
            case "timer" -> shell.timer(onOff(args, ".timer on|off"));
            case "headers" -> shell.settings().headers(onOff(args, ".headers on|off"));
            case "changes" -> shell.changes(onOff(args, ".changes on|off"));
            case "bail" -> shell.bail(onOff(args, ".bail on|off"));
            case "eqp" -> shell.eqp(onOff(args, ".eqp on|off"));
            case "ellipsis" -> shell.settings().ellipsis(onOff(args, ".ellipsis on|off"));
            case "nullvalue" -> shell.settings().showNullAs(exactlyOne(args, ".nullvalue STRING"));
            case "width" -> width(args);
            case "indexes", "indices" -> indexes(optional(args, ".indexes ?TABLE?"));
            case "import" -> new CsvImport(shell.connection(), shell.err()).run(args, shell.importSeparator());
            case "open" -> open(args);
            case "read" -> {
                return read(exactlyOne(args, ".read FILE"));
            }
            case "pickle" -> pickle(args);
            case "backup" -> backup(args);
            case "output" -> output(optional(args, ".output ?FILE?"));
            default -> throw new ShellException("unknown command or invalid arguments:  \"" + name
                    + "\". Enter \".help\" for help");
        }
        return true;
    }

    private void print(String text) {
        PrintWriter out = shell.out();
        out.println(text);
        out.flush();
    }

    private static String optional(List<String> args, String usage) {
        if (args.size() > 1) {
            throw new ShellException("usage: " + usage);
        }
        return args.isEmpty() ? null : args.get(0);
    }

    // ---------------------------------------------------------------------------------------------

    private void tables(String pattern) {
        List<String> names = new ArrayList<>();
        for (Row row : query("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')"
                + " AND name NOT LIKE 'sqlite_%'" + (pattern == null ? "" : " AND name LIKE ?")
                + " ORDER BY 1", pattern)) {
            names.add((String) row.get(0));
        }
        printInColumns(names);
    }

    /** {@code names} down columns that fit {@link #SCREEN_WIDTH}, as the sqlite3 shell lists tables. */
    private void printInColumns(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        int width = names.stream().mapToInt(TableFormatter::width).max().orElse(0) + 2;
        int columns = Math.max(1, SCREEN_WIDTH / width);
        int rows = (names.size() + columns - 1) / columns;
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                int i = c * rows + r;
                if (i < names.size()) {
                    String name = names.get(i);
                    line.append(name).append(" ".repeat(width - TableFormatter.width(name)));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        shell.out().print(text);
        shell.out().flush();
    }

    private void schema(String pattern) {
        StringBuilder text = new StringBuilder();
        for (Row row : query("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
                + (pattern == null ? "" : " AND (name LIKE ?1 OR tbl_name LIKE ?1)") + " ORDER BY rowid", pattern)) {
            text.append(row.get(0)).append(";\n");
        }
        shell.out().print(text);
        shell.out().flush();
    }

    /** Rows of {@code sql}, with {@code pattern} bound when there is one. */
    private List<Row> query(String sql, String pattern) {
        Connection con = shell.connection();
        return pattern == null ? con.execute(sql).fetchall() : con.execute(sql, pattern).fetchall();
    }

    private void dump(String pattern) {
        PrintWriter out = shell.out();
        ProgressIndicator progress = shell.redirected() ? shell.progress("dump", "lines") : ProgressIndicator.none();
        try {
            Iterator<String> lines = shell.connection().iterdump(pattern);
            long count = 0;
            while (lines.hasNext()) {
                out.println(lines.next());
                progress.update(++count, -1);
            }
        } finally {
            progress.finish();
            out.flush();
        }
    }

    private void mode(List<String> args) {
        String usage = "usage: .mode ?MODE? ?TABLE?  (MODE: " + Mode.choices() + "; TABLE only for insert)";
        if (args.isEmpty()) {
            print("current output mode: " + shell.mode().label()
                    + (shell.mode() == Mode.INSERT ? " " + shell.settings().insertTable() : ""));
            return;
        }
        Mode mode = Mode.parse(args.get(0));
        if (args.size() > 2 || (args.size() == 2 && mode != Mode.INSERT)) {
            throw new ShellException(usage);
        }
        if (mode == Mode.INSERT) {
            shell.settings().insertTable(SqlNames.quoteIfNeeded(args.size() == 2 ? args.get(1) : "table"));
        }
        shell.mode(mode);
    }

    /** The one argument {@code on} or {@code off} (also yes/no, true/false, 1/0) of {@code usage}. */
    private static boolean onOff(List<String> args, String usage) {
        if (args.size() != 1) {
            throw new ShellException("usage: " + usage);
        }
        return switch (args.get(0).toLowerCase(Locale.ROOT)) {
            case "on", "yes", "true", "1" -> true;
            case "off", "no", "false", "0" -> false;
            default -> throw new ShellException("usage: " + usage + " (not \"" + args.get(0) + "\")");
        };
    }

    private static String exactlyOne(List<String> args, String usage) {
        if (args.size() != 1) {
            throw new ShellException("usage: " + usage);
        }
        return args.get(0);
    }

    private void width(List<String> args) {
        List<Integer> widths = new ArrayList<>();
        for (String arg : args) {
            try {
                widths.add(Integer.parseInt(arg));
            } catch (NumberFormatException e) {
                throw new ShellException("usage: .width NUM1 NUM2 ... (whole numbers; negative: right-aligned), not \""
                        + arg + "\"");
            }
        }
        shell.settings().widths(widths);
    }

    private void indexes(String table) {
        List<String> names = new ArrayList<>();
        String filter = table == null ? "" : " AND tbl_name LIKE ?1";
        for (Row row : query("SELECT name FROM sqlite_schema WHERE type = 'index'" + filter
                + " UNION ALL SELECT name FROM sqlite_temp_schema WHERE type = 'index'" + filter + " ORDER BY 1", table)) {
            names.add((String) row.get(0));
        }
        printInColumns(names);
    }

    private void open(List<String> args) {
        String usage = "usage: .open ?--readonly? ?--new? ?FILE?";
        boolean readonly = false;
        boolean fresh = false;
        String file = null;
        for (String arg : args) {
            if (arg.equals("--readonly")) {
                readonly = true;
            } else if (arg.equals("--new")) {
                fresh = true;
            } else if (arg.startsWith("-")) {
                throw new ShellException(usage + " (unknown option \"" + arg + "\")");
            } else if (file == null) {
                file = arg;
            } else {
                throw new ShellException(usage + " (one FILE, not \"" + file + "\" and \"" + arg + "\")");
            }
        }
        String database = file == null ? ":memory:" : file;
        if (fresh && readonly) {
            throw new ShellException(usage + " (--new and --readonly together would open an empty read-only file)");
        }
        if (fresh && !database.equals(":memory:") && !database.startsWith("file:")) {
            try {
                Files.deleteIfExists(Path.of(database));
            } catch (IOException e) {
                throw new ShellException("cannot empty \"" + database + "\": " + e.getMessage());
            }
        }
        Connection next;
        try {
            next = Main.open(database, readonly, shell.connection().detectTypes());
        } catch (RuntimeException e) {
            throw new ShellException("cannot open \"" + database + "\": " + Shell.describe(e));
        }
        shell.connection(next);
    }

    private boolean read(String file) {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ShellException("cannot open \"" + file + "\"");
        }
        try (LineSource source = new ReaderSource(reader)) {
            return shell.runScript(source);
        } catch (IOException e) {
            throw new ShellException("cannot read \"" + file + "\": " + e.getMessage());
        }
    }

    private void pickle(List<String> args) {
        String usage = ".pickle ?on|off?  or  .pickle dis TABLE COLUMN ROWID";
        if (args.isEmpty()) {
            print("pickled BLOBs are shown " + (shell.cells().decodePickles() ? "decoded (on)" : "as bytes (off)"));
        } else if (args.get(0).equals("dis")) {
            if (args.size() != 4) {
                throw new ShellException("usage: .pickle dis TABLE COLUMN ROWID");
            }
            disassemble(args.get(1), args.get(2), args.get(3));
        } else if (args.size() == 1) {
            shell.cells().decodePickles(onOff(args, usage));
        } else {
            throw new ShellException("usage: " + usage);
        }
    }

    private void disassemble(String table, String column, String rowidText) {
        long rowid;
        try {
            rowid = Long.parseLong(rowidText);
        } catch (NumberFormatException e) {
            throw new ShellException("ROWID must be an integer, not \"" + rowidText + "\"");
        }
        Row row = shell.connection().execute("SELECT typeof(" + identifier(column) + "), " + identifier(column)
                + " FROM " + identifier(table) + " WHERE rowid = ?", rowid).fetchone();
        if (row == null) {
            throw new ShellException("no row with rowid " + rowid + " in table " + table);
        }
        if (!(row.get(1) instanceof byte[] blob)) {
            throw new ShellException(table + "." + column + " of rowid " + rowid + " is " + row.get(0)
                    + ", not a BLOB holding a pickle");
        }
        String listing;
        try {
            listing = PickleTools.dis(blob);
        } catch (IllegalArgumentException e) { // pickletools.dis raises ValueError on a damaged pickle
            throw new ShellException("ValueError: " + e.getMessage());
        }
        shell.out().print(listing);
        shell.out().flush();
    }

    /**
     * {@code name} as an SQL identifier in backquotes (inner ones doubled): unlike double quotes,
     * SQLite never reads them as a string when no such column exists.
     */
    static String identifier(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    private void backup(List<String> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new ShellException("usage: .backup ?DB? FILE");
        }
        String database = args.size() == 2 ? args.get(0) : "main";
        Path file = Path.of(args.get(args.size() - 1));
        ProgressIndicator progress = shell.progress("backup", "pages");
        try (Connection target = Sqlite3.connect(file)) {
            shell.connection().backup(target, BACKUP_PAGES_PER_STEP,
                    (status, remaining, total) -> progress.update(total - remaining, total), database, 0.25);
        } finally {
            progress.finish();
        }
    }

    private void output(String file) {
        if (file == null || file.equals("stdout")) {
            shell.redirect(null);
            return;
        }
        try {
            shell.redirect(new PrintWriter(Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new ShellException("cannot write to \"" + file + "\": " + e.getMessage());
        }
    }

    /** Splits a dot-command's text into words; quotes group words and are removed. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new ShellException("unterminated " + quote + " in: " + text);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
