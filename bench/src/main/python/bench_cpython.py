#!/usr/bin/env python3
"""CPython's sqlite3 and pickle on the JMH benchmarks' workloads (see bench/src/main/java/.../Workload.java).

Table t(a INTEGER, b TEXT, c REAL) holding (i, f"name-{i}", i * 0.5) for i in range(rows), in a
fresh in-memory database. Operations, each timed with time.perf_counter (wall clock) and
time.process_time (CPU time of the process, steadier on a busy machine), best (and median) of
--repeat runs after --warmup untimed runs:

  executemany  con.executemany(INSERT, generator) + con.commit(), one transaction (implicit BEGIN)
  fetchall     con.execute(SELECT).fetchall()
  iterate      for a, b, c in con.execute(SELECT): total += a

Groups (--groups, comma-separated; default all), mirroring the JMH classes:
  core      the three operations above (InsertBenchmark, ReadBenchmark)
  pickle    pickle.dumps/loads (C pickler) of PickleData's three workloads, protocol 5 (and 4 for
            the small dicts), with the cyclic GC enabled and disabled (PickleBenchmark)
  adapters  executemany/fetchall of (i, date, i * 0.5) with register_adapter/register_converter and
            PARSE_DECLTYPES, and of the same dates as plain text (AdapterBenchmark)
  extras    per-row execute, fetchmany(1000), sqlite3.Row by name, executescript of an iterdump,
            backup to a file and to memory (ExtrasBenchmark)
Every result records its units per operation (rows, records or bytes) for summarize.py.

Standard library only. Usage: bench_cpython.py [--rows N] [--repeat N] [--warmup N] [--groups G]
  [--pickle-records N] [--per-row-rows N] [--dump-rows N] [--json FILE];  bench_cpython.py --pickle-digests
"""

import argparse
import datetime
import gc
import hashlib
import json
import os
import pickle
import platform
import sqlite3
import statistics
import sys
import tempfile
import time

CREATE = "CREATE TABLE t(a INTEGER, b TEXT, c REAL)"
INSERT = "INSERT INTO t VALUES (?, ?, ?)"
SELECT = "SELECT a, b, c FROM t"


def generator(rows):
    return ((i, f"name-{i}", i * 0.5) for i in range(rows))


def expected_sum(rows):
    return rows * (rows - 1) // 2


def verify(con, rows):
    count, total = con.execute("SELECT count(*), total(a) FROM t").fetchone()
    if count != rows or total != float(expected_sum(rows)):
        raise SystemExit(f"table t holds {count} rows summing to {total}, expected {rows} rows"
                         f" summing to {expected_sum(rows)}")


def filled(rows):
    con = sqlite3.connect(":memory:")
    con.execute(CREATE)
    con.executemany(INSERT, generator(rows))
    con.commit()
    verify(con, rows)
    return con


class Clock:
    """Wall-clock and process CPU time elapsed since creation."""

    def __init__(self):
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def elapsed(self):
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def time_executemany(rows):
    con = sqlite3.connect(":memory:")
    con.execute(CREATE)
    clock = Clock()
    cur = con.executemany(INSERT, generator(rows))
    con.commit()
    elapsed = clock.elapsed()
    if cur.rowcount != rows:
        raise SystemExit(f"executemany inserted {cur.rowcount} rows, expected {rows}")
    verify(con, rows)
    con.close()
    return elapsed


def time_fetchall(con, rows):
    clock = Clock()
    result = con.execute(SELECT).fetchall()
    elapsed = clock.elapsed()
    if len(result) != rows:
        raise SystemExit(f"fetchall returned {len(result)} rows, expected {rows}")
    del result
    return elapsed


def time_iterate(con, rows):
    clock = Clock()
    total = 0
    count = 0
    for a, b, c in con.execute(SELECT):
        total += a
        count += 1
    elapsed = clock.elapsed()
    if count != rows or total != expected_sum(rows):
        raise SystemExit(f"iteration read {count} rows summing to {total}, expected {rows} rows"
                         f" summing to {expected_sum(rows)}")
    return elapsed


def measure(fn, warmup, repeat):
    for _ in range(warmup):
        fn()
    return [fn() for _ in range(repeat)]


