#!/usr/bin/env bash
# The nightly refresh on a branch server against the desk's refresh of the same book, side by
# side in one run: starts a throwaway PostgreSQL (tests/server/pgcluster.sh, durable commits as
# a branch server runs), `server load`s a copy of BOOK into it, adds a batch login, runs the
# batch's first night (its kept copy made whole, services/batchcopy.h), then times RUNS pairs of
# `brokerdesk-cli refresh` (the desk's copy, then the server's night on its kept copy, after a
# night's changes on the server: the latest 20,000 trades again a day later, 3,000 contacts, a
# day's snapshots of 20,000 clients), printing the server's read/apply/compute/write; removes all.
# With `plan`, each night the batch's plan follows its refresh (it rewrites the follow-up tasks:
# most of the change log's records) and the change log (bd_rows_gone, pruned behind the batch's
# copies from server schema v17) is printed after each night: its rows, its size, and the records
# written in all (left + pruned, as row_audit counts the prunes: what it would hold unpruned).
#   bench/server_refresh.sh BOOK [RUNS=2] [plan]
# BOOK is only read (copied first); the load of a 100,000-client book takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
book=$1 runs=${2:-2} plan=${3:-}
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
export BD_BATCH_CACHE_DIR=$work/cache
psql() { "$(pg_config --bindir)/psql" -h "$dir" -U postgres -d bench_refresh -qc "$1"; }
planNight() {
  [ "$plan" = plan ] || return 0
  # The plan's own status, not grep's: a failed plan stops the bench.
  "$cli" plan --db "$batch" > "$work/plan.out" || { cat "$work/plan.out"; exit 1; }
  grep -E "made whole|change log" "$work/plan.out" || true
  "$(pg_config --bindir)/psql" -h "$dir" -U postgres -d bench_refresh -qAtc "SELECT
    'bd_rows_gone: ' || (SELECT count(*) FROM bd_rows_gone) || ' rows ('
    || pg_size_pretty(pg_total_relation_size('bd_rows_gone')) || ' with its index), written in all '
    || ((SELECT count(*) FROM bd_rows_gone) + COALESCE((SELECT sum(rows) FROM row_audit
         WHERE table_name = 'bd_rows_gone' AND operation = 'DELETE'), 0))"
}
echo "== the batch's first night ($(uptime | sed 's/.*load/load/'))"
/usr/bin/time -f "server, copy made whole: %e s wall, %U+%S s CPU" "$cli" refresh --db "$batch" |
  grep -E "branch server|made whole|change log"
planNight
for n in $(seq "$runs"); do
  # A night's changes, as the nightly import and the desks make them.
  psql "INSERT INTO trades (trade_id, client_ref, trade_time, security_code, side, quantity,
          price, amount, commission, fees, channel)
        SELECT 'night$n-' || trade_id, client_ref, trade_time + $n * 86400, security_code, side,
          quantity, price, amount, commission, fees, channel
        FROM (SELECT * FROM trades WHERE trade_id NOT LIKE 'night%'
              ORDER BY trade_time DESC LIMIT 20000) t"
  psql "INSERT INTO contacts (client_ref, broker_id, contact_time, channel, direction, outcome)
        SELECT id, broker_id, (SELECT max(contact_time) FROM contacts) + 60 * id, 1, 1, 1
        FROM clients ORDER BY id LIMIT 3000"
  psql "INSERT INTO assets (client_ref, date, cash, market_value, net_inflow)
        SELECT client_ref, date + 1, cash, market_value, 0 FROM assets
        WHERE date = (SELECT max(date) FROM assets) LIMIT 20000"
  echo "== run $n ($(uptime | sed 's/.*load/load/'))"
  /usr/bin/time -f "desk (SQLite): %e s wall, %U+%S s CPU" "$cli" refresh --db "$work/desk.bdbook" >/dev/null
  /usr/bin/time -f "server (PostgreSQL, kept copy): %e s wall, %U+%S s CPU" \
    "$cli" refresh --db "$batch" | grep -E "branch server|made whole|change log"
  planNight
done
