package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sqlite3j.driver.DriverTest.one;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite3j.driver.internal.Quote;

/**
 * Option values are taken exactly: an integer option is an integer in SQLite's range and nothing
 * else (no silent 0 for "abc", no trailing text dropped), an option given twice in a URL is an error,
 * and a message never quotes more than {@value Quote#MAX_SHOWN} characters of what it got.
 */
class OptionValuesTest {

    @TempDir
    Path dir;

    private String url(String query) {
        return "jdbc:sqlite3:" + dir.resolve("app.db") + query;
    }

    /** {@code text} percent-encoded for a URL (a space as %20: this driver reads '+' as itself). */
    private static String encoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every option that takes an integer, ours and sqlite-jdbc's. */
    private static List<String> integerOptions() {
        List<String> names = new ArrayList<>();
        for (Sqlite3jOption o : Sqlite3jOption.values()) {
            if (Sqlite3jOption.integerRange(o.optionName()) != null) {
                names.add(o.optionName());
            }
        }
        for (String name : Sqlite3jOption.passThrough().keySet()) {
            if (Sqlite3jOption.integerRange(name) != null) {
                names.add(name);
            }
        }
        return names;
    }

    @Test // the table covers every sqlite-jdbc option that is neither a choice nor free text
    void everyNumericOptionHasARange() {
        List<String> names = integerOptions();
        assertThat(names).contains("busy_timeout", "cached_statements", "cache_size", "user_version",
                "application_id", "mmap_size", "page_size", "journal_size_limit", "max_page_count",
                "wal_autocheckpoint", "open_mode", "limit_attached", "limit_sql_length", "limit_worker_threads");
        TreeSet<String> unchecked = new TreeSet<>();
        for (SQLiteConfig.Pragma p : Sqlite3jOption.passThrough().values()) {
            if ((p.choices == null || p.choices.length == 0) && Sqlite3jOption.integerRange(p.pragmaName) == null) {
                unchecked.add(p.pragmaName);
            }
        }
        // text by nature, or checked as a boolean (jdbc.explicit_readonly)
        assertThat(unchecked).containsExactly("date_string_format", "jdbc.explicit_readonly", "password",
                "temp_store_directory");
    }

