#!/usr/bin/env bash
# Builds the JMH benchmarks jar, runs every JMH benchmark and the CPython script on the same
# workload, and prints rows/s and the ratios ours/raw and ours/CPython. See docs/PERFORMANCE.md.
#
#   bench/run.sh                      # full run: 1,000,000 rows, about 7 minutes on 2 cores
#   ROWS=100000 bench/run.sh -f 1 -wi 1 -i 2   # quick smoke run; extra arguments go to JMH
#
# Environment: ROWS (default 1000000), PYTHON (default ~/.pyenv/versions/3.13.0/bin/python3, else
# python3), PY_REPEAT (CPython timed runs per operation, default 7), SKIP_BUILD=1 to reuse the jar.
# Results: bench/target/jmh.json, bench/target/cpython.json, bench/target/summary.txt, and a copy
# of both JSON files in bench/target/runs/<time>/ so that several runs can be pooled:
#   python3 bench/src/main/python/summarize.py bench/target/runs/*/*.json
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
ROWS="${ROWS:-1000000}"
PY_REPEAT="${PY_REPEAT:-7}"
if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x "$HOME/.pyenv/versions/3.13.0/bin/python3" ]]; then
    PYTHON="$HOME/.pyenv/versions/3.13.0/bin/python3"
  else
    PYTHON="$(command -v python3 || true)"
  fi
fi
if [[ -z "$PYTHON" ]]; then
  echo "run.sh: no python3 found; set PYTHON=/path/to/python3" >&2
  exit 2
fi

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== Building bench/target/benchmarks.jar"
  mvn -B -ntp -q -pl bench -am package -DskipTests
fi

cd "$BENCH_DIR"
mkdir -p target
echo "== Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "   warning: the machine is busy; wall-clock figures will be noisy (compare the CPU-time table," \
       "or pool several runs as shown at the top of this script)"
fi
java -cp target/benchmarks.jar org.sqlite3j.bench.Versions
echo "== JMH ($ROWS rows)"
java -jar target/benchmarks.jar -p rows="$ROWS" -prof org.sqlite3j.bench.CpuTimeProfiler \
  -rf json -rff target/jmh.json "$@"
echo "== CPython ($ROWS rows)"
"$PYTHON" src/main/python/bench_cpython.py --rows "$ROWS" --repeat "$PY_REPEAT" --json target/cpython.json
"$PYTHON" src/main/python/summarize.py target/jmh.json target/cpython.json | tee target/summary.txt
RUN_DIR="target/runs/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR" && cp target/jmh.json target/cpython.json "$RUN_DIR/"
echo "== Saved in bench/$RUN_DIR; pool all saved runs with: $PYTHON bench/src/main/python/summarize.py bench/target/runs/*/*.json"
echo "== Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
