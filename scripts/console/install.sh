#!/usr/bin/env bash
# The console's system packages: Graphviz (graph layout) and, for the browser tests, Chromium
# and its WebDriver. Installs only what is missing, so running it again costs a dpkg query.
set -euo pipefail
missing=()
for package in graphviz chromium chromium-driver; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
