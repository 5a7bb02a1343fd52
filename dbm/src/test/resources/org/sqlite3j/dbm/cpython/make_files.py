# Writes the committed CPython files the dbm tests read (run once; kept for the record):
#   ~/.pyenv/versions/3.13.0/bin/python3 make_files.py 313      -> sqlite3.db, dumb.{dir,dat,bak}, whichdb313.txt
#   /usr/bin/python3 make_files.py debian                       -> gnu.gdbm, ndbm.db (Debian: libgdbm, Berkeley DB)
# The same items go into every file; expected.txt lists them (key hex, value hex), sorted by key.
import sys, dbm

ITEMS = [
    (b"a", b"Python:"),
    (b"0", b""),
    ("\u00fc".encode("utf-8"), b"!"),
    (b"quote'", b'dq"'),
    (b"both'\"", b"x"),
    (b"bin\x00\x01\xff\n\r\t\\", bytes(range(256))),
    (b"big", b"B" * 600),
    (b"latin\xa0\xad\xe9", b"e"),
]
REPLACED = {b"a": b"Python: (again)", b"big": b"small"}

def fill(db):
    for k, v in ITEMS:
        db[k] = v
    db[b"gone"] = b"soon"
    del db[b"gone"]
    for k, v in REPLACED.items():
        db[k] = v

def expected():
    d = dict(ITEMS)
    d.update(REPLACED)
    return sorted(d.items())

if sys.argv[1] == "313":
    import dbm.sqlite3, dbm.dumb
    with dbm.sqlite3.open("sqlite3.db", "n") as db:
        fill(db)
    with dbm.dumb.open("dumb", "n") as db:
        fill(db)
    with open("expected.txt", "w") as f:
        for k, v in expected():
            f.write(k.hex() + " " + v.hex() + "\n")
    with open("whichdb313.txt", "w") as f:
        for name in ["sqlite3.db", "dumb", "gnu.gdbm", "ndbm", "expected.txt", "missing"]:
            f.write(name + " " + repr(dbm.whichdb(name)) + "\n")
else:
    import dbm.gnu, dbm.ndbm
    with dbm.gnu.open("gnu.gdbm", "n") as db:
        fill(db)
        db.reorganize()
    with dbm.ndbm.open("ndbm", "n") as db:
        fill(db)
