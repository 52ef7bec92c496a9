// The branch book, version 15: the per-client results of a run in a partition of their own
// (issue 19, docs/architecture.md "The nightly batch on a server").
//
// Why: the batch's write of the 100,000-client book spent about 80% of its scores' and segment
// labels' inserts on per-row foreign-key checks, and pruned an old run by deleting its rows. Now
// client_scores and segment_labels are PARTITIONED BY LIST (run_id), one partition per run:
//  - the batch asks for a run's table (bd_batch_new_run: the parent's columns and defaults and a
//    CHECK matching the partition's bound, owned by bd_owner, INSERT granted to the batch until
//    it is attached), COPYs the run's rows into it, and attaches it (bd_batch_attach_run): the
//    bound is proved by the CHECK without reading a row, the parent's indexes are built on it
//    and its foreign keys checked, each in one pass. An old run is detached and dropped.
//  - every partition gets row-level security enabled and forced, the parent's policies and the
//    parent's read grants (bd_copy_security): read by its own name it shows a broker what the
//    parent would. Nobody but the owner may write a partition directly: writes go through the
//    parent (its statement triggers count them in the trail) or through the two functions, which
//    count what they attach or drop in row_audit as the parent's INSERT or DELETE.
//  - the migration moves the rows of each run held into a partition of its own, the same way
//    (filled, then attached), inside initServer's transaction; the old tables are dropped.
// Back the branch book up first (pg_dump) as before any upgrade: the migration rebuilds two
// tables; it is one transaction, so a failure changes nothing.
// Only the batch may call the bd_batch_* functions; the helpers nobody but the owner.
// Written to run again over itself (a table already partitioned is left as it is).
#include "storage/pg/pgschema_v15_run_partitions.h"

namespace bd::storage {
namespace {

const char* const kRunPartitionsV15 = R"SQL(
CREATE OR REPLACE FUNCTION bd_run_partition_name(tbl text, run bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT tbl || '_run_' || run::text $$;
-- Row-level security enabled and forced on dst, with src's policies and src's grants (reads
-- only: SELECT), nothing for PUBLIC.
CREATE OR REPLACE FUNCTION bd_copy_security(src regclass, dst regclass, reads_only boolean)
  RETURNS void LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  p record;
  g record;
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', dst);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', dst);
  FOR p IN SELECT pol.polname, pol.polpermissive,
                  CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT'
                    WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS cmd,
                  CASE WHEN pol.polroles = '{0}' THEN 'PUBLIC'
                    ELSE (SELECT string_agg(quote_ident(r.rolname), ', ' ORDER BY r.rolname)
                            FROM pg_roles r WHERE r.oid = ANY (pol.polroles)) END AS roles,
                  pg_get_expr(pol.polqual, pol.polrelid) AS qual,
                  pg_get_expr(pol.polwithcheck, pol.polrelid) AS chk
             FROM pg_policy pol WHERE pol.polrelid = src ORDER BY pol.polname LOOP
    EXECUTE format('CREATE POLICY %I ON %s AS %s FOR %s TO %s%s%s', p.polname, dst,
                   CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END, p.cmd,
                   p.roles, COALESCE(' USING (' || p.qual || ')', ''),
                   COALESCE(' WITH CHECK (' || p.chk || ')', ''));
  END LOOP;
  EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', dst);
  FOR g IN SELECT a.privilege_type, a.grantee FROM pg_class c, aclexplode(c.relacl) a
             WHERE c.oid = src AND a.grantee <> c.relowner AND a.grantee <> 0
               AND (NOT reads_only OR a.privilege_type = 'SELECT') ORDER BY 2, 1 LOOP
    EXECUTE format('GRANT %s ON %s TO %s', g.privilege_type, dst, g.grantee::regrole);
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION bd_copy_security(regclass, regclass, boolean) FROM PUBLIC;
-- A run's table, not yet a partition: the parent's columns and defaults, and a CHECK matching
-- the partition's bound (attaching it then reads no row to prove the bound).
CREATE OR REPLACE FUNCTION bd_run_partition_create(tbl text, run bigint) RETURNS text
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  part text := bd_run_partition_name(tbl, run);
BEGIN
  EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS,'
                 ' CONSTRAINT run_bound CHECK (run_id = %s))', part, tbl, run);
  EXECUTE format('REVOKE ALL ON public.%I FROM PUBLIC', part);
  RETURN part;
END $$;
REVOKE ALL ON FUNCTION bd_run_partition_create(text, bigint) FROM PUBLIC;
-- Attaches a run's filled table: its security first (read by its own name, a partition shows
-- what its parent would), then the bound; the parent's indexes are built on it and its foreign
-- keys checked, each in one pass.
CREATE OR REPLACE FUNCTION bd_run_partition_attach(tbl text, run bigint) RETURNS void
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  part text := bd_run_partition_name(tbl, run);
BEGIN
  PERFORM bd_copy_security(format('public.%I', tbl)::regclass,
                           format('public.%I', part)::regclass, true);
  EXECUTE format('ALTER TABLE public.%I ATTACH PARTITION public.%I FOR VALUES IN (%s)',
                 tbl, part, run);