# ------------------------------------------------------------------------------------------ pickle
# PickleData.java builds the same values: same types, insertion order and shared objects.

PICKLE_RECORDS = 100_000
PICKLE_BYTES = 10 * 1024 * 1024
CHAINS, DEPTH = 1000, 100


def pickle_small(records):
    return [{'id': i, 'name': f'name-{i}', 'score': i * 0.25, 'tags': [f't{i % 10}', 'x']} for i in range(records)]


def pickle_bytes():
    return bytes(range(256)) * (PICKLE_BYTES // 256)


def pickle_deep():
    chains = []
    for _ in range(CHAINS):
        node = None
        for d in range(DEPTH - 1, -1, -1):
            node = {'level': d, 'next': node}
        chains.append(node)
    return chains


def pickle_digests(records):
    """The lines PickleData.main prints: name, protocol, length, SHA-256 of the pickle."""
    lines = []
    for name, value in (("small", pickle_small(records)), ("bytes", pickle_bytes()), ("deep", pickle_deep())):
        for protocol in (4, 5):
            data = pickle.dumps(value, protocol)
            lines.append(f"{name} {protocol} {len(data)} {hashlib.sha256(data).hexdigest()}")
    return lines


def timed_loop(fn, min_time=0.2):
    """A timer for short operations: runs fn enough times for one sample to last min_time; per-call times."""
    loops = 1
    while True:
        clock = Clock()
        for _ in range(loops):
            fn()
        wall, cpu = clock.elapsed()
        if wall >= min_time or loops >= 1 << 20:
            return wall / loops, cpu / loops
        loops *= 2 if wall <= 0 else max(2, min(10, int(min_time / wall * 1.2) + 1))


def pickle_group(records, warmup, repeat):
    small, big, deep = pickle_small(records), pickle_bytes(), pickle_deep()
    small5, big5, deep5 = pickle.dumps(small, 5), pickle.dumps(big, 5), pickle.dumps(deep, 5)
    if pickle.loads(small5) != small or pickle.loads(big5) != big or pickle.loads(deep5) != deep:
        raise SystemExit("pickle round trip failed")
    ops = [
        ("pickle.small.dumps5", records, "records", lambda: pickle.dumps(small, 5)),
        ("pickle.small.dumps4", records, "records", lambda: pickle.dumps(small, 4)),
        ("pickle.small.dumps2", records, "records", lambda: pickle.dumps(small, 2)),
        ("pickle.small.loads5", records, "records", lambda: pickle.loads(small5)),
        ("pickle.bytes.dumps5", len(big), "bytes", lambda: pickle.dumps(big, 5)),
        ("pickle.bytes.loads5", len(big), "bytes", lambda: pickle.loads(big5)),
        ("pickle.deep.dumps5", CHAINS * DEPTH, "records", lambda: pickle.dumps(deep, 5)),
        ("pickle.deep.loads5", CHAINS * DEPTH, "records", lambda: pickle.loads(deep5)),
    ]
    results = {}
    was_enabled = gc.isenabled()
    try:
        for mode in ("gc", "nogc"):
            for key, units, unit, fn in ops:
                gc.enable() if mode == "gc" else gc.disable()
                gc.collect()
                results[f"{key}.{mode}"] = (units, unit, measure(lambda: timed_loop(fn), warmup, repeat))
    finally:
        gc.enable() if was_enabled else gc.disable()
    return results


# ---------------------------------------------------------------------------------------- adapters
# AdapterBenchmark.java: (i, date(1970,1,1) + (i % 36525) days, i * 0.5), adapted or as plain text.

DAYS = 36525
EPOCH = datetime.date(1970, 1, 1).toordinal()
ISO = [datetime.date.fromordinal(EPOCH + k).isoformat() for k in range(DAYS)]


def adapters_group(rows, warmup, repeat):
    # Python's own recipes (the deprecated defaults, registered explicitly as the docs show)
    sqlite3.register_adapter(datetime.date, lambda d: d.isoformat())
    sqlite3.register_converter("date", lambda b: datetime.date.fromisoformat(b.decode()))
    insert = "INSERT INTO t VALUES (?, ?, ?)"
    select = "SELECT a, d, c FROM t"

    def open_db(on):
        con = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES if on else 0)
        con.execute("CREATE TABLE t(a INTEGER, d date, c REAL)" if on else "CREATE TABLE t(a INTEGER, d TEXT, c REAL)")
        return con

    def gen(on):
        if on:
            return ((i, datetime.date.fromordinal(EPOCH + i % DAYS), i * 0.5) for i in range(rows))
        return ((i, ISO[i % DAYS], i * 0.5) for i in range(rows))

    def check(con, on):
        verify(con, rows)
        last = con.execute("SELECT d FROM t WHERE a = ?", (rows - 1,)).fetchone()[0]
        expected = datetime.date.fromordinal(EPOCH + (rows - 1) % DAYS)
        if last != (expected if on else expected.isoformat()):
            raise SystemExit(f"adapters: last date {last!r}")

    def time_insert(on):
        con = open_db(on)
        clock = Clock()
        cur = con.executemany(insert, gen(on))
        con.commit()
        elapsed = clock.elapsed()
        if cur.rowcount != rows:
            raise SystemExit(f"executemany inserted {cur.rowcount} rows, expected {rows}")
        check(con, on)
        con.close()
        return elapsed

    def time_fetch(con, on):
        clock = Clock()
        result = con.execute(select).fetchall()
        elapsed = clock.elapsed()
        if len(result) != rows or not isinstance(result[-1][1], datetime.date if on else str):
            raise SystemExit(f"fetchall returned {len(result)} rows, last {result[-1]!r}")
        return elapsed

    results = {
        "adapters.executemany.on": (rows, "rows", measure(lambda: time_insert(True), warmup, repeat)),
        "adapters.executemany.off": (rows, "rows", measure(lambda: time_insert(False), warmup, repeat)),
    }
    for on in (True, False):
        con = open_db(on)
        con.executemany(insert, gen(on))
        con.commit()
        check(con, on)
        results[f"adapters.fetchall.{'on' if on else 'off'}"] = (
            rows, "rows", measure(lambda: time_fetch(con, on), warmup, repeat))
        con.close()
    return results


