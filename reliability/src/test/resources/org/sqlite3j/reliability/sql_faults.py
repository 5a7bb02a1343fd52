# The faults of SqlFaultTest as CPython's sqlite3 meets them (sqlite3j reliability). Each scenario
# prints "tag: outcome" lines; SqlFaultTest does the same steps through the Java façade and must print
# the same lines. An outcome is a value, or "Class('message') code name" for an exception
# (sqlite_errorcode and sqlite_errorname as CPython 3.13 sets them). Run in an empty directory.
import os
import sqlite3
import sys
import time


def outcome(f):
    try:
        return repr(f())
    except sqlite3.Error as e:
        return "%s(%r) %s %s" % (type(e).__name__, str(e), e.sqlite_errorcode, e.sqlite_errorname)


def say(tag, f):
    print("%s: %s" % (tag, outcome(f)))


def garbage(n):
    return bytes((i * 31 + 7) & 0xFF for i in range(n))


def committed(name, rows):
    con = sqlite3.connect(name)
    con.execute("CREATE TABLE t(x)")
    con.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(rows)])
    con.commit()
    return con


def count(con):
    return con.execute("SELECT count(*) FROM t").fetchone()[0]


def full():
    con = committed("full.db", 3)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute("PRAGMA max_page_count = %d" % (pages + 2))

    def fill():
        for i in range(100):
            con.execute("INSERT INTO t VALUES (randomblob(3000))")
    say("full insert", fill)
    say("full in_transaction", lambda: con.in_transaction)
    say("full count", lambda: count(con))
    con.execute("PRAGMA max_page_count = 100000")
    con.execute("INSERT INTO t VALUES (randomblob(3000))")
    con.commit()
    say("full count after", lambda: count(con))
    con.close()


def read_only():
    committed("ro.db", 2).close()
    ro = sqlite3.connect("file:ro.db?mode=ro", uri=True)
    say("mode=ro insert", lambda: ro.execute("INSERT INTO t VALUES (9)"))
    say("mode=ro count", lambda: count(ro))
    ro.close()
    con = sqlite3.connect("ro.db")
    con.execute("PRAGMA query_only = 1")
    say("query_only insert", lambda: con.execute("INSERT INTO t VALUES (9)"))
    say("query_only in_transaction", lambda: con.in_transaction)
    con.execute("PRAGMA query_only = 0")
    say("query_only off insert", lambda: con.execute("INSERT INTO t VALUES (9)").rowcount)
    con.commit()
    say("query_only count", lambda: count(con))
    con.close()


def locked(journal):
    name = "locked-%s.db" % journal
    holder = committed(name, 1)
    holder.execute("PRAGMA journal_mode = %s" % journal).fetchall()
    holder.isolation_level = None
    holder.execute("BEGIN EXCLUSIVE" if journal == "delete" else "BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")
    other = sqlite3.connect(name, timeout=0.2)
    say("locked %s read" % journal, lambda: count(other))
    say("locked %s insert" % journal, lambda: other.execute("INSERT INTO t VALUES (2)"))
    say("locked %s in_transaction" % journal, lambda: other.in_transaction)
    holder.execute("COMMIT")
    say("locked %s insert after" % journal, lambda: other.execute("INSERT INTO t VALUES (2)").rowcount)
    other.commit()
    say("locked %s count" % journal, lambda: count(other))
    other.close()
    holder.close()


def deleted():
    con = committed("deleted.db", 2)
    os.remove("deleted.db")
    say("deleted count", lambda: count(con))
    say("deleted insert", lambda: con.execute("INSERT INTO t VALUES (9)"))
    say("deleted in_transaction", lambda: con.in_transaction)
    say("deleted close", lambda: con.close())


def not_a_database():
    with open("garbage.db", "wb") as f:
        f.write(garbage(8192))
    con = sqlite3.connect("garbage.db")
    say("garbage select", lambda: con.execute("SELECT * FROM sqlite_master").fetchall())
    say("garbage create", lambda: con.execute("CREATE TABLE t(x)"))
    say("garbage close", lambda: con.close())


def truncated():
    con = sqlite3.connect("truncated.db")
    con.execute("CREATE TABLE t(x)")
    con.executemany("INSERT INTO t VALUES (?)", [(garbage(500),) for i in range(200)])
    con.commit()
    con.close()
    size = os.path.getsize("truncated.db")
    with open("truncated.db", "r+b") as f:
        f.truncate(size // 2)
    con = sqlite3.connect("truncated.db")
    say("truncated count", lambda: count(con))
    say("truncated integrity_check", lambda: con.execute("PRAGMA integrity_check").fetchall())
    say("truncated close", lambda: con.close())


def overwritten():
    con = sqlite3.connect("overwritten.db")
    con.execute("CREATE TABLE t(x)")
    con.executemany("INSERT INTO t VALUES (?)", [(garbage(500),) for i in range(50)])
    con.commit()
    say("overwritten count before", lambda: count(con))
    with open("overwritten.db", "r+b") as f:
        f.write(garbage(os.path.getsize("overwritten.db")))
    say("overwritten sum", lambda: con.execute("SELECT sum(length(x)) FROM t").fetchone()[0])
    say("overwritten close", lambda: con.close())


for scenario in (full, read_only, lambda: locked("delete"), lambda: locked("wal"), deleted, not_a_database,
                 truncated, overwritten):
    scenario()
