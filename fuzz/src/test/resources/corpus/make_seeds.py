"""Writes the seed corpus of the fuzz module with CPython; run once, its output is committed.

Run from this directory with CPython 3.13:

    ~/.pyenv/versions/3.13.0/bin/python3 make_seeds.py

dbm.gnu and dbm.ndbm files are written by Debian's /usr/bin/python3 (python3-gdbm, and dbm.ndbm on
Berkeley DB 5.3), which this script runs for them ("make_seeds.py debian-dbm DIR").

One seed per file, one directory per input format: pickle/, marshal/, sql/, url/, dumb/, gnu/, ndbm/ (the
found-* files there are inputs fuzzing found breaking an invariant: they are kept, not written here).
Beside each directory, NAME.tsv says what CPython answered for each seed (SeedCorpusTest compares):

    pickle.tsv   file, pickle.loads outcome (OK or the exception class), pickletools.dis outcome
    marshal.tsv  file, marshal.loads outcome (pyc files: the outcome of loading the body after the header)
    sql.tsv      file, sqlite3.complete_statement(text): True, False or the exception class
    url.tsv      file, OK or SQLException: whether the driver must accept the URL (from the option table)
    dumb.tsv, gnu.tsv, ndbm.tsv   file, number of keys, sha256 of the sorted "hexkey hexvalue" lines

A dbm.dumb seed is one file: the length of the .dir text (2 bytes, little-endian), the .dir text, then
the .dat bytes; the fuzz target splits it the same way.

Running it again writes the same bytes (str hashes seeded, the pyc source's mtime and name fixed), except
for the ndbm files, where Berkeley DB leaves bytes of its own.
"""
import collections
import datetime
import decimal
import fractions
import functools
import hashlib
import io
import marshal
import os
import pathlib
import pickle
import pickletools
import py_compile
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import uuid
import zoneinfo

HERE = pathlib.Path(__file__).resolve().parent


def reset(name):
    """The seed directory NAME, emptied of seeds; the found-* inputs (fuzzing findings) are kept."""
    d = HERE / name
    d.mkdir(exist_ok=True)
    for f in d.iterdir():
        if not f.name.startswith("found-"):
            f.unlink()
    return d


def outcome(fn, data):
    try:
        fn(data)
        return "OK"
    except Exception as e:  # noqa: BLE001 - the class is what is recorded
        return type(e).__name__


