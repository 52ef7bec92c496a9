// The branch book, version 17 (the change log stays bounded): bd_rows_gone (v14) gains a row for
// every row a transaction removes or moves, about 100k on a plan night of the 100,000-client
// book, and was never pruned. A row is needed only by a kept copy whose snapshot did not see its
// transaction, so the server learns which copies there are and what they hold:
//  - bd_batch_copies: each kept copy (its id, made with it; the batch login; the xmin of the
//    snapshot it holds, its horizon; when it was last seen), recorded by the batch in the
//    transaction that writes the night's results (bd_note_batch_copy, beside v16's token);
//  - bd_prune_rows_gone(retention): forgets the copies not seen within the retention, then
//    removes the rows of transactions before the oldest horizon left (every such transaction
//    ended before that copy's snapshot, so each copy saw them) and records that horizon in
//    bd_meta ('rows_gone_pruned_before'). A copy whose snapshot is older (a forgotten copy back,
//    another batch machine's unrecorded copy) is told so by changesSince and made whole.
// Both only for the batch, SECURITY DEFINER (it has no write on either table); the copies'
// rows are audited row by row, the prune counted in the trail as the partitions' drops are.
// Written to run again over itself.
#include "storage/pg/pgschema_v17_batch_copies.h"

#include "storage/pg/pgtablepolicies.h"

namespace bd::storage {
namespace {

const std::string kBatchCopiesV17 =
    R"SQL(
-- The copy `cid` holds the snapshot `held` (with the results written in this transaction).
CREATE OR REPLACE FUNCTION bd_note_batch_copy(cid text, held pg_snapshot) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF bd_my_role() IS DISTINCT FROM 'batch' THEN
    RAISE EXCEPTION 'only the batch login records its copies' USING ERRCODE = '42501';
  END IF;
  IF cid IS NULL OR cid !~ '^[0-9a-f]{32}$' THEN
    RAISE EXCEPTION 'a batch copy id is 32 hexadecimal digits' USING ERRCODE = '22023';
  END IF;
  -- A snapshot the server has not reached is no copy's: its horizon would let the prune remove
  -- rows the copy needs.
  IF held IS NULL OR pg_snapshot_xmax(held) > pg_snapshot_xmax(pg_current_snapshot()) THEN
    RAISE EXCEPTION 'a batch copy holds a snapshot of this server' USING ERRCODE = '22023';
  END IF;
  INSERT INTO bd_batch_copies(copy_id, login, horizon, seen_at)
    VALUES (cid, session_user, pg_snapshot_xmin(held), now())
    ON CONFLICT (copy_id) DO UPDATE
      SET login = excluded.login, horizon = excluded.horizon, seen_at = excluded.seen_at;
END $$;

-- The rows no copy seen within `retention_days` needs removed (a range of the xid index); how
-- many. The horizon only moves forward.
CREATE OR REPLACE FUNCTION bd_prune_rows_gone(retention_days integer) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  oldest xid8;
  pruned xid8 := COALESCE((SELECT value FROM bd_meta WHERE key = 'rows_gone_pruned_before')::xid8,
                          '0'::xid8);
  n bigint;
BEGIN
  IF bd_my_role() IS DISTINCT FROM 'batch' THEN
    RAISE EXCEPTION 'only the batch login prunes the change log' USING ERRCODE = '42501';
  END IF;
  IF retention_days IS NULL OR retention_days < 1 THEN
    RAISE EXCEPTION 'a batch copy is kept in mind a day at least' USING ERRCODE = '22023';
  END IF;
  DELETE FROM bd_batch_copies WHERE seen_at < now() - make_interval(days => retention_days);
  SELECT min(horizon) INTO oldest FROM bd_batch_copies;
  IF oldest IS NULL OR oldest <= pruned THEN
    RETURN 0;
  END IF;
  DELETE FROM bd_rows_gone WHERE xid < oldest;
  GET DIAGNOSTICS n = ROW_COUNT;
  INSERT INTO bd_meta(key, value) VALUES ('rows_gone_pruned_before', oldest::text)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
  IF n > 0 THEN
    INSERT INTO row_audit(table_name, operation, rows) VALUES ('bd_rows_gone', 'DELETE', n);
  END IF;
  RETURN n;
END $$;

-- Both are the batch's alone.
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['bd_note_batch_copy(text, pg_snapshot)', 'bd_prune_rows_gone(integer)']
  LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO batch', f);
  END LOOP;
END $$;

-- The copies the functions keep (a function body finds its tables when it runs).
CREATE TABLE IF NOT EXISTS bd_batch_copies (
  copy_id TEXT PRIMARY KEY,    -- 32 hexadecimal digits, made with the copy
  login TEXT NOT NULL,         -- the batch login that keeps it
  horizon xid8 NOT NULL,       -- its snapshot's xmin: it saw every transaction before
  seen_at TIMESTAMPTZ NOT NULL -- when results were last kept with it
);
)SQL" +
    ownerAndBatchPolicies("bd_batch_copies") +
    R"SQL(CREATE OR REPLACE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON bd_batch_copies
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('copy_id');
GRANT SELECT ON bd_batch_copies TO batch;

)SQL";

} // namespace

Status migrateBatchCopiesV17(PgConnection& admin) {
    return admin.script(kBatchCopiesV17);
}

} // namespace bd::storage