END $$;
REVOKE ALL ON FUNCTION bd_run_partition_attach(text, bigint) FROM PUBLIC;
-- Refuses anyone but the batch login, and a table kept otherwise or no run.
CREATE OR REPLACE FUNCTION bd_batch_require(tbl text, run bigint) RETURNS void
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF bd_my_role() IS DISTINCT FROM 'batch' THEN
    RAISE EXCEPTION 'only the batch login writes or removes a run' USING ERRCODE = '42501';
  END IF;
  IF tbl IS NULL OR tbl NOT IN ('client_scores', 'segment_labels') OR run IS NULL THEN
    RAISE EXCEPTION 'no run partitions for table %', tbl USING ERRCODE = '22023';
  END IF;
END $$;
REVOKE ALL ON FUNCTION bd_batch_require(text, bigint) FROM PUBLIC;
-- The batch's three steps. A new run's table, which only the batch may fill (until attached).
CREATE OR REPLACE FUNCTION bd_batch_new_run(tbl text, run bigint) RETURNS text LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  part text;
BEGIN
  PERFORM bd_batch_require(tbl, run);
  part := bd_run_partition_create(tbl, run);
  EXECUTE format('GRANT INSERT ON public.%I TO batch', part);
  RETURN part;
END $$;
REVOKE ALL ON FUNCTION bd_batch_new_run(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bd_batch_new_run(text, bigint) TO batch;
-- The filled table attached as the run's partition; its rows counted in the trail as the
-- parent's INSERT (under the batch login).
CREATE OR REPLACE FUNCTION bd_batch_attach_run(tbl text, run bigint) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  SET maintenance_work_mem = '256MB' AS $$
DECLARE
  part text := bd_run_partition_name(tbl, run);
  n bigint;
BEGIN
  PERFORM bd_batch_require(tbl, run);
  -- Only a table bd_batch_new_run made: the owner's, plain, not yet secured or attached.
  IF NOT EXISTS (SELECT 1 FROM pg_class c
                   WHERE c.oid = to_regclass(format('public.%I', part)) AND c.relkind = 'r'
                     AND NOT c.relispartition AND NOT c.relrowsecurity
                     AND pg_get_userbyid(c.relowner) = 'bd_owner'
                     AND EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid
                                   AND k.conname = 'run_bound')) THEN
    RAISE EXCEPTION 'no new table for run % of %', run, tbl USING ERRCODE = '55000';
  END IF;
  EXECUTE format('REVOKE INSERT ON public.%I FROM batch', part);
  EXECUTE format('SELECT count(*) FROM public.%I', part) INTO n;
  PERFORM bd_run_partition_attach(tbl, run);
  IF n > 0 THEN
    INSERT INTO row_audit(table_name, operation, rows) VALUES (tbl, 'INSERT', n);
  END IF;
  RETURN n;
