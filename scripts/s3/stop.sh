#!/usr/bin/env bash
# Stops the server scripts/s3/start.sh DIR started (nothing to do when none runs).
set -uo pipefail
dir=${1:?usage: scripts/s3/stop.sh DIR}
[[ -f "$dir/pid" ]] || exit 0
pid=$(cat "$dir/pid")
if kill "$pid" 2>/dev/null; then
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
fi
rm -f "$dir/pid" "$dir/url"
exit 0