# ------------------------------------------------------------------------------------------ extras

def extras_group(rows, per_row_rows, dump_rows, warmup, repeat):
    results = {}

    def time_per_row():
        con = sqlite3.connect(":memory:")
        con.execute(CREATE)
        clock = Clock()
        for i in range(per_row_rows):
            con.execute(INSERT, (i, f"name-{i}", i * 0.5))
        con.commit()
        elapsed = clock.elapsed()
        verify(con, per_row_rows)
        con.close()
        return elapsed

    results["extras.per_row_execute"] = (per_row_rows, "rows", measure(time_per_row, warmup, repeat))

    con = filled(rows)

    def time_fetchmany():
        clock = Clock()
        cur = con.execute(SELECT)
        count = 0
        while True:
            batch = cur.fetchmany(1000)
            if not batch:
                break
            count += len(batch)
        elapsed = clock.elapsed()
        if count != rows:
            raise SystemExit(f"fetchmany read {count} rows, expected {rows}")
        return elapsed

    def time_by_name():
        cur = con.cursor()
        cur.row_factory = sqlite3.Row
        clock = Clock()
        total = count = 0
        for row in cur.execute(SELECT):
            total += row["a"]
            row["b"]
            row["c"]
            count += 1
        elapsed = clock.elapsed()
        if count != rows or total != expected_sum(rows):
            raise SystemExit(f"row by name read {count} rows summing to {total}")
        return elapsed

    results["extras.fetchmany"] = (rows, "rows", measure(time_fetchmany, warmup, repeat))
    results["extras.row_by_name"] = (rows, "rows", measure(time_by_name, warmup, repeat))

    def time_backup(to_file):
        path = None
        if to_file:
            fd, path = tempfile.mkstemp(prefix="sqlite3j-bench-backup", suffix=".db")
            os.close(fd)
            os.unlink(path)
        target = sqlite3.connect(path if to_file else ":memory:")
        clock = Clock()
        con.backup(target)
        if to_file:
            target.close()
        elapsed = clock.elapsed()
        if to_file:
            target = sqlite3.connect(path)
        verify(target, rows)
        target.close()
        if to_file:
            os.unlink(path)
        return elapsed

    results["extras.backup_file"] = (rows, "rows", measure(lambda: time_backup(True), warmup, repeat))
    results["extras.backup_memory"] = (rows, "rows", measure(lambda: time_backup(False), warmup, repeat))
    con.close()

    src = filled(dump_rows)
    script = "".join(line + "\n" for line in src.iterdump())
    src.close()

    def time_script():
        target = sqlite3.connect(":memory:")
        clock = Clock()
        target.executescript(script)
        elapsed = clock.elapsed()
        verify(target, dump_rows)
        target.close()
        return elapsed

    # several scripts per sample: one is ~30 ms
    def time_scripts(n=10):
        wall = cpu = 0.0
        for _ in range(n):
            w, c = time_script()
            wall += w
            cpu += c
        return wall / n, cpu / n

    results["extras.executescript"] = (dump_rows, "rows", measure(time_scripts, warmup, repeat))
    print(f"executescript: {dump_rows:,} rows, {len(script.encode()):,} bytes of SQL")
    return results



