// The branch book, version 11: a manager renames a segment (segment.rename), as a desk's user
// does. Only the names and their mark change (name_zh, name_en, name_edited, name_fact), only by
// a manager (a broker has no grant: refused as not permitted), every renamed row is in the
// database's trail under the login (before and after), and the rename is news for every desk
// ("segments:names", once per statement): the desks read the newest segmentation's names again.
// The nightly refresh carries a name marked edited on to the next run, as on a desk.
#include "storage/pg/pgschema_v11_segment_names.h"

namespace bd::storage {
namespace {

const char* const kSegmentNamesV11 = R"SQL(
-- News for the desks: "segments:names", once per renaming statement.
CREATE OR REPLACE FUNCTION bd_notify_segment_names() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_notify('bd_book', 'segments:names');
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION bd_notify_segment_names() FROM PUBLIC;
DROP TRIGGER IF EXISTS notify_names ON segments;
CREATE TRIGGER notify_names AFTER UPDATE OF name_zh, name_en ON segments
  FOR EACH STATEMENT EXECUTE FUNCTION bd_notify_segment_names();
-- The trail: a renamed row, before and after, under the login (the batch's bulk writes stay
-- counts).
DROP TRIGGER IF EXISTS audit_row ON segments;
CREATE TRIGGER audit_row AFTER UPDATE ON segments
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('segment_id');
-- A manager, and only a manager, changes the names and their mark.
DROP POLICY IF EXISTS manager_rename ON segments;
CREATE POLICY manager_rename ON segments FOR UPDATE TO manager
  USING ((SELECT bd_my_role()) = 'manager') WITH CHECK ((SELECT bd_my_role()) = 'manager');
GRANT UPDATE (name_zh, name_en, name_edited, name_fact) ON segments TO manager;
)SQL";

} // namespace

Status migrateSegmentNamesV11(PgConnection& admin) {
    return admin.script(kSegmentNamesV11);
}

} // namespace bd::storage
