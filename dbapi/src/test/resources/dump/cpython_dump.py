#!/usr/bin/env python3
"""CPython's side of DumpTest (org.sqlite3j.dbapi.DumpTest): sqlite3.Connection.iterdump().

Usage (CPython 3.13 or later: iterdump's filter argument is new in 3.13):

  cpython_dump.py info
      prints "<python version> <SQLite version>", e.g. "3.13.0 3.40.1"
  cpython_dump.py build SCHEMA.sql DB
      creates the database file DB by executescript() of SCHEMA.sql
  cpython_dump.py dump DB [FILTER]
      prints con.iterdump() of DB (filter=FILTER when given, possibly ""), one item per line,
      each as the hex of its UTF-8 bytes (items may hold newlines); on an sqlite3 error prints
      "ERROR <class>: <message>" and exits with status 3
  cpython_dump.py regenerate
      rewrites the committed expected dumps next to this script: for every case of cases.tsv,
      <case>.sql = "\\n".join(iterdump) + "\\n" of a fresh database built from its schema, and
      GENERATED_BY = the Python and SQLite versions that made them. Run it after changing a
      schema or cases.tsv, with the CPython that DumpTest uses
      (~/.pyenv/versions/3.13.0/bin/python3).
"""
import os
import sqlite3
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def read_cases():
    """(case, schema, filter) for every line of cases.tsv; filter is None when absent."""
    cases = []
    with open(os.path.join(HERE, "cases.tsv"), encoding="utf-8", newline="") as f:
        for line in f.read().split("\n"):
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            filter_ = None
            if len(fields) > 2:
                assert fields[2].startswith("filter="), line
                filter_ = fields[2][len("filter="):]
            cases.append((fields[0], fields[1], filter_))
    return cases


def build(schema_path, db_path):
    with open(schema_path, encoding="utf-8", newline="") as f:
        script = f.read()
    con = sqlite3.connect(db_path)
    try:
        con.executescript(script)
        con.commit()
    finally:
        con.close()


def dump(db_path, filter_):
    con = sqlite3.connect(db_path)
    try:
        return list(con.iterdump(filter=filter_))
    finally:
        con.close()


def main(argv):
    command = argv[1] if len(argv) > 1 else ""
    if command == "info":
        print("%d.%d.%d" % sys.version_info[:3], sqlite3.sqlite_version)
    elif command == "build" and len(argv) == 4:
        build(argv[2], argv[3])
    elif command == "dump" and len(argv) in (3, 4):
        try:
            lines = dump(argv[2], argv[3] if len(argv) == 4 else None)
        except sqlite3.Error as e:
            print("ERROR %s: %s" % (type(e).__name__, e))
            return 3
        out = sys.stdout
        for line in lines:
            out.write(line.encode("utf-8").hex())
            out.write("\n")
    elif command == "regenerate" and len(argv) == 2:
        with tempfile.TemporaryDirectory() as tmp:
            for case, schema, filter_ in read_cases():
                db = os.path.join(tmp, case + ".db")
                build(os.path.join(HERE, "schemas", schema + ".sql"), db)
                text = "\n".join(dump(db, filter_)) + "\n"
                with open(os.path.join(HERE, case + ".sql"), "w", encoding="utf-8", newline="") as f:
                    f.write(text)
        with open(os.path.join(HERE, "GENERATED_BY"), "w", encoding="utf-8", newline="") as f:
            f.write("python=%d.%d.%d\n" % sys.version_info[:3])
            f.write("sqlite=%s\n" % sqlite3.sqlite_version)
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    if sys.version_info < (3, 13):
        sys.stderr.write("CPython 3.13 or later is needed (iterdump's filter argument)\n")
        sys.exit(2)
    sys.exit(main(sys.argv))
