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
           text_factory "bytes"|"str", cursor NAME (a new current cursor), use NAME, connect {options},
           create_function NAME NARG IMPL [DETERMINISTIC], create_aggregate NAME NARG IMPL,
           create_window_function NAME NARG IMPL, create_collation NAME IMPL,
           set_progress_handler IMPL N, progress_called (whether the "count" handler was called
           since the last time; resets its count), set_trace_callback IMPL,
           register_converter NAME IMPL, register_adapter CLASS IMPL, register_defaults (the
           module's own date/datetime adapters and DATE/TIMESTAMP converters, deprecated since
           3.12; Java: Recipes.pythonDefaults)
  detect_types: connect option, 0..3 (PARSE_DECLTYPES=1, PARSE_COLNAMES=2). Adapters and
  converters are module-global here: both registries are emptied before each scenario (the
  defaults included; register_defaults puts them back), and the Java side registers on every
  connection of the scenario, those opened later too. CLASS is one of ADAPTED_CLASSES; the test
  classes Point, SubPoint (a subclass) and the Conforming* classes (with __conform__) have twins in
  TestObjects.java, and values of them are passed as "obj:Point(1,2)", "obj:Conforming"...
  Dates and datetimes are passed as "date:2024-02-29", "datetime:2024-02-29 13:05:09.5" and print
  as d:2024-02-29, dt:2024-02-29T13:05:09.500000 (isoformat); a Point prints as obj:Point(1,2).
IMPL names a callback of the small library below (Callbacks), implemented identically on the Java
side (Callbacks.java); "none" stands for None. The "record" trace callback keeps the statements it
receives, and the observation after each step prints them ("  trace: 'SQL'"), one a line.
PARAMS is a list (a sequence) or an object (a dict) of value tokens: "i:5", "f:1.5", "s:text",
"b:00ff" (hex), "bool:true", "n" (None), "<unsupported>". Observed values print the same way, with
strings quoted and escaped ("s:'text'"). After each step both sides print the connection's
in_transaction, total_changes, isolation_level, autocommit and the current cursor's rowcount,
lastrowid, arraysize, description names; an error prints its class, message and SQLite code/name.
The library's "raise" callbacks raise ZeroDivisionError('callback failed') (Java: an
ArithmeticException), printed "error <callback exception> 'callback failed'" where it escapes.
The keys "pending", "known_difference" and "message_may_differ" are for the Java side
(see Scenario.java); of them only "message_may_differ" changes what is printed here.
"""
import datetime
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


class Point:
    """A class of the scenarios' own, adapted by the "point_text" adapter as "x;y"."""
    def __init__(self, x, y):
        self.x, self.y = x, y


class SubPoint(Point):
    """A subclass: adapters match exact types only."""


class Conforming:
    def __conform__(self, protocol):
        if protocol is sqlite3.PrepareProtocol:
            return "conformed"


class ConformingNone:
    def __conform__(self, protocol):
        return None


class ConformingRaise:
    def __conform__(self, protocol):
        fail()


class ConformingUnsupported:
    def __conform__(self, protocol):
        return Object()


OBJECTS = {
    "Conforming": Conforming,
    "ConformingNone": ConformingNone,
    "ConformingRaise": ConformingRaise,
    "ConformingUnsupported": ConformingUnsupported,
}

ADAPTED_CLASSES = {
    "Point": Point,
    "SubPoint": SubPoint,
    "Conforming": Conforming,
    "int": int,
    "float": float,
    "str": str,
    "bytes": bytes,
    "bool": bool,
    "date": datetime.date,
    "datetime": datetime.datetime,
}

# the module's defaults, restored by register_defaults after the registries are emptied
DEFAULT_ADAPTERS = dict(sqlite3.adapters)
DEFAULT_CONVERTERS = dict(sqlite3.converters)


def reset_registries():
    sqlite3.adapters.clear()
    sqlite3.converters.clear()


# ---- the callback library -----------------------------------------------------------------------
# Every callback here has a twin in Callbacks.java that behaves the same for the values SQLite
# passes (int, float, str, bytes, None); keep them in step.

CALLBACK_FAILURE = "callback failed"


def fail(*args):
    raise ZeroDivisionError(CALLBACK_FAILURE)


def type_names(args):
    return ",".join(type(a).__name__ for a in args)


