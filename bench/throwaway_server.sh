# Sourced by the server benches: `throwaway_server NAME DB` makes a work directory
# /tmp/bd_bench_NAME.XXXXXX ($work), starts a throwaway PostgreSQL there (tests/server/pgcluster.sh,
# durable commits as a branch server runs; stopped with the directory on exit), creates database
# DB and sets $dir (its socket directory), $db (its URI without a user) and $admin (as postgres).
throwaway_server() {
  work=$(mktemp -d "/tmp/bd_bench_$1.XXXXXX")
  trap 'tests/server/pgcluster.sh stop "$work/pgstate" >/dev/null; rm -rf "$work"' EXIT
  BD_REQUIRE_PG=1 BD_PG_DURABLE=1 tests/server/pgcluster.sh start "$work/pgstate" >/dev/null
  dir=$(cat "$work/pgstate")
  "$(pg_config --bindir)/psql" -h "$dir" -U postgres -d postgres -qc "CREATE DATABASE $2"
  db="postgresql:///$2?host=${dir//\//%2F}"
  admin="$db&user=postgres"
}
