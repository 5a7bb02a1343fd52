#!/usr/bin/env python3
"""Summarises JMH runs (-rf json) and bench_cpython.py runs (--json): one table of ours / baseline /
CPython in rows/s, records/s or MB/s, the ratios, and each target marked met or NOT met.

Usage: summarize.py JSON [JSON ...]

Give any number of JMH and CPython result files (the kind is read from the content): samples of the
same benchmark are pooled across runs, which steadies the medians on a machine shared with other
work. Benchmarks or groups that were not run are listed as missing and skipped.

Units per operation: the JMH benchmarks run one whole workload per operation (SingleShotTime or
AverageTime: seconds per operation) or, for the pooled reads, a fixed number of rows per operation
(Throughput: operations per second); bench_cpython.py records its units per operation itself.
Two clocks are reported:
  wall  elapsed time: JMH's score; CPython's time.perf_counter
  cpu   CPU time of the whole process (all threads): JMH's secondary metric cpu.time from
        -prof org.sqlite3j.bench.CpuTimeProfiler; CPython's time.process_time.
        Competing load on the machine inflates wall time far more than CPU time.
Figures are medians of all measurement iterations (all forks, all runs) or CPython runs; ratios are
median to median, and the targets are judged on them. The detail section adds the best iteration
(timeit's convention) and the JMH mean with its 99.9% confidence interval.
"""

import json
import statistics
import sys

PICKLE_RECORDS = lambda p: int(p.get("records", 100_000))  # noqa: E731
ROWS = lambda p: int(p["rows"])  # noqa: E731
MIB10 = lambda p: 10 * 1024 * 1024  # noqa: E731
DEEP = lambda p: 100_000  # noqa: E731
DUMP_ROWS = lambda p: int(p.get("dumpRows", 200_000))  # noqa: E731
PER_ROW_ROWS = lambda p: int(p.get("perRowRows", 100_000))  # noqa: E731
LOOKUPS = lambda p: int(p.get("lookups", 100_000))  # noqa: E731
POOL_RANGE = lambda p: 100  # noqa: E731   PoolBenchmark.RANGE rows per operation
KEYS = lambda p: int(p.get("keys", 100_000))  # noqa: E731   PersistenceBenchmark
COMMIT_KEYS = lambda p: int(p.get("commitKeys", 10_000))  # noqa: E731   its one-commit-per-store writes