GROUPS = ("core", "pickle", "adapters", "extras")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per operation (best is reported)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first")
    parser.add_argument("--groups", default=",".join(GROUPS), help="comma-separated: " + ", ".join(GROUPS))
    parser.add_argument("--pickle-records", type=int, default=PICKLE_RECORDS)
    parser.add_argument("--dump-rows", type=int, default=200_000,
                        help="rows in the executescript dump (200,000: about 10 MB of SQL)")
    parser.add_argument("--per-row-rows", type=int, default=100_000, help="rows inserted by per-row execute")
    parser.add_argument("--pickle-digests", action="store_true",
                        help="print each pickle workload's length and SHA-256 (as PickleData.main) and exit")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if args.pickle_digests:
        print("\n".join(pickle_digests(args.pickle_records)))
        return 0
    rows = args.rows
    groups = [g for g in args.groups.split(",") if g]
    unknown = set(groups) - set(GROUPS)
    if unknown:
        raise SystemExit(f"unknown groups {sorted(unknown)}; known: {', '.join(GROUPS)}")

    # op -> (units per operation, unit, [(wall, cpu), ...])
    results = {}
    if "core" in groups:
        results["executemany"] = (rows, "rows", measure(lambda: time_executemany(rows), args.warmup, args.repeat))
        con = filled(rows)
        results["fetchall"] = (rows, "rows", measure(lambda: time_fetchall(con, rows), args.warmup, args.repeat))
        results["iterate"] = (rows, "rows", measure(lambda: time_iterate(con, rows), args.warmup, args.repeat))
        con.close()
    if "pickle" in groups:
        results.update(pickle_group(args.pickle_records, args.warmup, args.repeat))
    if "adapters" in groups:
        results.update(adapters_group(rows, args.warmup, args.repeat))
    if "extras" in groups:
        results.update(extras_group(rows, args.per_row_rows, args.dump_rows, args.warmup, args.repeat))

    print(f"CPython {platform.python_version()} sqlite3, SQLite {sqlite3.sqlite_version},"
          f" {rows:,} rows, best and median of {args.repeat} runs")
    print(f"{'operation':<28} {'clock':<5} {'best s':>9} {'median s':>9} {'units/s (best)':>15} {'units/s (median)':>17}")
    summary = {}
    for op, (units, unit, runs) in results.items():
        entry = {"units": units, "unit": unit}
        for clock, index in (("wall", 0), ("cpu", 1)):
            times = [run[index] for run in runs]
            best = min(times)
            median = statistics.median(times)
            entry[clock] = {"times_s": times, "best_s": best, "median_s": median,
                            "rows_per_s_best": units / best, "rows_per_s_median": units / median}
            print(f"{op:<28} {clock:<5} {best:>9.4f} {median:>9.4f} {units / best:>15,.0f} {units / median:>17,.0f} {unit}/s")
        summary[op] = entry

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"python": platform.python_version(), "implementation": platform.python_implementation(),
                       "sqlite": sqlite3.sqlite_version, "rows": rows, "repeat": args.repeat,
                       "warmup": args.warmup, "groups": groups, "results": summary}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
