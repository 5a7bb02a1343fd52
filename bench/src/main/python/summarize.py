#!/usr/bin/env python3
"""Summarises JMH runs (-rf json) and bench_cpython.py runs (--json) as rows/s and ratios.

Usage: summarize.py JMH_JSON CPYTHON_JSON [MORE_JSON ...]

Several runs of either kind may be given (in any order; the kind is read from the content): their
samples are pooled, which steadies the medians on a machine shared with other work.

The JMH benchmarks run in SingleShotTime mode, one operation = the whole table, so
rows/s = rows / (seconds per operation). Two clocks are reported:
  wall  elapsed time: JMH's score; CPython's time.perf_counter
  cpu   CPU time of the whole process (all threads): JMH's secondary metric cpu.time from
        -prof org.sqlite3j.bench.CpuTimeProfiler; CPython's time.process_time.
        Competing load on the machine inflates wall time far more than CPU time.
For every contender: the median of all measurement iterations (all forks) or CPython runs, the
best one (timeit's convention), and for JMH the mean with its 99.9% confidence interval.
Ratios are median-to-median (best-to-best in brackets); the targets are judged on the medians.
"""

import json
import statistics
import sys

# operation -> (façade benchmark, generic raw baseline, typed raw baseline or None, CPython key)
OPERATIONS = [
    ("executemany", "InsertBenchmark.facadeExecutemany", "InsertBenchmark.rawJdbcBatch", None, "executemany"),
    ("fetchall", "ReadBenchmark.facadeFetchall", "ReadBenchmark.rawFetchallGetObject",
     "ReadBenchmark.rawFetchallTyped", "fetchall"),
    ("iterate", "ReadBenchmark.facadeIterate", "ReadBenchmark.rawIterateGetObject",
     "ReadBenchmark.rawIterateTyped", "iterate"),
]
TARGET_OPERATIONS = ("executemany", "fetchall")
CLOCKS = (("wall", "wall-clock time"), ("cpu", "process CPU time"))


def to_seconds(value, unit):
    factors = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}
    if unit not in factors:
        raise SystemExit(f"unexpected JMH unit {unit!r}; run the benchmarks in SingleShotTime mode")
    return value * factors[unit]


def figures(rows, metric):
    unit = metric["scoreUnit"]
    mean = to_seconds(metric["score"], unit)
    err = metric.get("scoreError")
    err = to_seconds(err, unit) if isinstance(err, (int, float)) and err == err else 0.0
    samples = [to_seconds(v, unit) for fork in metric.get("rawData", []) for v in fork] or [mean]
    return {"n": len(samples), "median": rows / statistics.median(samples), "best": rows / min(samples),
            "mean": rows / mean, "mean_low": rows / (mean + err),
            "mean_high": rows / (mean - err) if mean - err > 0 else float("inf")}


def pool(metrics):
    """One JMH metric from the same metric of several runs: all samples, a pooled mean and error."""
    if len(metrics) == 1:
        return metrics[0]
    unit = metrics[0]["scoreUnit"]
    raw = [fork for m in metrics for fork in m.get("rawData", [])]
    samples = [v for fork in raw for v in fork]
    mean = statistics.fmean(samples)
    # The runs' own 99.9% intervals do not combine; report the pooled standard error x 3.29.
    err = 3.29 * statistics.stdev(samples) / len(samples) ** 0.5 if len(samples) > 1 else float("nan")
    return {"scoreUnit": unit, "score": mean, "scoreError": err, "rawData": raw}


def load_jmh(docs):
    grouped = {"wall": {}, "cpu": {}}
    rows = set()
    for runs in docs:
        for run in runs:
            parts = run["benchmark"].rsplit(".", 2)
            name = f"{parts[-2]}.{parts[-1]}"
            n = int(run.get("params", {}).get("rows", 0))
            rows.add(n)
            grouped["wall"].setdefault((name, n), []).append(run["primaryMetric"])
            for key, metric in run.get("secondaryMetrics", {}).items():
                if key.endswith("cpu.time"):
                    grouped["cpu"].setdefault((name, n), []).append(metric)
    out = {clock: {name: figures(n, pool(ms)) for (name, n), ms in g.items()} for clock, g in grouped.items()}
    return out, rows, sum(1 for _ in docs)


