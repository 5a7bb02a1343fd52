package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jline.terminal.Terminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.dbm.DbmDumb;
import org.sqlite3j.dbm.DbmFile;
import org.sqlite3j.pickle.PyTuple;
import org.sqlite3j.shelve.Shelf;
import org.sqlite3j.shelve.Shelve;
import org.sqlite3j.testkit.Python;

/**
 * {@code sqlite3j FILE} where FILE is a shelf or dbm file: detection (dbm.sqlite3 by its Dict schema,
 * dbm.dumb by whichdb, {@code --shelf}/{@code --sql}), the read-only view's dot-commands, piped and as
 * arguments, and a CPython-written shelf shown as CPython's repr.
 */
class ShelfViewTest {
    /** CPython 3.13's pickle of {@code shelffixture.Secret("keep me")}: a class the shell does not know. */
    private static final byte[] SECRET = HexFormat.of().parseHex("80049536000000000000008c0c7368656c6666697874757265948c"
            + "065365637265749493942981947d948c077061796c6f6164948c076b656570206d659473622e");

    @TempDir
    Path dir;
    String shelf;

    @BeforeEach
    void writeShelf() {
        shelf = dir.resolve("app.db").toString();
        try (Shelf s = Shelve.open(Path.of(shelf), "n")) {
            fill(s);
        }
    }

