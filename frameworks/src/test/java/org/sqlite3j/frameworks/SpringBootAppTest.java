package org.sqlite3j.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite3j.driver.Sqlite3jConnection;

/** Spring Boot 3.5 configured by properties alone: spring.datasource.url=jdbc:sqlite3:..., Flyway included. */
class SpringBootAppTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @TempDir
    Path dir;

    private ConfigurableApplicationContext run(String... properties) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "spring.flyway.locations=classpath:db/boot")
                .properties(properties).run();
    }

    @Test
    void dataSourceAndFlywayFromProperties() throws Exception {
        String url = "jdbc:sqlite3:" + dir.resolve("boot.db") + "?journal_mode=WAL&timeout=2";
        try (ConfigurableApplicationContext ctx = run(
                "spring.datasource.url=" + url,
                "spring.datasource.driver-class-name=org.sqlite3j.driver.Sqlite3jDriver")) {
            DataSource ds = ctx.getBean(DataSource.class);
            assertThat(ds).isInstanceOf(HikariDataSource.class);
            assertThat(((HikariDataSource) ds).getJdbcUrl()).isEqualTo(url);
            try (Connection c = ds.getConnection()) {
                assertThat(c.isWrapperFor(Sqlite3jConnection.class)).isTrue();
            }

            // Boot ran Flyway on the data source at startup
            assertThat(ctx.getBean(Flyway.class).info().applied()).hasSize(2);
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT name FROM city ORDER BY id", String.class))
                    .containsExactly("Paris", "Lagos");
            assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE success = 1"
                    + " ORDER BY installed_rank", String.class)).containsExactly("1", "2");
            assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("wal");

            jdbc.update("INSERT INTO city(name) VALUES (?)", "Lima");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM city", Integer.class)).isEqualTo(3);
        }
    }

    @Test
    void flywayUrlOfItsOwn() {
        String appUrl = "jdbc:sqlite3:" + dir.resolve("app.db");
        String flywayUrl = "jdbc:sqlite3:" + dir.resolve("migrated.db");
        try (ConfigurableApplicationContext ctx = run(
                "spring.datasource.url=" + appUrl,
                "spring.datasource.driver-class-name=org.sqlite3j.driver.Sqlite3jDriver",
                "spring.flyway.url=" + flywayUrl,
                "spring.flyway.driver-class-name=org.sqlite3j.driver.Sqlite3jDriver")) {
            // migrated: the database of spring.flyway.url, not the application's
            JdbcTemplate migrated = new JdbcTemplate(new org.sqlite3j.driver.Sqlite3jDataSource(flywayUrl));
            assertThat(migrated.queryForList("SELECT name FROM city ORDER BY id", String.class))
                    .containsExactly("Paris", "Lagos");
            List<String> appTables = ctx.getBean(JdbcTemplate.class)
                    .queryForList("SELECT name FROM sqlite_master WHERE type = 'table'", String.class);
            assertThat(appTables).doesNotContain("city", "flyway_schema_history");
        }
    }
}
