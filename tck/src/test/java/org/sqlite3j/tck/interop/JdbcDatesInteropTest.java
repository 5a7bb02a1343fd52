package org.sqlite3j.tck.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.testkit.Python;

/**
 * Dates written through plain JDBC ({@code jdbc:sqlite3:}, {@code setDate}/{@code setTimestamp}/
 * {@code setObject}) are read by CPython's {@code detect_types} converters as {@code datetime.date} and
 * {@code datetime.datetime}, and what CPython's default adapters wrote is read back by JDBC's getters.
 */
class JdbcDatesInteropTest {

    @TempDir
    Path dir;

    static final String READ = """
            import sqlite3, sys, warnings
            warnings.simplefilter("ignore")   # the default converters are deprecated since 3.12, still the default
            con = sqlite3.connect(sys.argv[1], detect_types=sqlite3.PARSE_DECLTYPES)
            for row in con.execute("SELECT d, ts FROM events ORDER BY id"):
                print(repr(row))
            """;

    static final String WRITE = """
            import datetime, sqlite3, sys, warnings
            warnings.simplefilter("ignore")
            con = sqlite3.connect(sys.argv[1])
            con.execute("CREATE TABLE py(id INTEGER PRIMARY KEY, d date, ts timestamp)")
            con.execute("INSERT INTO py(d, ts) VALUES (?, ?)",
                        (datetime.date(1969, 7, 20), datetime.datetime(1969, 7, 20, 20, 17, 40, 250)))
            con.execute("INSERT INTO py(d, ts) VALUES (?, ?)",
                        (datetime.date(2000, 2, 29), datetime.datetime(2000, 2, 29, 0, 0)))
            con.commit()
            """;

    @Test
    void pythonReadsWhatJdbcWroteAndJdbcReadsWhatPythonWrote() throws Exception {
        Path db = dir.resolve("dates.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite3:" + db)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE events(id INTEGER PRIMARY KEY, d date, ts timestamp)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO events(d, ts) VALUES (?, ?)")) {
                ps.setDate(1, Date.valueOf("2024-01-02"));
                ps.setTimestamp(2, Timestamp.valueOf("2024-01-02 03:04:05.123456"));
                ps.executeUpdate();
                ps.setObject(1, LocalDate.of(1999, 12, 31));
                ps.setObject(2, LocalDateTime.of(1999, 12, 31, 23, 59, 59));
                ps.executeUpdate();
            }
        }
        assertThat(Python.run(dir, READ, db.toString()).lines()).containsExactly(
                "(datetime.date(2024, 1, 2), datetime.datetime(2024, 1, 2, 3, 4, 5, 123456))",
                "(datetime.date(1999, 12, 31), datetime.datetime(1999, 12, 31, 23, 59, 59))");

        Python.run(dir, WRITE, db.toString());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite3:" + db);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT d, ts FROM py ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDate(1)).isEqualTo(Date.valueOf("1969-07-20"));
            assertThat(rs.getTimestamp(2)).isEqualTo(Timestamp.valueOf("1969-07-20 20:17:40.00025"));
            assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.of(1969, 7, 20, 20, 17, 40, 250_000));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(2000, 2, 29));
            assertThat(rs.getTimestamp(2)).isEqualTo(Timestamp.valueOf("2000-02-29 00:00:00"));
            assertThat(rs.next()).isFalse();
        }
    }
}
