#!/usr/bin/env bash
# What the nightly batch reads on a branch server: only what changed since its copy (server
# schema v14) against the whole book, side by side in one run (bench_server_changes). Starts a
# throwaway PostgreSQL (tests/server/pgcluster.sh, durable commits as a branch server runs),
# `server load`s a copy of BOOK into it, adds a batch login, makes a night's changes and times
# RUNS pairs of reads; removes all.
#   bench/server_changes.sh BOOK [RUNS=3] [bench_server_changes options: --trades N ...]
# BOOK is only read (copied first); the load of a 100,000-client book takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
book=$1 runs=${2:-3}
shift $(($# < 2 ? $# : 2))
cli=$PWD/build/release/src/cli/brokerdesk-cli
bench=$PWD/build/release/bench/bench_server_changes
work=$(mktemp -d /tmp/bd_bench_srvchg.XXXXXX)
state=$work/pgstate
trap 'tests/server/pgcluster.sh stop "$state" >/dev/null; rm -rf "$work"' EXIT
BD_REQUIRE_PG=1 BD_PG_DURABLE=1 tests/server/pgcluster.sh start "$state" >/dev/null
dir=$(cat "$state")
host=${dir//\//%2F}
"$(pg_config --bindir)/psql" -h "$dir" -U postgres -d postgres -qc "CREATE DATABASE bench_changes"
admin="postgresql:///bench_changes?host=$host&user=postgres"
batch="postgresql:///bench_changes?host=$host&user=bench_batch"
cp "$book" "$work/load.bdbook"
"$cli" server init --db "$admin" >/dev/null
"$cli" server load --db "$admin" --from "$work/load.bdbook" | tail -1
echo bench-pw | "$cli" server user add --db "$admin" --login bench_batch --role batch --password-stdin
# BD_BENCH_STATEMENTS=1: the batch's statements of 50 ms or more, from the server's log.
if [ -n "${BD_BENCH_STATEMENTS:-}" ]; then
  "$(pg_config --bindir)/psql" -h "$dir" -U postgres -d bench_changes -qc \
    "ALTER ROLE bench_batch SET log_min_duration_statement = 50"
fi
echo "== $(uptime | sed 's/.*load/load/')"
PGPASSWORD=bench-pw "$bench" --db "$batch" --admin "$admin" --runs "$runs" "$@"
echo "== $(uptime | sed 's/.*load/load/')"
if [ -n "${BD_BENCH_STATEMENTS:-}" ]; then
  grep -o 'duration: .*' "$dir/server.log" | grep -v '^duration: [0-9.]* ms  statement: COPY' |
    cut -c1-220
fi
