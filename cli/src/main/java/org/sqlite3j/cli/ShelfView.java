package org.sqlite3j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.dbm.Dbm;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.pickle.PickleTools;
import org.sqlite3j.pickle.PyRepr;
import org.sqlite3j.shelve.Shelf;
import org.sqlite3j.shelve.ShelfCodec;
import org.sqlite3j.shelve.Shelve;

/**
 * The shell on a shelf or dbm file ({@code sqlite3j cache.db} where the file is one): opened read-only
 * with {@link Shelve#open} (flag "r"), its values shown as the SQL shell shows BLOBs — a pickle as the
 * Python {@code repr()} of its value, loaded deny-by-default in stub mode (nothing is instantiated),
 * anything else as {@code b'...'}. Dot-commands only: {@code .keys}, {@code .get KEY}, {@code .items},
 * {@code .count}, {@code .dis KEY}, {@code .mode}, {@code .help}, {@code .quit}.
 *
 * <p>Which files: {@link #detect} — every file {@link Dbm#whichdb} names dbm.gnu, dbm.ndbm or dbm.dumb;
 * an SQLite file only when it is a dbm.sqlite3 database (its schema is exactly CPython's table
 * {@code Dict(key, value)}), since any SQLite file is "dbm.sqlite3" to whichdb. {@code --shelf} insists
 * on the view (any SQLite file with a {@code Dict} table), {@code --sql} refuses it. One thread.
 */
final class ShelfView implements AutoCloseable {
    static final String PROMPT = "shelf> ";

    static final String HELP = """
            .keys ?PATTERN?           List the keys (only those LIKE PATTERN), in the file's order
            .get KEY                  Show the value stored under KEY (quote a KEY with spaces)
            .items ?PATTERN?          List keys with their values (in the current .mode)
            .count                    Show the number of keys
            .dis KEY                  Show the pickletools.dis listing of KEY's value
            .mode MODE                Output mode of .items (as the SQL shell's .mode)
            .help                     Show this message
            .quit / .exit             Leave the shell""";

    private static final Set<String> HASH_BACKENDS = Set.of("dbm.gnu", "dbm.ndbm", "dbm.dumb");

    private final Shelf shelf;
    private final DbmFile dict;
    private final PrintWriter out;
    private final PrintWriter err;
    private final CellText cells = new CellText();
    private final OutputSettings settings = new OutputSettings();
    private Mode mode;
    private boolean failed;

    /** Opens {@code file} read-only as a shelf; its values load as inert stubs where their class is unknown. */
    ShelfView(Path file, Mode mode, PrintWriter out, PrintWriter err) {
        this.shelf = Shelve.open(file, "r", null, false, ShelfCodec.defaults().stubUnknown(true));
        this.dict = shelf.dict();
        this.mode = mode;
        this.out = out;
        this.err = err;
    }

    /**
     * The dbm backend to show {@code database} with, or empty to open it as SQL (as before shelves):
     * {@code shelf} is true for {@code --shelf}, false for {@code --sql}, null to decide by the file.
     *
     * @throws ShellException when {@code --shelf} was given for a file that is no dbm file
     */
    static Optional<String> detect(String database, Boolean shelf) {
        if (Boolean.FALSE.equals(shelf) || database.equals(":memory:") || database.startsWith("file:")) {
            if (Boolean.TRUE.equals(shelf)) {
                throw new ShellException("--shelf needs a file name, not " + database);
            }
            return Optional.empty();
        }
        Path path = Path.of(database);
        String kind;
        try {
            kind = Dbm.whichdb(path);
        } catch (RuntimeException unreadable) {
            kind = null;
        }
        if (kind != null && HASH_BACKENDS.contains(kind)) {
            return Optional.of(kind);
        }
        if ("dbm.sqlite3".equals(kind) && hasDictTable(path, !Boolean.TRUE.equals(shelf))) {
            return Optional.of(kind);
        }
        if (Boolean.TRUE.equals(shelf)) {
            throw new ShellException(PyRepr.str(database) + " is not a shelf or dbm file"
                    + (kind == null ? " (it does not exist)" : kind.isEmpty() ? "" : " (an SQLite database without a Dict table)"));
        }
        return Optional.empty();
    }

    /**
     * Whether the SQLite file has CPython's dbm.sqlite3 table {@code Dict(key, value)} — and, when
     * {@code only}, nothing else (SQLite's own {@code sqlite_*} objects aside). Read-only; false when it
     * cannot be read.
     */
    static boolean hasDictTable(Path file, boolean only) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (Connection con = Sqlite3.connect(Main.fileUri(file) + "?mode=ro", ConnectOptions.defaults().uri(true))) {
            List<String> objects = new ArrayList<>();
            for (Row row : con.execute("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
                    .fetchall()) {
                objects.add(row.get(0) + " " + row.get(1));
            }
            if (!objects.contains("table Dict") || (only && objects.size() != 1)) {
                return false;
            }
            List<String> columns = new ArrayList<>();
            for (Row row : con.execute("SELECT name FROM pragma_table_info('Dict')").fetchall()) {
                columns.add(String.valueOf(row.get(0)).toLowerCase(Locale.ROOT));
            }
            return columns.equals(List.of("key", "value"));
        } catch (RuntimeException notReadable) {
            return false;
        }
    }

