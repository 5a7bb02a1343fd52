package org.sqlite3j.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite3j.driver.Sqlite3jDataSource;

/** MyBatis with useGeneratedKeys on jdbc:sqlite3: (annotation and XML mappers). */
class MyBatisTest {

    /** A person row (MyBatis sets the id through the setter). */
    public static class Person {
        private Long id;
        private String name;

        public Person() {
        }

        Person(String name) {
            this.name = name;
        }

        public Long getId() {
            return id;
        }

        public void setId(Long id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** A ticket row; the table's ids start at 100 (AUTOINCREMENT). */
    public static class Ticket {
        private Integer id;
        private String title;

        public Ticket() {
        }

        Ticket(String title) {
            this.title = title;
        }

        public Integer getId() {
            return id;
        }

        public void setId(Integer id) {
            this.id = id;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }
    }

    /** An annotation mapper. */
    public interface PersonMapper {
        @Insert("INSERT INTO person(name) VALUES (#{name})")
        @Options(useGeneratedKeys = true, keyProperty = "id")
        int insert(Person person);

        @Select("SELECT id, name FROM person WHERE id = #{id}")
        Person find(long id);

        @Select("SELECT id FROM person WHERE name = #{name}")
        Long idOf(String name);

        @Update("UPDATE person SET name = #{name} WHERE id = #{id}")
        int rename(@Param("id") long id, @Param("name") String name);
    }

    @TempDir
    Path dir;
    Sqlite3jDataSource dataSource;
    SqlSessionFactory factory;

    @BeforeEach
    void setUp() throws SQLException {
        dataSource = new Sqlite3jDataSource("jdbc:sqlite3:" + dir.resolve("mybatis.db"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE person(id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            s.execute("CREATE TABLE ticket(id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)");
            s.execute("INSERT INTO sqlite_sequence(name, seq) VALUES ('ticket', 99)");
        }
        Configuration configuration = new Configuration(
                new Environment("test", new JdbcTransactionFactory(), dataSource));
        configuration.addMapper(PersonMapper.class);
        configuration.addMapper(TicketMapper.class); // with TicketMapper.xml next to it
        factory = new SqlSessionFactoryBuilder().build(configuration);
    }

    @Test
    void annotationMapperSetsGeneratedIds() {
        Person ada = new Person("Ada");
        Person grace = new Person("Grace");
        try (SqlSession session = factory.openSession()) {
            PersonMapper mapper = session.getMapper(PersonMapper.class);
            assertThat(mapper.insert(ada)).isEqualTo(1);
            assertThat(mapper.insert(grace)).isEqualTo(1);
            session.commit();
        }

        assertThat(ada.getId()).isEqualTo(1L);
        assertThat(grace.getId()).isEqualTo(2L);
        try (SqlSession session = factory.openSession()) {
            PersonMapper mapper = session.getMapper(PersonMapper.class);
            assertThat(mapper.idOf("Ada")).isEqualTo(ada.getId());
            assertThat(mapper.idOf("Grace")).isEqualTo(grace.getId());
            assertThat(mapper.find(2L).getName()).isEqualTo("Grace");
            assertThat(mapper.rename(grace.getId(), "Grace Hopper")).isEqualTo(1);
            session.commit();
            assertThat(mapper.find(grace.getId()).getName()).isEqualTo("Grace Hopper");
        }
    }

    @Test
    void xmlMapperSetsGeneratedIdsFromTheRowid() {
        Ticket first = new Ticket("first");
        Ticket second = new Ticket("second");
        try (SqlSession session = factory.openSession()) {
            TicketMapper mapper = session.getMapper(TicketMapper.class);
            mapper.insert(first);
            mapper.insert(second);
            session.commit();
        }

        assertThat(first.getId()).isEqualTo(100);
        assertThat(second.getId()).isEqualTo(101);
        try (SqlSession session = factory.openSession()) {
            TicketMapper mapper = session.getMapper(TicketMapper.class);
            assertThat(mapper.idOf("first")).isEqualTo(first.getId());
            assertThat(mapper.idOf("second")).isEqualTo(second.getId());
            assertThat(mapper.all()).extracting(Ticket::getId, Ticket::getTitle)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(100, "first"),
                            org.assertj.core.groups.Tuple.tuple(101, "second"));
        }
    }

    @Test
    void rolledBackSessionLeavesNoRow() {
        Person ghost = new Person("ghost");
        try (SqlSession session = factory.openSession()) {
            session.getMapper(PersonMapper.class).insert(ghost);
            session.rollback();
        }
        assertThat(ghost.getId()).isEqualTo(1L);
        try (SqlSession session = factory.openSession()) {
            assertThat(session.getMapper(PersonMapper.class).idOf("ghost")).isNull();
        }
    }
}
