#!/usr/bin/env bash
# The task sandbox's system package: bubblewrap (`bwrap`), which `vane run --sandbox` and the
# serve configuration's `sandbox:` section run tasks under. Installs only when missing, so running
# it again costs a dpkg query. Waits for another apt run (a shared machine) rather than failing.
set -euo pipefail
if ! dpkg -s bubblewrap >/dev/null 2>&1; then
  echo "installing bubblewrap" >&2
  apt-get update -qq -o DPkg::Lock::Timeout=600
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 bubblewrap >/dev/null
fi
