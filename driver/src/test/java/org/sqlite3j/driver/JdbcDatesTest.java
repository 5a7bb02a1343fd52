package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dates and times on the JDBC path: stored as the text Python's {@code isoformat} gives (the strings
 * below are what CPython 3.13 prints for the same values: {@code date(2024,1,2).isoformat()},
 * {@code datetime(2024,1,2,3,4,5,123456).isoformat(" ")}, {@code time(3,4,5).isoformat()}, an aware
 * datetime's {@code isoformat(" ")}), read back from that text, from sqlite-jdbc's epoch milliseconds
 * and from sqlite-jdbc's own text; {@code date_storage=sqlite-jdbc} keeps sqlite-jdbc's storage.
 */
class JdbcDatesTest {

    @TempDir
    Path dir;

    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = connect("");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private Connection connect(String options) throws SQLException {
        Connection con = DriverManager.getConnection("jdbc:sqlite3:" + dir.resolve("dates.db") + options);
        try (Statement s = con.createStatement()) {
            s.execute("create table if not exists t(v)");
            s.execute("delete from t");
        }
        return con;
    }

    /** Binds with {@code bind}, returns typeof(v) || ':' || v as stored. */
    private String stored(Connection con, Binder bind) throws SQLException {
        try (Statement s = con.createStatement()) {
            s.execute("delete from t");
        }
        try (PreparedStatement ps = con.prepareStatement("insert into t values (?)")) {
            bind.bind(ps);
            ps.executeUpdate();
        }
        return DriverTest.one(con, "select typeof(v) || ':' || v from t");
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @Test
    void javaSqlValuesAreStoredAsPythonsText() throws SQLException {
        LocalDateTime t = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000);
        assertThat(stored(c, ps -> ps.setDate(1, Date.valueOf("2024-01-02")))).isEqualTo("text:2024-01-02");
        assertThat(stored(c, ps -> ps.setTimestamp(1, Timestamp.valueOf(t))))
                .isEqualTo("text:2024-01-02 03:04:05.123456");
        assertThat(stored(c, ps -> ps.setTimestamp(1, Timestamp.valueOf(t.withNano(0)))))
                .isEqualTo("text:2024-01-02 03:04:05");
        assertThat(stored(c, ps -> ps.setTime(1, Time.valueOf("03:04:05")))).isEqualTo("text:03:04:05");
        assertThat(stored(c, ps -> ps.setObject(1, Timestamp.valueOf(t)))).isEqualTo("text:2024-01-02 03:04:05.123456");
        assertThat(stored(c, ps -> ps.setObject(1, Date.valueOf("2024-01-02"), Types.DATE))).isEqualTo("text:2024-01-02");
        java.util.Date legacy = Timestamp.valueOf(t.withNano(250_000_000));
        assertThat(stored(c, ps -> ps.setObject(1, new java.util.Date(legacy.getTime()))))
                .isEqualTo("text:2024-01-02 03:04:05.250000");
        assertThat(stored(c, ps -> ps.setDate(1, null))).isNull();
    }

