package org.sqlite3j.frameworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.sqlite3j.driver.Sqlite3jDataSource;

/** Declarative transactions (@Transactional) in an application context over a Sqlite3jDataSource. */
class SpringTransactionalTest {

    @TempDir
    static Path dir;

    @Configuration
    @EnableTransactionManagement
    static class Config {
        @Bean
        DataSource dataSource() {
            Sqlite3jDataSource ds = new Sqlite3jDataSource();
            ds.setDatabase(dir.resolve("tx.db").toString());
            ds.setForeignKeys(true);
            return ds;
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource ds) {
            return new JdbcTemplate(ds);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource ds) {
            return new DataSourceTransactionManager(ds);
        }

        @Bean
        Accounts accounts(JdbcTemplate jdbc) {
            return new Accounts(jdbc);
        }
    }

    static class Accounts {
        final JdbcTemplate jdbc;

        Accounts(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Transactional
        public void transfer(String from, String to, long amount) {
            jdbc.update("UPDATE account SET balance = balance - ? WHERE name = ?", amount, from);
            jdbc.update("UPDATE account SET balance = balance + ? WHERE name = ?", amount, to);
            Long left = jdbc.queryForObject("SELECT balance FROM account WHERE name = ?", Long.class, from);
            if (left < 0) {
                throw new IllegalArgumentException("insufficient funds: " + from + " would have " + left);
            }
        }
    }

    @Test
    void transactionalMethodCommitsOrRollsBack() {
        try (AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext(Config.class)) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            jdbc.execute("CREATE TABLE account(name TEXT PRIMARY KEY, balance INTEGER NOT NULL)");
            jdbc.update("INSERT INTO account VALUES ('a', 100), ('b', 0)");
            Accounts accounts = ctx.getBean(Accounts.class);

            accounts.transfer("a", "b", 30);
            assertThat(balances(jdbc)).isEqualTo("a=70,b=30");

            assertThatThrownBy(() -> accounts.transfer("a", "b", 500))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("would have -430");
            assertThat(balances(jdbc)).isEqualTo("a=70,b=30");
        }
    }

    private static String balances(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT group_concat(name || '=' || balance, ',') FROM"
                + " (SELECT * FROM account ORDER BY name)", String.class);
    }
}