    @Test
    void everyIntegerOptionRefusesWhatIsNotExactlyAnIntegerInRange() {
        for (String name : integerOptions()) {
            for (String bad : List.of("abc", "-2000;DROP TABLE x", " 5", "5 ", "5.0", "0x10", "",
                    "99999999999999999999")) {
                assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?" + name + "="
                        + encoded(bad)))
                        .as("%s=%s", name, bad)
                        .isInstanceOf(SQLException.class)
                        .hasMessageStartingWith("invalid value " + Quote.quote(bad) + " for option '" + name + "' in ")
                        .hasMessageContaining("allowed values: ")
                        .hasMessageMatching("(?s).*(an integer|a power of two) from -?\\d+ to \\d+");
            }
        }
    }

    @Test
    void theRangesAreSqlites() throws SQLException {
        record Case(String name, String inRange, String outOfRange) { }
        for (Case c : List.of(new Case("cache_size", "-2000", "2147483648"),
                new Case("user_version", "-2147483648", "2147483648"),
                new Case("application_id", "2147483647", "-2147483649"),
                new Case("page_size", "4096", "1000"),
                new Case("page_size", "512", "256"),
                new Case("mmap_size", "268435456", "-1"),
                new Case("limit_attached", "3", "-1"),
                new Case("busy_timeout", "0", "-5"))) {
            assertThat(Sqlite3jOption.integerRange(c.name()).accepts(c.inRange())).as(c.toString()).isTrue();
            assertThatThrownBy(() -> DriverManager.getConnection(url("?" + c.name() + "=" + c.outOfRange())))
                    .as(c.toString()).hasMessageContaining("invalid value '" + c.outOfRange() + "'");
        }
        try (Connection con = DriverManager.getConnection("jdbc:sqlite3:" + dir.resolve("paged.db")
                + "?page_size=8192")) {
            assertThat(one(con, "pragma page_size")).isEqualTo("8192");
        }
        try (Connection con = DriverManager.getConnection(
                url("?cache_size=-2000&user_version=7&application_id=-5&limit_attached=3"))) {
            assertThat(one(con, "pragma cache_size")).isEqualTo("-2000");
            assertThat(one(con, "pragma user_version")).isEqualTo("7");
            assertThat(one(con, "pragma application_id")).isEqualTo("-5");
        }
    }

    @Test // what used to run as "pragma cache_size=-2000;DROP TABLE x" with the tail dropped
    void trailingSqlIsRefusedAndNothingRuns() throws SQLException {
        try (Connection con = DriverManager.getConnection(url("")); Statement s = con.createStatement()) {
            s.execute("create table x(a)");
        }
        Properties info = new Properties();
        info.setProperty("cache_size", "-2000;DROP TABLE x");
        assertThatThrownBy(() -> DriverManager.getConnection(url(""), info))
                .hasMessageContaining("invalid value '-2000;DROP TABLE x' for option 'cache_size'");
        try (Connection con = DriverManager.getConnection(url(""))) {
            assertThat(one(con, "select count(*) from sqlite_schema where name = 'x'")).isEqualTo("1");
        }
    }

    @Test
    void timeoutIsANumberOfSecondsAsWritten() {
        for (String bad : List.of("5d", "NaN", "Infinity", "0x1p3", " 5", "-1", "1e10")) {
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?timeout="
                    + encoded(bad)))
                    .as(bad).hasMessageStartingWith("invalid value " + Quote.quote(bad) + " for option 'timeout'");
        }
    }

    @Test
    void explicitReadonlyIsABoolean() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?jdbc.explicit_readonly=yes"))
                .hasMessageContaining("invalid value 'yes' for option 'jdbc.explicit_readonly'")
                .hasMessageEndingWith("allowed values: true, false");
    }

    @Test
    void anOptionGivenTwiceInTheUrlIsAnError() throws SQLException {
        assertThatThrownBy(() -> DriverManager.getConnection(url("?journal_mode=WAL&journal_mode=DELETE")))
                .isInstanceOf(SQLException.class)
                .hasMessage("option 'journal_mode' is given twice in " + url("?journal_mode=WAL&journal_mode=DELETE")
                        + " ('WAL' and 'DELETE'); give it once");
        assertThatThrownBy(() -> DriverManager.getConnection(url("?cache_size=1&cache%5Fsize=1")))
                .as("the same name, percent-encoded").hasMessageContaining("option 'cache_size' is given twice");
        // Properties still win over the URL, as in sqlite-jdbc
        Properties info = new Properties();
        info.setProperty("journal_mode", "TRUNCATE");
        try (Connection con = DriverManager.getConnection(url("?journal_mode=WAL"), info)) {
            assertThat(one(con, "pragma journal_mode")).isEqualTo("truncate");
        }
    }

    @Test
    void aBadEscapeIsAnSqlExceptionNotAnIllegalArgumentException() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?cache_size=%zz"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("malformed option 'cache_size=%zz'")
                .hasMessageContaining("%XX escapes");
    }

    @Test // a 1 MB value made a 2 MB message (the value, then the whole URL)
    void messagesQuoteAtMost200CharactersOfWhatTheyGot() {
        String huge = "9".repeat(1 << 20);
        String name = "n".repeat(1 << 20);
        for (String query : List.of("?user_version=" + huge, "?" + name + "=1", "?" + name, "?timeout=" + huge)) {
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:" + query))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getMessage().length()).as(query.substring(0, 20)).isLessThan(2_000);
                        assertThat(e.getMessage()).contains(" characters)");
                    });
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?user_version=" + huge))
                .hasMessageStartingWith("invalid value '" + "9".repeat(Quote.MAX_SHOWN) + "...' (1048576 characters)");
        Sqlite3jDataSource ds = new Sqlite3jDataSource();
        ds.setDatabase(dir.resolve("d".repeat(100_000)).toString());
        ds.setOption("cache_size", "x");
        assertThatThrownBy(ds::getConnection).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getMessage().length()).isLessThan(1_000));
    }

    @Test
    void quoteShortensOnlyLongTexts() {
        assertThat(Quote.quote("abc")).isEqualTo("'abc'");
        assertThat(Quote.shorten("x".repeat(Quote.MAX_SHOWN))).isEqualTo("x".repeat(Quote.MAX_SHOWN));
        assertThat(Quote.shorten("x".repeat(Quote.MAX_SHOWN + 1)))
                .isEqualTo("x".repeat(Quote.MAX_SHOWN) + "... (201 characters)");
        String emoji = "x".repeat(Quote.MAX_SHOWN - 1) + "\uD83D\uDE00";
        assertThat(Quote.shorten(emoji + "y")).startsWith("x".repeat(Quote.MAX_SHOWN - 1) + "...");
    }
}