    private static void fill(Shelf s) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("theme", "dark");
        settings.put("size", 12L);
        s.setItem("settings", settings);
        s.setItem("day", LocalDate.of(2024, 5, 1));
        s.setItem("pair", PyTuple.of(1L, "two"));
        s.setItem("a key", List.of());
        s.dict().put("secret", SECRET);
        s.dict().put("raw", new byte[] {1, 2});
    }

    @Test
    void keysGetAndCountAsArguments() {
        ShellRun run = ShellRun.of("", shelf, ".count", ".keys", ".get settings", ".get day", ".get 'a key'",
                ".get secret", ".get raw");
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("6", "a key", "day", "pair", "raw", "secret", "settings",
                "{'theme': 'dark', 'size': 12}", "datetime.date(2024, 5, 1)", "[]",
                "shelffixture.Secret(payload='keep me')", "b'\\x01\\x02'");
    }

    @Test
    void itemsListKeysWithDecodedValuesInTheCurrentMode() {
        ShellRun run = ShellRun.of(".items p%\n.mode csv\n.items\n", shelf);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("\"(1, 'two')\"\r\n");   // csv rows end in CRLF, as sqlite3's
        assertThat(run.out().replace("\r\n", "\n")).isEqualTo("""
                +------+------------+
                | key  |   value    |
                +------+------------+
                | pair | (1, 'two') |
                +------+------------+
                key,value
                a key,[]
                day,"datetime.date(2024, 5, 1)"
                pair,"(1, 'two')"
                raw,b'\\x01\\x02'
                secret,shelffixture.Secret(payload='keep me')
                settings,"{'theme': 'dark', 'size': 12}"
                """);
    }

    @Test
    void missingKeySqlAndUnknownCommandAreErrorsWithStatusOne() {
        ShellRun run = ShellRun.of(".get nope\nSELECT 1;\n.frob\n.keys\n", shelf);
        assertThat(run.err()).isEqualTo("""
                Error: KeyError: b'nope'
                Error: a shelf takes dot-commands, not SQL: .keys, .get KEY, .items (.help lists them)
                Error: unknown command or invalid arguments:  "frob". Enter ".help" for help
                """);
        assertThat(run.out()).contains("settings");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void viewIsReadOnlyAndQuitStops() {
        ShellRun run = ShellRun.of(".quit\n.keys\n", shelf);
        assertThat(run.out()).isEmpty();
        assertThat(run.status()).isZero();
        try (Shelf s = Shelve.open(Path.of(shelf), "r")) {
            assertThat(s).hasSize(6);
        }
    }

    @Test
    void helpListsTheCommands() {
        ShellRun run = ShellRun.of(".help\n", shelf);
        assertThat(run.out()).isEqualTo(ShelfView.HELP + "\n").contains(".get KEY").contains(".items ?PATTERN?");
    }

    /** On a terminal (JLine's in-memory one): the banner names the file, backend and size; prompt "shelf> ". */
    @Test
    void interactiveViewShowsBannerAndPrompt() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        int status;
        try (Terminal terminal = MemoryTerminal.open(
                new ByteArrayInputStream(".get pair\r.quit\r".getBytes(StandardCharsets.UTF_8)), screen, ShelfView.PROMPT)) {
            status = Main.interactiveShelf(Options.parse("--no-history", shelf), terminal);
        }
        String shown = screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(status).isZero();
        assertThat(shown).startsWith("sqlite3j shell, shelf view (read-only)\nOpened '" + shelf + "': dbm.sqlite3, 6 keys\n")
                .contains(ShelfView.PROMPT).contains("(1, 'two')\n");
    }

    @Test
    void dumbFilesAreFoundByWhichdb() {
        Path dumb = dir.resolve("cache");
        try (DbmFile db = DbmDumb.open(dumb, "n"); Shelf s = new Shelf(db)) {
            fill(s);
        }
        ShellRun run = ShellRun.of("", dumb.toString(), ".get pair");
        assertThat(run.out()).isEqualTo("(1, 'two')\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void sqlFlagOpensTheDictTableAsSql() {
        ShellRun run = ShellRun.of("", "--sql", shelf, "SELECT count(*) AS n FROM Dict");
        assertThat(run.out()).contains("| 6 |");
        assertThat(run.status()).isZero();
    }

    @Test
    void aPlainDatabaseKeepsOpeningAsSql() {
        String plain = dir.resolve("plain.db").toString();
        try (Connection con = Sqlite3.connect(plain)) {
            con.executescript("CREATE TABLE Dict(key, value); CREATE TABLE other(x); INSERT INTO other VALUES (7);");
        }
        ShellRun run = ShellRun.of("SELECT x FROM other;\n", plain);
        assertThat(run.out()).contains("| 7 |");
        assertThat(run.err()).isEmpty();
        ShellRun forced = ShellRun.of("", "--shelf", plain, ".count");
        assertThat(forced.out()).isEqualTo("0\n");
        assertThat(forced.status()).isZero();
    }

    @Test
    void shelfFlagOnANonDbmFileIsAnError() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "just text, long enough");
        ShellRun run = ShellRun.of("", "--shelf", text.toString(), ".keys");
        assertThat(run.err()).isEqualTo("Error: '" + text + "' is not a shelf or dbm file\n");
        assertThat(run.status()).isEqualTo(1);
        ShellRun missing = ShellRun.of("", "--shelf", dir.resolve("none").toString(), ".keys");
        assertThat(missing.err()).endsWith("is not a shelf or dbm file (it does not exist)\n");
    }

    @Test
    void disShowsThePickleListing() {
        ShellRun run = ShellRun.of("", shelf, ".dis pair");
        assertThat(run.out()).startsWith("    0: \\x80 PROTO      4\n").contains("SHORT_BINUNICODE 'two'")
                .endsWith("highest protocol among opcodes = 4\n");
    }

    /** A shelf CPython 3.13 wrote (dbm.sqlite3, its default): each value shown exactly as Python's repr(). */
    @Test
    void cpythonShelfShowsPythonsRepr() throws Exception {
        String out = Python.run(dir, """
                import datetime, decimal, shelve
                values = {"when": datetime.datetime(2024, 2, 29, 13, 45, 7, 123456), "price": decimal.Decimal("12.50"),
                          "nested": {"a": [1, 2.5, None, True], "b": (b"\\x00", frozenset({3}))}, "s": {1, 2},
                          "td": datetime.timedelta(days=1, seconds=2), "u": "clé"}
                with shelve.open("py.db", "n") as s:
                    s.update(values)
                for k in values:
                    print(repr(values[k]))
                """);
        List<String> args = new java.util.ArrayList<>(List.of(dir.resolve("py.db").toString()));
        for (String k : List.of("when", "price", "nested", "s", "td", "u")) {
            args.add(".get " + k);
        }
        ShellRun run = ShellRun.of("", args.toArray(String[]::new));
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(out);
    }
}