class Callbacks:
    """The callbacks of one session (some keep a count in it)."""

    def __init__(self, session):
        self.session = session
        self.calls = 0
        self.progress_calls = 0

    # scalar functions: create_function NAME NARG IMPL

    def scalar(self, name):
        def calls(*args):
            self.calls += 1
            return self.calls

        def raise_if_3(*args):
            if args[0] == 3:
                fail()
            return args[0]

        table = {
            "identity": lambda *a: a[0],
            "double": lambda *a: a[0] * 2,
            "negate": lambda *a: -a[0],
            "count_args": lambda *a: len(a),
            "py_type": lambda *a: type_names(a),
            "calls": calls,
            "raise": fail,
            "raise_if_3": raise_if_3,
            "return_unsupported": lambda *a: Object(),
            "return_big_int": lambda *a: 2 ** 64,
            "return_big_negative_int": lambda *a: -2 ** 63 - 1,
            "return_max_int": lambda *a: 2 ** 63 - 1,
            "return_min_int": lambda *a: -2 ** 63,
            "return_bool": lambda *a: True,
            "return_float": lambda *a: 0.1,
            "return_float_nan": lambda *a: float("nan"),
            "return_float_inf": lambda *a: float("-inf"),
            "return_text": lambda *a: "h\u00e9llo \u20ac\U0001F600",
            "return_text_nul": lambda *a: "a\x00b",
            "return_empty_text": lambda *a: "",
            "return_lone_surrogate": lambda *a: "\ud800",
            "return_blob": lambda *a: b"\x00\xff",
            "return_empty_blob": lambda *a: b"",
            "return_none": lambda *a: None,
            "none": None,
        }
        return table[name]

    # aggregates: create_aggregate NAME NARG IMPL

    def aggregate(self, name):
        return AGGREGATES[name]

    # window functions: create_window_function NAME NARG IMPL

    def window(self, name):
        return WINDOWS[name]

    # collations: create_collation NAME IMPL

    def collation(self, name):
        return {
            "reverse": lambda a, b: (b > a) - (b < a),
            "by_length": lambda a, b: len(a) - len(b),
            "raise": fail,
            "none": None,
        }[name]

    # progress handlers: set_progress_handler IMPL N

    def progress(self, name):
        def count():
            self.progress_calls += 1
            return False

        return {
            "never": lambda: False,
            "always": lambda: True,
            "raise": fail,
            "count": count,
            "none": None,
        }[name]

    # converters: register_converter NAME IMPL

    def converter(self, name):
        def raise_if_3(value):
            if value == b"3":
                fail()
            return int(value)

        def point(value):
            x, y = map(int, value.split(b";"))
            return Point(x, y)

        return {
            "identity": lambda b: b,
            "tag": lambda b: "conv:" + b.decode(),
            "bytes_len": len,
            "int": int,
            "raise": fail,
            "raise_if_3": raise_if_3,
            "none": lambda b: None,
            "point": point,
            "date": DEFAULT_CONVERTERS["DATE"],
            "timestamp": DEFAULT_CONVERTERS["TIMESTAMP"],
        }[name]

    # adapters: register_adapter CLASS IMPL

    def adapter(self, name):
        return {
            "point_text": lambda p: "%d;%d" % (p.x, p.y),
            "constant": lambda v: "adapted",
            "returns_int": lambda v: 42,
            "returns_blob": lambda v: b"\x01\x02",
            "returns_none": lambda v: None,
            "returns_unsupported": lambda v: Object(),
            "returns_point": lambda v: Point(9, 9),
            "raise": fail,
        }[name]

    # trace callbacks: set_trace_callback IMPL

    def trace(self, name):
        return {
            "record": self.session.traced.append,
            "raise": fail,
            "none": None,
        }[name]


class Sum:
    def __init__(self):
        self.total = 0

    def step(self, *args):
        self.total += args[0]

    def finalize(self):
        return self.total


class Concat:
    def __init__(self):
        self.parts = []

    def step(self, *args):
        self.parts.append(args[0])

    def finalize(self):
        return "|".join(self.parts)


class CountRows:
    def __init__(self):
        self.count = 0

    def step(self, *args):
        self.count += 1

    def finalize(self):
        return self.count


class Types:
    """The Python types of every step's arguments: "int,str float"."""
    def __init__(self):
        self.steps = []

    def step(self, *args):
        self.steps.append(type_names(args))

    def finalize(self):
        return " ".join(self.steps)


class RaiseInInit(Sum):
    def __init__(self):
        fail()


class RaiseInStep(Sum):
    def step(self, *args):
        fail()


class RaiseInFinalize(Sum):
    def finalize(self):
        fail()


class FinalizeUnsupported(Sum):
    def finalize(self):
        return Object()


class FinalizeBigInt(Sum):
    def finalize(self):
        return 2 ** 64


