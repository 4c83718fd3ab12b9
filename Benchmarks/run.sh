#!/usr/bin/env bash
# `make bench`: release build, engine shapes, peers, real-task overhead, report.
# Environment: BENCH_SCALE (default 1), BENCH_SHAPES (comma list, default all), BENCH_SKIP_PEERS=1,
# BENCH_SKIP_OVERHEAD=1, BENCH_PEER_SIZE (default 1000), BENCH_OVERHEAD_RUNS (default 3),
# BENCH_SKIP_RAY=1, BENCH_RAY_RUNS (default 3), VANE_BENCH_RAY_ADDRESS (a cluster to use instead
# of starting one), BENCH_SKIP_WARM=1, BENCH_WARM_RUNS (default 2),
# BENCH_SKIP_SERVE_S3=1, BENCH_FILE_MB (default 2048: the FlyteFile moved through vane serve on S3),
# BENCH_SKIP_CONSOLE=1, BENCH_SKIP_REPLICAS=1, BENCH_REPLICA_EXECUTIONS (default 600),
# BENCH_SKIP_POSTGRES=1, BENCH_POSTGRES_SHAPES (default fanout,dynamic-100k).
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

# 2. Engine shapes, each in a child process; the -s3 shapes keep their data in moto on loopback.
[ -x .venv/bin/python ] || make venv
s3dir="$root/.build-bench/s3"
scripts/s3/stop.sh "$s3dir"
VANE_BENCH_S3_URL=$(scripts/s3/start.sh "$s3dir")
export VANE_BENCH_S3_URL
pgdir="$root/.build-bench/postgres"
trap 'scripts/s3/stop.sh "$s3dir"; scripts/postgres/stop.sh "$pgdir"' EXIT
shape_args=()
[ -n "${BENCH_SHAPES:-}" ] && shape_args=(--shapes "$BENCH_SHAPES")
"$bin/vane-bench" --scale "${BENCH_SCALE:-1}" "${shape_args[@]}" --out "$results/engine.json" \
  --work-dir "$root/.build-bench/runs"
stamp "engine shapes done"

# 2b. Fan-out shapes with the engine on PostgreSQL (what replicas share; issue #13), each shape
#     in a schema of its own on a throwaway server.
if [ "${BENCH_SKIP_POSTGRES:-0}" != 1 ]; then
  scripts/postgres/stop.sh "$pgdir"
  pg_url=$(scripts/postgres/start.sh "$pgdir")
  VANE_BENCH_POSTGRES_URL=$pg_url "$bin/vane-bench" --store postgres --scale "${BENCH_SCALE:-1}" \
    --shapes "${BENCH_POSTGRES_SHAPES:-fanout,dynamic-100k}" --out "$results/engine-postgres.json" \
    --work-dir "$root/.build-bench/runs"
  scripts/postgres/stop.sh "$pgdir"
  stamp "engine shapes on PostgreSQL done"
fi

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

# 5. The Ray plugin: no-op tasks on a two-node Ray cluster against the local process plugin.
if [ "${BENCH_SKIP_RAY:-0}" != 1 ]; then
  [ -x "$bin/vane" ] || { stamp "release build of vane"; release_build vane; }
  [ -x .venv/bin/ray ] || make venv
  .venv/bin/python Benchmarks/ray/run_ray.py --vane "$bin/vane" --runs "${BENCH_RAY_RUNS:-3}" --out "$results/ray.json"
  stamp "ray done"
fi

# 6. Warm vs cold task starts: a 20-task chain and a 50-task fan-out of no-op flytekit tasks,
#    both ways, with the peers in-process at the same sizes.
if [ "${BENCH_SKIP_WARM:-0}" != 1 ]; then
  [ -x "$bin/vane" ] || { stamp "release build of vane"; release_build vane; }
  [ -x .venv/bin/pyflyte ] || make venv
  .venv/bin/python Benchmarks/warm/run_warm.py --vane "$bin/vane" --runs "${BENCH_WARM_RUNS:-2}" \
    --out "$results/warm.json"
  stamp "warm starts done"
fi

# 7. `vane serve` on S3: a 2 GiB FlyteFile through the data proxy and a task, peak RSS of the server.
if [ "${BENCH_SKIP_SERVE_S3:-0}" != 1 ]; then
  [ -x "$bin/vane" ] || { stamp "release build of vane"; release_build vane; }
  [ -x .venv/bin/pyflyte ] || make venv
  .venv/bin/python Benchmarks/serve_s3_file.py --vane "$bin/vane" --s3-url "$VANE_BENCH_S3_URL" \
    --size-mb "${BENCH_FILE_MB:-2048}" --out "$results/serve_s3.json"
  stamp "serve on S3 done"
fi

# 8. The console: page render times (100 / 10,000 nodes) and event → screen latency in Chromium.
if [ "${BENCH_SKIP_CONSOLE:-0}" != 1 ]; then
  [ -x "$bin/vane" ] || { stamp "release build of vane"; release_build vane; }
  scripts/console/install.sh
  .venv/bin/python Benchmarks/console/run_console.py --vane "$bin/vane" --out "$results/console.json"
  stamp "console done"
fi

# 9. Replicas (issue #13): echo executions on SQLite vs PostgreSQL with 1 and 3 replicas, round
#    latency, takeover after kill -9 (a throwaway PostgreSQL unless VANE_TEST_POSTGRES_URL is set).
if [ "${BENCH_SKIP_REPLICAS:-0}" != 1 ]; then
  [ -x "$bin/vane" ] || { stamp "release build of vane"; release_build vane; }
  [ -x .venv/bin/pyflyte ] || make venv
  .venv/bin/python Benchmarks/replicas/run.py --vane "$bin/vane" --executions "${BENCH_REPLICA_EXECUTIONS:-600}" \
    --out "$results/replicas.json"
  stamp "replicas done"
fi

python3 Benchmarks/report.py --results "$results"
stamp "all done; results in Benchmarks/results/latest.json"

# The engine runs' data directories hold hundreds of thousands of small files; deleting them
# takes minutes on disks mounted with `discard`, so it happens in the background.
if [ -d .build-bench/runs ]; then
  trash=".build-bench/trash-$$"
  mv .build-bench/runs "$trash" && (nohup rm -rf "$trash" >/dev/null 2>&1 &)
fi
