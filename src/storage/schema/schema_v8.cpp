#include "storage/schema/schema_v8.h"

namespace bd::storage {

// Version 8 (see schema_v8.h). The old audit_log (never written by earlier versions) is
// rebuilt with its rows kept; the triggers make it append-only for every connection.
const std::string_view kSchemaV8Record = R"SQL(
ALTER TABLE clients ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE audit_log_v8 (
  id INTEGER PRIMARY KEY,
  operation INTEGER NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  client_ref INTEGER,
  before TEXT,
  after TEXT,
  undoes INTEGER
);
INSERT INTO audit_log_v8(id, operation, at, actor, kind, entity, entity_id, after)
SELECT id, id, COALESCE(CAST(strftime('%s', at) AS INTEGER), 0), actor, action,
       COALESCE(entity, ''), COALESCE(entity_id, ''), details FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v8 RENAME TO audit_log;
CREATE INDEX audit_by_operation ON audit_log(operation);
CREATE INDEX audit_by_client ON audit_log(client_ref, id) WHERE client_ref IS NOT NULL;
CREATE INDEX audit_by_entity ON audit_log(entity, entity_id, operation);
CREATE INDEX audit_by_undoes ON audit_log(undoes) WHERE undoes IS NOT NULL;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: a row cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: a row cannot be deleted'); END;

CREATE TABLE tags (
  name TEXT PRIMARY KEY NOT NULL,
  colour TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE client_tags (
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  tag TEXT NOT NULL REFERENCES tags(name),
  PRIMARY KEY (client_ref, tag)
) WITHOUT ROWID;
CREATE INDEX client_tags_by_tag ON client_tags(tag, client_ref);

CREATE TABLE client_notes (
  id INTEGER PRIMARY KEY,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX client_notes_by_client ON client_notes(client_ref, at);

ALTER TABLE contacts ADD COLUMN void_reason TEXT;

-- A value a person corrected locally, in its stored form (no type: kept as written).
CREATE TABLE client_corrections (
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  field TEXT NOT NULL,
  value,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (client_ref, field)
) WITHOUT ROWID;
CREATE TABLE client_correction_conflicts (
  id INTEGER PRIMARY KEY,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  field TEXT NOT NULL,
  kept,
  incoming,
  at INTEGER NOT NULL
);

-- An update that does not move the version itself (an import) still moves it, so an edit
-- based on the row as it was is refused as stale.
CREATE TRIGGER clients_version_follows_import AFTER UPDATE ON clients
WHEN NEW.version = OLD.version
BEGIN UPDATE clients SET version = OLD.version + 1 WHERE id = NEW.id; END;

-- An import that brings a value other than a local correction keeps the correction and
-- records the conflict once (the import's report and `client show` list it).
CREATE TRIGGER clients_keep_corrections AFTER UPDATE ON clients
WHEN NEW.version = OLD.version
  AND EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id)
BEGIN
  INSERT INTO client_correction_conflicts(client_ref, field, kept, incoming, at)
  SELECT k.client_ref, k.field, k.value, v.incoming,
         CAST(strftime('%s', 'now', 'localtime') AS INTEGER)
  FROM client_corrections k JOIN (
    SELECT 'name' AS field, NEW.name AS incoming
    UNION ALL SELECT 'gender', NEW.gender
    UNION ALL SELECT 'birth_date', NEW.birth_date
    UNION ALL SELECT 'id_number', NEW.id_number
    UNION ALL SELECT 'phone', NEW.phone
    UNION ALL SELECT 'email', NEW.email
    UNION ALL SELECT 'broker_id', NEW.broker_id
    UNION ALL SELECT 'branch_id', NEW.branch_id
    UNION ALL SELECT 'open_date', NEW.open_date
    UNION ALL SELECT 'risk_level', NEW.risk_level
    UNION ALL SELECT 'status', NEW.status
    UNION ALL SELECT 'preferred_channel', NEW.preferred_channel) v ON v.field = k.field
  WHERE k.client_ref = NEW.id AND v.incoming IS NOT k.value
    -- Tonight's file bringing what the last conflict already recorded is no new conflict.
    AND v.incoming IS NOT (SELECT c.incoming FROM client_correction_conflicts c
                           WHERE c.client_ref = k.client_ref AND c.field = k.field
                           ORDER BY c.id DESC LIMIT 1);
  UPDATE clients SET
    name = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'name') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'name') ELSE name END,
    gender = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'gender') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'gender') ELSE gender END,
    birth_date = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'birth_date') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'birth_date') ELSE birth_date END,
    id_number = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'id_number') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'id_number') ELSE id_number END,
    phone = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'phone') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'phone') ELSE phone END,
    email = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'email') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'email') ELSE email END,
    broker_id = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'broker_id') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'broker_id') ELSE broker_id END,
    branch_id = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'branch_id') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'branch_id') ELSE branch_id END,
    open_date = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'open_date') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'open_date') ELSE open_date END,
    risk_level = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'risk_level') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'risk_level') ELSE risk_level END,
    status = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'status') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'status') ELSE status END,
    preferred_channel = CASE WHEN EXISTS (SELECT 1 FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'preferred_channel') THEN (SELECT k.value FROM client_corrections k WHERE k.client_ref = NEW.id AND k.field = 'preferred_channel') ELSE preferred_channel END
  WHERE id = NEW.id;
END;
)SQL";

} // namespace bd::storage
