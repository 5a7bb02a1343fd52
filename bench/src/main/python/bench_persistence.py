#!/usr/bin/env python3
"""CPython's dbm, shelve and marshal on PersistenceBenchmark's / MarshalBenchmark's workloads (issue 18).

Workload (PersistenceData.java builds the same): KEYS string keys f"key-{i}" and as values the small
dicts of the pickle workload, {'id': i, 'name': f'name-{i}', 'score': i * 0.25, 'tags': [f't{i % 10}', 'x']},
given to the shelf as dicts and to the dbm files pickled one by one at protocol 4 (shelve's in 3.13).
Keys are given to dbm as bytes and to the shelf as str, made before the clock starts, as on the Java side.

Operations (each timed with time.perf_counter and time.process_time; --repeat runs after --warmup):
  writes  open a new file (flag 'n') in a new directory under tempfile.gettempdir() (/tmp: the disk
          the JVM writes on too), store every key in order, close; dbm.sqlite3 (one commit and
          fsync per store, as CPython does it) stores the first --commit-keys (10,000) keys only
  reads   db[k] / s[k] of every key in order on a file opened once with flag 'r', written first
  marshal marshal.dumps / marshal.loads of the list of KEYS small dicts (version 4)

Groups (--groups; default: every one this Python has): shelf (dbm.sqlite3 and dbm.dumb shelves),
sqlite3, dumb, gnu, ndbm, marshal. pyenv's 3.13 has no _gdbm/_dbm: run.sh runs gnu and ndbm with
Debian's /usr/bin/python3 (3.11, libgdbm 1.23, Berkeley DB 5.3), the rest with 3.13; every result
records the Python that made it. ndbm is measured for reads only (Java reads its files, never writes).

Standard library only, Python 3.11+. Usage:
  bench_persistence.py [--keys N] [--commit-keys N] [--repeat N] [--warmup N] [--groups G] [--json FILE]
  bench_persistence.py --digests               # as PersistenceData.main: keys and values, length and SHA-256
  bench_persistence.py --write BACKEND FILE    # writes the workload to a gnu/ndbm/dumb/sqlite3 file (for JMH)
  bench_persistence.py --write marshal FILE    # writes marshal.dumps(the KEYS small dicts) (for JMH's loads)
"""

import argparse
import gc
import hashlib
import importlib
import json
import marshal
import os
import pickle
import platform
import shelve
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time

from bench_cpython import Clock, measure  # one timer for every CPython bench script

KEYS = 100_000
COMMIT_KEYS = 10_000
GROUPS = ("shelf", "sqlite3", "dumb", "gnu", "ndbm", "marshal")


def small(n):
    return [{'id': i, 'name': f'name-{i}', 'score': i * 0.25, 'tags': [f't{i % 10}', 'x']} for i in range(n)]


class Data:
    def __init__(self, n):
        self.dicts = small(n)
        self.str_keys = [f"key-{i}" for i in range(n)]
        self.keys = [k.encode() for k in self.str_keys]
        self.values = [pickle.dumps(d, 4) for d in self.dicts]


def digests(n):
    d = Data(n)
    lines = []
    for name, parts in (("keys", d.keys), ("values", d.values)):
        h = hashlib.sha256()
        for p in parts:
            h.update(p)
        lines.append(f"{name} {len(parts)} {sum(map(len, parts))} {h.hexdigest()}")
    return lines


def module(backend):
    return importlib.import_module("dbm." + backend)


def available(backend):
    try:
        module(backend)
        return True
    except ImportError:
        return False


def put_all(db, data, n):
    keys, values = data.keys, data.values
    for i in range(n):
        db[keys[i]] = values[i]


def set_all(s, data, n):
    keys, dicts = data.str_keys, data.dicts
    for i in range(n):
        s[keys[i]] = dicts[i]


def write_file(backend, path, data, n):
    """The workload in a new dbm file of this backend (ndbm's file is PATH.db)."""
    db = module(backend).open(path, "n")
    try:
        put_all(db, data, n)
    finally:
        db.close()


