#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on loopback for tests and prints its URL.
#
#   scripts/postgres/start.sh [DIR]      # DIR default: a new temporary directory
#
# The cluster lives in DIR/data (initdb as the `postgres` user when run as root, trust auth,
# fsync off), listens on 127.0.0.1 on a free port with its socket in DIR, and logs to DIR/log.
# Prints postgres://postgres@127.0.0.1:PORT/postgres and writes it to DIR/url.
# Stop it with scripts/postgres/stop.sh DIR. Installs postgresql-15 with apt-get when the
# server binaries are missing.
set -euo pipefail

find_bindir() {
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

BINDIR=$(find_bindir || true)
if [[ -z "$BINDIR" ]]; then
  echo "postgres: server binaries missing; installing postgresql-15" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 >&2
  BINDIR=$(find_bindir) || { echo "postgres: initdb still not found after installing postgresql-15" >&2; exit 1; }
fi

DIR=${1:-$(mktemp -d /tmp/vane-pg.XXXXXX)}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$DIR"
  chmod 755 "$DIR"
fi

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner "$BINDIR/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
  || { cat "$DIR/initdb.log" >&2; exit 1; }
as_owner "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 30 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$DIR/log" >&2; exit 1; }

URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "$URL" >"$DIR/url"
echo "$BINDIR" >"$DIR/bindir"
echo "$URL"
