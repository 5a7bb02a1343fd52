#!/usr/bin/env python3
"""The CPython side of the differential test: runs scenarios through the sqlite3 module and prints
what it observes in a canonical text form. The Java side (org.sqlite3j.tck.differential) runs the
same scenarios through the sqlite3j facade and must print exactly the same text.

    runner.py SCENARIOS.json    print the observations of every scenario of that file
    runner.py --regenerate      rewrite expected/<file>.txt for every scenarios/<file>.json
    runner.py --probe           print the Python and SQLite versions

The expectations are CPython 3.13's: another version exits with status 3 (--any-python runs
anyway). DeprecationWarning is raised as an error (3.13 warns about named placeholders bound from
a sequence), so that it shows up as an observation.

A scenario file is a JSON list of {"name", "connect": {options}, "steps": [[kind, args...], ...]}.
  options: database (":memory:", "tmp" for a file in a fresh directory, "{tmp}" inside a URI),
           isolation_level, autocommit (true, false, "legacy" or a number), uri, timeout,
           row_factory ("Row"), text_factory ("bytes")
  steps:   execute SQL [PARAMS], con.execute SQL [PARAMS], executemany SQL [SETS],
           executemany_iter SQL [SETS] (an iterator), executescript SQL, fetchone, fetchmany [N],
           fetchall, arraysize N, row KEY (row[KEY] of the last fetched row), commit, rollback,
           close, close_cursor, isolation_level VALUE, autocommit VALUE, row_factory "Row"|null,
           text_factory "bytes"|"str", cursor NAME (a new current cursor), use NAME, connect {options}
PARAMS is a list (a sequence) or an object (a dict) of value tokens: "i:5", "f:1.5", "s:text",
"b:00ff" (hex), "bool:true", "n" (None), "<unsupported>". Observed values print the same way, with
strings quoted and escaped ("s:'text'"). After each step both sides print the connection's
in_transaction, total_changes, isolation_level, autocommit and the current cursor's rowcount,
lastrowid, arraysize, description names; an error prints its class, message and SQLite code/name.
The keys "pending", "known_difference" and "message_may_differ" are for the Java side
(see Scenario.java); of them only "message_may_differ" changes what is printed here.
"""
import json
import os
import sqlite3
import sys
import tempfile
import warnings

EXPECTED_VERSION = (3, 13)


class Object:
    """The "<unsupported>" parameter: a value the module cannot bind. It is named after
    java.lang.Object, what the Java side binds, so both refuse "type 'Object'"."""


# ---- tokens -------------------------------------------------------------------------------------

def decode(token):
    """A scenario token as the Python value it stands for."""
    if token == "n":
        return None
    if token == "<unsupported>":
        return Object()
    kind, colon, text = token.partition(":")
    if kind == "i":
        return int(text)
    if kind == "f":
        return float(text)
    if kind == "s":
        return text
    if kind == "b":
        return bytes.fromhex(text)
    if kind == "bool":
        return {"true": True, "false": False}[text]
    raise ValueError("bad value token: %r" % token)


def decode_params(params):
    """Scenario parameters: a list (sequence), an object (dict) or a single token."""
    if isinstance(params, list):
        return [decode(t) for t in params]
    if isinstance(params, dict):
        return {name: decode(t) for name, t in params.items()}
    return decode(params)


def quote(text):
    """A string as the canonical text prints it: in quotes, anything but printable ASCII escaped."""
    out = []
    for ch in text:
        if ch in "\\'":
            out.append("\\" + ch)
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.append("\\u{%x}" % ord(ch))
    return "'" + "".join(out) + "'"


def encode(value):
    """A value read from SQLite as a typed token."""
    if value is None:
        return "n"
    if isinstance(value, int):
        return "i:%d" % value
    if isinstance(value, float):
        return "f:" + repr(value)
    if isinstance(value, str):
        return "s:" + quote(value)
    if isinstance(value, bytes):
        return "b:" + value.hex()
    return "?" + type(value).__name__