def write_tsv(name, rows):
    with open(HERE / (name + ".tsv"), "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write("\t".join(str(c) for c in row) + "\n")


# ------------------------------------------------------------------------------------------ pickle

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a, self.b = 1, [2]


class Reduced:
    def __reduce__(self):
        return (Point, (3, 4))


class WithState:
    def __init__(self):
        self.v = {"k": (1, 2)}

    def __getstate__(self):
        return {"v": self.v, "extra": b"\x00"}

    def __setstate__(self, state):
        self.__dict__.update(state)


Pair = collections.namedtuple("Pair", "left right")


def pickle_values():
    rec_list = []
    rec_list.append(rec_list)
    rec_dict = {}
    rec_dict["self"] = rec_dict
    shared = [1, 2]
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    return {
        "none": None, "true": True, "false": False,
        "int0": 0, "int1": 1, "intneg": -1, "int255": 255, "int256": 256, "int65535": 65535,
        "int65536": 65536, "int2p31": 2**31 - 1, "intm2p31": -2**31, "int2p63": 2**63, "intm2p63": -2**63 - 1,
        "int2p100": 2**100, "intbig": -(3**700),
        "float0": 0.0, "floatneg0": -0.0, "float": 1.5, "floatinf": float("inf"), "floatnan": float("nan"),
        "float1e300": 1e300, "floattiny": 5e-324,
        "complex": complex(1.5, -2.0),
        "str0": "", "str": "abc", "strlatin": "caf\u00e9", "streuro": "\u20ac", "stremoji": "\U0001f600",
        "strsurrogate": "\ud800x", "strlong": "x" * 300, "strnl": "a\nb\\c'\"",
        "bytes0": b"", "bytes": b"\x00\xff\x80abc", "byteslong": bytes(range(256)) * 2,
        "bytearray": bytearray(b"ba\x00"), "bytearray0": bytearray(),
        "tuple0": (), "tuple1": (1,), "tuple2": (1, "a"), "tuple3": (1, 2, 3), "tuple5": (1, 2, 3, 4, 5),
        "list0": [], "list": [1, "a", None, 2.5], "list1000": list(range(1000)),
        "dict0": {}, "dict": {"a": 1, 2: "b", (1, 2): [3]}, "set": {1, 2, 3}, "set0": set(),
        "frozenset": frozenset({"a", "b"}), "nested": [{"k": (1, [2, {3: frozenset({4})}])}],
        "reclist": rec_list, "recdict": rec_dict, "shared": [shared, shared, (shared,)],
        "date": datetime.date(2024, 2, 29), "time": datetime.time(12, 30, 45, 123456),
        "timetz": datetime.time(1, 2, 3, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))),
        "datetime": datetime.datetime(1999, 12, 31, 23, 59, 59, 999999),
        "datetimeutc": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
        "datetimezone": datetime.datetime(2024, 10, 27, 2, 30, tzinfo=paris, fold=1),
        "timedelta": datetime.timedelta(days=-3, seconds=5, microseconds=7),
        "timezone": datetime.timezone(datetime.timedelta(hours=5, minutes=30), "IST"),
        "zoneinfo": paris,
        "decimal": decimal.Decimal("-12.3400"), "decimalnan": decimal.Decimal("NaN"),
        "ordereddict": collections.OrderedDict([("b", 1), ("a", 2)]),
        "fraction": fractions.Fraction(3, 4), "uuid": uuid.UUID(int=0x1234),
        "path": pathlib.PurePosixPath("data/x"), "range": range(1, 10, 2), "slice": slice(1, None, 2),
        "exception": ValueError("bad", 42), "partial": functools.partial(max, 1, key=abs),
        "point": Point(1, [2]), "slotted": Slotted(), "reduced": Reduced(), "withstate": WithState(),
        "namedtuple": Pair(1, "r"), "class": Point, "function": len, "ellipsis": ...,
        "notimplemented": NotImplemented, "type": type(None),
    }


