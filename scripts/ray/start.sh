#!/usr/bin/env bash
# Starts a throwaway two-node Ray cluster on loopback for tests and prints its job API address.
#
#   scripts/ray/start.sh DIR [VENV]      # VENV default: .venv of this checkout (make venv)
#
# Two nodes on this machine, one cpu each: the head (GCS, dashboard with the job API on
# 127.0.0.1, custom resource `vane_head`) and a worker (custom resource `vane_worker`), every
# port picked free, Ray's files in DIR/tmp (keep DIR short: Ray's socket paths must fit in 107
# characters), logs in DIR/*.log, a small object store. Every process of the cluster carries
# VANE_RAY_CLUSTER=DIR (and VANE_RAY_NODE=head|worker) in its environment, so stop.sh and
# node.sh end exactly this cluster's processes and never another Ray on the machine — which is
# why they do not use `ray stop`.
# Prints http://127.0.0.1:PORT (the job API) and writes it to DIR/address; the GCS address goes
# to DIR/gcs. Stop it with scripts/ray/stop.sh DIR.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-$(mktemp -d /tmp/vray.XXXXXX)}
VENV=${2:-$HERE/../../.venv}
mkdir -p "$DIR/tmp"
DIR=$(cd "$DIR" && pwd)
VENV=$(cd "$VENV" && pwd)
RAY=$VENV/bin/ray
[[ -x $RAY ]] || { echo "ray: $RAY not found; run make venv (scripts/requirements-ray.txt)" >&2; exit 1; }

# Eight free ports at once (held open together so they are distinct).
read -r GCS DASHBOARD CLIENT HEAD_AGENT HEAD_METRICS HEAD_ENV_AGENT HEAD_AGENT_GRPC SPARE <<<"$(python3 -c '
import socket
socks = [socket.socket() for _ in range(8)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')"

export RAY_TMPDIR=$DIR/tmp VANE_RAY_CLUSTER=$DIR
# Notice a lost node within ~3 s instead of Ray's default ~15 s.
export RAY_health_check_period_ms=1000 RAY_health_check_failure_threshold=3 RAY_health_check_timeout_ms=1000
COMMON=(--node-ip-address 127.0.0.2 --num-cpus 1 --object-store-memory 80000000 --disable-usage-stats
  --temp-dir "$DIR/tmp" --min-worker-port 0 --max-worker-port 0)

echo "$GCS" >"$DIR/gcs-port"
echo "127.0.0.2:$GCS" >"$DIR/gcs"
echo "$VENV" >"$DIR/venv"
VANE_RAY_NODE=head "$RAY" start --head --port "$GCS" --include-dashboard true --dashboard-host 127.0.0.1 \
  --dashboard-port "$DASHBOARD" --ray-client-server-port "$CLIENT" --dashboard-agent-listen-port "$HEAD_AGENT" \
  --dashboard-agent-grpc-port "$HEAD_AGENT_GRPC" --metrics-export-port "$HEAD_METRICS" \
  --runtime-env-agent-port "$HEAD_ENV_AGENT" --resources '{"vane_head": 1}' "${COMMON[@]}" >"$DIR/head.log" 2>&1 \
  || { cat "$DIR/head.log" >&2; "$HERE/stop.sh" "$DIR"; exit 1; }
"$HERE/node.sh" "$DIR" start-worker || { "$HERE/stop.sh" "$DIR"; exit 1; }

ADDRESS="http://127.0.0.1:$DASHBOARD"
# The job API answers once the dashboard's job module is up.
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('$ADDRESS/api/jobs/', timeout=2)" 2>/dev/null; then
    echo "$ADDRESS" >"$DIR/address"
    echo "$ADDRESS"
    exit 0
  fi
  sleep 0.2
done
echo "ray: the job API at $ADDRESS did not answer; see $DIR/head.log and $DIR/tmp" >&2
"$HERE/stop.sh" "$DIR"
exit 1