END $$;
REVOKE ALL ON FUNCTION bd_batch_attach_run(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bd_batch_attach_run(text, bigint) TO batch;
-- The partitions of those runs (the others are skipped) detached and dropped; their rows
-- counted in the trail as the parent's DELETE. The rows removed.
CREATE OR REPLACE FUNCTION bd_batch_drop_runs(tbl text, runs bigint[]) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  part text;
  n bigint;
  total bigint := 0;
BEGIN
  PERFORM bd_batch_require(tbl, 0);
  FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = format('public.%I', tbl)::regclass
                  AND c.relname IN (SELECT bd_run_partition_name(tbl, r)
                                      FROM unnest(COALESCE(runs, '{}')) r)
                ORDER BY 1 LOOP
    EXECUTE format('SELECT count(*) FROM public.%I', part) INTO n;
    EXECUTE format('ALTER TABLE public.%I DETACH PARTITION public.%I', tbl, part);
    EXECUTE format('DROP TABLE public.%I', part);
    IF n > 0 THEN
      INSERT INTO row_audit(table_name, operation, rows) VALUES (tbl, 'DELETE', n);
    END IF;
    total := total + n;
  END LOOP;
  RETURN total;
END $$;
REVOKE ALL ON FUNCTION bd_batch_drop_runs(text, bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bd_batch_drop_runs(text, bigint[]) TO batch;

-- The two tables rebuilt partitioned: the same columns, keys, indexes, policies, grants and
-- audit triggers; each run's rows moved into a partition of its own.
DO $$
DECLARE
  t text;
  old text;
  defs text[];
  d text;
  r bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY['client_scores', 'segment_labels'] LOOP
    IF (SELECT c.relkind FROM pg_class c WHERE c.oid = format('public.%I', t)::regclass) = 'p'
    THEN
      CONTINUE;
    END IF;
    old := t || '_v14';
    -- The keys and indexes as they are defined now (naming the table t), made again on the new
    -- table once the old one and its indexes have given up their names.
    SELECT array_agg(x ORDER BY o) INTO defs FROM (
      SELECT 1 AS o, format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', t, k.conname,
                            pg_get_constraintdef(k.oid)) AS x
        FROM pg_constraint k WHERE k.conrelid = format('public.%I', t)::regclass
      UNION ALL
      SELECT 2, pg_get_indexdef(i.indexrelid) FROM pg_index i
        WHERE i.indrelid = format('public.%I', t)::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)) s;
    EXECUTE format('ALTER TABLE public.%I RENAME TO %I', t, old);
    FOR d IN SELECT cl.relname FROM pg_index i JOIN pg_class cl ON cl.oid = i.indexrelid
               WHERE i.indrelid = format('public.%I', old)::regclass LOOP
      EXECUTE format('ALTER INDEX public.%I RENAME TO %I', d, 'v14_' || d);
    END LOOP;
    EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS)'
                   ' PARTITION BY LIST (run_id)', t, old);
    FOREACH d IN ARRAY defs LOOP
      EXECUTE d;
    END LOOP;
    PERFORM bd_copy_security(format('public.%I', old)::regclass,
                             format('public.%I', t)::regclass, false);
    EXECUTE format('CREATE TRIGGER audit_bulk_insert AFTER INSERT ON public.%I REFERENCING NEW'
                   ' TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk()', t);
    EXECUTE format('CREATE TRIGGER audit_bulk_delete AFTER DELETE ON public.%I REFERENCING OLD'
                   ' TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk()', t);
    FOR r IN EXECUTE format('SELECT DISTINCT run_id FROM public.%I ORDER BY 1', old) LOOP
      EXECUTE format('INSERT INTO public.%I SELECT * FROM public.%I WHERE run_id = %s',
                     bd_run_partition_create(t, r), old, r);
      PERFORM bd_run_partition_attach(t, r);
    END LOOP;
    EXECUTE format('DROP TABLE public.%I', old);
  END LOOP;
END $$;
)SQL";

} // namespace

Status migrateRunPartitionsV15(PgConnection& admin) {
    return admin.script(kRunPartitionsV15);
}

} // namespace bd::storage
