#!/usr/bin/env bash
# `make bench`: release build, engine shapes, peers, real-task overhead, report.
# Environment: BENCH_SCALE (default 1), BENCH_SHAPES (comma list, default all), BENCH_SKIP_PEERS=1,
# BENCH_SKIP_OVERHEAD=1, BENCH_PEER_SIZE (default 1000), BENCH_OVERHEAD_RUNS (default 3).
set -euo pipefail
export SWIFT_DETERMINISTIC_HASHING=1
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="$root/Benchmarks/results"
mkdir -p "$results" .build-bench
started=$(date +%s)
stamp() { echo "bench: $(( $(date +%s) - started )) s: $*" >&2; }

# 1. Release builds in their own scratch path (they do not disturb the debug builds in .build).
stamp "release build (swift build -c release --scratch-path .build-release)"
release_build() { # PRODUCT
  ( swift build -c release --scratch-path "$root/.build-release" --product "$1" ) \
    >>.build-bench/build.log 2>&1 || { tail -30 .build-bench/build.log; exit 1; }
}
: >.build-bench/build.log
release_build vane-bench
bin="$root/.build-release/release"
stamp "built vane-bench"

# 2. Engine shapes, each in a child process.
shape_args=()
[ -n "${BENCH_SHAPES:-}" ] && shape_args=(--shapes "$BENCH_SHAPES")
"$bin/vane-bench" --scale "${BENCH_SCALE:-1}" "${shape_args[@]}" --out "$results/engine.json" \
  --work-dir "$root/.build-bench/runs"
stamp "engine shapes done"

# 3. Peers: Prefect 3, Dagster, flytekit (local) on the chain and fan-out shapes.
if [ "${BENCH_SKIP_PEERS:-0}" != 1 ]; then
  Benchmarks/peers/setup_venvs.sh
  python3 Benchmarks/peers/run_peers.py --size "${BENCH_PEER_SIZE:-1000}" --out "$results/peers.json"
  stamp "peers done"
fi

# 4. Real-task overhead: a 6-task flytekit chain through `vane run`.
if [ "${BENCH_SKIP_OVERHEAD:-0}" != 1 ]; then
  # Built only now so that compiling never overlaps a measurement.
  stamp "release build of vane"
  release_build vane
  stamp "built vane"
  [ -x .venv/bin/pyflyte ] || make venv
  .venv/bin/python Benchmarks/overhead/run_overhead.py --vane "$bin/vane" --runs "${BENCH_OVERHEAD_RUNS:-3}" \
    --out "$results/overhead.json"
  stamp "overhead done"
fi

python3 Benchmarks/report.py --results "$results"
stamp "all done; results in Benchmarks/results/latest.json"

# The engine runs' data directories hold hundreds of thousands of small files; deleting them
# takes minutes on disks mounted with `discard`, so it happens in the background.
if [ -d .build-bench/runs ]; then
  trash=".build-bench/trash-$$"
  mv .build-bench/runs "$trash" && (nohup rm -rf "$trash" >/dev/null 2>&1 &)
fi
