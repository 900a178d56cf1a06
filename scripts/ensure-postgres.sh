#!/usr/bin/env bash
# Start (once) a throwaway PostgreSQL server for the tests and print its URL on stdout.
# Installs Debian's postgresql package when it is missing and we are root (CI, fresh machines).
# Data lives in $NEWSLEDGER_PG_DATA (default /tmp/newsledger-pg), port $NEWSLEDGER_PG_PORT (55432).
set -euo pipefail
PORT=${NEWSLEDGER_PG_PORT:-55432}
DATA=${NEWSLEDGER_PG_DATA:-/tmp/newsledger-pg}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing PostgreSQL from Debian's packages…" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  else
    echo "PostgreSQL is not installed: run 'sudo apt-get install postgresql'" >&2
    exit 1
  fi
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

# The server refuses to run as root: run it as the postgres user the package created.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$DATA"
[ "$(id -u)" = 0 ] && chown postgres "$DATA" && chmod 700 "$DATA"
if [ ! -f "$DATA/PG_VERSION" ]; then
  as_owner "$BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 >/dev/null
fi
if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
"$BIN/psql" "$URL" -Atc "SELECT 1" >/dev/null
echo "$URL"
