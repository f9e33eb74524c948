#!/usr/bin/env bash
# A PostgreSQL server for the tests, on 127.0.0.1 only.
#   tests/scripts/postgres.sh start   installs PostgreSQL from Debian if missing, creates the cluster
#                                     on first use, starts it, and prints its connection string
#   tests/scripts/postgres.sh stop    stops it (the data folder is kept)
#   tests/scripts/postgres.sh status  prints the connection string when it runs, exits 1 when not
# Only the connection string goes to standard output, so a caller can write
#   export CSPALERTS_TEST_POSTGRES="$(tests/scripts/postgres.sh start)"
# Settings: CSPALERTS_PG_PORT (55432), CSPALERTS_PG_DIR (/var/lib/postgresql/cspalerts-tests: data/, run/
# for the socket, server.log), all owned by the user postgres. The cluster trusts local connections:
# it is for tests, listens on loopback only and does not fsync. Starting twice is harmless: the second start finds the
# server running and prints the same string.
set -euo pipefail

port="${CSPALERTS_PG_PORT:-55432}"
base="${CSPALERTS_PG_DIR:-/var/lib/postgresql/cspalerts-tests}"
data="$base/data"
sock="$base/run"
log="$base/server.log"

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [[ -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# Runs a command as the user postgres (from root), or as the current user when that is postgres.
as_pg() {
  if [[ "$(id -un)" == postgres ]]; then
    "$@"
  elif [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    say "run me as root (or as postgres): the server runs as the user postgres"
    exit 2
  fi
}

install_if_missing() {
  if bin="$(find_bin)"; then
    return 0
  fi
  if [[ "$(id -u)" != 0 ]]; then
    say "PostgreSQL is not installed and only root can install it: apt-get install -y postgresql"
    exit 2
  fi
  say "installing PostgreSQL from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin="$(find_bin)" || { say "PostgreSQL installed, but no pg_ctl under /usr/lib/postgresql"; exit 2; }
}

connection_string() { echo "Host=127.0.0.1;Port=$port;Username=postgres"; }

running() { [[ -n "${bin:-}" && -f "$data/PG_VERSION" ]] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  install_if_missing
  mkdir -p "$base"
  # One start at a time: worktrees and test runs on this machine share the server.
  exec 9>"$base/.lock"
  flock 9
  mkdir -p "$data" "$sock"
  chmod 700 "$data"
  if [[ "$(id -u)" == 0 ]]; then
    chown postgres:postgres "$base" "$data" "$sock"
    touch "$log" && chown postgres:postgres "$log"
  fi
  if [[ ! -f "$data/PG_VERSION" ]]; then
    say "creating a cluster in $data"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >&2
  fi
  if running; then
    # The port it was started with, which a different CSPALERTS_PG_PORT now does not change.
    port="$(sed -n 4p "$data/postmaster.pid")"
    say "already running on 127.0.0.1:$port"
  else
    say "starting on 127.0.0.1:$port (log: $log)"
    # fsync=off: a throwaway test server; it makes the tests' CREATE and DROP DATABASE take a
    # fraction of a second instead of two. 9>&-: the server must not inherit the lock, or it would
    # hold it for as long as it runs.
    if ! as_pg "$bin/pg_ctl" -D "$data" -l "$log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c fsync=off" -w -t 60 start >&2 9>&-; then
      say "the server did not start; the end of $log:"
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
  fi
  connection_string
}

stop() {
  bin="$(find_bin)" || { say "PostgreSQL is not installed"; return 0; }
  if running; then
    as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
  else
    say "not running"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    bin="$(find_bin)" || exit 1
    running || { say "not running"; exit 1; }
    port="$(sed -n 4p "$data/postmaster.pid")"
    connection_string
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
