#!/usr/bin/env bash
# Many desks on one branch server: starts a throwaway PostgreSQL (tests/server/pgcluster.sh),
# with durable commits (fsync on, as a branch server runs), runs bench_server_desks against a
# new database on it, removes the server.
#   bench/server_desks.sh [DESKS=20] [SECONDS=60] [CLIENTS=5000] [INTERVAL_MS=0]
set -euo pipefail
cd "$(dirname "$0")/.."
state=$(mktemp -u /tmp/bd_bench_pg.XXXXXX)
trap 'tests/server/pgcluster.sh stop "$state" >/dev/null' EXIT
BD_REQUIRE_PG=1 BD_PG_DURABLE=1 tests/server/pgcluster.sh start "$state" >/dev/null
dir=$(cat "$state")
"$(pg_config --bindir)/psql" -h "$dir" -U postgres -d postgres -qc "CREATE DATABASE bench_desks"
build/release/bench/bench_server_desks \
  --db "postgresql:///bench_desks?host=${dir//\//%2F}&user=postgres" \
  --desks "${1:-20}" --seconds "${2:-60}" --clients "${3:-5000}" --interval-ms "${4:-0}"
