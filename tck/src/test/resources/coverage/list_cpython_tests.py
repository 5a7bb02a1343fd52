"""Lists the test methods of a CPython test suite, for CoverageMapTest and PersistenceCoverageMapTest.

Two suites:
    sqlite3      (the default) CPython's own sqlite3 suite, test.test_sqlite3.<module>
    persistence  the rest of the "Data Persistence" chapter: test.test_shelve, test.test_dbm,
                 test.test_dbm_sqlite3, test.test_dbm_dumb, test.test_dbm_gnu, test.test_dbm_ndbm,
                 test.test_marshal
A build of CPython without _gdbm or _dbm (pyenv's often lacks them) would skip test_dbm_gnu and
test_dbm_ndbm and leave out the gnu and ndbm classes that test_dbm and test_shelve generate per dbm
backend. For the list only (no test is run), the persistence suite therefore puts an empty stand-in
module for each missing C module into sys.modules before importing the tests, so that the loader finds
every class and method a full build has; it prints STUBBED<TAB>_gdbm (or _dbm) when it does.

Output, one line each:
    VERSION<TAB>3.13.0
    TEST<TAB>module<TAB>class<TAB>method      one per test method, as unittest's loader finds them
    MISSING<TAB>module<TAB>reason             a module this interpreter's suite does not have
    STUBBED<TAB>name                          a C module replaced by a stand-in to list its tests
Every other line (the suite may print its own notes) is to be ignored.

Usage: python3 list_cpython_tests.py [sqlite3|persistence]
       (exit status 0 when the test package could be imported at all)
"""
import importlib
import platform
import sys
import types
import unittest

SQLITE3_MODULES = ("test_dbapi", "test_backup", "test_dump", "test_factory", "test_hooks", "test_regression",
                   "test_transactions", "test_types", "test_userfunctions", "test_cli")
PERSISTENCE_MODULES = ("test_shelve", "test_dbm", "test_dbm_sqlite3", "test_dbm_dumb", "test_dbm_gnu",
                       "test_dbm_ndbm", "test_marshal")


def walk(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from walk(test)
        else:
            yield test


def stub_missing_dbm_modules():
    """Empty stand-ins for _gdbm and _dbm where this build lacks them (the tests are listed, not run)."""
    for name in ("_gdbm", "_dbm"):
        try:
            importlib.import_module(name)
        except ImportError:
            stub = types.ModuleType(name)
            stub.error = type("error", (OSError,), {"__module__": name})
            stub.library = "stand-in"
            stub.open_flags = "rwcnfsu"

            def refuse(*args, **kwargs):
                raise stub.error("a stand-in for listing the tests only")

            stub.open = refuse
            stub.__all__ = ["error", "open", "library", "open_flags"]
            sys.modules[name] = stub
            print("STUBBED\t" + name)


def main():
    suite = sys.argv[1] if len(sys.argv) > 1 else "sqlite3"
    if suite not in ("sqlite3", "persistence"):
        sys.exit("unknown suite %r: sqlite3 or persistence" % suite)
    print("VERSION\t" + platform.python_version())
    if suite == "sqlite3":
        importlib.import_module("test.test_sqlite3")  # fails loudly (exit 1) without the test package
        prefix, modules = "test.test_sqlite3.", SQLITE3_MODULES
    else:
        importlib.import_module("test.support")  # fails loudly (exit 1) without the test package
        stub_missing_dbm_modules()
        prefix, modules = "test.", PERSISTENCE_MODULES
    loader = unittest.TestLoader()
    for name in modules:
        try:
            module = importlib.import_module(prefix + name)
        except Exception as e:  # noqa: BLE001 - any import failure means: not in this suite
            print("MISSING\t%s\t%s: %s" % (name, type(e).__name__, e))
            continue
        for test in walk(loader.loadTestsFromModule(module)):
            if type(test).__name__ in ("_FailedTest", "ModuleImportFailure"):
                print("MISSING\t%s\tloader failure: %s" % (name, test))
                continue
            print("TEST\t%s\t%s\t%s" % (name, type(test).__name__, test._testMethodName))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
