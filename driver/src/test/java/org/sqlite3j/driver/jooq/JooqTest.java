package org.sqlite3j.driver.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataTypeException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.adapters.Adapters;
import org.sqlite3j.driver.Point;
import org.sqlite3j.driver.Sqlite3jDataSource;

/** Real jOOQ (SQLDialect.SQLITE) storing and reading a registered class through the registries. */
class JooqTest {

    @TempDir
    Path dir;

    Sqlite3jDataSource ds;

    static final Table<?> SHAPES = DSL.table(DSL.name("shapes"));
    static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);

    @BeforeAll
    static void quiet() {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    @BeforeEach
    void dataSource() throws SQLException {
        ds = new Sqlite3jDataSource("jdbc:sqlite3:" + dir.resolve("jooq.db"));
        Point.register(ds.adapters(), ds.converters());
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("create table shapes(id integer primary key, p point, b blob)");
        }
    }

    @Test
    void storesAndReadsARegisteredClassThroughAConverterFromTheRegistry() throws SQLException {
        DataType<Point> pointType = SQLDataType.VARCHAR.asConvertedDataType(
                RegistryConverter.of(String.class, Point.class, "point", ds.adapters(), ds.converters()));
        Field<Point> p = DSL.field(DSL.name("p"), pointType);
        try (Connection c = ds.getConnection()) {
            DSLContext ctx = DSL.using(c, SQLDialect.SQLITE);
            assertThat(ctx.insertInto(SHAPES, ID, p).values(1L, new Point(1.5, 2)).execute()).isEqualTo(1);
            assertThat(ctx.insertInto(SHAPES, ID, p).values(2L, (Point) null).execute()).isEqualTo(1);
            assertThat(ctx.select(p).from(SHAPES).where(ID.eq(1L)).fetchOne(p)).isEqualTo(new Point(1.5, 2));
            assertThat(ctx.select(p).from(SHAPES).where(ID.eq(2L)).fetchOne(p)).isNull();
            assertThat(ctx.fetchCount(ctx.selectFrom(SHAPES).where(p.eq(new Point(1.5, 2))))).isEqualTo(1);
        }
        // stored exactly as the driver's own setObject/getObject (and Python) store it
        ds.setDetectTypes(1);
        try (Connection c = ds.getConnection();
                ResultSet rs = c.createStatement().executeQuery("select p, typeof(p) from shapes where id = 1")) {
            rs.next();
            assertThat(rs.getObject(1)).isEqualTo(new Point(1.5, 2));
            assertThat(rs.getString(2)).isEqualTo("text");
        }
    }

    @Test
    void aBlobColumnGetsTheAdaptersTextAsBytes() throws SQLException {
        DataType<Point> pointBlob = SQLDataType.BLOB.asConvertedDataType(
                RegistryConverter.of(byte[].class, Point.class, "point", ds.adapters(), ds.converters()));
        Field<Point> b = DSL.field(DSL.name("b"), pointBlob);
        try (Connection c = ds.getConnection()) {
            DSLContext ctx = DSL.using(c, SQLDialect.SQLITE);
            ctx.insertInto(SHAPES, ID, b).values(1L, new Point(3, 4)).execute();
            assertThat(ctx.select(b).from(SHAPES).fetchOne(b)).isEqualTo(new Point(3, 4));
            assertThat(ctx.fetchValue("select typeof(b) from shapes")).isEqualTo("blob");
        }
    }

    @Test
    void theConverterProviderServesRecordGetAndFetchInto() throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("insert into shapes(id, p) values (1, '5.0;6.0')");
            DSLContext ctx = DSL.using(c, SQLDialect.SQLITE);
            ctx.configuration().set(new RegistryConverterProvider(ds.adapters(), ds.converters()));
            Field<String> raw = DSL.field(DSL.name("p"), SQLDataType.VARCHAR);
            Record1<String> r = ctx.select(raw).from(SHAPES).fetchOne();
            assertThat(r.get(raw, Point.class)).isEqualTo(new Point(5, 6));
            assertThat(ctx.select(raw).from(SHAPES).fetchInto(Point.class)).containsExactly(new Point(5, 6));
            // classes the registries do not know fall back to jOOQ's own conversions
            assertThat(r.get(raw, String.class)).isEqualTo("5.0;6.0");
        }
    }

    /** A user type whose conform() answers null: not adapted (the one rule), so not stored as NULL. */
    record Undecided(String text) implements org.sqlite3j.adapters.Conform {
        @Override
        public Object conform() {
            return text;
        }
    }

    @Test
    void aConformAnsweringNullIsNotAdaptedToNull() {
        ds.converters().register("undecided", b -> new Undecided(new String(b, StandardCharsets.UTF_8)));
        RegistryConverter<String, Undecided> conv = RegistryConverter.of(String.class, Undecided.class, "undecided",
                Adapters.create(), ds.converters());
        assertThat(conv.to(new Undecided("yes"))).isEqualTo("yes");
        assertThatThrownBy(() -> conv.to(new Undecided(null))).isInstanceOf(org.jooq.exception.DataTypeException.class)
                .hasMessage("no adapter registered for " + Undecided.class.getName()
                        + " and its conform() did not adapt it");
    }

    @Test
    void missingRegistrationsAreReportedWhenTheConverterIsBuilt() {
        assertThatThrownBy(() -> RegistryConverter.of(String.class, Point.class, "point",
                Adapters.create(), ds.converters()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no adapter registered for " + Point.class.getName());
        assertThatThrownBy(() -> RegistryConverter.of(String.class, Point.class, "nopoint",
                ds.adapters(), ds.converters()))
                .hasMessageContaining("no converter registered as 'nopoint'");
        assertThatThrownBy(() -> RegistryConverter.of(Integer.class, Point.class, "point",
                ds.adapters(), ds.converters()))
                .hasMessageContaining("database type must be String, byte[], Long, Double or Object");
    }

    @Test
    void aFailingConverterIsADataTypeException() {
        RegistryConverter<String, Point> conv =
                RegistryConverter.of(String.class, Point.class, "point", ds.adapters(), ds.converters());
        assertThatThrownBy(() -> conv.from("not a point"))
                .isInstanceOf(DataTypeException.class)
                .hasMessageContaining("converter 'point' failed");
        assertThat(conv.from("")).isNull();
        assertThat(conv.to(new Point(1, 2))).isEqualTo("1.0;2.0");
    }

    @Test
    void jooqRecognisesSqliteOnADriverConnection() throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThat(DSL.using(c).dialect().family()).isEqualTo(SQLDialect.SQLITE);
        }
    }
}
