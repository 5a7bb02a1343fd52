"""Lists the test methods of CPython's own sqlite3 suite (test.test_sqlite3), for CoverageMapTest.

Output, one line each:
    VERSION<TAB>3.13.0
    TEST<TAB>module<TAB>class<TAB>method      one per test method, as unittest's loader finds them
    MISSING<TAB>module<TAB>reason             a module this interpreter's suite does not have
Every other line (the suite may print its own notes) is to be ignored.

Usage: python3 list_cpython_tests.py   (exit status 0 when the package could be imported at all)
"""
import importlib
import platform
import sys
import unittest

MODULES = ("test_dbapi", "test_backup", "test_dump", "test_factory", "test_hooks", "test_regression",
           "test_transactions", "test_types", "test_userfunctions", "test_cli")


def walk(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from walk(test)
        else:
            yield test


def main():
    print("VERSION\t" + platform.python_version())
    importlib.import_module("test.test_sqlite3")  # fails loudly (exit 1) without the test package
    loader = unittest.TestLoader()
    for name in MODULES:
        try:
            module = importlib.import_module("test.test_sqlite3." + name)
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