    @Test
    void javaTimeValuesAreStoredAsPythonsText() throws SQLException {
        assertThat(stored(c, ps -> ps.setObject(1, LocalDate.of(2024, 1, 2)))).isEqualTo("text:2024-01-02");
        assertThat(stored(c, ps -> ps.setObject(1, LocalDateTime.of(2024, 1, 2, 3, 4, 5))))
                .isEqualTo("text:2024-01-02 03:04:05");
        assertThat(stored(c, ps -> ps.setObject(1, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 7000), Types.TIMESTAMP)))
                .isEqualTo("text:2024-01-02 03:04:05.000007");
        assertThat(stored(c, ps -> ps.setObject(1, LocalTime.of(3, 4)))).isEqualTo("text:03:04:00");
        assertThat(stored(c, ps -> ps.setObject(1, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)))))
                .isEqualTo("text:2024-01-02 03:04:05+02:00");
        assertThat(stored(c, ps -> ps.setObject(1, Instant.parse("2024-01-02T03:04:05Z"))))
                .isEqualTo("text:2024-01-02 03:04:05+00:00");
        assertThat(stored(c, ps -> ps.setObject(1, ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")))))
                .isEqualTo("text:2024-07-01 12:00:00+02:00");
        assertThat(stored(c, ps -> ps.setObject(1, OffsetTime.of(3, 4, 5, 0, ZoneOffset.UTC))))
                .isEqualTo("text:03:04:05+00:00");
        // a non-text target type keeps sqlite-jdbc's conversion
        assertThat(stored(c, ps -> ps.setObject(1, 42L, Types.BIGINT))).isEqualTo("integer:42");
    }

    @Test
    void aCalendarChoosesTheZone() throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        Timestamp instant = Timestamp.from(Instant.parse("2024-01-02T23:30:00Z"));
        assertThat(stored(c, ps -> ps.setTimestamp(1, instant, utc))).isEqualTo("text:2024-01-02 23:30:00");
        assertThat(stored(c, ps -> ps.setTimestamp(1, instant, tokyo))).isEqualTo("text:2024-01-03 08:30:00");
        assertThat(stored(c, ps -> ps.setDate(1, new Date(instant.getTime()), tokyo))).isEqualTo("text:2024-01-03");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select '2024-01-03 08:30:00'")) {
            rs.next();
            assertThat(rs.getTimestamp(1, tokyo).toInstant()).isEqualTo(instant.toInstant());
            assertThat(rs.getTimestamp(1, utc).toInstant()).isEqualTo(Instant.parse("2024-01-03T08:30:00Z"));
        }
    }

    @Test
    void readsPythonsTextEpochMillisAndOtherForms() throws SQLException {
        long millis = Timestamp.valueOf("2024-01-02 03:04:05.5").getTime();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select '2024-01-02 03:04:05.123456',"
                + " " + millis + ", '2024-01-02', '2021-11-09 11:20:58', '2024-01-02T03:04:05Z', null, '11:20:58',"
                + " 'not a date'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp(1)).isEqualTo(Timestamp.valueOf("2024-01-02 03:04:05.123456"));
            assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000));
            assertThat(rs.getObject(1, Timestamp.class)).isEqualTo(Timestamp.valueOf("2024-01-02 03:04:05.123456"));
            assertThat(rs.getDate(1)).isEqualTo(Date.valueOf("2024-01-02"));
            assertThat(rs.getTimestamp(2)).isEqualTo(Timestamp.valueOf("2024-01-02 03:04:05.5"));
            assertThat(rs.getDate(3)).isEqualTo(Date.valueOf("2024-01-02"));
            assertThat(rs.getObject(3, Date.class)).isEqualTo(Date.valueOf("2024-01-02"));
            assertThat(rs.getTimestamp(3)).isEqualTo(Timestamp.valueOf("2024-01-02 00:00:00"));
            assertThat(rs.getObject(4, LocalTime.class)).isEqualTo(LocalTime.of(11, 20, 58));
            assertThat(rs.getTime(4)).isEqualTo(Time.valueOf("11:20:58"));
            assertThat(rs.getTimestamp(5).toInstant()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
            assertThat(rs.getTimestamp(6)).isNull();
            assertThat(rs.getDate(6)).isNull();
            assertThat(rs.getTime(7)).isEqualTo(Time.valueOf("11:20:58"));
            assertThat(rs.getObject(7, Time.class)).isEqualTo(Time.valueOf("11:20:58"));
        }
    }

    @Test
    void roundTripsThroughJdbc() throws SQLException {
        Timestamp ts = Timestamp.valueOf("1999-12-31 23:59:59.999999");
        stored(c, ps -> ps.setTimestamp(1, ts));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select v from t")) {
            rs.next();
            assertThat(rs.getTimestamp("v")).isEqualTo(ts);
            assertThat(rs.getObject("v", LocalDateTime.class)).isEqualTo(ts.toLocalDateTime());
        }
    }

    @Test
    void sqliteJdbcStorageOnRequest() throws SQLException {
        try (Connection old = connect("?date_storage=sqlite-jdbc")) {
            Timestamp ts = Timestamp.valueOf("2024-01-02 03:04:05");
            assertThat(stored(old, ps -> ps.setTimestamp(1, ts))).isEqualTo("integer:" + ts.getTime());
            try (Statement s = old.createStatement(); ResultSet rs = s.executeQuery("select v from t")) {
                rs.next();
                assertThat(rs.getTimestamp(1)).isEqualTo(ts);
            }
        }
    }
}
