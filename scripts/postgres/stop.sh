#!/usr/bin/env bash
# Stops a cluster started by scripts/postgres/start.sh and removes its directory.
#
#   scripts/postgres/stop.sh DIR
set -euo pipefail
DIR=${1:?usage: scripts/postgres/stop.sh DIR}
[[ -d "$DIR" ]] || exit 0
if [[ -f "$DIR/bindir" && -f "$DIR/data/postmaster.pid" ]]; then
  BINDIR=$(cat "$DIR/bindir")
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  else
    "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
fi
rm -rf "$DIR"
