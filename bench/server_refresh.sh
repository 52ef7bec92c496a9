#!/usr/bin/env bash
# The nightly refresh on a branch server against the desk's refresh of the same book, side by
# side in one run: starts a throwaway PostgreSQL (tests/server/pgcluster.sh, durable commits as
# a branch server runs), `server load`s a copy of BOOK into it, adds a batch login, then times
# RUNS pairs of `brokerdesk-cli refresh` (the desk's copy, then the server), and removes all.
#   bench/server_refresh.sh BOOK [RUNS=2]
# BOOK is only read (copied first); the load of a 100,000-client book takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
book=$1 runs=${2:-2}
cli=$PWD/build/release/src/cli/brokerdesk-cli
work=$(mktemp -d /tmp/bd_bench_srvref.XXXXXX)
state=$work/pgstate
trap 'tests/server/pgcluster.sh stop "$state" >/dev/null; rm -rf "$work"' EXIT
BD_REQUIRE_PG=1 BD_PG_DURABLE=1 tests/server/pgcluster.sh start "$state" >/dev/null
dir=$(cat "$state")
host=${dir//\//%2F}
"$(pg_config --bindir)/psql" -h "$dir" -U postgres -d postgres -qc "CREATE DATABASE bench_refresh"
admin="postgresql:///bench_refresh?host=$host&user=postgres"
batch="postgresql:///bench_refresh?host=$host&user=bench_batch"
cp "$book" "$work/load.bdbook"
cp "$book" "$work/desk.bdbook"
"$cli" server init --db "$admin" >/dev/null
"$cli" server load --db "$admin" --from "$work/load.bdbook" | tail -1
echo bench-pw | "$cli" server user add --db "$admin" --login bench_batch --role batch --password-stdin
export PGPASSWORD=bench-pw
for n in $(seq "$runs"); do
  echo "== run $n ($(uptime | sed 's/.*load/load/'))"
  /usr/bin/time -f "desk (SQLite): %e s wall, %U+%S s CPU" "$cli" refresh --db "$work/desk.bdbook" >/dev/null
  /usr/bin/time -f "server (PostgreSQL): %e s wall, %U+%S s CPU" "$cli" refresh --db "$batch" |
    grep "branch server"
done
