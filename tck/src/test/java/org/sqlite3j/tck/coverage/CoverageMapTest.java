package org.sqlite3j.tck.coverage;

import java.util.List;

/**
 * Checks {@code tck/coverage.tsv}, the map from CPython's own sqlite3 test suite
 * ({@code test.test_sqlite3} of CPython 3.13) to the sqlite3j tests that check the same behaviour (the
 * checks: {@link CoverageMapCheck}). Its figures are the tck report's "CPython tests mapped: ...;
 * covered: ...; n/a: ..."; the build fails below 90% of the applicable CPython tests covered (issue 7's
 * acceptance). Surefire keeps the counts in {@code CoverageMapTest-output.txt}.
 */
class CoverageMapTest extends CoverageMapCheck {

    CoverageMapTest() {
        super(new Spec(TCK.resolve("coverage.tsv"), "sqlite3", "test.test_sqlite3",
                List.of("test_dbapi", "test_backup", "test_dump", "test_factory", "test_hooks", "test_regression",
                        "test_transactions", "test_types", "test_userfunctions", "test_cli"),
                RESOURCES.resolve("coverage/cpython-3.13-tests.txt"), 401,
                List.of(ROOT.resolve("dbapi/src/test/java"), ROOT.resolve("cli/src/test/java"),
                        TCK.resolve("src/test/java")),
                101, 21, 90.0, "coverage"));
    }
}
