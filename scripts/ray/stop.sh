#!/usr/bin/env bash
# Stops a test Ray cluster made by scripts/ray/start.sh DIR: SIGTERM to each of its processes,
# SIGKILL to those left after 3 s. Never touches another Ray on the machine. Safe to run twice.
#
#   scripts/ray/stop.sh DIR
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
[[ -d ${1:-} ]] || exit 0
DIR=$(cd "$1" && pwd)
pids=$("$HERE/processes.sh" "$DIR")
[[ -z $pids ]] && exit 0
kill -TERM $pids 2>/dev/null
for _ in $(seq 1 30); do
  pids=$("$HERE/processes.sh" "$DIR")
  [[ -z $pids ]] && exit 0
  sleep 0.1
done
kill -KILL $pids 2>/dev/null
exit 0
