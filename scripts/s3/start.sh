#!/usr/bin/env bash
# Starts an S3-compatible server (moto) on loopback for tests and prints its URL.
#
#   scripts/s3/start.sh DIR      # DIR: where the server's url, pid and log go
#
# Uses $VANE_S3_PYTHON, else the repository's .venv/bin/python (make venv installs moto[server]
# from scripts/requirements-e2e.txt). Prints http://127.0.0.1:PORT and writes it to DIR/url.
# Stop it with scripts/s3/stop.sh DIR. Any access key and secret are accepted.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:?usage: scripts/s3/start.sh DIR}
python=${VANE_S3_PYTHON:-$root/.venv/bin/python}
if ! "$python" -c 'import moto.server' 2>/dev/null; then
  echo "s3: $python has no moto[server]; run make venv (scripts/requirements-e2e.txt)" >&2
  exit 1
fi
mkdir -p "$dir"
rm -f "$dir/url"
# setsid: the server outlives this script and ignores the caller's terminal signals.
setsid "$python" "$root/scripts/s3/moto_server.py" "$dir" >"$dir/log" 2>&1 </dev/null &
for _ in $(seq 1 300); do
  if [[ -s "$dir/url" ]]; then
    cat "$dir/url"
    exit 0
  fi
  if ! kill -0 $! 2>/dev/null; then
    echo "s3: moto exited; see $dir/log" >&2
    tail -5 "$dir/log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "s3: moto did not start within 30 s; see $dir/log" >&2
exit 1
