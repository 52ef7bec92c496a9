#!/usr/bin/env bash
# A desk's pages on a branch server (issue 19: a client's detail page <= 50 ms, the paged client
# list <= 50 ms per page) and another desk's change reaching it: starts a throwaway PostgreSQL
# (tests/server/pgcluster.sh, durable commits as a branch server runs), `server load`s a copy of
# BOOK, refreshes and plans it as the batch, adds a broker (the book's first broker), the
# manager of that broker's branch and a manager of the whole firm, then runs
# bench_server_pages as each (the broker's second connection writes the changes).
# Stop it with Ctrl+C only after the cluster started (the trap stops it then).
#   bench/server_pages.sh BOOK [CHANGES=20]
set -euo pipefail
cd "$(dirname "$0")/.."
book=$1 changes=${2:-20}
cli=$PWD/build/release/src/cli/brokerdesk-cli
. bench/throwaway_server.sh
throwaway_server srvpages bench_pages
psql() { "$(pg_config --bindir)/psql" -h "$dir" -U postgres "$@"; }
cp "$book" "$work/load.bdbook"
"$cli" server init --db "$admin" >/dev/null
"$cli" server load --db "$admin" --from "$work/load.bdbook" | tail -1
read -r broker branch < <(psql -d bench_pages -AtF' ' -c \
  "SELECT broker_id, branch_id FROM brokers WHERE broker_id IN (SELECT broker_id FROM clients)
   ORDER BY 1 LIMIT 1")
add() { echo bench-pw | "$cli" server user add --db "$admin" --password-stdin "$@"; }
add --login bench_batch --role batch
add --login bench_broker --role broker --broker-id "$broker"
add --login bench_branch --role manager --branch-id "$branch"
add --login bench_firm --role manager
export PGPASSWORD=bench-pw
"$cli" refresh --db "$db&user=bench_batch" | tail -1
"$cli" plan --db "$db&user=bench_batch" | tail -1
echo "== broker $broker, branch $branch ($(uptime | sed 's/.*load/load/'))"
build/release/bench/bench_server_pages --db "$db" --writer bench_broker --changes "$changes" \
  --login bench_broker --login bench_branch --login bench_firm 2>&1 | grep -v "migrated book"
echo "== done ($(uptime | sed 's/.*load/load/'))"
