package org.sqlite3j.sqltext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite3j.sqltext.SqlScanner.InsertTarget;

/**
 * The parts of {@link SqlScanner} that return positions or names rather than SQLite's yes/no answers:
 * {@link SqlScanner#skipBlank}, {@link SqlScanner#parameterOccurrences}, {@link SqlScanner#insertTarget},
 * and the argument checks every entry point makes. The token rules behind them are SQLite's tokenizer
 * (the vectors of {@link SqlScannerTest} pin them against SQLite itself); the numbers are the ones
 * SQLite 3.40.1 gives ({@code sqlite3_bind_parameter_name}, through CPython 3.13's ctypes, as
 * {@code gen_vectors.py --live} prints them).
 */
class SqlScannerPositionsTest {

    @Nested
    class SkipBlank {

        @Test // CPython's lstrip_sql: where the first significant character is, not only whether there is one
        void returnsTheIndexOfTheFirstSignificantCharacter() {
            assertThat(SqlScanner.skipBlank(" \t-- c\n/* d */ x", 0)).isEqualTo(15);
            assertThat(SqlScanner.skipBlank("ab  -x", 2)).as("a single '-'").isEqualTo(4);
            assertThat(SqlScanner.skipBlank("ab  /x", 2)).as("a single '/'").isEqualTo(4);
            assertThat(SqlScanner.skipBlank("ab  ;", 2)).as("';' is not blank").isEqualTo(4);
            assertThat(SqlScanner.skipBlank("ab  -- c", 2)).as("comment to the end").isEqualTo(8);
            assertThat(SqlScanner.skipBlank("ab  /* c", 2)).as("unterminated comment").isEqualTo(8);
            assertThat(SqlScanner.skipBlank("ab", 2)).isEqualTo(2);
        }
    }

    @Nested
    class ParameterOccurrences {

        @Test // sqlite3_bind_parameter_name of "select ?, :a, ?5, :a, ?, $b" is [NULL, :a, NULL, NULL, ?5, NULL, $b]
        void eachOccurrenceWithItsBoundsAndSqlitesNumber() {
            String sql = "select ?, :a, ?5, :a, ?, $b";
            assertThat(SqlScanner.parameterNames(sql, 0)).containsExactly(null, ":a", null, null, "?5", null, "$b");
            assertThat(SqlScanner.parameterOccurrences(sql, 0)).containsExactly(
                    7, 8, 1,
                    10, 12, 2,
                    14, 16, 5,
                    18, 20, 2,
                    22, 23, 6,
                    25, 27, 7);
        }

        @Test // ?0, ?250001 and #1 make SQLite refuse the statement: no number, so no occurrence
        void occurrencesSqliteRefusesAreLeftOut() {
            assertThat(SqlScanner.parameterOccurrences("select ?0, #1, ?250001, ?2500000, ?", 0))
                    .containsExactly(34, 35, 1);
            assertThat(SqlScanner.parameterOccurrences("select 1", 0)).isEmpty();
        }

        @Test // SQLite 3.40.1 (CPython 3.13): "select $a(x\ty)" is 'unrecognized token: "$a(x"', as with \r and \v;
              // \b and \u000e are not whitespace, so "$a(x\by)" is a parameter; "select $(x)": 'unrecognized token: "$"'
        void aTclSuffixEndsAtSqlitesWhitespace() {
            for (String space : new String[] {"\t", "\r", "\u000b", "\n", "\f", " "}) {
                assertThat(SqlScanner.parameterNames("select $a(x" + space + "y)", 0)).as("%s", (int) space.charAt(0))
                        .isEmpty();
            }
            assertThat(SqlScanner.parameterNames("select $a(x\by)", 0)).containsExactly("$a(x\by)");
            assertThat(SqlScanner.parameterNames("select $a(x\u000ey)", 0)).containsExactly("$a(x\u000ey)");
            assertThat(SqlScanner.parameterNames("select $(x)", 0)).isEmpty();
        }

        @Test // only the first statement from 'from' counts; positions stay indexes of the whole text
        void onlyTheStatementAtFrom() {
            String sql = "select ?; select :x, :x";
            assertThat(SqlScanner.parameterOccurrences(sql, 0)).containsExactly(7, 8, 1);
            assertThat(SqlScanner.parameterOccurrences(sql, 9)).containsExactly(17, 19, 1, 21, 23, 1);
        }
    }

    @Nested
    class InsertTargets {

        @Test
        void plainAndQualifiedTables() {
            assertThat(SqlScanner.insertTarget("insert into t values (1)", 0)).isEqualTo(new InsertTarget(null, "t"));
            assertThat(SqlScanner.insertTarget("INSERT INTO main.t(a) VALUES (1)", 0))
                    .isEqualTo(new InsertTarget("main", "t"));
            assertThat(SqlScanner.insertTarget("  /* c */ insert -- c\n into\n aux . t2 default values", 0))
                    .isEqualTo(new InsertTarget("aux", "t2"));
            assertThat(SqlScanner.insertTarget("replace into r values (1)", 0)).isEqualTo(new InsertTarget(null, "r"));
            assertThat(SqlScanner.insertTarget("select 1; insert into t values (1)", 10))
                    .isEqualTo(new InsertTarget(null, "t"));
        }

