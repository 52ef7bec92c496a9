// The branch book, version 13: the import history. Each file an `import --db URI` committed is
// one row, as on a desk (the desk's columns, storage/schema/schema_v1_book.cpp), written in the
// import's own transaction; who ran it is the row's entry in the database's trail (row_audit,
// under the login). Only the batch writes it (column grants: never the id); managers and the
// batch read it, a broker none of it (every desk's replica copies what its login sees: the
// workstation's "analytics are older than the data" banner); nobody but the owner changes or
// removes a row. Written to run again over itself, as the migrations before it.
#include "storage/pg/pgschema_v13_import_log.h"

#include "storage/pg/pgtablepolicies.h"

namespace bd::storage {
namespace {

const std::string kImportLogV13 =
    R"SQL(
CREATE TABLE IF NOT EXISTS import_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  encoding TEXT,
  rows_new BIGINT NOT NULL DEFAULT 0,
  rows_updated BIGINT NOT NULL DEFAULT 0,
  rows_unchanged BIGINT NOT NULL DEFAULT 0,
  rows_rejected BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  message TEXT
);
)SQL" +
    ownerAndBatchPolicies("import_log") +
    R"SQL(-- A broker's desk reads it too (its replica copies it) and sees no row.
DROP POLICY IF EXISTS manager_read ON import_log;
CREATE POLICY manager_read ON import_log FOR SELECT TO manager
  USING ((SELECT bd_my_role()) = 'manager');
GRANT SELECT ON import_log TO broker, manager, batch;
GRANT INSERT (started_at, kind, file, encoding, rows_new, rows_updated, rows_unchanged,
  rows_rejected, status, message) ON import_log TO batch;
CREATE OR REPLACE TRIGGER append_only BEFORE UPDATE OR DELETE ON import_log
  FOR EACH ROW EXECUTE FUNCTION bd_append_only();
CREATE OR REPLACE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON import_log
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('id');
)SQL";

} // namespace

Status migrateImportLogV13(PgConnection& admin) {
    return admin.script(kImportLogV13);
}

} // namespace bd::storage
