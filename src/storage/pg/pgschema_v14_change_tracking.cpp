// The branch book, version 14: change tracking for the batch's kept working copy (issue 19,
// docs/architecture.md "The nightly batch on a server").
//
// Commit order, not numbering: a sequence number or an id says nothing of when a transaction
// commits (one holding a lower number may commit after a higher one was read). So each tracked
// row carries the id of the transaction that last wrote it (bd_xid, xid8), and a reader that
// recorded the snapshot its copy was made in (pg_current_snapshot()) takes exactly the rows
// whose writer that snapshot did not see (pg_visible_in_snapshot): an index range from the old
// snapshot's xmin, then the visibility test (storage/pg/pgchanges.cpp).
//  - bd_xid: the writer's id by default on insert (the bulk tables: a COPY pays nothing more;
//    a first load, whose truncate records the table emptied, sends it NULL: storage/pg/pgimport),
//    set by a row trigger on update, and on insert too in the tables people write (so that no
//    desk can set it). Rows from before this version have none: "before tracking began"; the
//    column is added without a default first, so the migration rewrites no table (5 s on the
//    100,000-client book's 10M rows, most of it the partial indexes' scans).
//  - bd_rows_gone: the rows a transaction removed, or moved to another key or client (a merge
//    moves a client's trades, an import may move a trade to another day), recorded by statement
//    triggers with that transaction's id, the old key, client and (trades) trade day; a table
//    emptied (TRUNCATE: a first load) is one row without a key: the reader copies whole.
//  - bd_meta 'changes_tracked_from': this migration's transaction; a copy whose snapshot does
//    not see it predates tracking.
// The trigger functions run as the owner (a broker's delete under row-level security still
// records its rows) and nobody may call them. Only the batch reads the records.
// Small tables (branches, brokers, securities, tags, client_relations) are not tracked: the
// batch copies them whole each run. Written to run again over itself.
#include "storage/pg/pgschema_v14_change_tracking.h"

namespace bd::storage {
namespace {

const char* const kChangeTrackingV14 = R"SQL(
CREATE TABLE IF NOT EXISTS bd_rows_gone (
  tbl TEXT NOT NULL,
  key JSONB,              -- the removed (or moved) row's primary key; NULL: the table emptied
  client_ref BIGINT,      -- its client before the change
  day BIGINT,             -- trades: its trade day before the change
  xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX IF NOT EXISTS bd_rows_gone_by_xid ON bd_rows_gone(xid);
ALTER TABLE bd_rows_gone ENABLE ROW LEVEL SECURITY;
ALTER TABLE bd_rows_gone FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON bd_rows_gone;
CREATE POLICY owner_all ON bd_rows_gone TO bd_owner USING (true) WITH CHECK (true);
-- The batch's policy as on every table (it may only read: the grant).
DROP POLICY IF EXISTS batch_all ON bd_rows_gone;
CREATE POLICY batch_all ON bd_rows_gone TO batch
  USING ((SELECT bd_my_role()) = 'batch') WITH CHECK ((SELECT bd_my_role()) = 'batch');
GRANT SELECT ON bd_rows_gone TO batch;

-- The trade day of a trade time (seconds), as the desk book's trade_days count it
-- (storage/book/tradedays.h, tradeDayOf: the floor, also before 1970).
CREATE OR REPLACE FUNCTION bd_trade_day(t bigint) RETURNS bigint LANGUAGE sql IMMUTABLE
  PARALLEL SAFE AS $$ SELECT CASE WHEN t >= 0 THEN t / 86400 ELSE (t - 86399) / 86400 END $$;

CREATE OR REPLACE FUNCTION bd_mark_row() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp AS $$
BEGIN
  NEW.bd_xid := pg_current_xact_id();
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION bd_mark_row() FROM PUBLIC;

-- TG_ARGV: the client column, then the key columns. After a delete every old row is gone; after
-- an update those whose key, client or (trades) trade day is no longer among the new rows.
CREATE OR REPLACE FUNCTION bd_record_rows_gone() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  keys text[] := TG_ARGV[1:];
  same text;
  day text := CASE WHEN TG_TABLE_NAME = 'trades' THEN 'bd_trade_day(o.trade_time)' ELSE 'NULL' END;
BEGIN
  SELECT string_agg(format('n.%1$I = o.%1$I', k), ' AND ') INTO same
    FROM unnest(keys || TG_ARGV[0]) k;
  IF TG_TABLE_NAME = 'trades' THEN
    same := same || ' AND bd_trade_day(n.trade_time) = bd_trade_day(o.trade_time)';
  END IF;
  EXECUTE format('INSERT INTO bd_rows_gone(tbl, key, client_ref, day) SELECT %L, '
                 'jsonb_build_array(%s), o.%I, %s FROM old_rows o%s', TG_TABLE_NAME,
                 (SELECT string_agg(format('o.%I', k), ', ') FROM unnest(keys) k),
                 TG_ARGV[0], day,
                 CASE WHEN TG_OP = 'UPDATE'
                      THEN ' WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE ' || same || ')'
                      ELSE '' END);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION bd_record_rows_gone() FROM PUBLIC;

CREATE OR REPLACE FUNCTION bd_record_emptied() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO bd_rows_gone(tbl) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION bd_record_emptied() FROM PUBLIC;

DO $$
DECLARE
  r record;
  args text;
BEGIN
  FOR r IN SELECT * FROM (VALUES
      ('trades', 'client_ref', ARRAY['trade_id'], false),
      ('assets', 'client_ref', ARRAY['client_ref', 'date'], false),
      ('positions', 'client_ref', ARRAY['client_ref', 'date', 'security_code'], false),
      ('clients', 'id', ARRAY['id'], true),
      ('contacts', 'client_ref', ARRAY['id'], true),
      ('client_tags', 'client_ref', ARRAY['client_ref', 'tag'], true),
      ('follow_up_tasks', 'client_ref', ARRAY['id'], true)) v(t, client, keys, people) LOOP
    -- No default at first: existing rows keep none (no rewrite); new rows get their writer's.
    EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS bd_xid xid8', r.t);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN bd_xid SET DEFAULT pg_current_xact_id()', r.t);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I(bd_xid) WHERE bd_xid IS NOT NULL',
                   r.t || '_by_xid', r.t);
    EXECUTE format('CREATE OR REPLACE TRIGGER bd_mark BEFORE %s ON %I FOR EACH ROW '
                   'EXECUTE FUNCTION bd_mark_row()',
                   CASE WHEN r.people THEN 'INSERT OR UPDATE' ELSE 'UPDATE' END, r.t);
    args := (SELECT string_agg(quote_literal(a), ', ') FROM unnest(r.client || r.keys) a);
    EXECUTE format('CREATE OR REPLACE TRIGGER bd_gone_delete AFTER DELETE ON %I '
                   'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT '
                   'EXECUTE FUNCTION bd_record_rows_gone(%s)', r.t, args);
    EXECUTE format('CREATE OR REPLACE TRIGGER bd_gone_update AFTER UPDATE ON %I '
                   'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT '
                   'EXECUTE FUNCTION bd_record_rows_gone(%s)', r.t, args);
    EXECUTE format('CREATE OR REPLACE TRIGGER bd_gone_truncate AFTER TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION bd_record_emptied()', r.t);
  END LOOP;
END $$;
INSERT INTO bd_meta(key, value) VALUES ('changes_tracked_from', pg_current_xact_id()::text)
  ON CONFLICT (key) DO NOTHING;
)SQL";

} // namespace

Status migrateChangeTrackingV14(PgConnection& admin) {
    return admin.script(kChangeTrackingV14);
}

} // namespace bd::storage