# Each line of the table. ours/base are JMH benchmarks (Class.method); base_label names the baseline;
# cpython is bench_cpython.py's key (pickle keys get ".gc" / ".nogc"); targets are
#   ("base", r)     ours/base >= r        ("cpython", r)  ours/CPython >= r (pickle: the faster of
#   ("abs", x)      ours >= x units/s                      gc on and gc off)
SPECS = [
    # group, operation, unit, ours, units(params), base, base label, cpython key, targets
    ("core", "executemany", "rows", "InsertBenchmark.facadeExecutemany", ROWS,
     "InsertBenchmark.rawJdbcBatch", "raw batch", "executemany", [("base", 0.9), ("cpython", 1.0), ("cpython", 1.5)]),
    ("core", "fetchall", "rows", "ReadBenchmark.facadeFetchall", ROWS,
     "ReadBenchmark.rawFetchallGetObject", "raw getObject", "fetchall", [("base", 0.9), ("cpython", 1.0), ("cpython", 1.5)]),
    ("core", "fetchall vs typed", "rows", "ReadBenchmark.facadeFetchall", ROWS,
     "ReadBenchmark.rawFetchallTyped", "raw typed", None, []),
    ("core", "iterate", "rows", "ReadBenchmark.facadeIterate", ROWS,
     "ReadBenchmark.rawIterateGetObject", "raw getObject", "iterate", []),
    ("core", "iterate vs typed", "rows", "ReadBenchmark.facadeIterate", ROWS,
     "ReadBenchmark.rawIterateTyped", "raw typed", None, []),

    ("pickle", "small dicts dumps p5", "records", "PickleBenchmark.smallDumps5", PICKLE_RECORDS,
     "PickleBenchmark.pyroliteSmallDumps", "Pyrolite p2", "pickle.small.dumps5",
     [("abs", 4e6), ("cpython", 1.0), ("base", 4.0)]),
    ("pickle", "small dicts dumps p4", "records", "PickleBenchmark.smallDumps4", PICKLE_RECORDS,
     "PickleBenchmark.pyroliteSmallDumps", "Pyrolite p2", "pickle.small.dumps4",
     [("abs", 4e6), ("cpython", 1.0), ("base", 4.0)]),
    ("pickle", "small dicts dumps p2", "records", "PickleBenchmark.smallDumps2", PICKLE_RECORDS,
     "PickleBenchmark.pyroliteSmallDumps", "Pyrolite p2", "pickle.small.dumps2",
     [("cpython", 1.0), ("base", 4.0)]),
    ("pickle", "small dicts loads p5", "records", "PickleBenchmark.smallLoads5", PICKLE_RECORDS,
     "PickleBenchmark.pyroliteSmallLoads5", "Pyrolite", "pickle.small.loads5", [("abs", 3e6), ("cpython", 1.0)]),
    ("pickle", "10 MiB bytes dumps p5", "bytes", "PickleBenchmark.bytesDumps5", MIB10,
     "PickleBenchmark.pyroliteBytesDumps", "Pyrolite p2", "pickle.bytes.dumps5", [("cpython", 1.0), ("base", 4.0)]),
    ("pickle", "10 MiB bytes loads p5", "bytes", "PickleBenchmark.bytesLoads5", MIB10,
     "PickleBenchmark.pyroliteBytesLoads5", "Pyrolite", "pickle.bytes.loads5", [("cpython", 1.0)]),
    # issue 4's ">= 4x Pyrolite's dumps" names its data (100k small dicts, 10 MB bytes); the deep graph is
    # this suite's own workload, reported against Pyrolite without that target
    ("pickle", "deep graph dumps p5", "records", "PickleBenchmark.deepDumps5", DEEP,
     "PickleBenchmark.pyroliteDeepDumps", "Pyrolite p2", "pickle.deep.dumps5", [("cpython", 1.0)]),
    ("pickle", "deep graph loads p5", "records", "PickleBenchmark.deepLoads5", DEEP,
     "PickleBenchmark.pyroliteDeepLoads5", "Pyrolite", "pickle.deep.loads5", [("cpython", 1.0)]),

    ("adapters", "executemany date ON", "rows", "AdapterBenchmark.executemanyAdapted", ROWS,
     "AdapterBenchmark.executemanyPlain", "plain text OFF", "adapters.executemany.on", [("base", 1 / 1.15)]),
    ("adapters", "fetchall date ON", "rows", "AdapterBenchmark.fetchallConverted", ROWS,
     "AdapterBenchmark.fetchallPlain", "plain text OFF", "adapters.fetchall.on", [("base", 1 / 1.15)]),
    ("adapters", "executemany plain OFF", "rows", "AdapterBenchmark.executemanyPlain", ROWS,
     None, None, "adapters.executemany.off", []),
    ("adapters", "fetchall plain OFF", "rows", "AdapterBenchmark.fetchallPlain", ROWS,
     None, None, "adapters.fetchall.off", []),

    ("driver", "batch insert", "rows", "DriverBenchmark.oursInsertBatch", ROWS,
     "DriverBenchmark.rawInsertBatch", "jdbc:sqlite:", None, [("base", 0.95)]),
    ("driver", "select typed getters", "rows", "DriverBenchmark.oursSelectTyped", ROWS,
     "DriverBenchmark.rawSelectTyped", "jdbc:sqlite:", None, [("base", 0.95)]),
    ("driver", "select getObject", "rows", "DriverBenchmark.oursSelectGetObject", ROWS,
     "DriverBenchmark.rawSelectGetObject", "jdbc:sqlite:", None, [("base", 0.95)]),
    ("driver", "select date converter", "rows", "DriverBenchmark.oursSelectConverted", ROWS,
     "DriverBenchmark.rawSelectConverted", "jdbc:sqlite: + by hand", None, [("base", 0.95)]),
    ("driver", "point queries, cache", "queries", "PointQueryBenchmark.oursCached", LOOKUPS,
     "PointQueryBenchmark.raw", "jdbc:sqlite:", None, [("base", 0.95)]),
    ("driver", "point queries, no cache", "queries", "PointQueryBenchmark.oursUncached", LOOKUPS,
     "PointQueryBenchmark.raw", "jdbc:sqlite:", None, []),

    ("extras", "per-row execute", "rows", "ExtrasBenchmark.facadePerRowExecute", PER_ROW_ROWS,
     "ExtrasBenchmark.rawPerRowExecute", "raw executeUpdate", "extras.per_row_execute", []),
    ("extras", "fetchmany(1000)", "rows", "ExtrasBenchmark.facadeFetchmany", ROWS,
     "ExtrasBenchmark.rawFetchmany", "raw getObject", "extras.fetchmany", []),
    ("extras", "Row by name", "rows", "ExtrasBenchmark.facadeRowByName", ROWS,
     "ExtrasBenchmark.rawRowByName", "raw getObject(label)", "extras.row_by_name", []),
    ("extras", "executescript (dump)", "rows", "ExtrasBenchmark.facadeExecutescript", DUMP_ROWS,
     "ExtrasBenchmark.rawExecutescript", "raw sqlite3_exec", "extras.executescript", []),
    ("extras", "backup to file", "rows", "ExtrasBenchmark.facadeBackupToFile", ROWS,
     "ExtrasBenchmark.rawBackupToFile", "raw backup to file", "extras.backup_file", []),
    ("extras", "backup to memory", "rows", "ExtrasBenchmark.facadeBackupToMemory", ROWS,
     None, None, "extras.backup_memory", []),
    ("pool", "pooled reads, 2 threads", "rows", "PoolBenchmark.oursPooledRead", POOL_RANGE,
     "PoolBenchmark.rawPooledRead", "Hikari + jdbc:sqlite:", None, [("base", 0.95)]),

    # issue 18: dbm and shelve on files (bench_persistence.py; gnu and ndbm by Debian's Python 3.11).
    # dbm.sqlite3 commits each store (one fsync): those writes store commitKeys (10,000) keys; the batch
    # forms (one transaction, 100,000 keys) are judged against CPython's one-commit-per-store rate.
    ("persistence", "shelf write sqlite3", "keys", "PersistenceBenchmark.shelfWriteSqlite3", COMMIT_KEYS,
     None, None, "persist.shelf.sqlite3.write", [("cpython", 1.0)]),
    ("persistence", "shelf write sqlite3 1 tx", "keys", "PersistenceBenchmark.shelfWriteSqlite3Transaction", KEYS,
     "PersistenceBenchmark.shelfWriteSqlite3", "ours, a commit each", "persist.shelf.sqlite3.write", []),
    ("persistence", "shelf read sqlite3", "keys", "PersistenceBenchmark.shelfReadSqlite3", KEYS,
     None, None, "persist.shelf.sqlite3.read", [("cpython", 1.0)]),
    ("persistence", "shelf write dumb", "keys", "PersistenceBenchmark.shelfWriteDumb", KEYS,
     None, None, "persist.shelf.dumb.write", [("cpython", 1.0)]),
    ("persistence", "shelf read dumb", "keys", "PersistenceBenchmark.shelfReadDumb", KEYS,
     None, None, "persist.shelf.dumb.read", [("cpython", 1.0)]),
    ("persistence", "dbm sqlite3 put", "keys", "PersistenceBenchmark.sqlite3Put", COMMIT_KEYS,
     None, None, "persist.dbm.sqlite3.put", [("cpython", 1.0)]),
    ("persistence", "dbm sqlite3 put 1 tx", "keys", "PersistenceBenchmark.sqlite3PutTransaction", KEYS,
     "PersistenceBenchmark.sqlite3Put", "ours, a commit each", "persist.dbm.sqlite3.put", [("cpython", 5.0)]),
    ("persistence", "dbm sqlite3 update(map)", "keys", "PersistenceBenchmark.sqlite3Update", KEYS,
     "PersistenceBenchmark.sqlite3Put", "ours, a commit each", "persist.dbm.sqlite3.put", [("cpython", 5.0)]),
    ("persistence", "dbm sqlite3 get", "keys", "PersistenceBenchmark.sqlite3Get", KEYS,
     None, None, "persist.dbm.sqlite3.get", [("cpython", 1.0)]),
    ("persistence", "dbm dumb put", "keys", "PersistenceBenchmark.dumbPut", KEYS,
     None, None, "persist.dbm.dumb.put", [("cpython", 1.0)]),
    ("persistence", "dbm dumb get", "keys", "PersistenceBenchmark.dumbGet", KEYS,
     None, None, "persist.dbm.dumb.get", [("cpython", 1.0)]),
    ("persistence", "dbm gnu put (Py 3.11)", "keys", "PersistenceBenchmark.gnuPut", KEYS,
     None, None, "persist.dbm.gnu.put", [("cpython", 1.0)]),
    ("persistence", "dbm gnu get (Py 3.11)", "keys", "PersistenceBenchmark.gnuGet", KEYS,
     None, None, "persist.dbm.gnu.get", [("cpython", 1.0)]),
    ("persistence", "dbm ndbm get (Py 3.11)", "keys", "PersistenceBenchmark.ndbmGet", KEYS,
     None, None, "persist.dbm.ndbm.get", [("cpython", 1.0)]),
    ("persistence", "marshal dumps small", "records", "MarshalBenchmark.smallDumps", PICKLE_RECORDS,
     None, None, "persist.marshal.dumps", [("cpython", 1.0)]),
    ("persistence", "marshal loads small", "records", "MarshalBenchmark.smallLoads", PICKLE_RECORDS,
     None, None, "persist.marshal.loads", [("cpython", 1.0)]),
]
CLOCKS = (("wall", "wall-clock time"), ("cpu", "process CPU time"))
TIME_UNITS = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}
RATE_UNITS = {"ops/s": 1.0, "ops/ms": 1e3, "ops/us": 1e6, "ops/ns": 1e9}