def make_pickle():
    d = reset("pickle")
    rows = []

    def add(name, data):
        (d / name).write_bytes(data)
        rows.append((name, outcome(pickle.loads, data),
                     outcome(lambda b: pickletools.dis(b, out=io.StringIO()), data)))

    for name, value in pickle_values().items():
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            try:
                data = pickle.dumps(value, proto)
            except Exception:  # noqa: BLE001 - some values have no form at low protocols
                continue
            add(f"p{proto}_{name}", data)
    # optimized (no unused PUTs), Python 2 names (fix_imports), in-band and out-of-band buffers
    add("p2_set_optimized", pickletools.optimize(pickle.dumps({1, 2}, 2)))
    add("p4_nested_optimized", pickletools.optimize(pickle.dumps(pickle_values()["nested"], 4)))
    add("p5_picklebuffer_inband", pickle.dumps(pickle.PickleBuffer(bytearray(b"abc")), 5))
    add("p5_picklebuffer_outofband",
        pickle.dumps(pickle.PickleBuffer(b"abc"), 5, buffer_callback=lambda b: None))
    add("p0_nofix_imports", pickle.dumps({1}, 0, fix_imports=False))
    # malformed: cut short, an unknown opcode, a stack left over, a memo read before a write
    whole = pickle.dumps(pickle_values()["nested"], 4)
    for cut in (1, 2, 11, len(whole) // 2, len(whole) - 1):
        add(f"bad_truncated_{cut}", whole[:cut])
    add("bad_opcode", b"\x80\x04\xff.")
    add("bad_stack_not_empty", b"K\x01K\x02.")
    add("bad_memo_get", b"\x80\x02h\x07.")
    add("bad_empty", b"")
    write_tsv("pickle", rows)


# ------------------------------------------------------------------------------------------ marshal

def marshal_values():
    rec = []
    rec.append(rec)
    code_simple = compile("x = 1\n", "<simple>", "exec")
    code_func = compile("def f(a, b=2, *c, d, **e):\n    return [i * a for i in c if i]\n", "<func>", "exec")
    code_class = compile("class K:\n    def m(self):\n        return super().m()\n", "<class>", "exec")
    code_closure = compile("def outer():\n    v = 1\n    def inner():\n        nonlocal v\n        v += 1\n"
                           "        return v\n    return inner\n", "<closure>", "exec")
    return {
        "none": None, "true": True, "false": False, "stopiteration": StopIteration, "ellipsis": ...,
        "int0": 0, "intneg": -7, "int2p31": 2**31, "intm2p31": -2**31, "int2p63": 2**63, "intbig": -(7**300),
        "float": 1.5, "floatneg0": -0.0, "floatinf": float("-inf"), "floatnan": float("nan"),
        "complex": complex(0.5, -1e-10),
        "str0": "", "strascii": "abc", "strlong": "y" * 300, "strunicode": "\u20ac\U0001f600",
        "strsurrogate": "\udc80", "bytes": b"\x00\xff", "byteslong": bytes(range(256)) * 2,
        "tuple0": (), "tuple": (1, "a", (2.5,)), "tuplelong": tuple(range(300)),
        "list": [1, [2, [3]]], "dict": {"a": 1, 2: (3,), None: b""}, "set": {1, 2}, "frozenset": frozenset({"x"}),
        "reclist": rec, "code_simple": code_simple, "code_func": code_func, "code_class": code_class,
        "code_closure": code_closure,
    }


def make_marshal():
    d = reset("marshal")
    rows = []

    def add(name, data, loader=marshal.loads):
        (d / name).write_bytes(data)
        rows.append((name, outcome(loader, data)))

    for name, value in marshal_values().items():
        for version in range(marshal.version + 1):
            if name == "reclist" and version < 3:
                continue  # no references below version 3: CPython recurses until it fails
            add(f"v{version}_{name}", marshal.dumps(value, version))
    with tempfile.TemporaryDirectory() as tmp:
        module = pathlib.Path(tmp) / "seed_module.py"
        module.write_text("import sys\nCONST = (1, 2.5, 'three', b'four', None)\n\n"
                          "def greet(name='world'):\n    return f'hello {name}'\n", encoding="utf-8")
        os.utime(module, (1_700_000_000, 1_700_000_000))  # the mtime a timestamp pyc records
        for mode in py_compile.PycInvalidationMode:
            out = pathlib.Path(tmp) / f"{mode.name.lower()}.pyc"
            py_compile.compile(str(module), cfile=str(out), dfile="seed_module.py", invalidation_mode=mode,
                               doraise=True)
            add(f"pyc_{mode.name.lower()}", out.read_bytes(), lambda b: marshal.loads(b[16:]))
    whole = marshal.dumps(marshal_values()["code_func"], 4)
    for cut in (1, 5, len(whole) // 2):
        add(f"bad_truncated_{cut}", whole[:cut])
    add("bad_type_code", b"\x01")
    add("bad_empty", b"")
    write_tsv("marshal", rows)


# ------------------------------------------------------------------------------------------ sql

SQL = {
    "select": "SELECT 1;",
    "select_incomplete": "SELECT 1",
    "two_statements": "INSERT INTO t VALUES (1); SELECT * FROM t;",
    "line_comment": "SELECT 1; -- done\n",
    "block_comment": "/* a ; b */ SELECT 2 /* ; */;",
    "unterminated_comment": "SELECT 3; /* open",
    "string_semicolon": "SELECT 'a;b''c';",
    "unterminated_string": "SELECT 'abc;",
    "identifiers": 'SELECT "a;b", `c;d`, [e;f] FROM "t""x";',
    "blob_and_numbers": "SELECT x'00ff', X'', 1e10, .5, 0x1F, 1_000, 3.;",
    "variables": "SELECT ?, ?7, :name, @at, $dollar, $a::b(c d), #hash;",
    "trigger": "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1; DELETE FROM u; END;",
    "trigger_incomplete": "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = 1;",
    "temp_trigger": "create temp trigger tr before delete on t begin select raise(abort, 'no'); end;",
    "explain_trigger": "EXPLAIN CREATE TEMPORARY TRIGGER tr INSTEAD OF UPDATE ON v BEGIN SELECT 1; END ;",
    "end_as_name": "SELECT end FROM t; CREATE TABLE end(x);",
    "insert_target": "INSERT OR REPLACE INTO main.\"my table\"(a, b) VALUES (?, ?) RETURNING rowid;",
    "replace_into": "REPLACE INTO [t] DEFAULT VALUES;",
    "with_cte": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5) SELECT x FROM c;",
    "pragma": "PRAGMA journal_mode = WAL;",
    "whitespace": " \t\r\n\f",
    "empty": "",
    "only_semicolons": ";;;",
    "bom": "\ufeffSELECT 1;",
    "unicode": "SELECT '\u00e9\u20ac\U0001f600' AS \u043a\u043b\u044e\u0447;",
    "nul": "SELECT 1;\x00SELECT 2;",
    "create_table": "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x',"
                    " data BLOB, CHECK (length(name) > 0));",
    "case_when": "SELECT CASE WHEN a THEN 'b' ELSE \"c\" END FROM t WHERE a BETWEEN 1 AND 2;",
    "dump_like": "BEGIN TRANSACTION;\nCREATE TABLE t(a);\nINSERT INTO \"t\" VALUES(1);\nCOMMIT;\n",
}


def make_sql():
    d = reset("sql")
    rows = []
    for name, text in SQL.items():
        (d / name).write_bytes(text.encode("utf-8"))
        try:
            rows.append((name, sqlite3.complete_statement(text)))
        except ValueError as e:  # an embedded NUL
            rows.append((name, type(e).__name__))
    write_tsv("sql", rows)


# ------------------------------------------------------------------------------------------ url

def make_url():
    d = reset("url")
    rows = []

    def add(name, url, expected):
        (d / name).write_bytes(url.encode("utf-8"))
        rows.append((name, expected))

    q = urllib.parse.urlencode  # percent-encoding by CPython
    add("memory", "jdbc:sqlite3::memory:", "OK")
    add("path", "jdbc:sqlite3:app.db", "OK")
    add("relative", "jdbc:sqlite3:data/app.db?", "OK")
    add("all_options", "jdbc:sqlite3:app.db?" + q({
        "detect_types": "3", "isolation_level": "immediate", "autocommit": "false", "timeout": "2.5",
        "busy_timeout": "100", "uri": "true", "journal_mode": "WAL", "synchronous": "NORMAL",
        "foreign_keys": "true", "cached_statements": "0", "jdbc.get_generated_keys": "true",
        "date_storage": "sqlite-jdbc", "user": "sa"}), "OK")
    add("uri_file", "jdbc:sqlite3:file:app.db?" + q({"mode": "ro", "cache": "shared"}), "OK")
    add("uri_memory", "jdbc:sqlite3:file::memory:?" + q({"mode": "memory", "cache": "private"}), "OK")
    add("pass_through", "jdbc:sqlite3:app.db?" + q({"cache_size": "2000", "temp_store": "MEMORY",
                                                      "date_class": "TEXT", "locking_mode": "NORMAL"}), "OK")
    add("percent", "jdbc:sqlite3:app.db?" + q({"user": "a&b=c d+e\u00e9/%"}), "OK")
    add("empty_pairs", "jdbc:sqlite3:app.db?&&timeout=1&&", "OK")
    add("unicode_path", "jdbc:sqlite3:" + urllib.parse.quote("data/d\u00e9j\u00e0 vu.db"), "OK")
    add("bad_prefix", "jdbc:sqlite:app.db", "SQLException")
    add("bad_option", "jdbc:sqlite3:app.db?" + q({"no_such_option": "1"}), "SQLException")
    add("bad_value", "jdbc:sqlite3:app.db?" + q({"detect_types": "9"}), "SQLException")
    add("bad_pair", "jdbc:sqlite3:app.db?timeout", "SQLException")
    add("bad_decimal", "jdbc:sqlite3:app.db?timeout=-1", "SQLException")
    add("bad_integer", "jdbc:sqlite3:app.db?busy_timeout=" + str(2**31), "SQLException")
    write_tsv("url", rows)


# ------------------------------------------------------------------------------------------ dbm

def digest(items):
    lines = sorted(k.hex() + " " + v.hex() for k, v in items)
    return len(lines), hashlib.sha256("\n".join(lines).encode("ascii")).hexdigest()


DBM_CONTENTS = {
    "small": [(b"a", b"1"), (b"key2", b"value two"), ("caf\u00e9".encode(), "\u20ac".encode()),
              (b"\x00\xff\x00", b"\x00binary\xff")],
    "big_value": [(b"big", bytes(range(256)) * 20), (b"small", b"s")],
    "updated": [(b"k%d" % i, b"v%d" % i * (i % 5 + 1)) for i in range(40)],
}


def fill(db, name):
    for k, v in DBM_CONTENTS[name]:
        db[k] = v
    if name == "updated":
        for i in range(0, 40, 3):
            del db[b"k%d" % i]
        db[b"k1"] = b"replaced value"


def make_dumb():
    import dbm.dumb
    d = reset("dumb")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("empty", *DBM_CONTENTS, "escapes"):
            base = os.path.join(tmp, name)
            db = dbm.dumb.open(base, "n")
            if name == "escapes":
                for k in (b"quote'", b'dq"', b"nl\nx", b"tab\t\\", bytes(range(0, 256, 17))):
                    db[k] = k[::-1]
            elif name != "empty":
                fill(db, name)
            db.close()
            dir_text = pathlib.Path(base + ".dir").read_bytes()
            dat = pathlib.Path(base + ".dat").read_bytes()
            (d / name).write_bytes(struct.pack("<H", len(dir_text)) + dir_text + dat)
            db = dbm.dumb.open(base, "r")
            rows.append((name, *digest((k, db[k]) for k in db.keys())))
            db.close()
    write_tsv("dumb", rows)


def debian_dbm(out_dir):
    """Run by Debian's python3: writes gnu/ and ndbm/ seeds and their listings into out_dir."""
    import dbm.gnu
    import dbm.ndbm
    out = pathlib.Path(out_dir)
    with tempfile.TemporaryDirectory() as tmp:
        for kind, module, suffix in (("gnu", dbm.gnu, ""), ("ndbm", dbm.ndbm, ".db")):
            rows = []
            for name in ("empty", *DBM_CONTENTS):
                base = os.path.join(tmp, kind + "_" + name)
                db = module.open(base, "n")
                if name != "empty":
                    fill(db, name)
                db.close()
                shutil.copyfile(base + suffix, out / kind / name)
                db = module.open(base, "r")
                rows.append((name, *digest((k, db[k]) for k in db.keys())))
                db.close()
            with open(out / (kind + ".tsv"), "w", encoding="utf-8", newline="\n") as f:
                for row in rows:
                    f.write("\t".join(str(c) for c in row) + "\n")


def make_debian_dbm():
    reset("gnu")
    reset("ndbm")
    subprocess.run(["/usr/bin/python3", __file__, "debian-dbm", str(HERE)], check=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "debian-dbm":
        debian_dbm(sys.argv[2])
        sys.exit(0)
    assert sys.version_info[:2] == (3, 13), "run with CPython 3.13"
    if os.environ.get("PYTHONHASHSEED") != "0":  # str hashes order sets: the same bytes at every run
        os.execve(sys.executable, [sys.executable, __file__], {**os.environ, "PYTHONHASHSEED": "0"})
    make_pickle()
    make_marshal()
    make_sql()
    make_url()
    make_dumb()
    make_debian_dbm()