AGGREGATES = {
    "sum": Sum,
    "concat": Concat,
    "count_rows": CountRows,
    "types": Types,
    "raise_in_init": RaiseInInit,
    "raise_in_step": RaiseInStep,
    "raise_in_finalize": RaiseInFinalize,
    "finalize_unsupported": FinalizeUnsupported,
    "finalize_big_int": FinalizeBigInt,
    "none": None,
}


class SumWindow(Sum):
    def inverse(self, *args):
        self.total -= args[0]

    def value(self):
        return self.total


class WindowRaiseInInit(SumWindow):
    def __init__(self):
        fail()


class WindowRaiseInStep(SumWindow):
    def step(self, *args):
        fail()


class WindowRaiseInValue(SumWindow):
    def value(self):
        fail()


class WindowRaiseInInverse(SumWindow):
    def inverse(self, *args):
        fail()


class WindowRaiseInFinalize(SumWindow):
    def finalize(self):
        fail()


class WindowValueUnsupported(SumWindow):
    def value(self):
        return Object()


WINDOWS = {
    "sum_window": SumWindow,
    "raise_in_init": WindowRaiseInInit,
    "raise_in_step": WindowRaiseInStep,
    "raise_in_value": WindowRaiseInValue,
    "raise_in_inverse": WindowRaiseInInverse,
    "raise_in_finalize": WindowRaiseInFinalize,
    "value_unsupported": WindowValueUnsupported,
    "none": None,
}


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
    if kind == "date":
        return datetime.date.fromisoformat(text)
    if kind == "datetime":
        return datetime.datetime.fromisoformat(text)
    if kind == "obj":
        if text in OBJECTS:
            return OBJECTS[text]()
        cls, _, coords = text.partition("(")
        x, y = map(int, coords.rstrip(")").split(","))
        return {"Point": Point, "SubPoint": SubPoint}[cls](x, y)
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
    if isinstance(value, datetime.datetime):
        return "dt:" + value.isoformat()
    if isinstance(value, datetime.date):
        return "d:" + value.isoformat()
    if isinstance(value, Point):
        return "obj:%s(%d,%d)" % (type(value).__name__, value.x, value.y)
    return "?" + type(value).__name__


def encode_row(row):
    return "None" if row is None else "(" + ", ".join(encode(v) for v in row) + ")"


def autocommit_value(option):
    return sqlite3.LEGACY_TRANSACTION_CONTROL if option == "legacy" else option


def show_autocommit(value):
    return "legacy" if value == sqlite3.LEGACY_TRANSACTION_CONTROL else str(value)


def show_error(e, sqlite_message_may_differ):
    if isinstance(e, ZeroDivisionError):
        return "error <callback exception> " + quote(str(e))
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
        self.traced = []
        self.callbacks = Callbacks(self)

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
        if "detect_types" in options:
            kwargs["detect_types"] = options["detect_types"]
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
        elif kind == "create_function":
            name, narg, impl = args[:3]
            if len(args) > 3:
                self.con.create_function(name, narg, self.callbacks.scalar(impl), deterministic=args[3])
            else:
                self.con.create_function(name, narg, self.callbacks.scalar(impl))
        elif kind == "create_aggregate":
            self.con.create_aggregate(args[0], args[1], self.callbacks.aggregate(args[2]))
        elif kind == "create_window_function":
            self.con.create_window_function(args[0], args[1], self.callbacks.window(args[2]))
        elif kind == "create_collation":
            self.con.create_collation(args[0], self.callbacks.collation(args[1]))
        elif kind == "set_progress_handler":
            self.con.set_progress_handler(self.callbacks.progress(args[0]), args[1])
        elif kind == "progress_called":
            called, self.callbacks.progress_calls = self.callbacks.progress_calls > 0, 0
            return "called %s" % called
        elif kind == "set_trace_callback":
            self.con.set_trace_callback(self.callbacks.trace(args[0]))
        elif kind == "register_converter":
            sqlite3.register_converter(args[0], self.callbacks.converter(args[1]))
        elif kind == "register_adapter":
            sqlite3.register_adapter(ADAPTED_CLASSES[args[0]], self.callbacks.adapter(args[1]))
        elif kind == "register_defaults":
            sqlite3.adapters.update(DEFAULT_ADAPTERS)
            sqlite3.converters.update(DEFAULT_CONVERTERS)
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
        for statement in self.traced:
            self.out.append("  trace: " + quote(statement))
        self.traced.clear()

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
        reset_registries()
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
    # the module's default date/datetime adapters and converters are deprecated, not errors
    warnings.filterwarnings("ignore", category=DeprecationWarning,
                            message=r"The default (date|datetime|timestamp) (adapter|converter) is deprecated")
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