def seconds_per_op(value, unit):
    if unit in TIME_UNITS:
        return value * TIME_UNITS[unit]
    if unit in RATE_UNITS:
        return 1.0 / (value * RATE_UNITS[unit])
    raise SystemExit(f"unexpected JMH unit {unit!r}")


def jmh_figures(units, metrics):
    """Units/s from the same metric of one or more runs: median, best, mean and its 99.9% interval."""
    unit = metrics[0]["scoreUnit"]
    samples = [seconds_per_op(v, unit) for m in metrics for fork in m.get("rawData", []) for v in fork]
    if not samples:
        samples = [seconds_per_op(m["score"], unit) for m in metrics]
    mean = statistics.fmean(samples)
    if len(metrics) == 1 and unit in TIME_UNITS and isinstance(metrics[0].get("scoreError"), (int, float)) \
            and metrics[0]["scoreError"] == metrics[0]["scoreError"]:
        err = seconds_per_op(metrics[0]["scoreError"], unit)
    else:
        # pooled runs (or a rate): the pooled standard error x 3.29
        err = 3.29 * statistics.stdev(samples) / len(samples) ** 0.5 if len(samples) > 1 else 0.0
    return {"n": len(samples), "median": units / statistics.median(samples), "best": units / min(samples),
            "mean": units / mean, "mean_low": units / (mean + err),
            "mean_high": units / (mean - err) if mean - err > 0 else float("inf")}


