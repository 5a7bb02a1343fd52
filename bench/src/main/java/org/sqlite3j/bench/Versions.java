package org.sqlite3j.bench;

import java.sql.SQLException;

import org.sqlite3j.dbapi.Sqlite3;

/** Prints the versions the benchmarks run on: {@code java -cp target/benchmarks.jar org.sqlite3j.bench.Versions}. */
public final class Versions {

    private Versions() {
    }

    public static void main(String[] args) throws SQLException {
        String driver;
        try (java.sql.Connection c = Workload.openRaw()) {
            driver = c.getMetaData().getDriverVersion();
        }
        System.out.println("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
                + "), sqlite-jdbc " + driver + ", SQLite " + Sqlite3.sqliteVersion() + " (façade)");
    }
}
