package org.sqlite3j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.sqlite3j.dbapi.Connection;

/**
 * The bundled demo database: planets and a table of settings pickled by CPython
 * ({@code demo.sql} next to this class), loaded into a fresh in-memory database. It is what
 * {@code sqlite3j} opens without a FILE, and what the README's first command shows.
 */
final class DemoDatabase {
    /** What is printed when there is no terminal to open the shell on: a short tour. */
    static final List<String> TOUR = List.of(
            ".tables",
            "SELECT name, moons, radius_km FROM planet ORDER BY moons DESC LIMIT 4;",
            "SELECT key, value FROM setting;",
            ".pickle dis setting value 4",
            "INSERT INTO planet(name) VALUES ('Earth');");

    private DemoDatabase() {
    }

    /** Creates the demo tables and rows in {@code con} (an empty database). */
    static void load(Connection con) {
        con.executescript(script());
    }

    /** The SQL script that builds the demo database. */
    static String script() {
        try (InputStream in = DemoDatabase.class.getResourceAsStream("demo.sql")) {
            if (in == null) {
                throw new IllegalStateException("demo.sql is missing from the sqlite3j jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
