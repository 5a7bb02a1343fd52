package org.sqlite3j.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.sqlite3j.dbapi.ColumnDescription;
import org.sqlite3j.dbapi.ConnectOptions;
import org.sqlite3j.dbapi.Connection;
import org.sqlite3j.dbapi.Cursor;
import org.sqlite3j.dbapi.Row;
import org.sqlite3j.dbapi.Sqlite3;

/**
 * The runnable example (until the shell of issue 9 exists): builds a demo database the way a Python
 * program would, then shows transactions, errors and queries through the sqlite3j façade.
 *
 * <p>Usage: {@code Demo [database-file]} (default: {@code target/demo.db}).
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path file = Path.of(args.length > 0 ? args[0] : "target/demo.db");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.deleteIfExists(file);
        out.println("sqlite3j demo — SQLite " + Sqlite3.sqliteVersion() + ", database " + file);

        try (Connection con = Sqlite3.connect(file, ConnectOptions.defaults().timeout(10))) {
            con.executescript("""
                    CREATE TABLE planet(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,
                                        moons INTEGER, radius_km REAL);
                    """);
            List<List<Object>> planets = List.of(
                    List.of("Mercury", 0, 2439.7), List.of("Venus", 0, 6051.8),
                    List.of("Earth", 1, 6371.0), List.of("Mars", 2, 3389.5),
                    List.of("Jupiter", 95, 69911.0), List.of("Saturn", 146, 58232.0));
            Cursor cur = con.executemany("INSERT INTO planet(name, moons, radius_km) VALUES (?, ?, ?)", planets);
            out.println("executemany inserted " + cur.rowcount() + " rows; in_transaction="
                    + con.inTransaction());
            con.commit();

            try {
                con.execute("INSERT INTO planet(name) VALUES (?)", "Earth");
            } catch (Sqlite3.IntegrityError e) {
                out.println("IntegrityError: " + e.getMessage() + " [" + e.sqliteErrorname() + "]");
                con.rollback();
            }

            con.transaction(c -> c.executemany("INSERT INTO planet(name, moons) VALUES (?, ?)",
                    IntStream.rangeClosed(1, 3).mapToObj(i -> List.of("Exo-" + i, i)).iterator()));

            con.rowFactory(Row.FACTORY);
            Cursor q = con.execute("SELECT name, moons, radius_km FROM planet WHERE moons >= :min ORDER BY moons DESC",
                    java.util.Map.of("min", 1));
            out.println(q.description().stream().map(ColumnDescription::name)
                    .collect(Collectors.joining(" | ")));
            for (Row row : q) {
                out.println(row.get("name") + " | " + row.get("MOONS") + " | " + row.get(2));
            }
            Row total = con.execute("SELECT count(*) AS n, sum(moons) AS m FROM planet").fetchone();
            out.println("planets: " + total.get("n") + ", moons: " + total.get("m")
                    + ", total_changes: " + con.totalChanges());
        }
    }
}
