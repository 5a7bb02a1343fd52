package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.adapters.Conform;
import org.sqlite3j.adapters.Converters;
import org.sqlite3j.adapters.Recipes;

/** setObject through adapters, getObject through converters, getObject(i, Class), metadata. */
class TypesTest {

    @TempDir
    Path dir;

    Sqlite3jDataSource ds;

    @BeforeEach
    void dataSource() {
        ds = new Sqlite3jDataSource("jdbc:sqlite3:" + dir.resolve("types.db"));
    }

    private static List<Object> column(Connection c, String sql) throws SQLException {
        List<Object> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getObject(1));
            }
        }
        return out;
    }

    @Test
    void integerIsAlwaysLong() throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThat(column(c, "select 1 union all select 5000000000 union all select -7"))
                    .containsExactly(1L, 5000000000L, -7L);
            assertThat(column(c, "select 1.5")).containsExactly(1.5);
            assertThat(column(c, "select null")).containsExactly((Object) null);
        }
    }

    @Test
    void typedGettersAreSqliteJdbcs() throws SQLException {
        try (Connection c = ds.getConnection(); Connection raw = DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("types.db"))) {
            String sql = "select 42, '7', 2.5, null, x'0102'";
            try (ResultSet a = c.createStatement().executeQuery(sql);
                    ResultSet b = raw.createStatement().executeQuery(sql)) {
                a.next();
                b.next();
                for (int i = 1; i <= 5; i++) {
                    assertThat(a.getString(i)).isEqualTo(b.getString(i));
                    assertThat(a.getInt(i)).isEqualTo(b.getInt(i));
                    assertThat(a.getDouble(i)).isEqualTo(b.getDouble(i));
                    assertThat(a.getBytes(i)).isEqualTo(b.getBytes(i));
                }
            }
        }
    }

    @Test
    void setObjectAppliesTheDataSourceAdapterAndGetObjectTheConverter() throws SQLException {
        Point.register(ds.adapters(), ds.converters());
        ds.setDetectTypes(1);
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("create table t(p point)");
            try (PreparedStatement p = c.prepareStatement("insert into t values (?)")) {
                p.setObject(1, new Point(1.5, -2));
                p.executeUpdate();
            }
            try (ResultSet rs = c.createStatement().executeQuery("select p, typeof(p), cast(p as text) from t")) {
                rs.next();
                assertThat(rs.getObject(1)).isEqualTo(new Point(1.5, -2));
                assertThat(rs.getObject("p")).isEqualTo(new Point(1.5, -2));
                assertThat(rs.getString(2)).isEqualTo("text");
                assertThat(rs.getString(3)).isEqualTo("1.5;-2.0");
                assertThat(rs.getObject(1, Point.class)).isEqualTo(new Point(1.5, -2));
                assertThat(rs.getString(1)).isEqualTo("1.5;-2.0");
            }
        }
        // the global registry does not know Point: a plain DriverManager connection stores toString()
        assertThat(Adapters.global().find(Point.class)).isEmpty();
    }

    @Test
    void connectionRegistryOverridesTheDataSourcesAndStaysLocal() throws SQLException {
        ds.adapters().register(Point.class, p -> "ds");
        try (Sqlite3jConnection c = ds.getConnection(); Sqlite3jConnection d = ds.getConnection()) {
            c.adapters().register(Point.class, p -> "con");
            assertThat(bindAndRead(c, new Point(0, 0))).isEqualTo("con");
            assertThat(bindAndRead(d, new Point(0, 0))).isEqualTo("ds");
        }
    }

    @Test
    void globalRegistryIsTheLastFallback() throws SQLException {
        Adapters.global().register(Marker.class, m -> 99L);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite3::memory:")) {
            assertThat(bindAndRead(c, new Marker())).isEqualTo(99L);
        } finally {
            Adapters.global().unregister(Marker.class);
        }
    }

    static final class Marker {
    }

    static final class Conforming implements Conform {
        @Override
        public Object conform() {
            return "conformed";
        }
    }

    @Test
    void conformIsUsedWhenNoAdapterAndAnAdapterWinsOverIt() throws SQLException {
        try (Sqlite3jConnection c = ds.getConnection()) {
            assertThat(bindAndRead(c, new Conforming())).isEqualTo("conformed");
            c.adapters().register(Conforming.class, x -> "adapted");
            assertThat(bindAndRead(c, new Conforming())).isEqualTo("adapted");
        }
    }

    /** Python's TypeError as the façade marks it: thrown by conform(), "not adapted". */
    static final class NotAdaptedError extends IllegalArgumentException
            implements org.sqlite3j.adapters.Adaptation.NotAdapted {
        NotAdaptedError() {
            super("not mine");
        }
    }

    /**
     * CPython's rule, the façade's too: a conform() answering null (or raising TypeError) does not adapt
     * the value, which is then bound as it is and refused; an adapter answering null binds NULL. (The
     * driver used to bind NULL for conform's null.) CPython 3.13: __conform__ returning None gives
     * "Error binding parameter 1: type 'N' is not supported"; register_adapter(N, lambda n: None) gives (None,).
     */
    @Test
    void conformAnsweringNullDoesNotBindNullButAnAdapterDoes() throws SQLException {
        try (Sqlite3jConnection c = ds.getConnection()) {
            org.sqlite3j.adapters.Conform none = () -> null;
            assertThatThrownBy(() -> bindAndRead(c, none)).isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("type '").hasMessageContaining("is not supported: its conform() did not adapt it");
            org.sqlite3j.adapters.Conform typeError = () -> {
                throw new NotAdaptedError();
            };
            assertThatThrownBy(() -> bindAndRead(c, typeError)).isInstanceOf(SQLException.class);
            c.adapters().register(Marker.class, m -> null);
            assertThat(bindAndRead(c, new Marker())).isNull();
        }
    }

    @Test
    void anAdapterFailureIsAnSqlExceptionWithTheCause() throws SQLException {
        try (Sqlite3jConnection c = ds.getConnection()) {
            c.adapters().register(Marker.class, m -> {
                throw new IllegalStateException("nope");
            });
            assertThatThrownBy(() -> bindAndRead(c, new Marker()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("adapter for " + Marker.class.getName() + " failed")
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    private static Object bindAndRead(Connection c, Object value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select ?")) {
            p.setObject(1, value);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    @Test
    void detectTypesFollowsPythonsRules() throws SQLException {
        AtomicInteger calls = new AtomicInteger();
        ds.converters().register("upper", b -> {
            calls.incrementAndGet();
            return new String(b, StandardCharsets.UTF_8).toUpperCase(java.util.Locale.ROOT);
        });
        ds.converters().register("num", b -> "num:" + new String(b, StandardCharsets.UTF_8));
        ds.setDetectTypes(3);
        try (Sqlite3jConnection c = ds.getConnection()) {
            c.createStatement().execute("create table t(a Upper(20), b unsigned big int, c num, d text)");
            c.createStatement().execute("insert into t values ('x', 1, 12, 'plain')");
            c.createStatement().execute("insert into t values ('', 2, null, '')");
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select a, c, d as \"d [upper]\", d as \"e [unknown]\", a || '' from t order by b")) {
                rs.next();
                assertThat(rs.getObject(1)).isEqualTo("X");          // declared type's first word
                assertThat(rs.getObject(2)).isEqualTo("num:12");     // numbers as their text
                assertThat(rs.getObject(3)).isEqualTo("PLAIN");      // [colname] type
                assertThat(rs.getObject(4)).isEqualTo("plain");      // unknown bracket, no decltype
                assertThat(rs.getObject(5)).isEqualTo("x");          // an expression has no decltype
                ResultSetMetaData md = rs.getMetaData();
                assertThat(md.getColumnLabel(3)).isEqualTo("d");
                assertThat(md.getColumnType(1)).isEqualTo(Types.JAVA_OBJECT);
                assertThat(rs.getObject("d")).isEqualTo("PLAIN");
                int before = calls.get();
                rs.next();
                assertThat(rs.getObject(1)).isNull();                // zero-length: not called
                assertThat(rs.getObject(2)).isNull();                // NULL: not called
                assertThat(calls.get()).isEqualTo(before);
            }
            c.detectTypes(0);
            assertThat(column(c, "select a from t order by b")).containsExactly("x", "");
        }
    }

    @Test
    void converterFailureIsAnSqlException() throws SQLException {
        ds.converters().register("bad", b -> {
            throw new NumberFormatException("not a number");
        });
        ds.setDetectTypes(1);
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("create table t(a bad)");
            c.createStatement().execute("insert into t values ('z')");
            assertThatThrownBy(() -> column(c, "select a from t"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("converter of column 1 failed")
                    .hasCauseInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void getObjectWithAClassReadsJavaTimeUuidAndBigDecimal() throws SQLException {
        Recipes.javaTime(ds.adapters(), ds.converters());
        Recipes.uuid(ds.adapters(), ds.converters());
        UUID id = UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("create table t(d, ts, tm, inst, odt, u, n decimal text, ms integer)");
            try (PreparedStatement p = c.prepareStatement("insert into t values (?,?,?,?,?,?,?,?)")) {
                p.setObject(1, LocalDate.of(2024, 5, 1));
                p.setObject(2, LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_000_000));
                p.setObject(3, LocalTime.of(10, 15));
                p.setObject(4, Instant.parse("2024-05-01T10:15:30.5Z"));
                p.setObject(5, OffsetDateTime.of(2024, 5, 1, 10, 15, 30, 0, ZoneOffset.ofHours(2)));
                p.setObject(6, id);
                p.setString(7, "1.10");
                p.setLong(8, 1_714_558_530_000L);
                p.executeUpdate();
            }
            try (ResultSet rs = c.createStatement().executeQuery("select * from t")) {
                rs.next();
                assertThat(rs.getString(2)).isEqualTo("2024-05-01 10:15:30.123000");
                assertThat(rs.getObject(1, LocalDate.class)).isEqualTo(LocalDate.of(2024, 5, 1));
                assertThat(rs.getObject(2, LocalDateTime.class))
                        .isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 15, 30, 123_000_000));
                assertThat(rs.getObject(3, LocalTime.class)).isEqualTo(LocalTime.of(10, 15));
                assertThat(rs.getObject(4, Instant.class)).isEqualTo(Instant.parse("2024-05-01T10:15:30.5Z"));
                assertThat(rs.getObject(5, OffsetDateTime.class))
                        .isEqualTo(OffsetDateTime.of(2024, 5, 1, 10, 15, 30, 0, ZoneOffset.ofHours(2)));
                assertThat(rs.getObject(2, Instant.class)).isEqualTo(Instant.parse("2024-05-01T10:15:30.123Z"));
                assertThat(rs.getObject(6, UUID.class)).isEqualTo(id);
                assertThat(rs.getObject(7, BigDecimal.class)).isEqualTo(new BigDecimal("1.10"));
                assertThat(rs.getObject(8, Instant.class)).isEqualTo(Instant.ofEpochMilli(1_714_558_530_000L));
                assertThat(rs.getObject(8, Long.class)).isEqualTo(1_714_558_530_000L);
                assertThat(rs.getObject(8, BigDecimal.class)).isEqualTo(new BigDecimal(1_714_558_530_000L));
                assertThat(rs.getObject(8, String.class)).isEqualTo("1714558530000");
                assertThatThrownBy(() -> rs.getObject(7, LocalDate.class))
                        .isInstanceOf(SQLException.class)
                        .hasMessageStartingWith("Bad value for type LocalDate : 1.10 (column 7: ");
                // sqlite-jdbc's message for the same mistake, kept first for code that matches it
                assertThatThrownBy(() -> rs.getObject(3, BigDecimal.class))
                        .isInstanceOf(SQLException.class)
                        .hasMessageStartingWith("Bad value for type BigDecimal : ");
            }
            try (ResultSet rs = c.createStatement().executeQuery("select null")) {
                rs.next();
                assertThat(rs.getObject(1, Long.class)).isNull();
                assertThat(rs.getObject(1, LocalDate.class)).isNull();
            }
        }
    }

    @Test
    void metadataReportsWhatGetObjectReturns() throws SQLException {
        // declared types by affinity; no declared type (x, expressions): by the current value
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute(
                    "create table t(i int, big BigInt, r double precision, s varchar(20), b blob, n decimal(10,2), x)");
            c.createStatement().execute("insert into t values (1, 2, 3.0, 's', x'00', 1.5, 'any')");
            try (ResultSet rs = c.createStatement().executeQuery("select *, 1 + 1, 2.5 * 2 from t")) {
                rs.next();
                ResultSetMetaData md = rs.getMetaData();
                String[] classes = {"java.lang.Long", "java.lang.Long", "java.lang.Double", "java.lang.String",
                    "[B", "java.lang.Object", "java.lang.String", "java.lang.Long", "java.lang.Double"};
                int[] types = {Types.BIGINT, Types.BIGINT, Types.DOUBLE, Types.VARCHAR, Types.BLOB, Types.NUMERIC,
                    Types.VARCHAR, Types.BIGINT, Types.DOUBLE};
                for (int i = 1; i <= classes.length; i++) {
                    assertThat(md.getColumnClassName(i)).as("class of " + i).isEqualTo(classes[i - 1]);
                    assertThat(md.getColumnType(i)).as("type of " + i).isEqualTo(types[i - 1]);
                    Object v = rs.getObject(i);
                    if (!classes[i - 1].equals("java.lang.Object") && !classes[i - 1].equals("[B")) {
                        assertThat(v.getClass().getName()).as("value of " + i).isEqualTo(classes[i - 1]);
                    }
                }
                assertThat(md.getColumnTypeName(2)).isEqualTo("BigInt");
                assertThat(md.getColumnTypeName(4)).isEqualTo("varchar(20)");
                assertThat(md.getColumnTypeName(6)).isEqualTo("decimal(10,2)");
            }
        }
    }

    @Test
    void preparedStatementsRelearnTheirColumnsOnEveryExecution() throws SQLException {
        ds.converters().register("point", b -> Point.parse(new String(b, StandardCharsets.US_ASCII)));
        ds.setDetectTypes(2);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            ResultSet first = s.executeQuery("select '1;2' as \"p [point]\"");
            first.next();
            assertThat(first.getObject(1)).isEqualTo(new Point(1, 2));
            ResultSet second = s.executeQuery("select '1;2' as p");
            second.next();
            assertThat(second.getObject(1)).isEqualTo("1;2");
        }
    }

    @Test
    void getObjectWithARegisteredClassUsesTheConverterNamedAfterIt() throws SQLException {
        Point.register(ds.adapters(), ds.converters());
        try (Sqlite3jConnection c = ds.getConnection()) {
            assertThat(c.detectTypes()).isZero();
            assertThat(c.toString()).contains("types.db");
            try (PreparedStatement p = c.prepareStatement("select ?, 12")) {
                p.setObject(1, new Point(3, 4));
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    assertThat(rs.getObject(1)).isEqualTo("3.0;4.0");
                    assertThat(rs.getObject(1, Point.class)).isEqualTo(new Point(3, 4));
                    assertThatThrownBy(() -> rs.getObject(2, Point.class))
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("converter of column 2 failed");
                }
            }
        }
    }
}