def encode_row(row):
    return "None" if row is None else "(" + ", ".join(encode(v) for v in row) + ")"


def autocommit_value(option):
    return sqlite3.LEGACY_TRANSACTION_CONTROL if option == "legacy" else option


def show_autocommit(value):
    return "legacy" if value == sqlite3.LEGACY_TRANSACTION_CONTROL else str(value)


def show_error(e, sqlite_message_may_differ):
    code = getattr(e, "sqlite_errorcode", None)
    message = quote(str(e))
    if code is not None and sqlite_message_may_differ:
        message = "<message from SQLite>"
    text = "error %s %s" % (type(e).__name__, message)
    if code is not None:
        text += " [%d %s]" % (code, e.sqlite_errorname)
    return text


def attribute(get, show=str):
    """An attribute's value as text, or the class of the exception reading it raised."""
    try:
        return show(get())
    except Exception as e:
        return "!" + type(e).__name__


def show_optional(value):
    return "None" if value is None else str(value)


def show_description(description):
    return "None" if description is None else "(" + ", ".join(quote(d[0]) for d in description) + ")"


def show_level(level):
    return "None" if level is None else quote(level)


# ---- the interpreter ----------------------------------------------------------------------------

class Session:
    """One scenario's connections and cursors; `run` prints its observations."""

    def __init__(self, scenario, tmpdir, out):
        self.scenario = scenario
        self.tmp = os.path.join(tmpdir, "test.db")
        self.out = out
        self.connections = []
        self.con = None
        self.cursors = {}
        self.current = None
        self.row = None
        self.message_may_differ = "message_may_differ" in scenario

    def connect(self, options):
        database = options.get("database", ":memory:").replace("{tmp}", self.tmp)
        if database == "tmp":
            database = self.tmp
        kwargs = {}
        if "isolation_level" in options:
            kwargs["isolation_level"] = options["isolation_level"]
        if "autocommit" in options:
            kwargs["autocommit"] = autocommit_value(options["autocommit"])
        if "uri" in options:
            kwargs["uri"] = options["uri"]
        if "timeout" in options:
            kwargs["timeout"] = options["timeout"]
        con = sqlite3.connect(database, **kwargs)
        self.connections.append(con)
        if options.get("row_factory") == "Row":
            con.row_factory = sqlite3.Row
        if options.get("text_factory") == "bytes":
            con.text_factory = bytes
        self.con = con
        self.cursors = {"main": con.cursor()}
        self.current = "main"

    def step(self, kind, args):
        """Runs one step; returns what it shows ("ok" or the rows it fetched)."""
        cur = self.cursors.get(self.current)
        if kind == "connect":
            self.connect(args[0] if args else {})
        elif kind == "execute":
            cur.execute(args[0], decode_params(args[1])) if len(args) > 1 else cur.execute(args[0])
        elif kind == "con.execute":
            cur = self.con.execute(args[0], decode_params(args[1])) if len(args) > 1 else self.con.execute(args[0])
            self.cursors["con"] = cur
            self.current = "con"
        elif kind in ("executemany", "executemany_iter"):
            sets = [decode_params(p) for p in args[1]]
            cur.executemany(args[0], iter(sets) if kind == "executemany_iter" else sets)
        elif kind == "executescript":
            cur.executescript(args[0])
        elif kind == "fetchone":
            self.row = cur.fetchone()
            return "row " + encode_row(self.row)
        elif kind == "fetchmany":
            rows = cur.fetchmany(args[0]) if args else cur.fetchmany()
            return self.rows(rows)
        elif kind == "fetchall":
            return self.rows(cur.fetchall())
        elif kind == "arraysize":
            cur.arraysize = args[0]
        elif kind == "row":
            return "value " + encode(self.row[args[0]])
        elif kind == "commit":
            self.con.commit()
        elif kind == "rollback":
            self.con.rollback()
        elif kind == "close":
            self.con.close()
        elif kind == "close_cursor":
            cur.close()
        elif kind == "isolation_level":
            self.con.isolation_level = args[0]
        elif kind == "autocommit":
            self.con.autocommit = autocommit_value(args[0])
        elif kind == "row_factory":
            self.con.row_factory = sqlite3.Row if args[0] == "Row" else None
        elif kind == "text_factory":
            self.con.text_factory = bytes if args[0] == "bytes" else str
        elif kind == "cursor":
            self.cursors[args[0]] = self.con.cursor()
            self.current = args[0]
        elif kind == "use":
            self.current = args[0]
        else:
            raise SystemExit("unknown step %r in scenario %r" % (kind, self.scenario["name"]))
        return "ok"

    def rows(self, rows):
        if rows:
            self.row = rows[-1]
        return "rows [" + ", ".join(encode_row(r) for r in rows) + "]"

    def observe(self):
        con, cur = self.con, self.cursors.get(self.current)
        self.out.append("  con: in_transaction=%s total_changes=%s isolation_level=%s autocommit=%s" % (
            attribute(lambda: con.in_transaction),
            attribute(lambda: con.total_changes),
            attribute(lambda: con.isolation_level, show_level),
            attribute(lambda: con.autocommit, show_autocommit)))
        self.out.append("  cur %s: rowcount=%s lastrowid=%s arraysize=%s description=%s" % (
            self.current,
            attribute(lambda: cur.rowcount),
            attribute(lambda: cur.lastrowid, show_optional),
            attribute(lambda: cur.arraysize),
            attribute(lambda: cur.description, show_description)))

    def run(self):
        self.out.append("=== " + self.scenario["name"])
        try:
            self.connect(self.scenario.get("connect", {}))
        except Exception as e:
            self.out.append("connect: " + show_error(e, self.message_may_differ))
            return
        self.out.append("connect: ok")
        self.observe()
        for number, (kind, *args) in enumerate(self.scenario["steps"], 1):
            try:
                shown = self.step(kind, args)
            except Exception as e:
                shown = show_error(e, self.message_may_differ)
            self.out.append("#%d %s: %s" % (number, kind, shown))
            self.observe()

    def close(self):
        for con in self.connections:
            try:
                con.close()
            except Exception:
                pass


