#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for tests and benches: Debian's package (installed when missing),
# a fresh cluster in a temporary directory, listening on 127.0.0.1 only, trust auth, run as the `postgres`
# user (PostgreSQL refuses to run as root). Prints the connection URL on stdout; stop it with the script
# whose path it prints on stderr ("stop with: …"); `start.sh` beside it starts the same cluster again (the
# worker test stops and restarts its own server to show that workers wait for the database and resume).
# Usage: scripts/start-postgres.sh [PORT]   (default 54329; the next free port when that one is taken)
set -euo pipefail
port="${1:-54329}"
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port=$((port + 1)); else break; fi
done
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  if [ "$(id -u)" != 0 ]; then echo "PostgreSQL is not installed; run as root to install it" >&2; exit 1; fi
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
data="$(mktemp -d /tmp/corroborate-pg.XXXXXX)"
run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$data"; fi
run "$bin/initdb" -D "$data/data" -U postgres --auth=trust -E UTF8 --locale=C >&2
as=""
if [ "$(id -u)" = 0 ]; then as="runuser -u postgres -- "; fi
printf '#!/bin/sh\n%s"%s/pg_ctl" -D "%s/data" -l "%s/log" -w -o "-c listen_addresses=127.0.0.1 -p %s -k %s -c max_connections=200" start\n' \
  "$as" "$bin" "$data" "$data" "$port" "$data" >"$data/start.sh"
printf '#!/bin/sh\n%s"%s/pg_ctl" -D "%s/data" stop -m fast\n' "$as" "$bin" "$data" >"$data/stop.sh"
chmod +x "$data/start.sh" "$data/stop.sh"
"$data/start.sh" >&2
echo "stop with: $data/stop.sh" >&2
echo "postgres://postgres@127.0.0.1:$port/postgres"
