#!/usr/bin/env bash
# The nightly import on a branch server against psql's \copy of the same CSV, side by side in
# one run: starts a throwaway durable PostgreSQL (tests/server/pgcluster.sh), generates a
# clients file and a trades file, imports the clients (not timed), then times
#   psql \copy of trades.csv into a table keyed by trade_id (no other index, no checks), and
#   brokerdesk-cli import --trades (every row parsed and checked; the first load: binary
#   COPY ... FREEZE straight into the book's trades, then its key, index and foreign key built
#   and the load counted in the audit trail, one transaction),
# each into an empty table from a checkpoint, and prints both and their ratio (\copy time /
# import time).
#   bench/server_import.sh [TRADES=1000000] [CLIENTS=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
trades=${1:-1000000} clients=${2:-20000}
cli=build/release/src/cli/brokerdesk-cli
psql="$(pg_config --bindir)/psql"
state=$(mktemp -u /tmp/bd_bench_pg.XXXXXX)
work=$(mktemp -d /tmp/bd_bench_import.XXXXXX)
chmod 755 "$work"
trap 'tests/server/pgcluster.sh stop "$state" >/dev/null; rm -rf "$work"' EXIT
BD_REQUIRE_PG=1 BD_PG_DURABLE=1 tests/server/pgcluster.sh start "$state" >/dev/null
dir=$(cat "$state")
host=${dir//\//%2F}
admin="postgresql:///bench_import?host=$host&user=postgres"
"$psql" -h "$dir" -U postgres -d postgres -qc "CREATE DATABASE bench_import"
"$cli" server init --db "$admin" >/dev/null
echo "pw-nightly" | "$cli" server user add --db "$admin" --login nightly --role batch \
  --password-stdin >/dev/null
export PGPASSWORD=pw-nightly
batch="postgresql:///bench_import?host=$host&user=nightly"

awk -v n="$clients" 'BEGIN {
  print "client_id,name,gender,birth_date,id_number,phone,email,broker_id,branch_id,open_date,risk_level,status,preferred_channel"
  for (i = 1; i <= n; i++) printf "C%07d,Client %d,M,,,,,B%03d,BR%d,2020-01-02,C3,active,\n", i, i, i % 50, i % 3
}' >"$work/clients.csv"
awk -v n="$trades" -v c="$clients" 'BEGIN {
  print "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,commission,fees,channel"
  for (i = 1; i <= n; i++) {
    q = 100 * (1 + i % 10); p = 1 + i % 97; d = 1 + int((i - 1) * 28 / n)
    printf "T%010d,C%07d,2024-01-%02d %02d:%02d:%02d,%06d.SH,%s,%d,%d.00,%d.00,5.00,,online\n",
      i, 1 + (i * 7919) % c, d, 9 + i % 6, i % 60, (i * 7) % 60, 600000 + i % 900,
      (i % 2 ? "buy" : "sell"), q, p, q * p
  }
}' >"$work/trades.csv"
"$cli" import --db "$batch" --clients "$work/clients.csv" >/dev/null
echo "machine: $(nproc) cores, shared; trades.csv: $trades rows, $(du -m "$work/trades.csv" | cut -f1) MB; $clients clients"

"$psql" -h "$dir" -U postgres -d bench_import -qc "CREATE TABLE copy_trades (trade_id text PRIMARY KEY,
  client_id text, trade_time text, security_code text, side text, quantity bigint, price numeric,
  amount numeric, commission numeric, fees numeric, channel text)"
# Each timed part starts from a checkpoint, so that neither pays for the other's dirty pages and
# WAL (a checkpoint the first part's WAL set off would otherwise run during the second).
checkpoint() { "$psql" -h "$dir" -U postgres -d bench_import -qc "CHECKPOINT"; }
checkpoint
t0=$(date +%s.%N)
"$psql" -h "$dir" -U postgres -d bench_import -qc "\\copy copy_trades FROM '$work/trades.csv' CSV HEADER"
t1=$(date +%s.%N)
checkpoint
t1b=$(date +%s.%N)
"$cli" import --db "$batch" --trades "$work/trades.csv"
t2=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v bb="$t1b" -v c="$t2" -v n="$trades" 'BEGIN {
  copy = b - a; imp = c - bb
  printf "psql \\copy:           %6.1f s (%.0f rows/s)\n", copy, n / copy
  printf "brokerdesk-cli import: %6.1f s (%.0f rows/s)\n", imp, n / imp
  printf "ratio (\\copy / import): %.2f (target >= 1)\n", copy / imp
}'
# A nightly on top: 20,000 next-day trades (new ids) through the staged merge (row-by-row foreign
# key and indexes, the stored table compared).
awk -v n="$trades" -v c="$clients" 'BEGIN {
  print "trade_id,client_id,trade_time,security_code,side,quantity,price,amount,commission,fees,channel"
  for (i = n + 1; i <= n + 20000; i++)
    printf "T%010d,C%07d,2024-01-29 10:%02d:%02d,600519.SH,buy,100,10.00,1000.00,5.00,,online\n",
      i, 1 + (i * 7919) % c, i % 60, (i * 7) % 60
}' >"$work/nightly.csv"
t3=$(date +%s.%N)
"$cli" import --db "$batch" --trades "$work/nightly.csv"
t4=$(date +%s.%N)
awk -v a="$t3" -v b="$t4" 'BEGIN { printf "nightly of 20,000 trades: %.2f s\n", b - a }'
"$psql" -h "$dir" -U postgres -d bench_import -Atc \
  "SELECT 'trades stored: ' || count(*) FROM trades"
