#!/usr/bin/env bash
# Builds the JMH benchmarks jar, runs the JMH benchmarks and the CPython script on the same
# workloads, and prints one table: ours / baseline / CPython, the ratios and each target met or not.
# See docs/PERFORMANCE.md.
#
#   bench/run.sh                                  # everything: about 40 minutes on 2 cores
#   BENCH_GROUPS=pickle,driver bench/run.sh             # only some groups
#   ROWS=100000 bench/run.sh -f 1 -wi 1 -i 2      # smoke run; extra arguments go to JMH
#
# Groups (BENCH_GROUPS, comma-separated, default all), JMH classes and their CPython counterparts:
#   core      InsertBenchmark, ReadBenchmark: executemany, fetchall, iteration     (+ CPython)
#   pickle    PickleBenchmark: Pickle.dumps/loads vs Pyrolite 1.5                   (+ CPython, gc on/off)
#   adapters  AdapterBenchmark: executemany/fetchall with a date adapter/converter  (+ CPython)
#   driver    DriverBenchmark: jdbc:sqlite3: vs jdbc:sqlite:, converters on;
#             PointQueryBenchmark: prepare-per-query with and without cached_statements
#   extras    ExtrasBenchmark: per-row execute, fetchmany, Row by name,             (+ CPython)
#             executescript, backup
#   pool      PoolBenchmark: HikariCP + WAL, 2 threads, our DataSource vs raw
#   persistence  PersistenceBenchmark: dbm (sqlite3, dumb, gnu, ndbm) and shelve  (+ bench_persistence.py)
#             on files in java.io.tmpdir; MarshalBenchmark: marshal dumps/loads   (+ CPython 3.13 and,
#             for dbm.gnu/dbm.ndbm, Debian's 3.11: about 15 minutes of the whole run)
#
# Environment: ROWS (default 1000000), BENCH_GROUPS, PYTHON (default ~/.pyenv/versions/3.13.0/bin/python3,
# else python3), PYTHON_GDBM (a Python with dbm.gnu and dbm.ndbm for the persistence group, default
# /usr/bin/python3), PY_REPEAT (CPython timed runs per operation, default 7), SKIP_BUILD=1 to reuse the
# jar, SKIP_PYTHON=1 / SKIP_JMH=1 to run one side only.
# Results: bench/target/jmh.json, cpython.json, summary.txt, load.txt (load average every 10 s), and
# a copy in bench/target/runs/<time>/ so that several runs can be pooled:
#   python3 bench/src/main/python/summarize.py bench/target/runs/*/*.json
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
ROWS="${ROWS:-1000000}"
PY_REPEAT="${PY_REPEAT:-7}"
BENCH_GROUPS="${BENCH_GROUPS:-core,pickle,adapters,driver,extras,pool,persistence}"
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

JMH_PATTERNS=()
PY_GROUPS=()
PERSISTENCE=0
PYTHON_GDBM="${PYTHON_GDBM:-/usr/bin/python3}"
IFS=',' read -ra SELECTED <<< "$BENCH_GROUPS"
for g in "${SELECTED[@]}"; do
  case "$g" in
    core)     JMH_PATTERNS+=('org\.sqlite3j\.bench\.(InsertBenchmark|ReadBenchmark)\.'); PY_GROUPS+=(core) ;;
    pickle)   JMH_PATTERNS+=('org\.sqlite3j\.bench\.PickleBenchmark\.'); PY_GROUPS+=(pickle) ;;
    adapters) JMH_PATTERNS+=('org\.sqlite3j\.bench\.AdapterBenchmark\.'); PY_GROUPS+=(adapters) ;;
    driver)   JMH_PATTERNS+=('org\.sqlite3j\.bench\.(DriverBenchmark|PointQueryBenchmark)\.') ;;
    extras)   JMH_PATTERNS+=('org\.sqlite3j\.bench\.ExtrasBenchmark\.'); PY_GROUPS+=(extras) ;;
    pool)     JMH_PATTERNS+=('org\.sqlite3j\.bench\.PoolBenchmark\.') ;;
    persistence) JMH_PATTERNS+=('org\.sqlite3j\.bench\.(PersistenceBenchmark|MarshalBenchmark)\.'); PERSISTENCE=1 ;;
    *) echo "run.sh: unknown group '$g' (core, pickle, adapters, driver, extras, pool, persistence)" >&2; exit 2 ;;
  esac
