#!/usr/bin/env bash
# Prints the pids of a test Ray cluster's processes (scripts/ray/start.sh DIR), one a line.
#
#   scripts/ray/processes.sh DIR [head|worker]
#
# A process belongs to the cluster when its environment holds VANE_RAY_CLUSTER=DIR (and, with
# a node name, VANE_RAY_NODE=that name).
set -uo pipefail

DIR=$(cd "$1" && pwd)
NODE=${2:-}
files=$(grep -lzxF "VANE_RAY_CLUSTER=$DIR" /proc/[0-9]*/environ 2>/dev/null)
if [[ -n $NODE && -n $files ]]; then
  files=$(grep -lzxF "VANE_RAY_NODE=$NODE" $files 2>/dev/null)
fi
for file in $files; do
  pid=${file#/proc/}
  echo "${pid%/environ}"
done
