#include "storage/pg/pgschema_sql.h"

namespace bd::storage::pgsql {

// The branch book, version 2 (the desk's book version 11, issue 18 items 4 and 8): a client's
// risk assessment date and the relations between clients (households), with the same
// security as the other tables a person writes: row-level security enabled and forced (a
// broker or manager sees and writes a relation when they can see client A), the row trigger
// of the database's trail, and the announcement to other desks.
const char* const kSchemaV2 = R"SQL(
ALTER TABLE clients ADD COLUMN risk_assessed_on INTEGER;
CREATE TABLE client_relations (
  client_a BIGINT NOT NULL REFERENCES clients(id),
  client_b BIGINT NOT NULL REFERENCES clients(id),
  kind SMALLINT NOT NULL,
  CHECK (client_a <> client_b),
  PRIMARY KEY (client_a, client_b)
);
CREATE UNIQUE INDEX client_relations_pair
  ON client_relations(LEAST(client_a, client_b), GREATEST(client_a, client_b));
CREATE INDEX client_relations_by_b ON client_relations(client_b, client_a);

ALTER TABLE client_relations ENABLE ROW LEVEL SECURITY;
ALTER TABLE client_relations FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON client_relations TO bd_owner USING (true) WITH CHECK (true);
CREATE POLICY batch_all ON client_relations TO batch USING (bd_my_role() = 'batch')
  WITH CHECK (bd_my_role() = 'batch');
CREATE POLICY with_client ON client_relations TO broker, manager
  USING (client_a IN (SELECT id FROM clients)) WITH CHECK (client_a IN (SELECT id FROM clients));
REVOKE ALL ON client_relations FROM PUBLIC;
GRANT SELECT ON client_relations TO broker, manager, batch;
GRANT INSERT, UPDATE, DELETE ON client_relations TO broker, manager, batch;

CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON client_relations
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('client_a');
-- A relation is announced as its client A's change.
CREATE OR REPLACE FUNCTION bd_notify_change() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp AS $$
DECLARE
  ref text := COALESCE(to_jsonb(NEW), to_jsonb(OLD))
              ->> CASE TG_TABLE_NAME WHEN 'clients' THEN 'id'
                                     WHEN 'client_relations' THEN 'client_a'
                                     ELSE 'client_ref' END;
BEGIN
  PERFORM pg_notify('bd_book', TG_TABLE_NAME || ':' || ref);
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION bd_notify_change() FROM PUBLIC;
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON client_relations
  FOR EACH ROW EXECUTE FUNCTION bd_notify_change();
)SQL";

} // namespace bd::storage::pgsql
