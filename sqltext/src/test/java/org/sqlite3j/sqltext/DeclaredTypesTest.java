package org.sqlite3j.sqltext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Python's detect_types name rules (CPython 3.13 test_sqlite3 test_types: ColNamesTests, DeclTypesTests). */
class DeclaredTypesTest {
    // bracket cases checked against CPython 3.13.0: "a [x][point]" -> x, "a [x [y] z]" -> y

    @Test
    void bracketTypeRestartsAtEachOpeningBracketAndEndsAtTheFirstClosing() {
        assertThat(DeclaredTypes.bracketType("x [point]")).isEqualTo("point");
        assertThat(DeclaredTypes.bracketType("a [x][point]")).isEqualTo("x"); // CPython 3.13 agrees
        assertThat(DeclaredTypes.bracketType("a [x [y] z]")).isEqualTo("y");
        assertThat(DeclaredTypes.bracketType("a [open")).isNull();
        assertThat(DeclaredTypes.bracketType("plain")).isNull();
        assertThat(DeclaredTypes.bracketType("a []")).isEmpty();
    }

    @Test
    void firstWordCutsAtSpaceOrParenthesis() {
        assertThat(DeclaredTypes.firstWord("unsigned big int")).isEqualTo("unsigned");
        assertThat(DeclaredTypes.firstWord("varchar(20)")).isEqualTo("varchar");
        assertThat(DeclaredTypes.firstWord("Point")).isEqualTo("Point");
        assertThat(DeclaredTypes.firstWord("")).isEmpty();
    }

    @Test
    void strippedNameDropsOneSpaceBeforeTheBracket() {
        assertThat(DeclaredTypes.strippedName("a [t]")).isEqualTo("a");
        assertThat(DeclaredTypes.strippedName("a  [t]")).isEqualTo("a ");
        assertThat(DeclaredTypes.strippedName("[t]")).isEmpty();
        assertThat(DeclaredTypes.strippedName("plain")).isEqualTo("plain");
    }

    @Test
    void affinityFollowsSqlitesRulesInOrder() {
        assertThat(DeclaredTypes.affinity("BIGINT")).isEqualTo("INTEGER");
        assertThat(DeclaredTypes.affinity("point int")).isEqualTo("INTEGER");
        assertThat(DeclaredTypes.affinity("varchar(20)")).isEqualTo("TEXT");
        assertThat(DeclaredTypes.affinity("CHARINT")).isEqualTo("INTEGER"); // INT is checked first
        assertThat(DeclaredTypes.affinity("blob")).isEqualTo("BLOB");
        assertThat(DeclaredTypes.affinity(null)).isEqualTo("BLOB");
        assertThat(DeclaredTypes.affinity("double precision")).isEqualTo("REAL");
        assertThat(DeclaredTypes.affinity("floating point")).isEqualTo("INTEGER"); // "poINT"
        assertThat(DeclaredTypes.affinity("decimal(10,2)")).isEqualTo("NUMERIC");
        assertThat(DeclaredTypes.affinity("point")).isEqualTo("INTEGER");
    }
}
