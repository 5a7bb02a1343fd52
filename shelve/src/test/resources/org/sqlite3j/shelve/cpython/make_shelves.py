"""Writes the committed shelves the Java tests read offline: run once with CPython 3.13 in this
directory (python3 make_shelves.py). The same values are in ShelfFixture.py_values() for live tests."""
import datetime
import dbm.dumb
import dbm.sqlite3
import decimal
import os
import shelve
import sys

from shelffixture import Point, Secret


def values():
    return {
        "dict": {"name": "Ada", "langs": ["en", "fr"], "age": 36},
        "list": [1, 2.5, "three", None, True, b"\x00\xff"],
        "tuple": (1, "two", (3, 4)),
        "set": {1, 2, 3},
        "frozenset": frozenset({"a"}),
        "when": datetime.datetime(2024, 2, 29, 13, 45, 7, 123456),
        "day": datetime.date(1999, 12, 31),
        "aware": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
        "delta": datetime.timedelta(days=1, seconds=2),
        "price": decimal.Decimal("12.50"),
        "big": 2 ** 70,
        "clé": "unicode key",
        "point": Point(3, 4),
        "points": [Point(1, 2), Point(5, 6)],
        "secret": Secret("keep me"),
    }


def write(shelf):
    for k, v in values().items():
        shelf[k] = v


if __name__ == "__main__":
    assert sys.version_info[:2] == (3, 13), sys.version
    for name in ("py313-sqlite3.db",):
        if os.path.exists(name):
            os.remove(name)
    with shelve.Shelf(dbm.sqlite3.open("py313-sqlite3.db", "n")) as s:
        write(s)
    with shelve.Shelf(dbm.dumb.open("py313-dumb", "n")) as s:
        write(s)
    print(dbm.whichdb("py313-sqlite3.db"), dbm.whichdb("py313-dumb"))
    # The raw (key, pickle) pairs as hex, one a line: the same data without any dbm backend.
    with dbm.sqlite3.open("py313-sqlite3.db", "r") as db, open("py313-items.hex", "w") as out:
        for k in sorted(db.keys()):
            out.write(f"{k.hex()} {db[k].hex()}\n")
