package org.sqlite3j.frameworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite3j.driver.Sqlite3jDataSource;

/** Spring's JdbcTemplate, transactions, generated keys and exception translation on jdbc:sqlite3:. */
class SpringJdbcTest {

    @TempDir
    Path dir;
    String url;
    DataSource dataSource;
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        url = "jdbc:sqlite3:" + dir.resolve("spring.db");
        dataSource = new DriverManagerDataSource(url); // found through DriverManager by its URL alone
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, age INTEGER)");
    }

    /** A second, independent view of the file: what was committed, and only that. */
    private JdbcTemplate fresh() {
        return new JdbcTemplate(new Sqlite3jDataSource(url));
    }

    @Test
    void queriesAndUpdates() {
        assertThat(jdbc.update("INSERT INTO person(name, age) VALUES (?, ?)", "Ada", 36)).isEqualTo(1);
        int[] counts = jdbc.batchUpdate("INSERT INTO person(name, age) VALUES (?, ?)",
                List.of(new Object[] {"Grace", 85}, new Object[] {"Linus", null}));
        assertThat(counts).containsExactly(1, 1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM person", Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT age FROM person WHERE name = ?", Long.class, "Grace")).isEqualTo(85L);
        assertThat(jdbc.query("SELECT name, age FROM person ORDER BY id",
                (rs, i) -> rs.getString("name") + ":" + rs.getObject("age")))
                .containsExactly("Ada:36", "Grace:85", "Linus:null");
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT id, name FROM person WHERE age > ? ORDER BY id", 40);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("name", "Grace").containsEntry("id", 2L);

        assertThat(jdbc.update("UPDATE person SET age = age + 1 WHERE age IS NOT NULL")).isEqualTo(2);
        assertThat(jdbc.update("DELETE FROM person WHERE name = ?", "Linus")).isEqualTo(1);
        assertThat(fresh().queryForList("SELECT age FROM person ORDER BY id", Long.class)).containsExactly(37L, 86L);
    }

    @Test
    void transactionTemplateCommits() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        Integer seen = tx.execute(status -> {
            jdbc.update("INSERT INTO person(name) VALUES ('Ada')");
            jdbc.update("INSERT INTO person(name) VALUES ('Grace')");
            // inside: the same connection sees its work, another one does not yet
            assertThat(fresh().queryForObject("SELECT count(*) FROM person", Integer.class)).isZero();
            return jdbc.queryForObject("SELECT count(*) FROM person", Integer.class);
        });

        assertThat(seen).isEqualTo(2);
        assertThat(fresh().queryForList("SELECT name FROM person ORDER BY id", String.class))
                .containsExactly("Ada", "Grace");
    }

    @Test
    void transactionTemplateRollsBackOnException() {
        jdbc.update("INSERT INTO person(name) VALUES ('kept')");
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO person(name) VALUES ('Ada')");
            jdbc.update("UPDATE person SET age = 1 WHERE name = 'kept'");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM person", Integer.class)).isEqualTo(2);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(fresh().queryForList("SELECT name || ':' || ifnull(age, '-') FROM person", String.class))
                .containsExactly("kept:-");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM person", Integer.class)).isEqualTo(1);
    }

    @Test
    void transactionTemplateRollsBackWhenMarkedRollbackOnly() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO person(name) VALUES ('Ada')");
            status.setRollbackOnly();
        });

        assertThat(fresh().queryForObject("SELECT count(*) FROM person", Integer.class)).isZero();
    }

    @Test
    void keyHolderWithReturnGeneratedKeys() {
        jdbc.update("INSERT INTO person(id, name) VALUES (41, 'before')");
        KeyHolder keys = new GeneratedKeyHolder();

        int count = jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO person(name, age) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, "Ada");
            ps.setInt(2, 36);
            return ps;
        }, keys);

        assertThat(count).isEqualTo(1);
        assertThat(keys.getKey()).isNotNull();
        long key = keys.getKey().longValue();
        assertThat(key).isEqualTo(42L)
                .isEqualTo(jdbc.queryForObject("SELECT id FROM person WHERE name = 'Ada'", Long.class));
    }

    @Test
    void keyHolderWithKeyColumnNames() {
        jdbc.update("INSERT INTO person(id, name) VALUES (7, 'before')");
        KeyHolder keys = new GeneratedKeyHolder();

        for (String name : List.of("Ada", "Grace")) {
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement("INSERT INTO person(name) VALUES (?)", new String[] {"id"});
                ps.setString(1, name);
                return ps;
            }, keys);
            assertThat(keys.getKey()).as("key of %s", name).isNotNull();
            assertThat(keys.getKey().longValue()).as("key of %s", name)
                    .isEqualTo(jdbc.queryForObject("SELECT id FROM person WHERE name = ?", Long.class, name));
        }
        assertThat(keys.getKey().longValue()).isEqualTo(9L);
    }

    @Test
    void batchUpdateReturnsEveryKey() {
        jdbc.update("INSERT INTO person(id, name) VALUES (10, 'before')");
        KeyHolder keys = new GeneratedKeyHolder();
        List<String> names = List.of("Ada", "Grace", "Linus");

        int[] counts = jdbc.batchUpdate(con -> con.prepareStatement("INSERT INTO person(name) VALUES (?)",
                new String[] {"id"}), new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        ps.setString(1, names.get(i));
                    }

                    @Override
                    public int getBatchSize() {
                        return names.size();
                    }
                }, keys);

        assertThat(counts).containsExactly(1, 1, 1);
        assertThat(keys.getKeyList()).extracting(m -> ((Number) m.values().iterator().next()).longValue())
                .containsExactly(11L, 12L, 13L)
                .isEqualTo(jdbc.queryForList("SELECT id FROM person WHERE name <> 'before' ORDER BY id", Long.class));
    }

    @Test
    void insertThatInsertsNothingHasNoKey() {
        jdbc.update("INSERT INTO person(name) VALUES ('Ada')");
        KeyHolder keys = new GeneratedKeyHolder();

        int count = jdbc.update(con -> con.prepareStatement(
                "INSERT INTO person(name) VALUES ('Ada') ON CONFLICT DO NOTHING", Statement.RETURN_GENERATED_KEYS), keys);

        assertThat(count).isZero();
        assertThat(keys.getKeyList()).isEmpty();
    }

    @Test
    void simpleJdbcInsertReturnsTheKey() {
        jdbc.update("INSERT INTO person(id, name) VALUES (99, 'before')");
        SimpleJdbcInsert insert = new SimpleJdbcInsert(jdbc).withTableName("person").usingGeneratedKeyColumns("id");

        Number first = insert.executeAndReturnKey(Map.of("name", "Ada", "age", 36));
        Number second = insert.executeAndReturnKey(Map.of("name", "Grace", "age", 85));

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(first.longValue()).isEqualTo(100L)
                .isEqualTo(jdbc.queryForObject("SELECT id FROM person WHERE name = 'Ada'", Long.class));
        assertThat(second.longValue()).isEqualTo(101L)
                .isEqualTo(jdbc.queryForObject("SELECT id FROM person WHERE name = 'Grace'", Long.class));
        assertThat(jdbc.queryForObject("SELECT age FROM person WHERE id = ?", Integer.class, second)).isEqualTo(85);
    }

    @Test
    void uniqueViolationIsDuplicateKeyException() {
        jdbc.update("INSERT INTO person(name) VALUES ('Ada')");

        assertThatThrownBy(() -> jdbc.update("INSERT INTO person(name) VALUES (?)", "Ada"))
                .isInstanceOf(DuplicateKeyException.class)
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("UNIQUE constraint failed: person.name");
        // the same for the primary key
        assertThatThrownBy(() -> jdbc.update("INSERT INTO person(id, name) VALUES (1, 'other')"))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM person", Integer.class)).isEqualTo(1);
    }

    @Test
    void notNullViolationIsDataIntegrityViolation() {
        assertThatThrownBy(() -> jdbc.update("INSERT INTO person(name) VALUES (?)", (Object) null))
                .isInstanceOf(DataIntegrityViolationException.class)
                .isNotInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("NOT NULL constraint failed: person.name");
    }

    @Test
    void badSqlIsBadSqlGrammarException() {
        assertThatThrownBy(() -> jdbc.queryForList("SELEC name FROM person"))
                .isInstanceOf(BadSqlGrammarException.class)
                .hasMessageContaining("SELEC name FROM person");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO no_such_table VALUES (1)"))
                .isInstanceOf(BadSqlGrammarException.class)
                .hasMessageContaining("INSERT INTO no_such_table")
                .cause().hasMessageContaining("no such table: no_such_table");
    }

    @Test
    void busyDatabaseIsTransient() throws Exception {
        JdbcTemplate impatient = new JdbcTemplate(new DriverManagerDataSource(url + "?timeout=0.1"));
        try (Connection holder = DriverManager.getConnection(url); Statement s = holder.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("INSERT INTO person(name) VALUES ('holder')");

            long start = System.nanoTime();
            assertThatThrownBy(() -> impatient.update("INSERT INTO person(name) VALUES ('blocked')"))
                    .isInstanceOf(TransientDataAccessException.class)
                    .hasMessageContaining("database is locked");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(90L).isLessThan(5_000L);

            s.execute("COMMIT");
        }
        assertThat(impatient.queryForList("SELECT name FROM person", String.class)).containsExactly("holder");
    }
}
