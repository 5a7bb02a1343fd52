package org.sqlite3j.dbapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.sqlite3j.driver.internal.SqliteErrors;

/**
 * SQLite's codes have one source: {@link SqliteCodes} (the list CPython 3.13 exports). The driver's
 * {@link SqliteErrors} names the primary codes it maps to SQLStates; each must be the same number here,
 * and the parse flags the same as sqltext's.
 */
class SqliteCodesTest {

    private static Map<String, Integer> intConstants(Class<?> type) throws IllegalAccessException {
        Map<String, Integer> out = new TreeMap<>();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && f.getName().startsWith("SQLITE_")) {
                out.put(f.getName(), f.getInt(null));
            }
        }
        return out;
    }

    @Test
    void theDriversPrimaryCodesAreCPythonsNumbers() throws IllegalAccessException {
        Map<String, Integer> driver = intConstants(SqliteErrors.class);
        Map<String, Integer> python = intConstants(SqliteCodes.class);
        assertThat(driver).hasSizeGreaterThan(20);
        assertThat(python).containsAllEntriesOf(driver);
        assertThat(Sqlite3.SQLITE_CONSTRAINT_UNIQUE).isEqualTo(Sqlite3.SQLITE_CONSTRAINT | 8 << 8);
    }

    @Test
    void parseFlagsAreSqltexts() {
        assertThat(Sqlite3.PARSE_DECLTYPES).isEqualTo(org.sqlite3j.sqltext.DeclaredTypes.PARSE_DECLTYPES).isEqualTo(1);
        assertThat(Sqlite3.PARSE_COLNAMES).isEqualTo(org.sqlite3j.sqltext.DeclaredTypes.PARSE_COLNAMES).isEqualTo(2);
    }
}
