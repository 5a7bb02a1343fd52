package org.sqlite3j.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** The option table itself, DriverPropertyInfo, and the errors for bad URLs and options. */
class Sqlite3jOptionTest {

    @TempDir
    Path dir;

    @Test
    void namesAreUniqueAndDistinctFromPassThrough() {
        Set<String> names = new HashSet<>();
        for (Sqlite3jOption o : Sqlite3jOption.values()) {
            assertThat(names.add(o.optionName())).as(o.optionName()).isTrue();
            assertThat(Sqlite3jOption.passThrough()).doesNotContainKey(o.optionName());
            assertThat(Sqlite3jOption.byName(o.optionName())).isSameAs(o);
        }
    }

    @Test
    void everyOptionIsDocumentedAndItsDefaultIsAllowed() throws SQLException {
        for (Sqlite3jOption o : Sqlite3jOption.values()) {
            assertThat(o.description()).as(o.optionName()).hasSizeGreaterThan(15);
            if (o.defaultValue() != null) {
                assertThat(o.check(o.defaultValue(), "test")).isEqualTo(o.defaultValue());
            }
        }
    }

    @Test
    void theRequiredOptionsExist() {
        for (String name : new String[] {"detect_types", "isolation_level", "autocommit", "timeout",
            "busy_timeout", "uri", "mode", "cache", "journal_mode", "synchronous", "foreign_keys",
            "cached_statements"}) {
            assertThat(Sqlite3jOption.byName(name)).as(name).isNotNull();
        }
        assertThat(Sqlite3jOption.passThrough()).containsKeys("cache_size", "temp_store", "date_class");
    }

    @Test
    void propertyInfoListsOursThenSqliteJdbcsWithGivenValues() throws SQLException {
        Driver driver = new Sqlite3jDriver();
        Properties info = new Properties();
        info.setProperty("foreign_keys", "true");
        DriverPropertyInfo[] props = driver.getPropertyInfo("jdbc:sqlite3:x.db?detect_types=3", info);
        assertThat(props).hasSize(Sqlite3jOption.values().length + Sqlite3jOption.passThrough().size());
        assertThat(props[0].name).isEqualTo("detect_types");
        assertThat(props[0].value).isEqualTo("3");
        assertThat(props[0].choices).containsExactly("0", "1", "2", "3");
        DriverPropertyInfo fk = Arrays.stream(props).filter(p -> p.name.equals("foreign_keys")).findFirst()
                .orElseThrow();
        assertThat(fk.value).isEqualTo("true");
        assertThat(Arrays.stream(props).map(p -> p.name).collect(Collectors.toSet()))
                .contains(SQLiteConfig.Pragma.CACHE_SIZE.pragmaName);
        assertThat(Arrays.stream(props).allMatch(p -> p.description != null && !p.description.isBlank())).isTrue();
    }

    @Test
    void aMisspeltOptionIsAnErrorAndOpensNoFile() {
        String url = "jdbc:sqlite3:" + dir.resolve("app.db") + "?jurnal_mode=wal";
        assertThatThrownBy(() -> DriverManager.getConnection(url))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("unknown option 'jurnal_mode' in " + url)
                .hasMessageContaining("known options: detect_types, isolation_level")
                .hasMessageContaining("journal_mode");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aBadValueNamesTheOptionAndTheAllowedValues() {
        String url = "jdbc:sqlite3:" + dir.resolve("app.db") + "?journal_mode=fast";
        assertThatThrownBy(() -> DriverManager.getConnection(url))
                .isInstanceOf(SQLException.class)
                .hasMessage("invalid value 'fast' for option 'journal_mode' in " + url
                        + "; allowed values: DELETE, TRUNCATE, PERSIST, MEMORY, WAL, OFF");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?detect_types=4"))
                .hasMessageContaining("option 'detect_types'").hasMessageContaining("allowed values: 0, 1, 2, 3");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?timeout=-1"))
                .hasMessageContaining("invalid value '-1' for option 'timeout'")
                .hasMessageContaining("non-negative number of seconds");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?busy_timeout=soon"))
                .hasMessageContaining("option 'busy_timeout'").hasMessageContaining("an integer");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?temp_store=DISK2"))
                .hasMessageContaining("option 'temp_store'").hasMessageContaining("allowed values: DEFAULT, FILE, MEMORY");
    }

    @Test
    void aBadValueInPropertiesIsAnErrorToo() {
        Properties info = new Properties();
        info.setProperty("synchronous", "sometimes");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:", info))
                .hasMessageContaining("invalid value 'sometimes' for option 'synchronous'")
                .hasMessageContaining("OFF, NORMAL, FULL, EXTRA");
    }

    @Test
    void malformedOptionsAreErrors() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite3::memory:?wal"))
                .hasMessageContaining("malformed option 'wal'").hasMessageContaining("expected name=value");
    }

    @Test
    void choicesAreCaseInsensitiveAndNormalised() throws SQLException {
        assertThat(Sqlite3jOption.JOURNAL_MODE.check("wal", "t")).isEqualTo("WAL");
        assertThat(Sqlite3jOption.MODE.check("RO", "t")).isEqualTo("ro");
        assertThat(Files.exists(dir)).isTrue();
    }

    @Test
    void aDataSourceReportsMissingDatabaseAndBadBeanValues() {
        Sqlite3jDataSource empty = new Sqlite3jDataSource();
        assertThatThrownBy(empty::getConnection)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("neither url nor database set");
        Sqlite3jDataSource ds = new Sqlite3jDataSource();
        ds.setDatabase(dir.resolve("ds.db").toString());
        ds.setJournalMode("wall");
        assertThatThrownBy(ds::getConnection)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("invalid value 'wall' for option 'journal_mode' in Sqlite3jDataSource(database=")
                .hasMessageContaining("allowed values: DELETE, TRUNCATE, PERSIST, MEMORY, WAL, OFF");
        ds.setOption("jurnal_mode", "WAL");
        ds.setJournalMode("WAL");
        assertThatThrownBy(ds::getConnection).hasMessageContaining("unknown option 'jurnal_mode'");
        assertThat(dir.toFile().list()).isEmpty();
    }
}