    /** The interactive banner: the file, its backend and size, and how to leave. */
    String banner(String database) {
        return "sqlite3j shell, shelf view (read-only)\n"
                + "Opened " + PyRepr.str(database) + ": " + dict.backend() + ", "
                + dict.size() + (dict.size() == 1 ? " key" : " keys") + "\n\n"
                + "Pickled values are shown decoded; unknown classes as inert stubs (nothing is run).\n"
                + "Type \".help\" for more information; type \".quit\" or CTRL-D to quit.";
    }

    /** Reads lines from {@code source} until its end or {@code .quit}; status 1 when a command failed. */
    int run(LineSource source) throws IOException {
        while (true) {
            String line;
            try {
                line = source.readLine(PROMPT);
            } catch (LineSource.Cancelled cancelled) {
                continue;
            }
            if (line == null || !runArgument(line)) {
                break;
            }
        }
        return finish();
    }

    /** The exit status so far: 1 when a command failed. */
    int finish() {
        out.flush();
        return failed ? 1 : 0;
    }

    /**
     * Runs one command (a line of input or a command-line argument).
     *
     * @return false for {@code .quit}/{@code .exit}
     */
    boolean runArgument(String line) {
        String text = line.strip();
        if (text.isEmpty()) {
            return true;
        }
        try {
            if (!text.startsWith(".")) {
                throw new ShellException("a shelf takes dot-commands, not SQL: .keys, .get KEY, .items (.help lists them)");
            }
            List<String> words = DotCommands.words(text.substring(1));
            String name = words.isEmpty() ? "" : words.get(0);
            List<String> args = words.isEmpty() ? List.of() : words.subList(1, words.size());
            switch (name) {
                case "quit", "exit" -> {
                    return false;
                }
                case "help" -> out.println(HELP);
                case "keys" -> keys(optional(args, ".keys ?PATTERN?"));
                case "items" -> items(optional(args, ".items ?PATTERN?"));
                case "get" -> out.println(cells.text(value(one(args, ".get KEY"))));
                case "dis" -> out.print(PickleTools.dis(value(one(args, ".dis KEY"))));
                case "count" -> out.println(dict.size());
                case "mode" -> {
                    mode = Mode.parse(one(args, ".mode MODE"));
                    settings.modeChosen(mode);
                }
                default -> throw new ShellException("unknown command or invalid arguments:  \"" + name
                        + "\". Enter \".help\" for help");
            }
        } catch (RuntimeException e) {
            out.flush();
            err.println("Error: " + Shell.describe(e));
            err.flush();
            failed = true;
        }
        out.flush();
        return true;
    }

    private void keys(String pattern) {
        for (byte[] key : matching(pattern)) {
            out.println(keyText(key));
        }
    }

    private void items(String pattern) {
        ResultFormatter formatter = mode.formatter(out, cells, settings);
        formatter.begin(List.of("key", "value"));
        for (byte[] key : matching(pattern)) {
            byte[] value = dict.get(key);
            formatter.row(Arrays.asList(keyText(key), value));
        }
        formatter.end();
    }

    /** The raw value under {@code key} (UTF-8, as shelve encodes keys); {@link Dbm.KeyError} when missing. */
    private byte[] value(String key) {
        return dict.getItem(key.getBytes(StandardCharsets.UTF_8));
    }

    private List<byte[]> matching(String pattern) {
        Pattern like = pattern == null ? null : like(pattern);
        List<byte[]> keys = new ArrayList<>();
        for (byte[] key : dict.keys()) {
            if (like == null || like.matcher(keyText(key)).matches()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** SQL's LIKE: {@code %} any text, {@code _} one character, ASCII letters case-insensitive. */
    static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(new String(Character.toChars(c))));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** A key as text when it is UTF-8 (as shelve writes keys), else as Python's {@code b'...'}. */
    static String keyText(byte[] key) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            return PyRepr.bytes(key);
        }
    }

    private static String optional(List<String> args, String usage) {
        if (args.size() > 1) {
            throw new ShellException("usage: " + usage);
        }
        return args.isEmpty() ? null : args.get(0);
    }

    private static String one(List<String> args, String usage) {
        if (args.size() != 1) {
            throw new ShellException("usage: " + usage);
        }
        return args.get(0);
    }

    @Override
    public void close() {
        shelf.close();
    }
}