def load_jmh(docs):
    """{clock: {Class.method: figures}} with each benchmark's units per operation from SPECS."""
    units_of = {}
    for spec in SPECS:
        units_of[spec[3]] = spec[4]
    for spec in SPECS:   # a baseline that is some row's own benchmark keeps that row's units
        if spec[5] and spec[5] not in units_of:
            units_of[spec[5]] = spec[4]
    grouped = {"wall": {}, "cpu": {}}
    params = {}
    for runs in docs:
        for run in runs:
            parts = run["benchmark"].rsplit(".", 2)
            name = f"{parts[-2]}.{parts[-1]}"
            p = run.get("params", {})
            if params.setdefault(name, p) != p:
                raise SystemExit(f"{name} was run with different parameters: {params[name]} and {p}")
            grouped["wall"].setdefault(name, []).append(run["primaryMetric"])
            for key, metric in run.get("secondaryMetrics", {}).items():
                if key.endswith("cpu.time"):
                    grouped["cpu"].setdefault(name, []).append(metric)
    out = {}
    for clock, g in grouped.items():
        out[clock] = {}
        for name, ms in g.items():
            if name in units_of:
                out[clock][name] = jmh_figures(units_of[name](params[name]), ms)
                out[clock][name]["units"] = units_of[name](params[name])
    return out, params


def load_cpython(docs):
    times = {"wall": {}, "cpu": {}}
    units = {}
    for d in docs:
        for op, entry in d["results"].items():
            u = entry.get("units", d["rows"])  # results before units were recorded: rows
            if units.setdefault(op, u) != u:
                raise SystemExit(f"CPython runs of {op} with different sizes: {units[op]} and {u}")
            for clock in ("wall", "cpu"):
                times[clock].setdefault(op, []).extend(entry[clock]["times_s"])
    out = {clock: {op: {"n": len(t), "median": units[op] / statistics.median(t), "best": units[op] / min(t),
                        "units": units[op]}
                   for op, t in ops.items()} for clock, ops in times.items()}
    versions = sorted({d["python"] for d in docs})
    info = {"python": " and ".join(versions), "sqlite": docs[0]["sqlite"], "runs": len(docs)} if docs else None
    return info, out


def fmt(value, unit):
    if value is None:
        return "—"
    if unit == "bytes":
        return f"{value / 1e6:,.0f} MB/s" if value >= 1e7 else f"{value / 1e6:,.1f} MB/s"
    return f"{value:,.0f}"


def ratio(a, b):
    return None if a is None or b is None else a / b


def fr(r):
    return "—" if r is None else f"{r:.2f}"


