package org.sqlite3j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sqlite3j.dbapi.Sqlite3;

/**
 * The command line: {@code sqlite3j [OPTIONS] [FILE] [SQL...]}. Parsing never exits or prints:
 * a mistake is a {@link ShellException} naming the option and what it takes.
 *
 * @param database    the database file, {@code :memory:}, a {@code file:} URI, or null for the
 *                    bundled demo database
 * @param commands    SQL texts and dot-commands to run instead of reading input
 * @param help        {@code -h/--help}
 * @param version     {@code -v/--version}
 * @param readonly    {@code -r/--readonly}: open the file read-only ({@code mode=ro})
 * @param detectTypes {@code --detect-types}: {@link Sqlite3#PARSE_DECLTYPES} and/or {@link Sqlite3#PARSE_COLNAMES}
 * @param mode        {@code -m/--mode}: the output mode
 * @param historyFile {@code --history FILE} (default {@code ~/.sqlite3j_history}), null after {@code --no-history}
 * @param interactive {@code -i/--interactive} (true), {@code -b/--batch} (false), or null to decide by
 *                    whether stdin and stdout are a terminal
 * @param tour        {@code --tour}: without a terminal and without FILE, show the demo tour instead of
 *                    reading stdin (what {@code mvn exec:java} runs)
 * @param bail        {@code --bail}: stop piped input at the first error ({@code .bail on})
 * @param ellipsis    false after {@code --no-ellipsis}: never cut long cells to the terminal's width
 * @param shelf       {@code --shelf} (true): show FILE as a shelf/dbm file; {@code --sql} (false): open it as
 *                    an SQLite database even when it is a dbm.sqlite3 file; null: decide by the file
 *                    ({@link ShelfView#detect})
 */
record Options(String database, List<String> commands, boolean help, boolean version, boolean readonly,
               int detectTypes, Mode mode, Path historyFile, Boolean interactive, boolean tour, boolean bail,
               boolean ellipsis, Boolean shelf) {

    static final String USAGE = """
            usage: sqlite3j [OPTIONS] [FILE] [SQL ...]

            An SQL shell for SQLite databases shared with Python (python -m sqlite3 with more):
            results as tables, pickled BLOBs shown decoded, dot-commands (.help lists them).

            positional arguments:
              FILE                  SQLite database to open (created if missing); ':memory:' for an
                                    empty in-memory database; without FILE, the bundled demo database
                                    on a terminal, an empty in-memory one for piped input
              SQL                   SQL statements or dot-commands to run, then exit (status 1 if one
                                    fails); without SQL, statements are read from stdin (a terminal
                                    gets the interactive shell; an empty stdin without FILE, the tour)

            options:
              -h, --help            show this message and exit
              -v, --version         show the sqlite3j and SQLite versions and exit
              -r, --readonly        open the database read-only
              --detect-types TYPES  decltypes, colnames, both or none (Python's detect_types; with it,
                                    Python's date/timestamp converters are registered)
              -m, --mode MODE       output mode: table (default), csv, json, lines, or sqlite3's
                                    box, column, insert, line, list, markdown, quote, tabs
              --bail                stop piped input at the first error (as .bail on)
              --no-ellipsis         never cut long cells to the terminal's width (as .ellipsis off)
              --shelf               show FILE as a Python shelf or dbm file, read-only (.keys, .get KEY,
                                    .items); the default for dbm.gnu/ndbm/dumb files and for SQLite
                                    files holding only dbm.sqlite3's Dict(key, value) table
              --sql                 open FILE as an SQLite database even when it is a dbm.sqlite3 file
              --tour                without a terminal and FILE, show a tour of the demo database
                                    instead of reading stdin
              --history FILE        keep the interactive history in FILE (default ~/.sqlite3j_history)
              --no-history          keep no history
              -i, --interactive     use the interactive shell even when stdin is not a terminal
              -b, --batch           read stdin as a script even when it is a terminal
            """;

    /** The default history file, {@code ~/.sqlite3j_history}. */
    static Path defaultHistory() {
        return Path.of(System.getProperty("user.home"), ".sqlite3j_history");
    }

    static Options parse(String... args) {
        String database = null;
        List<String> commands = new ArrayList<>();
        boolean help = false;
        boolean version = false;
        boolean readonly = false;
        int detectTypes = 0;
        Mode mode = Mode.TABLE;
        Path history = defaultHistory();
        Boolean interactive = null;
        boolean positionalOnly = false;
        boolean tour = false;
        boolean bail = false;
        boolean ellipsis = true;
        Boolean shelf = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (positionalOnly || !arg.startsWith("-") || arg.equals("-")) {
                if (database == null && commands.isEmpty()) {
                    database = arg;
                } else {
                    commands.add(arg);
                }
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--" -> positionalOnly = true;
                case "-h", "--help" -> help = true;
                case "-v", "--version" -> version = true;
                case "-r", "--readonly" -> readonly = true;
                case "-i", "--interactive" -> interactive = Boolean.TRUE;
                case "-b", "--batch" -> interactive = Boolean.FALSE;
                case "--no-history" -> history = null;
                case "--tour" -> tour = true;
                case "--bail", "-bail" -> bail = true;
                case "--no-ellipsis" -> ellipsis = false;
                case "--shelf" -> shelf = Boolean.TRUE;
                case "--sql" -> shelf = Boolean.FALSE;
                case "--history" -> {
                    value = value != null ? value : next(args, ++i, name);
                    history = Path.of(value);
                }
                case "-m", "--mode" -> mode = Mode.parse(value != null ? value : next(args, ++i, name));
                case "--detect-types" -> detectTypes = detectTypes(value != null ? value : next(args, ++i, name));
                default -> throw new ShellException("unknown option " + arg + " (sqlite3j --help lists them)");
            }
        }
        return new Options(database, List.copyOf(commands), help, version, readonly, detectTypes, mode,
                history, interactive, tour, bail, ellipsis, shelf);
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new ShellException("option " + option + " needs a value");
        }
        return args[i];
    }

    /** {@code decltypes}, {@code colnames}, {@code both}, {@code none}, or Python's number 0..3. */
    static int detectTypes(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none", "0" -> 0;
            case "decltypes", "1" -> Sqlite3.PARSE_DECLTYPES;
            case "colnames", "2" -> Sqlite3.PARSE_COLNAMES;
            case "both", "3" -> Sqlite3.PARSE_DECLTYPES | Sqlite3.PARSE_COLNAMES;
            default -> throw new ShellException("--detect-types takes decltypes, colnames, both or none, not \""
                    + value + "\"");
        };
    }
}
