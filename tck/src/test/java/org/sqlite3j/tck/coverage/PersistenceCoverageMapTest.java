package org.sqlite3j.tck.coverage;

import java.util.List;

/**
 * Checks {@code tck/coverage-persistence.tsv}, the map from the CPython 3.13 tests of the rest of
 * Python's "Data Persistence" chapter ({@code test.test_shelve}, {@code test_dbm},
 * {@code test_dbm_sqlite3}, {@code test_dbm_dumb}, {@code test_dbm_gnu}, {@code test_dbm_ndbm},
 * {@code test_marshal}) to the tests of sqlite3j's dbm, shelve and marshal (pickle module) code, with
 * the same checks as {@link CoverageMapTest} ({@link CoverageMapCheck}). The list of CPython tests is
 * {@code coverage/cpython-3.13-persistence-tests.txt}; list_cpython_tests.py lists the gnu and ndbm
 * tests with stand-ins for _gdbm and _dbm where the CPython build lacks them. No acceptance bound: the
 * percentage covered is reported (the tck report's "persistence: ..." part), not enforced.
 */
class PersistenceCoverageMapTest extends CoverageMapCheck {

    PersistenceCoverageMapTest() {
        super(new Spec(TCK.resolve("coverage-persistence.tsv"), "persistence",
                "test.test_shelve, test_dbm*, test_marshal",
                List.of("test_shelve", "test_dbm", "test_dbm_sqlite3", "test_dbm_dumb", "test_dbm_gnu", "test_dbm_ndbm",
                        "test_marshal"),
                RESOURCES.resolve("coverage/cpython-3.13-persistence-tests.txt"), 600,
                List.of(ROOT.resolve("dbm/src/test/java"), ROOT.resolve("shelve/src/test/java"),
                        ROOT.resolve("pickle/src/test/java")),
                100, 0, null, "coverage-persistence"));
    }
}