def load_cpython(docs):
    rows = {d["rows"] for d in docs}
    if len(rows) != 1:
        raise SystemExit(f"CPython runs of different sizes: {sorted(rows)}")
    n = rows.pop()
    times = {"wall": {}, "cpu": {}}
    for d in docs:
        for op, clocks in d["results"].items():
            for clock, r in clocks.items():
                times[clock].setdefault(op, []).extend(r["times_s"])
    out = {clock: {op: {"n": len(t), "median": n / statistics.median(t), "best": n / min(t)}
                   for op, t in ops.items()} for clock, ops in times.items()}
    first = docs[0]
    return {"rows": n, "python": first["python"], "sqlite": first["sqlite"]}, out


def table(clock, title, jmh, py):
    print(f"-- {title} --")
    header = f"{'operation':<12} {'contender':<27} {'median':>11} {'best':>11} {'mean':>11} {'mean 99.9% CI':>25}"
    print(header)
    print("-" * len(header))
    verdicts = []
    for op, ours, raw, typed, pkey in OPERATIONS:
        missing = [b for b in (ours, raw, typed) if b and b not in jmh]
        if missing or pkey not in py:
            print(f"{op:<12} (missing: {', '.join(missing) or 'CPython ' + pkey})\n")
            continue
        contenders = [("sqlite3j façade", jmh[ours]),
                      ("raw sqlite-jdbc getObject" if typed else "raw sqlite-jdbc batch", jmh[raw])]
        if typed:
            contenders.append(("raw sqlite-jdbc typed", jmh[typed]))
        for label, b in contenders:
            high = "inf" if b["mean_high"] == float("inf") else f"{b['mean_high']:,.0f}"
            ci = f"{b['mean_low']:,.0f} .. {high}"
            print(f"{op:<12} {label:<27} {b['median']:>11,.0f} {b['best']:>11,.0f} {b['mean']:>11,.0f} {ci:>25}")
        p = py[pkey]
        print(f"{op:<12} {'CPython sqlite3':<27} {p['median']:>11,.0f} {p['best']:>11,.0f}")

        o = jmh[ours]

        def ratio(other):
            return o["median"] / other["median"], o["best"] / other["best"]

        r_raw, r_py = ratio(jmh[raw]), ratio(p)
        text = f"ours/raw {r_raw[0]:.2f} [{r_raw[1]:.2f}]"
        if typed:
            r_typed = ratio(jmh[typed])
            text += f", ours/raw typed {r_typed[0]:.2f} [{r_typed[1]:.2f}]"
        text += f", ours/CPython {r_py[0]:.2f} [{r_py[1]:.2f}]"
        print(f"{'':<12} ratios: {text}\n")
        if op in TARGET_OPERATIONS:
            verdicts.append((op, r_raw, r_py))
    return verdicts


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    jmh_docs, py_docs = [], []
    for path in sys.argv[1:]:
        with open(path) as f:
            doc = json.load(f)
        (jmh_docs if isinstance(doc, list) else py_docs).append(doc)
    if not jmh_docs or not py_docs:
        raise SystemExit("need at least one JMH result (-rf json) and one bench_cpython.py --json result")
    jmh, jmh_rows, jmh_runs = load_jmh(jmh_docs)
    cpy, py = load_cpython(py_docs)
    if jmh_rows != {cpy["rows"]}:
        raise SystemExit(f"row counts differ: JMH {sorted(jmh_rows)}, CPython {cpy['rows']}")

    print(f"\n== Summary: {cpy['rows']:,} rows, rows/s (higher is better) ==")
    print(f"JMH ({jmh_runs} run(s) pooled): median, best, mean [99.9% CI] of the measurement iterations;"
          f" CPython {cpy['python']} (SQLite {cpy['sqlite']}, {len(py_docs)} run(s) pooled):"
          f" median and best of {py['wall']['executemany']['n']} timed runs."
          f"\nRatios: median to median [best to best].\n")
    all_verdicts = []
    for clock, title in CLOCKS:
        if not jmh[clock]:
            print(f"-- {title}: not measured (run JMH with -prof org.sqlite3j.bench.CpuTimeProfiler) --\n")
            continue
        all_verdicts.append((title, table(clock, title, jmh[clock], py[clock])))

    def mark(ok):
        return "met    " if ok else "NOT met"

    for title, verdicts in all_verdicts:
        print(f"Targets by {title}, on medians [best to best]:")
        for op, r_raw, r_py in verdicts:
            print(f"  {op:<12} >= 0.9x raw: {mark(r_raw[0] >= 0.9)} {r_raw[0]:.2f} [{r_raw[1]:.2f}]"
                  f" | >= 1.0x CPython: {mark(r_py[0] >= 1.0)} {r_py[0]:.2f} [{r_py[1]:.2f}]"
                  f" | stretch >= 1.5x CPython and >= 0.9x raw: {mark(r_py[0] >= 1.5 and r_raw[0] >= 0.9)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
