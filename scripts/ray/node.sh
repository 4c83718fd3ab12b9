#!/usr/bin/env bash
# Kills or (re)starts the worker node of a test cluster made by scripts/ray/start.sh.
#
#   scripts/ray/node.sh DIR kill-worker     # SIGKILL every process of the worker node (a lost node)
#   scripts/ray/node.sh DIR start-worker    # start a worker node (again), wait until it joined
#
# The worker node's processes are those whose environment has VANE_RAY_CLUSTER=DIR and
# VANE_RAY_NODE=worker (set by start.sh and inherited by everything Ray starts there, including
# job entrypoints), so killing them is what losing that machine looks like to the cluster.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(cd "$1" && pwd)
VENV=$(cat "$DIR/venv")

case "$2" in
  kill-worker)
    "$HERE/processes.sh" "$DIR" worker | xargs -r kill -KILL 2>/dev/null || true
    ;;
  start-worker)
    read -r AGENT AGENT_GRPC METRICS ENV_AGENT <<<"$(python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')"
    export RAY_TMPDIR=$DIR/tmp VANE_RAY_CLUSTER=$DIR VANE_RAY_NODE=worker
    "$VENV/bin/ray" start --address "$(cat "$DIR/gcs")" --node-ip-address 127.0.0.2 --num-cpus 1 \
      --object-store-memory 80000000 --disable-usage-stats --min-worker-port 0 --max-worker-port 0 \
      --dashboard-agent-listen-port "$AGENT" --dashboard-agent-grpc-port "$AGENT_GRPC" \
      --metrics-export-port "$METRICS" --runtime-env-agent-port "$ENV_AGENT" --resources '{"vane_worker": 1}' \
      >>"$DIR/worker.log" 2>&1 || { tail -30 "$DIR/worker.log" >&2; exit 1; }
    ;;
  *)
    echo "usage: $0 DIR kill-worker|start-worker" >&2
    exit 2
    ;;
esac
