#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: Debian's postgresql-15, a fresh
# cluster in a temp folder, listening on a Unix socket in that folder and on a
# private loopback port, run as the `postgres` user (the server refuses root, and CI
# runs as root). The socket trusts every local user; the loopback port asks for a
# password (scram-sha-256), for the tests of a wrong one. The tests read its address
# from STATE/uri (the socket) and STATE/port.
#
#   cluster.sh start STATE   # stops any cluster STATE names, makes and starts a new one
#   cluster.sh stop STATE    # stops it and removes its folder (ctest's cleanup fixture)
#
# The data is made up and thrown away, so the server skips fsync.
set -euo pipefail
cmd=${1:?start or stop}
state=${2:?the state folder}
bin=/usr/lib/postgresql/15/bin

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state/dir" ] || return 0
  local dir
  dir=$(cat "$state/dir")
  if [ -d "$dir/data" ]; then
    as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state/dir" "$state/uri" "$state/port"
}

case "$cmd" in
  stop) stop ;;
  start)
    [ -x "$bin/initdb" ] || { echo "cluster.sh: $bin/initdb is missing: scripts/setup.sh installs postgresql-15" >&2; exit 1; }
    mkdir -p "$state"
    stop
    dir=$(mktemp -d /tmp/ik-pg.XXXXXX)
    echo "$dir" > "$state/dir"
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_server "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if ! as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null; then
      cat "$dir/server.log" >&2
      exit 1
    fi
    echo "$port" > "$state/port"
    echo "postgresql:///postgres?host=$dir&port=$port&user=postgres" > "$state/uri"
    echo "cluster.sh: PostgreSQL 15 on $dir (port $port)"
    ;;
  *) echo "cluster.sh: start or stop" >&2; exit 1 ;;
esac
