package org.sqlite3j.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.community.dialect.SQLiteDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hibernate ORM 6.6 with the community SQLiteDialect and IDENTITY ids on jdbc:sqlite3:. */
class HibernateTest {

    @Entity(name = "Book")
    @Table(name = "book")
    public static class Book {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        private Long id;

        @Column(nullable = false)
        private String title;

        @Column(name = "published")
        private int year;

        protected Book() {
        }

        Book(String title, int year) {
            this.title = title;
            this.year = year;
        }

        public Long getId() {
            return id;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public int getYear() {
            return year;
        }
    }

    @TempDir
    Path dir;
    String url;
    SessionFactory sessions;

    @BeforeEach
    void setUp() {
        url = "jdbc:sqlite3:" + dir.resolve("hibernate.db");
        sessions = new Configuration()
                .addAnnotatedClass(Book.class)
                .setProperty(AvailableSettings.JAKARTA_JDBC_URL, url)
                .setProperty(AvailableSettings.JAKARTA_JDBC_DRIVER, "org.sqlite3j.driver.Sqlite3jDriver")
                .setProperty(AvailableSettings.DIALECT, SQLiteDialect.class.getName())
                .setProperty(AvailableSettings.HBM2DDL_AUTO, "create")
                .setProperty(AvailableSettings.POOL_SIZE, "2")
                .buildSessionFactory();
    }

    @AfterEach
    void tearDown() {
        sessions.close();
    }

    @Test
    void identityIdsAreTheRowids() throws SQLException {
        // a row Hibernate did not write: the next ids must follow it, not a counter of Hibernate's
        jdbc("INSERT INTO book(id, title, published) VALUES (500, 'already there', 1900)");
        Book dune = new Book("Dune", 1965);
        Book neuromancer = new Book("Neuromancer", 1984);

        sessions.inTransaction(s -> {
            s.persist(dune);
            s.persist(neuromancer);
        });

        assertThat(dune.getId()).isEqualTo(501L).isEqualTo(idOf("Dune"));
        assertThat(neuromancer.getId()).isEqualTo(502L).isEqualTo(idOf("Neuromancer"));
    }

    @Test
    void persistReadUpdateAndQuery() throws SQLException {
        Book a = new Book("Dune", 1965);
        Book b = new Book("Neuromancer", 1984);
        Book c = new Book("Hyperion", 1989);
        sessions.inTransaction(s -> {
            s.persist(a);
            s.persist(b);
            s.persist(c);
        });
        assertThat(List.of(a.getId(), b.getId(), c.getId())).containsExactly(1L, 2L, 3L);
        assertThat(idOf("Hyperion")).isEqualTo(c.getId());

        // read back in a new session: from the database, not the first session's cache
        Book read = sessions.fromSession(s -> s.find(Book.class, b.getId()));
        assertThat(read).isNotSameAs(b);
        assertThat(read.getTitle()).isEqualTo("Neuromancer");
        assertThat(read.getYear()).isEqualTo(1984);

        // update a managed entity; the change is flushed at commit
        sessions.inTransaction(s -> s.find(Book.class, a.getId()).setTitle("Dune (1965)"));
        assertThat(titleOf(a.getId())).isEqualTo("Dune (1965)");

        // JPQL
        List<String> after1980 = sessions.fromSession(s -> s.createSelectionQuery(
                "select b.title from Book b where b.year > :year order by b.year desc", String.class)
                .setParameter("year", 1980).getResultList());
        assertThat(after1980).containsExactly("Hyperion", "Neuromancer");
        Long count = sessions.fromSession(s -> s.createSelectionQuery("select count(b) from Book b", Long.class)
                .getSingleResult());
        assertThat(count).isEqualTo(3L);

        // a rolled-back transaction leaves nothing behind
        try (var s = sessions.openSession()) {
            var tx = s.beginTransaction();
            s.persist(new Book("never", 2000));
            s.createMutationQuery("delete from Book b where b.year < 1970").executeUpdate();
            tx.rollback();
        }
        List<String> left = sessions.fromSession(s -> s.createSelectionQuery(
                "select b.title from Book b order by b.id", String.class).getResultList());
        assertThat(left).containsExactly("Dune (1965)", "Neuromancer", "Hyperion");
    }

    // ---- the table read with plain JDBC ----

    private void jdbc(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Long idOf(String title) throws SQLException {
        return (Long) single("SELECT id FROM book WHERE title = ?", title);
    }

    private String titleOf(long id) throws SQLException {
        return (String) single("SELECT title FROM book WHERE id = ?", id);
    }

    private Object single(String sql, Object arg) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a row for %s", arg).isTrue();
                return rs.getObject(1);
            }
        }
    }
}
