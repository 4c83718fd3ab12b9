#!/usr/bin/env bash
# Creates one virtualenv per peer under .build-bench/venvs (git-ignored) and installs it from
# PyPI. Re-running is cheap: a venv with a .ready marker is kept.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venvs="$root/.build-bench/venvs"
mkdir -p "$venvs"
declare -A requirement=(
  # fastapi 0.165 removed Body(min_items=…), which prefect 3.8.8's server still uses.
  [prefect]="prefect>=3,<4 fastapi>=0.139,<0.150"
  [dagster]="dagster"
  [flytekit]="flytekit==1.16.*"
)
for peer in prefect dagster flytekit; do
  venv="$venvs/$peer"
  if [ ! -f "$venv/.ready" ]; then
    echo "peers: installing ${requirement[$peer]} into $venv" >&2
    python3 -m venv "$venv"
    # shellcheck disable=SC2086 # several requirements in one word on purpose
    "$venv/bin/pip" install -q --disable-pip-version-check ${requirement[$peer]}
    touch "$venv/.ready"
  fi
done