def table(clock, title, jmh, py):
    print(f"-- {title}: medians; rows/s and records/s unless MB/s; ratios median/median --")
    header = (f"{'group':<11} {'operation':<24} {'ours':>13} {'baseline':>13} {'(baseline is)':<22} {'CPython':>13}"
              f" {'CPy gc off':>11} {'ours/base':>9} {'ours/CPy':>8}  targets")
    print(header)
    print("-" * (len(header) + 30))
    missing = []
    verdicts = []
    for group, op, unit, ours, _, base, base_label, pkey, targets in SPECS:
        o = jmh.get(ours)
        if o is None:
            missing.append(ours)
            continue
        b = jmh.get(base) if base else None
        if base and b is None:
            missing.append(base)
        p = pnogc = None
        if pkey:
            if pkey.startswith("pickle."):
                p, pnogc = py.get(pkey + ".gc"), py.get(pkey + ".nogc")
            else:
                p = py.get(pkey)
            if p is None:
                missing.append(f"CPython {pkey}")
        om = o["median"]
        bm = b["median"] if b else None
        pm = p["median"] if p else None
        pn = pnogc["median"] if pnogc else None
        best_py = max([x for x in (pm, pn) if x is not None], default=None)
        r_base, r_py = ratio(om, bm), ratio(om, best_py)
        if p and p["units"] != o["units"]:
            print(f"   note: {op}: CPython ran {p['units']:,} units per operation, JMH {o['units']:,}")
        marks = []
        for kind, limit in targets:
            if kind == "abs":
                ok, text = om >= limit, f">= {limit / 1e6:g} M/s"
            elif kind == "base":
                ok, text = (None if r_base is None else r_base >= limit), f">= {limit:.2f}x base"
            else:
                ok, text = (None if r_py is None else r_py >= limit), f">= {limit:g}x CPython"
            state = "n/a" if ok is None else "met" if ok else "NOT met"
            marks.append(f"{text}: {state}")
            verdicts.append((group, op, text, state))
        print(f"{group:<11} {op:<24} {fmt(om, unit):>13} {fmt(bm, unit):>13} {(base_label or ''):<22}"
              f" {fmt(pm, unit):>13} {fmt(pn, unit) if pnogc else '':>11} {fr(r_base):>9} {fr(r_py):>8}  "
              + ("; ".join(marks) if marks else "no target (context)"))
    print()
    return missing, verdicts


def details(clock, jmh, py):
    print(f"-- {clock}: every figure, units/s: median, best, n [JMH mean, 99.9% CI] --")
    for name in sorted(jmh):
        f = jmh[name]
        high = "inf" if f["mean_high"] == float("inf") else f"{f['mean_high']:,.0f}"
        print(f"  {name:<42} {f['median']:>14,.0f} {f['best']:>14,.0f} n={f['n']:<3}"
              f" [{f['mean']:,.0f}; {f['mean_low']:,.0f} .. {high}]")
    for name in sorted(py):
        f = py[name]
        print(f"  CPython {name:<34} {f['median']:>14,.0f} {f['best']:>14,.0f} n={f['n']:<3}")
    print()


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    jmh_docs, py_docs = [], []
    for path in sys.argv[1:]:
        with open(path) as f:
            doc = json.load(f)
        (jmh_docs if isinstance(doc, list) else py_docs).append(doc)
    jmh, params = load_jmh(jmh_docs)
    info, py = load_cpython(py_docs)
    rows = sorted({p["rows"] for p in params.values() if "rows" in p})
    print(f"\n== Summary: {len(jmh_docs)} JMH run(s), {len(py_docs)} CPython run(s) pooled; JMH rows {rows}"
          + (f"; CPython {info['python']} (SQLite {info['sqlite']})" if info else "; no CPython results") + " ==\n")
    all_missing = set()
    results = []
    for clock, title in CLOCKS:
        if not jmh.get(clock):
            print(f"-- {title}: not measured (run JMH with -prof org.sqlite3j.bench.CpuTimeProfiler) --\n")
            continue
        missing, verdicts = table(clock, title, jmh[clock], py.get(clock, {}))
        all_missing.update(missing)
        results.append((title, verdicts))
    for clock, _ in CLOCKS:
        if jmh.get(clock):
            details(clock, jmh[clock], py.get(clock, {}))
    if all_missing:
        print("Not in these results (group not run, or failed): " + ", ".join(sorted(all_missing)) + "\n")
    for title, verdicts in results:
        met = sum(1 for v in verdicts if v[3] == "met")
        judged = sum(1 for v in verdicts if v[3] != "n/a")
        print(f"Targets by {title}: {met} of {judged} met"
              + "".join(f"\n  NOT met: {g} {op}: {t}" for g, op, t, s in verdicts if s == "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