done

cd "$ROOT"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== Building bench/target/benchmarks.jar"
  mvn -B -ntp -q -pl bench -am package -DskipTests
fi

cd "$BENCH_DIR"
mkdir -p target
rm -f target/jmh.json target/cpython.json
echo "== Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "   warning: the machine is busy; wall-clock figures will be noisy (compare the CPU-time table," \
       "or pool several runs as shown at the top of this script)"
fi
( while true; do echo "$(date +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 10; done ) > target/load.txt &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null || true' EXIT
java -cp target/benchmarks.jar org.sqlite3j.bench.Versions

if [[ " ${SELECTED[*]} " == *" pickle "* ]]; then
  echo "== Pickle workloads: ours and CPython's pickles must be the same bytes"
  if ! diff <(java -cp target/benchmarks.jar org.sqlite3j.bench.PickleData) \
            <("$PYTHON" src/main/python/bench_cpython.py --pickle-digests); then
    echo "run.sh: the pickle workloads differ between Java and CPython (diff above)" >&2
    exit 1
  fi
  echo "   same bytes (length and SHA-256 of 6 pickles)"
fi

if [[ "$PERSISTENCE" == 1 ]]; then
  echo "== Persistence workload: ours and CPython's keys and pickled values must be the same bytes"
  if ! diff <(java -cp target/benchmarks.jar org.sqlite3j.bench.PersistenceData) \
            <("$PYTHON" src/main/python/bench_persistence.py --digests); then
    echo "run.sh: the persistence workloads differ between Java and CPython (diff above)" >&2
    exit 1
  fi
  echo "   same bytes (100,000 keys and values, SHA-256)"
  export PYTHON PYTHON_GDBM
fi

FILES=()
if [[ "${SKIP_JMH:-0}" != 1 ]]; then
  echo "== JMH ($ROWS rows; groups $BENCH_GROUPS)"
  java -jar target/benchmarks.jar -p rows="$ROWS" -prof org.sqlite3j.bench.CpuTimeProfiler \
    -rf json -rff target/jmh.json "$@" "${JMH_PATTERNS[@]}"
  FILES+=(target/jmh.json)
fi
if [[ "${SKIP_PYTHON:-0}" != 1 && ${#PY_GROUPS[@]} -gt 0 ]]; then
  echo "== CPython ($ROWS rows; groups $(IFS=,; echo "${PY_GROUPS[*]}"))"
  "$PYTHON" src/main/python/bench_cpython.py --rows "$ROWS" --repeat "$PY_REPEAT" \
    --groups "$(IFS=,; echo "${PY_GROUPS[*]}")" --json target/cpython.json
  FILES+=(target/cpython.json)
fi
if [[ "${SKIP_PYTHON:-0}" != 1 && "$PERSISTENCE" == 1 ]]; then
  rm -f target/cpython-persistence.json target/cpython-persistence-gdbm.json
  echo "== CPython dbm/shelve/marshal ($("$PYTHON" -V 2>&1); dbm.gnu and dbm.ndbm with $PYTHON_GDBM, $("$PYTHON_GDBM" -V 2>&1))"
  "$PYTHON" src/main/python/bench_persistence.py --groups shelf,sqlite3,dumb,marshal \
    --json target/cpython-persistence.json
  FILES+=(target/cpython-persistence.json)
  if "$PYTHON_GDBM" -c 'import dbm.gnu, dbm.ndbm' 2>/dev/null; then
    "$PYTHON_GDBM" src/main/python/bench_persistence.py --groups gnu,ndbm --json target/cpython-persistence-gdbm.json
    FILES+=(target/cpython-persistence-gdbm.json)
  else
    echo "   $PYTHON_GDBM has no dbm.gnu/dbm.ndbm (Debian: apt-get install python3-gdbm); gnu and ndbm not compared"
  fi
fi
"$PYTHON" src/main/python/summarize.py "${FILES[@]}" | tee target/summary.txt
RUN_DIR="target/runs/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RUN_DIR" && cp "${FILES[@]}" target/summary.txt "$RUN_DIR/"
kill "$SAMPLER" 2>/dev/null || true
cp target/load.txt "$RUN_DIR/"
echo "== Saved in bench/$RUN_DIR; pool all saved runs with: $PYTHON bench/src/main/python/summarize.py bench/target/runs/*/*.json"
echo "== Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