class Target:
    """A new directory for each write, on the temporary directory's disk; removed afterwards."""

    def __init__(self, base):
        self.base = base
        self.count = 0

    def __enter__(self):
        self.count += 1
        self.dir = os.path.join(self.base, f"w{self.count}")
        os.mkdir(self.dir)
        return os.path.join(self.dir, "db")

    def __exit__(self, *exc):
        shutil.rmtree(self.dir)


def timed_write(target, body):
    def run():
        with target as path:
            clock = Clock()
            body(path)
            return clock.elapsed()
    return run


def timed_read(fn):
    def run():
        clock = Clock()
        fn()
        return clock.elapsed()
    return run


def check_db(db, data, n, what):
    if len(db) != n or any(db[data.keys[i]] != data.values[i] for i in range(n)):
        raise SystemExit(f"{what}: the file read back is not the workload")


def check_shelf(s, data, n, what):
    if len(s) != n or any(s[data.str_keys[i]] != data.dicts[i] for i in range(n)):
        raise SystemExit(f"{what}: the shelf read back is not the workload")


def run(groups, n, commit_n, warmup, repeat, commit_repeat):
    data = Data(n)
    results = {}
    base = tempfile.mkdtemp(prefix="sqlite3j-bench-persistence-py")
    target = Target(base)
    try:
        if "shelf" in groups:
            def shelf_sqlite(path):
                with shelve.open(path, "n") as s:          # dbm.open: a new file is dbm.sqlite3 in 3.13
                    set_all(s, data, commit_n)

            def shelf_dumb(path):
                with shelve.Shelf(module("dumb").open(path, "n")) as s:
                    set_all(s, data, n)

            results["persist.shelf.sqlite3.write"] = (commit_n, "keys", measure(
                timed_write(target, shelf_sqlite), 0, commit_repeat))
            results["persist.shelf.dumb.write"] = (n, "keys", measure(timed_write(target, shelf_dumb), warmup, repeat))
            for backend in ("sqlite3", "dumb"):
                path = os.path.join(base, f"shelf-{backend}")
                with shelve.Shelf(module(backend).open(path, "n")) as s:
                    if backend == "sqlite3":
                        # written fast by a single transaction (setup only); the same file as n commits
                        s.dict._cx.execute("BEGIN")
                        set_all(s, data, n)
                        s.dict._cx.execute("COMMIT")
                    else:
                        set_all(s, data, n)
                with shelve.open(path, "r") as s:
                    if backend == "sqlite3" and s.dict.__class__.__module__ != "dbm.sqlite3":
                        raise SystemExit(f"the shelf opened as {s.dict.__class__.__module__}")
                    check_shelf(s, data, n, f"shelf {backend}")
                    keys = data.str_keys

                    def read(s=s, keys=keys):
                        for k in keys:
                            s[k]
                    results[f"persist.shelf.{backend}.read"] = (n, "keys", measure(timed_read(read), warmup, repeat))

        for backend in ("sqlite3", "dumb", "gnu"):
            if backend not in groups:
                continue
            mod = module(backend)
            count = commit_n if backend == "sqlite3" else n

            def put(path, mod=mod, count=count):
                db = mod.open(path, "n")
                try:
                    put_all(db, data, count)
                finally:
                    db.close()
            results[f"persist.dbm.{backend}.put"] = (count, "keys", measure(
                timed_write(target, put), 0 if backend == "sqlite3" else warmup,
                commit_repeat if backend == "sqlite3" else repeat))

        for backend in ("sqlite3", "dumb", "gnu", "ndbm"):
            if backend not in groups:
                continue
            path = os.path.join(base, f"read-{backend}")
            if backend == "sqlite3":
                with module("sqlite3").open(path, "n") as db:   # setup only: one transaction
                    db._cx.execute("BEGIN")
                    put_all(db, data, n)
                    db._cx.execute("COMMIT")
            else:
                write_file(backend, path, data, n)
            db = module(backend).open(path, "r")
            try:
                check_db(db, data, n, backend)
                keys = data.keys

                def get(db=db, keys=keys):
                    for k in keys:
                        db[k]
                results[f"persist.dbm.{backend}.get"] = (n, "keys", measure(timed_read(get), warmup, repeat))
            finally:
                db.close()

        if "marshal" in groups:
            dicts = data.dicts
            dumped = marshal.dumps(dicts)
            if marshal.loads(dumped) != dicts:
                raise SystemExit("marshal round trip failed")
            print(f"marshal: {n:,} dicts, {len(dumped):,} bytes (version {marshal.version})")

            def loop(fn, min_time=0.2):
                def timed():
                    loops = 1
                    while True:
                        clock = Clock()
                        for _ in range(loops):
                            fn()
                        wall, cpu = clock.elapsed()
                        if wall >= min_time or loops >= 1 << 20:
                            return wall / loops, cpu / loops
                        loops *= 2
                return timed
            results["persist.marshal.dumps"] = (n, "records", measure(loop(lambda: marshal.dumps(dicts)), warmup, repeat))
            results["persist.marshal.loads"] = (n, "records", measure(loop(lambda: marshal.loads(dumped)), warmup, repeat))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=KEYS)
    parser.add_argument("--commit-keys", type=int, default=COMMIT_KEYS,
                        help="stores of the one-commit-per-store dbm.sqlite3 writes")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--commit-repeat", type=int, default=3,
                        help="timed runs of the dbm.sqlite3 writes (no warm-up: ~1 ms a store)")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--groups", help="comma-separated, of: " + ", ".join(GROUPS)
                        + " (default: every one this Python has)")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--digests", action="store_true")
    parser.add_argument("--write", nargs=2, metavar=("BACKEND", "FILE"))
    args = parser.parse_args()
    if args.digests:
        print("\n".join(digests(args.keys)))
        return 0
    if args.write and args.write[0] == "marshal":
        with open(args.write[1], "wb") as f:
            f.write(marshal.dumps(small(args.keys)))
        return 0
    if args.write:
        write_file(args.write[0], args.write[1], Data(args.keys), args.keys)
        return 0
    if args.groups:
        groups = [g for g in args.groups.split(",") if g]
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise SystemExit(f"unknown groups {sorted(unknown)}; known: {', '.join(GROUPS)}")
        missing = [g for g in groups if g in ("sqlite3", "dumb", "gnu", "ndbm") and not available(g)]
        if "shelf" in groups and not available("sqlite3"):
            missing.append("shelf (needs dbm.sqlite3)")
        if missing:
            raise SystemExit(f"Python {platform.python_version()} ({sys.executable}) has no {', '.join(missing)}")
    else:
        groups = [g for g in GROUPS if g == "marshal" or available("sqlite3" if g == "shelf" else g)]
    args.commit_keys = min(args.commit_keys, args.keys)
    print(f"CPython {platform.python_version()} ({sys.executable}), SQLite {sqlite3.sqlite_version};"
          f" groups {','.join(groups)}; {args.keys:,} keys ({args.commit_keys:,} for one commit per store);"
          f" temporary files in {tempfile.gettempdir()}; gc {'on' if gc.isenabled() else 'off'}")
    results = run(groups, args.keys, args.commit_keys, args.warmup, args.repeat, args.commit_repeat)

    print(f"{'operation':<30} {'clock':<5} {'best s':>9} {'median s':>9} {'units/s (median)':>17}")
    summary = {}
    for op, (units, unit, runs) in results.items():
        entry = {"units": units, "unit": unit, "python": platform.python_version(), "executable": sys.executable}
        for clock, index in (("wall", 0), ("cpu", 1)):
            times = [r[index] for r in runs]
            median = statistics.median(times)
            entry[clock] = {"times_s": times, "best_s": min(times), "median_s": median,
                            "rows_per_s_best": units / min(times), "rows_per_s_median": units / median}
            print(f"{op:<30} {clock:<5} {min(times):>9.4f} {median:>9.4f} {units / median:>17,.0f} {unit}/s")
        summary[op] = entry
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"python": platform.python_version(), "implementation": platform.python_implementation(),
                       "executable": sys.executable, "sqlite": sqlite3.sqlite_version, "rows": args.keys,
                       "keys": args.keys, "commit_keys": args.commit_keys, "repeat": args.repeat,
                       "warmup": args.warmup, "groups": groups, "tmpdir": tempfile.gettempdir(),
                       "results": summary}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
