// The branch book, version 6 (issue 19, the first load at COPY's speed): the batch login
// bypasses row-level security (set by `server user add`, pgschema.cpp), so a first load COPYs
// straight into its empty table; the table's key, indexes and foreign keys are taken off before
// and built once after (bd_first_load_begin / bd_first_load_end), as the owner: an index sorted
// from the loaded rows costs a fraction of a million B-tree inserts.
// Kept apart from the other versions' files so that it can be renumbered.
#include "storage/pg/pgschema_v6_first_load.h"

namespace bd::storage {
namespace {

const char* const kFirstLoadV6 = R"SQL(
-- What a first load took off a table, to be put back at its end: written and read by the
-- owner's functions below only (no grant to anyone), within the load's transaction. (Written to
-- run again on a book set back to an older version, as the tests do.)
CREATE TABLE IF NOT EXISTS bd_first_load_pending (
  tbl text PRIMARY KEY,
  restore text[] NOT NULL
);
ALTER TABLE bd_first_load_pending ENABLE ROW LEVEL SECURITY;
ALTER TABLE bd_first_load_pending FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS owner_all ON bd_first_load_pending;
CREATE POLICY owner_all ON bd_first_load_pending TO bd_owner USING (true) WITH CHECK (true);
-- A load begun and not ended cannot commit: the table would keep no index and no foreign key.
CREATE OR REPLACE FUNCTION bd_first_load_unfinished() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM bd_first_load_pending p WHERE p.tbl = NEW.tbl) THEN
    RAISE EXCEPTION 'the first load of % was not ended: its indexes and foreign keys are off',
      NEW.tbl USING ERRCODE = '55000';
  END IF;
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION bd_first_load_unfinished() FROM PUBLIC;
DROP TRIGGER IF EXISTS must_end ON bd_first_load_pending;
CREATE CONSTRAINT TRIGGER must_end AFTER INSERT ON bd_first_load_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bd_first_load_unfinished();
-- Only the batch, only on an empty trades, assets or positions table. The table stays locked
-- (the dropped index and foreign key lock it and clients) until the import's transaction ends;
-- a failure puts everything back as it was.
CREATE OR REPLACE FUNCTION bd_first_load_begin(tbl text) RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  found boolean;
  restore text[];
  d text;
BEGIN
  IF bd_my_role() IS DISTINCT FROM 'batch' THEN
    RAISE EXCEPTION 'only the batch login loads a table' USING ERRCODE = '42501';
  END IF;
  IF tbl NOT IN ('trades', 'assets', 'positions') THEN
    RAISE EXCEPTION 'no first load for table %', tbl USING ERRCODE = '22023';
  END IF;
  EXECUTE format('LOCK TABLE public.%I IN SHARE ROW EXCLUSIVE MODE', tbl);
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I)', tbl) INTO found;
  IF found OR EXISTS (SELECT 1 FROM bd_first_load_pending p WHERE p.tbl = bd_first_load_begin.tbl)
  THEN
    RAISE EXCEPTION 'table % is not empty', tbl USING ERRCODE = '55000';
  END IF;
  -- Put back in this order: the key (its index sorted from the rows, which also checks them
  -- unique), the other indexes, then the foreign keys.
  SELECT array_agg(x.def ORDER BY x.kind, x.def) INTO restore FROM (
    SELECT 1 AS kind, format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', tbl, c.conname,
                             pg_get_constraintdef(c.oid)) AS def
      FROM pg_constraint c
      WHERE c.conrelid = format('public.%I', tbl)::regclass AND c.contype IN ('p', 'u')
    UNION ALL
    SELECT 2, pg_get_indexdef(i.indexrelid) FROM pg_index i
      WHERE i.indrelid = format('public.%I', tbl)::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
    UNION ALL
    SELECT 3, format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', tbl, c.conname,
                     pg_get_constraintdef(c.oid))
      FROM pg_constraint c
      WHERE c.conrelid = format('public.%I', tbl)::regclass AND c.contype = 'f') x;
  INSERT INTO bd_first_load_pending(tbl, restore) VALUES (tbl, COALESCE(restore, '{}'));
  -- Taken off in the reverse order (nothing references these tables' keys).
  FOR d IN SELECT format('ALTER TABLE public.%I DROP CONSTRAINT %I', tbl, c.conname)
             FROM pg_constraint c
             WHERE c.conrelid = format('public.%I', tbl)::regclass AND c.contype = 'f'
           UNION ALL
           SELECT format('DROP INDEX public.%I', cl.relname) FROM pg_index i
             JOIN pg_class cl ON cl.oid = i.indexrelid
             WHERE i.indrelid = format('public.%I', tbl)::regclass
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
           UNION ALL
           SELECT format('ALTER TABLE public.%I DROP CONSTRAINT %I', tbl, c.conname)
             FROM pg_constraint c
             WHERE c.conrelid = format('public.%I', tbl)::regclass AND c.contype IN ('p', 'u') LOOP
    EXECUTE d;
  END LOOP;
  -- The load is counted in the trail by bd_first_load_end, as the trigger would count it, without
  -- the trigger's copy of every loaded row (COPY keeps them all for a statement trigger).
  EXECUTE format('ALTER TABLE public.%I DISABLE TRIGGER audit_bulk_insert', tbl);
END $$;
-- The key and indexes built from the loaded rows (each sorted in one pass) and the foreign keys
-- checked by one join each, in 256 MB (a history of millions of rows sorts in memory).
CREATE OR REPLACE FUNCTION bd_first_load_end(tbl text) RETURNS void LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp SET maintenance_work_mem = '256MB' AS $$
DECLARE
  restore text[];
  d text;
  n bigint;
BEGIN
  IF bd_my_role() IS DISTINCT FROM 'batch' THEN
    RAISE EXCEPTION 'only the batch login loads a table' USING ERRCODE = '42501';
  END IF;
  DELETE FROM bd_first_load_pending p WHERE p.tbl = bd_first_load_end.tbl
    RETURNING p.restore INTO restore;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no first load of % was begun', tbl USING ERRCODE = '55000';
  END IF;
  -- Every row is the load's: the table was empty and locked since bd_first_load_begin.
  EXECUTE format('ALTER TABLE public.%I ENABLE TRIGGER audit_bulk_insert', tbl);
  EXECUTE format('SELECT count(*) FROM public.%I', tbl) INTO n;
  IF n > 0 THEN
    INSERT INTO row_audit(table_name, operation, rows) VALUES (tbl, 'INSERT', n);
  END IF;
  FOREACH d IN ARRAY restore LOOP
    EXECUTE d;
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION bd_first_load_begin(text), bd_first_load_end(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bd_first_load_begin(text), bd_first_load_end(text) TO batch;
-- Version 4's load through a staging table read by the owner: no longer used.
DROP FUNCTION IF EXISTS bd_import_first_load(text);
)SQL";

} // namespace

Status migrateFirstLoadV6(PgConnection& admin) {
    return admin.script(kFirstLoadV6);
}

} // namespace bd::storage
