package org.sqlite3j.fuzz;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite3j.dbapi.Sqlite3;
import org.sqlite3j.driver.Sqlite3jDriver;
import org.sqlite3j.driver.UrlParsing;
import org.sqlite3j.sqltext.SqlScanner;

/**
 * The readers of text, every input through two targets (one fuzzing JVM for both). Seeds: corpus/sql
 * (with CPython's complete_statement answer in sql.tsv) and corpus/url (options percent-encoded by CPython's
 * urllib).
 *
 * <ul>
 *   <li><b>sqlscanner</b>: the driver's {@code SqlScanner} and the façade's {@code Sqlite3.completeStatement}
 *       (sqlite3_complete) on any text ({@link #sqlText}). SqlScanner documents that no content makes it throw,
 *       so every exception is a finding, but completeStatement's {@link Sqlite3.ValueError} for NUL and lone
 *       surrogates (CPython's). Statement by statement, {@code endOfStatement} must move forward and stay in
 *       the text ({@code (from, length]}); {@code skipBlank} stays in {@code [from, length]}; {@code isBlank}
 *       agrees with {@code skipBlank}; the parameter names and occurrences, the first keyword and the INSERT
 *       target are computed for each statement.</li>
 *   <li><b>jdbc-url</b>: the {@code jdbc:sqlite3:} URL parser and option checks; the input's first line is
 *       the URL, each further line a {@code name=value} Property. {@code acceptsURL}, {@code getPropertyInfo}
 *       and the parser (with what a connection is derived from: SQLite's file name, sqlite-jdbc's
 *       configuration) answer or raise {@link SQLException}, the driver's one documented exception. A URL the
 *       parser accepts is then opened with its options on {@code :memory:} (no file is ever made), so that
 *       options which only fail at open fail as an SQLException too.</li>
 * </ul>
 */
class TextFuzzTest {

    private static final Target SQL = Target.of("sqlscanner", List.of(Sqlite3.ValueError.class));
    private static final Target URL = Target.of("jdbc-url", List.of(SQLException.class));
    private static final Sqlite3jDriver DRIVER = new Sqlite3jDriver();

    static Stream<Arguments> seeds() {
        return Corpus.seeds("sql", "url");
    }

    @MethodSource("seeds")
    @FuzzTest
    void text(byte[] data) {
        scan(data);
        url(data);
    }

    private static void scan(byte[] data) {
        String sql = sqlText(data);
        SQL.run(data, () -> {
            try {
                Sqlite3.completeStatement(sql);
            } catch (Sqlite3.ValueError e) { // NUL or a lone surrogate, as CPython's str argument refuses them
                SQL.requireDocumented(e, data);
            }
            int from = 0;
            while (from < sql.length()) {
                int blank = SqlScanner.skipBlank(sql, from);
                check(blank >= from && blank <= sql.length(), "skipBlank", from, blank, sql);
                check(SqlScanner.isBlank(sql, from) == (blank == sql.length()), "isBlank", from, blank, sql);
                SqlScanner.firstKeyword(sql, from);
                SqlScanner.insertTarget(sql, from);
                SqlScanner.parameterNames(sql, from);
                SqlScanner.parameterOccurrences(sql, from);
                int end = SqlScanner.endOfStatement(sql, from);
                check(end > from && end <= sql.length(), "endOfStatement", from, end, sql);
                from = end;
            }
        });
    }

    private static void url(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        String url = lines[0];
        Properties info = new Properties();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq > 0) {
                info.setProperty(lines[i].substring(0, eq), lines[i].substring(eq + 1));
            }
        }
        URL.run(data, () -> {
            boolean accepted = DRIVER.acceptsURL(url);
            try {
                DRIVER.getPropertyInfo(url, info);
            } catch (SQLException e) {
                URL.requireDocumented(e, data);
            }
            UrlParsing.parse(url, info);
            if (!accepted) {
                throw new AssertionError("the parser took a URL acceptsURL refuses: " + url);
            }
            int q = url.indexOf('?');
            String inMemory = "jdbc:sqlite3::memory:" + (q < 0 ? "" : url.substring(q));
            try (Connection c = DRIVER.connect(inMemory, info)) {
                if (c == null) {
                    throw new AssertionError("connect returned null for " + inMemory);
                }
            }
        });
    }

    /**
     * The text of an input: its UTF-8 decoding, or, after a first byte 0xFF (no UTF-8 text starts so), the
     * UTF-16LE code units of the rest taken as they are, lone surrogates included.
     */
    static String sqlText(byte[] data) {
        if (data.length == 0 || data[0] != (byte) 0xFF) {
            return new String(data, StandardCharsets.UTF_8);
        }
        char[] units = new char[(data.length - 1) / 2];
        for (int i = 0; i < units.length; i++) {
            units[i] = (char) ((data[1 + 2 * i] & 0xff) | (data[2 + 2 * i] & 0xff) << 8);
        }
        return new String(units);
    }

    private static void check(boolean ok, String method, int from, int result, String sql) {
        if (!ok) {
            throw new AssertionError(method + "(sql, " + from + ") = " + result + " for a text of "
                    + sql.length() + " chars");
        }
    }

    @AfterAll
    static void figures() {
        for (Target t : List.of(SQL, URL)) {
            FuzzRun.report(t, TextFuzzTest.class, "text", "sql", "url");
        }
    }
}
