// The branch book, version 3 (issue 19, the nightly import on the server): what the batch's
// import needs. Kept apart from the other versions' files so that it can be renumbered.
#include "storage/pg/pgschema_v3_import.h"

namespace bd::storage {
namespace {

const char* const kImportV3 = R"SQL(
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
)SQL";

} // namespace

Status migrateImportV3(PgConnection& admin) {
    // The import stages its files in temporary tables (dropped at its commit). Temporary
    // tables are revoked from PUBLIC at init; the batch alone gets them back. A temporary
    // table cannot reach the trails: the trigger functions are not executable by anyone.
    const std::string db = quoteIdentifier(admin, admin.database());
    for (const std::string& sql :
         {std::string("RESET ROLE"), "GRANT TEMPORARY ON DATABASE " + db + " TO batch",
          std::string("SET LOCAL ROLE bd_owner")})
        if (auto s = admin.run(sql); !s) return s;
    return admin.script(kImportV3);
}

} // namespace bd::storage
