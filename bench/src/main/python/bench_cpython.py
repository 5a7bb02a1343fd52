#!/usr/bin/env python3
"""CPython's sqlite3 on the JMH benchmarks' workload (see bench/src/main/java/.../Workload.java).

Table t(a INTEGER, b TEXT, c REAL) holding (i, f"name-{i}", i * 0.5) for i in range(rows), in a
fresh in-memory database. Operations, each timed with time.perf_counter (wall clock) and
time.process_time (CPU time of the process, steadier on a busy machine), best (and median) of
--repeat runs after --warmup untimed runs:

  executemany  con.executemany(INSERT, generator) + con.commit(), one transaction (implicit BEGIN)
  fetchall     con.execute(SELECT).fetchall()
  iterate      for a, b, c in con.execute(SELECT): total += a

Standard library only. Usage: bench_cpython.py [--rows N] [--repeat N] [--warmup N] [--json FILE]
"""

import argparse
import json
import platform
import sqlite3
import statistics
import sys
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per operation (best is reported)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    rows = args.rows

    results = {}
    results["executemany"] = measure(lambda: time_executemany(rows), args.warmup, args.repeat)
    con = filled(rows)
    results["fetchall"] = measure(lambda: time_fetchall(con, rows), args.warmup, args.repeat)
    results["iterate"] = measure(lambda: time_iterate(con, rows), args.warmup, args.repeat)
    con.close()

    print(f"CPython {platform.python_version()} sqlite3, SQLite {sqlite3.sqlite_version},"
          f" {rows:,} rows, best and median of {args.repeat} runs")
    print(f"{'operation':<12} {'clock':<5} {'best s':>8} {'median s':>9} {'rows/s (best)':>14} {'rows/s (median)':>16}")
    summary = {}
    for op, runs in results.items():
        entry = {}
        for clock, index in (("wall", 0), ("cpu", 1)):
            times = [run[index] for run in runs]
            best = min(times)
            median = statistics.median(times)
            entry[clock] = {"times_s": times, "best_s": best, "median_s": median,
                            "rows_per_s_best": rows / best, "rows_per_s_median": rows / median}
            print(f"{op:<12} {clock:<5} {best:>8.3f} {median:>9.3f} {rows / best:>14,.0f} {rows / median:>16,.0f}")
        summary[op] = entry

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"python": platform.python_version(), "implementation": platform.python_implementation(),
                       "sqlite": sqlite3.sqlite_version, "rows": rows, "repeat": args.repeat,
                       "warmup": args.warmup, "results": summary}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
