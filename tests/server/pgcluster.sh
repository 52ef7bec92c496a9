#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the branch-server tests (CTest fixture "pg").
#   pgcluster.sh start STATE   initdb + start on a Unix socket in a new /tmp directory (no TCP);
#                              writes the socket directory to STATE
#   pgcluster.sh stop STATE    stops it and removes the directory
# The server refuses to run as root, so as root it runs as the postgres user. The cluster's
# administrator is "postgres" (trust on the socket); every other login needs its password
# (scram-sha-256), so the tests exercise the logins people use. When PostgreSQL cannot start:
# exit 1 when BD_REQUIRE_PG=1 or CI is set (the suite must run them), else 77 (CTest: skipped).
set -euo pipefail
action=$1 state=$2
bindir=$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
unavailable() {
  echo "pgcluster: $*" >&2
  if [ "${BD_REQUIRE_PG:-0}" = 1 ] || [ -n "${CI:-}" ]; then exit 1; fi
  echo "pgcluster: the branch-server tests are skipped (set BD_REQUIRE_PG=1 to make this fail)" >&2
  exit 77
}
as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
  [ -x "$bindir/initdb" ] || unavailable "no initdb in $bindir (install postgresql-15: scripts/deps)"
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    unavailable "running as root and there is no postgres user to run the server as"
  fi
  # A stale cluster of an earlier run that was killed: stop it first.
  [ -f "$state" ] && "$0" stop "$state" || true
  dir=$(mktemp -d /tmp/bd_pgtest.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_server "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=scram-sha-256 \
    --auth-host=reject -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; unavailable "initdb failed"; }
  # The administrator (postgres) is trusted on the socket; everyone else gives a password.
  printf 'local all postgres trust\nlocal all all scram-sha-256\n' >"$dir/data/pg_hba.conf"
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
port = 5432
max_connections = 120
shared_buffers = 128MB
CONF
  # A test cluster need not survive a crash; a benchmark's (BD_PG_DURABLE=1) must, as a branch
  # server does, so that its figures include the commits' flushes.
  if [ "${BD_PG_DURABLE:-0}" != 1 ]; then
    printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$dir/data/postgresql.conf"
  fi
  as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
    { cat "$dir/server.log" >&2; unavailable "the server did not start"; }
  # The group roles belong to the cluster: made once here, so that tests that each set up their
  # own database in parallel never race to create them.
  "$bindir/psql" -h "$dir" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE bd_owner NOLOGIN" -c "CREATE ROLE broker NOLOGIN" \
    -c "CREATE ROLE manager NOLOGIN" -c "CREATE ROLE batch NOLOGIN" ||
    unavailable "could not create the group roles"
  echo "$dir" >"$state"
  echo "pgcluster: started in $dir"
  ;;
stop)
  [ -f "$state" ] || exit 0
  dir=$(cat "$state")
  if [ -d "$dir/data" ]; then
    as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir" "$state"
  echo "pgcluster: stopped"
  ;;
*)
  echo "usage: pgcluster.sh start|stop STATE" >&2
  exit 2
  ;;
esac
