#include "storage/schema/schema_v12.h"

namespace bd::storage {

// Version 12 (see schema_v12.h).
const std::string_view kSchemaV12Households = R"SQL(
CREATE TABLE client_relations (
  client_a INTEGER NOT NULL REFERENCES clients(id),
  client_b INTEGER NOT NULL REFERENCES clients(id),
  kind INTEGER NOT NULL,
  CHECK (client_a <> client_b),
  PRIMARY KEY (client_a, client_b)
) WITHOUT ROWID;
-- One row per pair: (A, B) and (B, A) are the same relation.
CREATE UNIQUE INDEX client_relations_pair
  ON client_relations(min(client_a, client_b), max(client_a, client_b));
CREATE INDEX client_relations_by_b ON client_relations(client_b, client_a);

ALTER TABLE clients ADD COLUMN risk_assessed_on INTEGER;

-- As clients_keep_corrections (version 8) for the new trading-system field: an import that
-- brings another date than a local correction keeps the correction and records the conflict.
CREATE TRIGGER clients_keep_risk_assessment AFTER UPDATE OF risk_assessed_on ON clients
WHEN NEW.version = OLD.version
  AND EXISTS (SELECT 1 FROM client_corrections k
              WHERE k.client_ref = NEW.id AND k.field = 'risk_assessed_on'
                AND k.value IS NOT NEW.risk_assessed_on)
BEGIN
  INSERT INTO client_correction_conflicts(client_ref, field, kept, incoming, at)
  SELECT k.client_ref, k.field, k.value, NEW.risk_assessed_on,
         CAST(strftime('%s', 'now', 'localtime') AS INTEGER)
  FROM client_corrections k
  WHERE k.client_ref = NEW.id AND k.field = 'risk_assessed_on'
    AND NEW.risk_assessed_on IS NOT (SELECT c.incoming FROM client_correction_conflicts c
                                     WHERE c.client_ref = k.client_ref AND c.field = k.field
                                     ORDER BY c.id DESC LIMIT 1);
  UPDATE clients SET risk_assessed_on = (SELECT k.value FROM client_corrections k
                                         WHERE k.client_ref = NEW.id
                                           AND k.field = 'risk_assessed_on')
  WHERE id = NEW.id;
END;
)SQL";

} // namespace bd::storage