def run_file(path):
    """The canonical text of every scenario in the file, as a list of lines."""
    with open(path, encoding="utf-8") as f:
        scenarios = json.load(f)
    out = []
    for scenario in scenarios:
        with tempfile.TemporaryDirectory() as tmpdir:
            session = Session(scenario, tmpdir, out)
            try:
                session.run()
            finally:
                session.close()
    return out


def regenerate():
    here = os.path.dirname(os.path.abspath(__file__))
    scenarios, expected = os.path.join(here, "scenarios"), os.path.join(here, "expected")
    os.makedirs(expected, exist_ok=True)
    header = "# generated by runner.py --regenerate: Python %s, SQLite %s" % (
        sys.version.split()[0], sqlite3.sqlite_version)
    for name in sorted(os.listdir(scenarios)):
        if name.endswith(".json"):
            lines = run_file(os.path.join(scenarios, name))
            target = os.path.join(expected, name[:-len(".json")] + ".txt")
            with open(target, "w", encoding="utf-8", newline="\n") as f:
                f.write("\n".join([header] + lines) + "\n")
            print("wrote", target)


def main(argv):
    warnings.simplefilter("error", DeprecationWarning)
    if "--any-python" in argv:
        argv.remove("--any-python")
    elif sys.version_info[:2] != EXPECTED_VERSION:
        print("the expectations are CPython %d.%d's; this is %s" % (
            EXPECTED_VERSION + (sys.version.split()[0],)), file=sys.stderr)
        return 3
    if argv == ["--probe"]:
        print("Python %s, SQLite %s" % (sys.version.split()[0], sqlite3.sqlite_version))
        return 0
    if argv == ["--regenerate"]:
        regenerate()
        return 0
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    print("\n".join(run_file(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
