#!/usr/bin/env bash
# How long a desk takes to open a branch server (its replica copied, the Clients page shown):
# starts a throwaway PostgreSQL (tests/server/pgcluster.sh, durable commits as a branch server
# runs), `server load`s a copy of BOOK, adds a broker login (the book's first broker) and a
# manager of the whole firm, then opens the workstation offscreen RUNS times as each and prints
# the replica's copy time and when the page was ready (the workstation's own log lines).
# Stop it with Ctrl+C only after the cluster started (the trap stops it then).
#   bench/desk_open.sh BOOK [RUNS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
book=$1 runs=${2:-2}
cli=$PWD/build/release/src/cli/brokerdesk-cli
desk=$PWD/build/release/ui/brokerdesk
work=$(mktemp -d /tmp/bd_bench_deskopen.XXXXXX)
state=$work/pgstate
trap 'tests/server/pgcluster.sh stop "$state" >/dev/null; rm -rf "$work"' EXIT
BD_REQUIRE_PG=1 BD_PG_DURABLE=1 tests/server/pgcluster.sh start "$state" >/dev/null
dir=$(cat "$state")
host=${dir//\//%2F}
"$(pg_config --bindir)/psql" -h "$dir" -U postgres -d postgres -qc "CREATE DATABASE bench_open"
admin="postgresql:///bench_open?host=$host&user=postgres"
cp "$book" "$work/load.bdbook"
"$cli" server init --db "$admin" >/dev/null
"$cli" server load --db "$admin" --from "$work/load.bdbook" | tail -1
broker=$("$(pg_config --bindir)/psql" -h "$dir" -U postgres -d bench_open -Atc \
  "SELECT broker_id FROM clients GROUP BY 1 ORDER BY 1 LIMIT 1")
echo bench-pw | "$cli" server user add --db "$admin" --login bench_broker --role broker \
  --broker-id "$broker" --password-stdin
echo bench-pw | "$cli" server user add --db "$admin" --login bench_manager --role manager \
  --password-stdin
export PGPASSWORD=bench-pw
for n in $(seq "$runs"); do
  for who in broker manager; do
    echo "== $who, run $n ($(uptime | sed 's/.*load/load/'))"
    rm -rf "$work/xdg"
    XDG_DATA_HOME=$work/xdg QT_QPA_PLATFORM=offscreen "$desk" --lang en --size 1400x850 \
      --db "postgresql:///bench_open?host=$host&user=bench_$who" --view clients \
      --screenshot "$work/shot.png" >"$work/out.log" 2>&1 || tail -5 "$work/out.log"
    # The workstation's log (info lines go to the file only).
    grep -hE "replica of|the page was ready" "$work"/xdg/*/*/logs/brokerdesk.log |
      sed 's/^\[[^]]*\] //' || true
  done
done
