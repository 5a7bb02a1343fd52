package org.sqlite3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * The interactive shell as {@link Main} runs it on a terminal (banner, prompts, history), here on an
 * in-memory terminal fed the keys in one go; the input ends after them (as Ctrl-D). The same cases as
 * CPython's own tests of {@code python -m sqlite3}.
 */
class InteractiveSessionTest {
    private static final String IN_MEMORY = "Connected to a transient in-memory database";

    @TempDir
    Path dir;

    record Session(int status, String screen) {
        int count(String text) {
            int n = 0;
            for (int at = screen.indexOf(text); at >= 0; at = screen.indexOf(text, at + text.length())) {
                n++;
            }
            return n;
        }

        /**
         * Asserts how many prompts ({@code sqlite> }) and continuation prompts were shown, and that the
         * session ended waiting at a fresh prompt (nothing printed after the last one).
         */
        void endsAtAPromptAfter(int prompts, int continuations) {
            assertThat(count(Shell.PROMPT)).as("prompts").isEqualTo(prompts);
            assertThat(count(Shell.CONTINUATION)).as("continuation prompts").isEqualTo(continuations);
            assertThat(afterLastPrompt()).as("printed after the last prompt").isEmpty();
        }

        /** What the shell printed after its last prompt (the terminal's own line ends aside). */
        String afterLastPrompt() {
            String last = screen.substring(screen.lastIndexOf(Shell.PROMPT.strip()));
            return last.substring(last.indexOf(' ') + 1).strip();
        }
    }

    /** Runs {@code sqlite3j ARGS} interactively, typing {@code keys} (lines end with CR, as Enter). */
    private Session session(String keys, String... args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--history", dir.resolve("history").toString()));
        arguments.addAll(List.of(args.length == 0 ? new String[] {":memory:"} : args));
        Options options = Options.parse(arguments.toArray(String[]::new));
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        int status;
        try (Connection con = Main.open(options);
             Terminal terminal = MemoryTerminal.open(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
                     screen)) {
            status = Main.interactive(con, options, terminal);
        }
        // the terminal ends lines as terminals do (ONLCR: \r\n)
        return new Session(status, screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void endOfInputAtOncePrintsTheBannerAndOnePrompt() throws Exception {
        Session s = session("");
        assertThat(s.status()).isZero();
        assertThat(s.screen()).startsWith("sqlite3j shell, running on SQLite version " + Sqlite3.sqliteVersion() + "\n"
                + IN_MEMORY + "\n").contains("type \".quit\" or CTRL-D to quit.");
        s.endsAtAPromptAfter(1, 0);
    }

    @Test
    void quitEndsTheSession() throws Exception {
        Session s = session(".quit\rSELECT 'not run';\r");
        assertThat(s.status()).isZero();
        assertThat(s.screen()).contains(IN_MEMORY).doesNotContain("| not run |");
        assertThat(s.count(Shell.PROMPT)).isEqualTo(1);
        assertThat(s.count(Shell.CONTINUATION)).isZero();
    }

    @Test
    void versionPrintsTheSqliteVersion() throws Exception {
        Session s = session(".version\r");
        assertThat(s.screen()).contains("SQLite version " + Sqlite3.sqliteVersion() + "\n");
        s.endsAtAPromptAfter(2, 0);
    }

    @Test
    void aStatementOnOneLine() throws Exception {
        Session s = session("SELECT 1;\r");
        assertThat(s.status()).isZero();
        assertThat(s.screen()).contains("+---+\n| 1 |\n+---+\n| 1 |\n+---+\n");
        s.endsAtAPromptAfter(2, 0);
    }

    @Test
    void aStatementOverTwoLines() throws Exception {
        Session s = session("SELECT 1\r;\r");
        assertThat(s.screen()).contains("| 1 |\n+---+\n");
        s.endsAtAPromptAfter(2, 1);
    }

    @Test
    void ctrlDOnAContinuationLineAbandonsTheStatement() throws Exception {
        Path db = dir.resolve("keep.db");
        try (Connection con = Sqlite3.connect(db)) {
            con.executescript("CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        }
        Session s = session("DELETE FROM t\r", db.toString());
        assertThat(s.status()).isZero();
        assertThat(s.count(Shell.PROMPT)).isEqualTo(1);
        assertThat(s.count(Shell.CONTINUATION)).isEqualTo(1);
        assertThat(s.screen().substring(s.screen().lastIndexOf(Shell.CONTINUATION) + Shell.CONTINUATION.length()))
                .isBlank();
        try (Connection con = Sqlite3.connect(db)) {
            assertThat(con.execute("SELECT count(*) FROM t").fetchone().get(0)).isEqualTo(1L);
        }
    }

    @Test
    void anErrorIsShownAndTheSessionGoesOn() throws Exception {
        Session s = session("sel;\r");
        assertThat(s.status()).isZero();
        assertThat(s.screen()).contains("Error: OperationalError (SQLITE_ERROR): near \"sel\": syntax error\n");
        s.endsAtAPromptAfter(2, 0);
    }

    @Test
    void aFileOnDiskKeepsWhatASessionCreated() throws Exception {
        Path db = dir.resolve("on disk.db");
        Session first = session("CREATE TABLE t(t);\r", db.toString());
        assertThat(first.screen()).contains("Connected to '" + db + "'");
        assertThat(first.afterLastPrompt()).isEmpty();
        Session second = session("SELECT count(t) FROM t;\r", db.toString());
        assertThat(second.screen()).contains("| count(t) |").contains("|        0 |");
    }

    @Test
    void sqlite3ModesAndCommandsAtTheTerminal() throws Exception {
        Session s = session(".mode box\rSELECT 1 AS a,\r'x' AS b;\r.changes on\rCREATE TABLE t(x);\r.mode line\r"
                + "SELECT NULL AS n;\r.frob\r");
        assertThat(s.screen()).contains("┌───┬───┐\n│ a │ b │\n├───┼───┤\n│ 1 │ x │\n└───┴───┘\n")
                .contains("changes: 0   total_changes: 0\n").contains("    n = \n")
                .contains("Error: unknown command or invalid arguments:  \"frob\"");
        s.endsAtAPromptAfter(8, 1);
    }
}
