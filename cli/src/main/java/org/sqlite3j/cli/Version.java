package org.sqlite3j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.sqlite3j.dbapi.Sqlite3;

/** The versions the shell reports: its own (from the build), SQLite's, the engine's and Java's. */
final class Version {
    private Version() {
    }

    /** sqlite3j's version, e.g. {@code 0.1.0-SNAPSHOT} ("unknown" outside a build). */
    static String sqlite3j() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The {@code --version} line: sqlite3j's, SQLite's, the engine's and Java's versions. */
    static String line() {
        return "sqlite3j " + sqlite3j() + ", SQLite version " + Sqlite3.sqliteVersion() + ", engine "
                + Sqlite3.engine() + ", Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
    }
}
