// The branch book, version 10 (issue 19, the first load at least as fast as `psql \copy`): the
// batch's COPY into the empty table writes its rows frozen, and bd_first_load_end checks the
// foreign key along the index it has just built.
//  - COPY ... FREEZE needs a table created or truncated in the loading transaction:
//    bd_first_load_fresh truncates the table bd_first_load_begin found empty and locked (as the
//    owner; the batch has no TRUNCATE). Frozen rows on all-visible pages spare every later scan
//    its per-row visibility check (the key and index builds, the foreign key's check, the
//    count) and the table's first vacuum its freezing pass. A rollback (an error, a cut
//    connection) restores the table's old file, empty as before.
//  - The foreign key's check (ALTER TABLE ... ADD FOREIGN KEY, one anti-join of the loaded rows
//    against clients) becomes a merge of two index-only scans (the table's index led by
//    client_ref, which every bulk table has, against clients' key) instead of a hash join over
//    the whole heap: about 3× less time for 1M trades, reading the frozen pages' visibility map
//    instead of the heap. (A load staged by a login whose bypass of row-level security was
//    taken by hand is not frozen: its check reads the heap along the index, slower but right.)
// Kept apart from the other versions' files so that it can be renumbered.
#include "storage/pg/pgschema_v10_first_load_freeze.h"

namespace bd::storage {
namespace {

const char* const kFirstLoadFreezeV10 = R"SQL(
-- Only the batch, only a table whose first load it began in this transaction (a pending row is
-- visible to its own transaction alone), only while it is still empty.
CREATE OR REPLACE FUNCTION bd_first_load_fresh(tbl text) RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n bigint;
BEGIN
  IF bd_my_role() IS DISTINCT FROM 'batch' THEN
    RAISE EXCEPTION 'only the batch login loads a table' USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM bd_first_load_pending p WHERE p.tbl = bd_first_load_fresh.tbl) THEN
    RAISE EXCEPTION 'no first load of % was begun', tbl USING ERRCODE = '55000';
  END IF;
  -- Rows the load wrote already would go with the table's old file: refused, not dropped.
  EXECUTE format('SELECT 1 FROM public.%I LIMIT 1', tbl);
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n = 0 THEN
    EXECUTE format('TRUNCATE public.%I', tbl);
  ELSE
    RAISE EXCEPTION 'the first load of % wrote rows before its table was fresh', tbl
      USING ERRCODE = '55000';
  END IF;
END $$;
REVOKE ALL ON FUNCTION bd_first_load_fresh(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bd_first_load_fresh(text) TO batch;
-- The foreign key's check along the indexes: a merge of index-only scans, which the planner
-- prefers to a sort once hash joins are off (it has no statistics of the new rows). Every bulk
-- table has an index led by its foreign key's column (trades_by_client, the keys of assets and
-- positions). No JIT: its compilation would cost more than the function's short queries.
-- Both settings are the function's alone (restored when it returns).
ALTER FUNCTION bd_first_load_end(text) SET enable_hashjoin = off SET jit = off;
)SQL";

} // namespace

Status migrateFirstLoadFreezeV10(PgConnection& admin) {
    return admin.script(kFirstLoadFreezeV10);
}

} // namespace bd::storage