        @Test
        void insertOrConflictClause() {
            for (String action : new String[] {"rollback", "abort", "replace", "fail", "ignore"}) {
                assertThat(SqlScanner.insertTarget("insert or " + action + " into t values (1)", 0))
                        .as(action).isEqualTo(new InsertTarget(null, "t"));
            }
        }

        @Test // names come back unquoted: "a""b" is a"b, [x] and `x` are x
        void quotedNamesAreUnquoted() {
            assertThat(SqlScanner.insertTarget("insert into \"a\"\"b\" values (1)", 0))
                    .isEqualTo(new InsertTarget(null, "a\"b"));
            assertThat(SqlScanner.insertTarget("insert into [my table] values (1)", 0))
                    .isEqualTo(new InsertTarget(null, "my table"));
            assertThat(SqlScanner.insertTarget("insert into `x``y`.`t` values (1)", 0))
                    .isEqualTo(new InsertTarget("x`y", "t"));
            assertThat(SqlScanner.insertTarget("insert into \"s\".[t] values (1)", 0))
                    .isEqualTo(new InsertTarget("s", "t"));
            assertThat(SqlScanner.insertTarget("insert into \"\" values (1)", 0)).isEqualTo(new InsertTarget(null, ""));
        }

        @Test // a WITH clause: INSERT/REPLACE found outside the parentheses of its tables
        void afterCommonTableExpressions() {
            assertThat(SqlScanner.insertTarget(
                    "with q(x) as (select 1), r as (select (2)) insert into t select x from q", 0))
                    .isEqualTo(new InsertTarget(null, "t"));
            assertThat(SqlScanner.insertTarget("WITH q AS (SELECT 1) REPLACE INTO s.t SELECT * FROM q", 0))
                    .isEqualTo(new InsertTarget("s", "t"));
            assertThat(SqlScanner.insertTarget("with q as (select 1) select * from q", 0)).isNull();
            assertThat(SqlScanner.insertTarget("with q as (select 1); insert into t values (1)", 0)).isNull();
            assertThat(SqlScanner.insertTarget("with q as (select 1", 0)).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "", "   ", "select 1", "update t set a = 1", "delete from t", "(insert into t values (1))",
            "insert t values (1)", "insert or into t values (1)", "insert into", "insert into 1",
            "insert into 'text' values (1)", "insert into t.", "insert into t. 5", "insertx into t",
            "inser into t", "replace t values (1)", "insert intox t", "insert into [t", "insert into \"t",
            "insert into ?", "with", "with q as (select 1) update t set a = 1",
        })
        void anythingElseIsNull(String sql) {
            assertThat(SqlScanner.insertTarget(sql, 0)).isNull();
        }

        @Test // a single '.' separates schema and table; a number such as ".5" does not
        void onlyADotSeparatesTheSchema() {
            assertThat(SqlScanner.insertTarget("insert into t .5", 0)).isEqualTo(new InsertTarget(null, "t"));
            assertThat(SqlScanner.insertTarget("insert into t(a) values (1)", 0)).isEqualTo(new InsertTarget(null, "t"));
        }
    }

    @Test // firstKeyword: an x'..' blob literal is not a bare word, whatever the case of its x
    void aBlobLiteralIsNotAWord() {
        assertThat(SqlScanner.firstKeyword("x'00'", 0)).isEmpty();
        assertThat(SqlScanner.firstKeyword("X'0A'", 0)).isEmpty();
        assertThat(SqlScanner.firstKeyword("''x", 2)).isEqualTo("X");
        assertThat(SqlScanner.firstKeyword("x 'a'", 0)).isEqualTo("X");
        assertThat(SqlScanner.firstKeyword("xyz09_$\u0080Z", 0)).isEqualTo("XYZ09_$\u0080Z");
    }

    @Test // SQLite's tokenizer: a '-' starting the text is an operator, "--" a comment
    void aMinusAtTheStart() {
        assertThat(SqlScanner.endOfStatement("-1; x", 0)).isEqualTo(3);
        assertThat(SqlScanner.endOfStatement("--1; x", 0)).isEqualTo(6);
        assertThat(SqlScanner.unterminatedComment("-/* x", 0)).isEqualTo(1);
        assertThat(SqlScanner.unterminatedComment("'/*' /* x */", 0)).isEqualTo(-1);
        assertThat(SqlScanner.unterminatedComment("/**/ /*/", 0)).isEqualTo(5);
    }

    @ParameterizedTest // every entry point checks its offset the same way
    @ValueSource(ints = {-1, 4, Integer.MIN_VALUE})
    void everyEntryPointRejectsAnOffsetOutOfRange(int from) {
        String sql = "x;y";
        assertThatThrownBy(() -> SqlScanner.unterminatedComment(sql, from)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from must be between 0 and sql.length() (3), was " + from);
        assertThatThrownBy(() -> SqlScanner.insertTarget(sql, from)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlScanner.parameterOccurrences(sql, from)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlScanner.unterminatedComment(null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SqlScanner.insertTarget(null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SqlScanner.parameterOccurrences(null, 0)).isInstanceOf(NullPointerException.class);
    }
}
