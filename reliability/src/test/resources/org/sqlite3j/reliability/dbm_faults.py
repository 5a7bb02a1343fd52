# The dbm faults of DbmFaultTest as CPython meets them (sqlite3j reliability). Run in the directory of
# the files DbmFaultTest made (GROUP "gnu" with Debian's python3 for dbm.gnu, "other" with CPython 3.13
# for dbm.dumb and dbm.sqlite3). Prints "tag: outcome" lines, the outcome "OK value" or
# "Class('message')" with the directory left out of file names; DbmFaultTest prints the same lines for
# the Java side.
import dbm
import importlib
import os
import sys

group = sys.argv[1]
backends = ["gnu"] if group == "gnu" else ["dumb", "sqlite3"]
here = os.getcwd() + os.sep


def python_class(e):
    t = type(e)
    return t.__qualname__ if t.__module__ == "builtins" else t.__module__ + "." + t.__qualname__


def outcome(f):
    try:
        return "OK %s" % (f(),)
    except Exception as e:
        return "%s(%r)" % (python_class(e), str(e).replace(here, ""))


def say(tag, f):
    print("%s: %s" % (tag, outcome(f)))


def read_all(db):
    n = 0
    for k in db.keys():
        db[k]
        n += 1
    return n


for b in backends:
    m = importlib.import_module("dbm." + b)
    name = b + "-ro"
    db = m.open(name, "r")
    say(b + " readonly store", lambda: db.__setitem__(b"x", b"y"))
    say(b + " readonly delete", lambda: db.__delitem__(b"k1"))
    say(b + " readonly get", lambda: db[b"k1"].decode())
    db.close()

    def count_after():
        with m.open(name, "r") as d:
            return read_all(d)
    say(b + " readonly keys after", count_after)

    for damage in ("half", "tiny", "garbage", "empty") + (("dathalf",) if b == "dumb" else ()):
        name = b + "-" + damage

        def via_dbm():
            with dbm.open(name, "r") as d:
                return read_all(d)

        def via_backend():
            with m.open(name, "r") as d:
                return read_all(d)
        say(name + " whichdb", lambda: dbm.whichdb(name))
        say(name + " dbm.open", via_dbm)
        say(name + " backend open", via_backend)

if group == "gnu":
    import dbm.gnu
    writer = dbm.gnu.open("gnu-lock", "c")
    writer[b"k"] = b"v"
    say("gnu second writer", lambda: dbm.gnu.open("gnu-lock", "w"))
    say("gnu reader while writing", lambda: dbm.gnu.open("gnu-lock", "r"))
    writer.close()

    def after_close():
        with dbm.gnu.open("gnu-lock", "w") as d:
            return d[b"k"].decode()
    say("gnu writer after close", after_close)
