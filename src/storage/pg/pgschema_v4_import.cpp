// The branch book, version 4 (issue 19, the nightly import on the server): what the batch's
// import needs. Kept apart from the other versions' files so that it can be renumbered.
#include "storage/pg/pgschema_v4_import.h"

namespace bd::storage {
namespace {

const char* const kImportV4 = R"SQL(
-- A bulk import announces itself once, at its end (pgimport.cpp), not row by row: while the
-- batch's import transaction has bd.bulk_import set, its row changes are not announced. Only
-- the batch is heard this way; any other login's changes are announced whatever it sets.
CREATE OR REPLACE FUNCTION bd_notify_change() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp AS $$
DECLARE
  ref text;
BEGIN
  IF current_setting('bd.bulk_import', true) = 'on' THEN
    IF bd_my_role() = 'batch' THEN RETURN NULL; END IF;
  END IF;
  ref := COALESCE(to_jsonb(NEW), to_jsonb(OLD))
         ->> CASE TG_TABLE_NAME WHEN 'clients' THEN 'id'
                                WHEN 'client_relations' THEN 'client_a'
                                ELSE 'client_ref' END;
  PERFORM pg_notify('bd_book', TG_TABLE_NAME || ':' || ref);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION bd_notify_change() FROM PUBLIC;
-- An import updates rows of the bulk tables too: counted like its inserts, one row per
-- statement.
CREATE OR REPLACE TRIGGER audit_bulk_update AFTER UPDATE ON trades REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
CREATE OR REPLACE TRIGGER audit_bulk_update AFTER UPDATE ON assets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
CREATE OR REPLACE TRIGGER audit_bulk_update AFTER UPDATE ON positions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
CREATE OR REPLACE TRIGGER audit_bulk_update AFTER UPDATE ON securities REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
-- A first load into an empty bulk table (the history of trades, years of snapshots): the rows
-- the batch staged go in with one INSERT as the owner, with the table's secondary indexes and
-- foreign keys taken off and put back after it, so that each is built once from the loaded rows
-- (an index sorted in one pass, each foreign key checked by one join) rather than row by row.
-- The same transaction as the rest of the import: a failure puts everything back as it was.
-- The foreign keys are checked in full when they are put back; only the batch may call this,
-- only on an empty table of the three, and only with the staging table of this session.
-- (The index sorts get 256 MB: a history of millions of trades is then sorted in memory.)
CREATE OR REPLACE FUNCTION bd_import_first_load(tbl text) RETURNS bigint LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp SET maintenance_work_mem = '256MB' AS $$
DECLARE
  stage text := 'bd_stage_' || tbl;
  cols text;
  found boolean;
  indexes text[];
  fkeys text[];
  d text;
  n bigint;
BEGIN
  IF bd_my_role() IS DISTINCT FROM 'batch' THEN
    RAISE EXCEPTION 'only the batch login loads a table' USING ERRCODE = '42501';
  END IF;
  IF tbl NOT IN ('trades', 'assets', 'positions') THEN
    RAISE EXCEPTION 'no first load for table %', tbl USING ERRCODE = '22023';
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM public.%I)', tbl) INTO found;
  IF found THEN
    RAISE EXCEPTION 'table % is not empty', tbl USING ERRCODE = '55000';
  END IF;
  -- The staging table is the caller's: this function, running as the owner, reads only a plain
  -- temporary table of the target's column types, so nothing the caller made (a view, a row
  -- policy, a cast of a type of its own) runs code with the owner's rights.
  IF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = format('pg_temp.%I', stage)::regclass
                   AND c.relkind = 'r' AND c.relpersistence = 't' AND NOT c.relrowsecurity)
     OR EXISTS (SELECT 1 FROM pg_attribute a JOIN pg_attribute t
                  ON t.attrelid = format('public.%I', tbl)::regclass AND t.attname = a.attname
                  AND t.attnum > 0 AND NOT t.attisdropped
                WHERE a.attrelid = format('pg_temp.%I', stage)::regclass AND a.attnum > 0
                  AND NOT a.attisdropped AND a.atttypid <> t.atttypid) THEN
    RAISE EXCEPTION 'the staging table of % is not a plain table of its columns', tbl
      USING ERRCODE = '42501';
  END IF;
  -- The staging table's columns that the table has (names quoted: they come from the catalogue).
  SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
    FROM pg_attribute a
    WHERE a.attrelid = format('pg_temp.%I', stage)::regclass AND a.attnum > 0
      AND NOT a.attisdropped
      AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = format('public.%I', tbl)::regclass
                  AND t.attname = a.attname AND t.attnum > 0 AND NOT t.attisdropped);
  SELECT array_agg(pg_get_indexdef(i.indexrelid)) INTO indexes FROM pg_index i
    WHERE i.indrelid = format('public.%I', tbl)::regclass
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
  SELECT array_agg(format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', tbl, c.conname,
                          pg_get_constraintdef(c.oid))) INTO fkeys
    FROM pg_constraint c WHERE c.conrelid = format('public.%I', tbl)::regclass AND c.contype = 'f';
  FOR d IN SELECT format('DROP INDEX public.%I', cl.relname) FROM pg_index i
             JOIN pg_class cl ON cl.oid = i.indexrelid
             WHERE i.indrelid = format('public.%I', tbl)::regclass
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
           UNION ALL
           SELECT format('ALTER TABLE public.%I DROP CONSTRAINT %I', tbl, c.conname)
             FROM pg_constraint c
             WHERE c.conrelid = format('public.%I', tbl)::regclass AND c.contype = 'f' LOOP
    EXECUTE d;
  END LOOP;
  EXECUTE format('INSERT INTO public.%I(%s) SELECT %s FROM pg_temp.%I', tbl, cols, cols, stage);
  GET DIAGNOSTICS n = ROW_COUNT;
  FOREACH d IN ARRAY COALESCE(indexes, '{}') || COALESCE(fkeys, '{}') LOOP
    EXECUTE d;
  END LOOP;
  RETURN n;
END $$;
REVOKE ALL ON FUNCTION bd_import_first_load(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bd_import_first_load(text) TO batch;
)SQL";

} // namespace

Status migrateImportV4(PgConnection& admin) {
    // The import stages its files in temporary tables (dropped at its commit). Temporary
    // tables are revoked from PUBLIC at init; the batch alone gets them back. A temporary
    // table cannot reach the trails: the trigger functions are not executable by anyone.
    const std::string db = quoteIdentifier(admin, admin.database());
    for (const std::string& sql :
         {std::string("RESET ROLE"), "GRANT TEMPORARY ON DATABASE " + db + " TO batch",
          std::string("SET LOCAL ROLE bd_owner")})
        if (auto s = admin.run(sql); !s) return s;
    return admin.script(kImportV4);
}

} // namespace bd::storage
