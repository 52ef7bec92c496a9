// The branch book, version 9: two clients merged on a server, and the merge taken back, with the
// moves of a desk's book (storage/book/clientmerge.h: trades, snapshots and positions, contacts
// and their copies, plan items, tags, notes, relations; the absorbed client marked merged and
// found by its id). A merge moves rows of tables a person may not write (the trades, the
// snapshots), so it runs in one definer function, bd_merge_clients, that first asks what the
// clients' policies ask: a broker merges two of their own clients, a manager two of the branch;
// anything else is refused as not permitted (42501) and changes nothing. Its undo,
// bd_unmerge_clients, asks the same. What moved, and every row as it was before it was combined
// or removed, is kept in client_merge_rows under the merge's operation (client_merges: who
// merged which two), so the undo puts each row back. Every change is in the database's trail
// under the login: the client rows, contacts, tags, notes, relations and plan items row by row,
// the trades, snapshots and positions (and the record) as counts.
#include "storage/pg/pgschema_v9_merges.h"

namespace bd::storage {
namespace {

// Sides of a record (clientmerge.cpp MergeRowSide: 0 moved, 1 removed as a copy, 2 a kept
// client's row as it was before a row was added into it).
const char* const kMergesV9 = R"SQL(
ALTER TABLE clients ADD COLUMN IF NOT EXISTS merged_into BIGINT REFERENCES clients(id);
CREATE TABLE IF NOT EXISTS client_merges (
  operation BIGINT PRIMARY KEY,
  keep BIGINT NOT NULL REFERENCES clients(id),
  absorb BIGINT NOT NULL REFERENCES clients(id),
  login TEXT NOT NULL DEFAULT session_user,
  -- the transaction moving rows between the two (the merge, or its undo): plan items change
  -- client then, and only then
  txid BIGINT NOT NULL DEFAULT txid_current()
);
CREATE TABLE IF NOT EXISTS client_merge_rows (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operation BIGINT NOT NULL,
  tbl TEXT NOT NULL,
  side SMALLINT NOT NULL,
  row JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS client_merge_rows_by_operation
  ON client_merge_rows(operation, tbl, side);

-- Written by the definer functions alone (as bd_owner); the batch's policy as on every table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['client_merges', 'client_merge_rows'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS owner_all ON %I', t);
    EXECUTE format('CREATE POLICY owner_all ON %I TO bd_owner USING (true) WITH CHECK (true)', t);
    EXECUTE format('DROP POLICY IF EXISTS batch_all ON %I', t);
    EXECUTE format('CREATE POLICY batch_all ON %I TO batch USING (bd_my_role() = ''batch'')'
                   ' WITH CHECK (bd_my_role() = ''batch'')', t);
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', t);
  END LOOP;
END $$;
GRANT SELECT ON client_merges, client_merge_rows TO batch;

-- The trail: a merge row by row; its record, and the trades, snapshots and positions it moves,
-- as counts.
DROP TRIGGER IF EXISTS audit_row ON client_merges;
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON client_merges
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('operation');
DROP TRIGGER IF EXISTS audit_bulk_insert ON client_merge_rows;
CREATE TRIGGER audit_bulk_insert AFTER INSERT ON client_merge_rows
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
DROP TRIGGER IF EXISTS audit_bulk_delete ON client_merge_rows;
CREATE TRIGGER audit_bulk_delete AFTER DELETE ON client_merge_rows
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['trades', 'assets', 'positions'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS audit_bulk_update ON %I', t);
    EXECUTE format('CREATE TRIGGER audit_bulk_update AFTER UPDATE ON %I REFERENCING NEW TABLE '
                   'AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk()', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['assets', 'positions'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS audit_bulk_delete ON %I', t);
    EXECUTE format('CREATE TRIGGER audit_bulk_delete AFTER DELETE ON %I REFERENCING OLD TABLE '
                   'AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk()', t);
  END LOOP;
END $$;

-- May this login write this client? What the clients' policies ask (own_clients: a broker's
-- own; branch_clients: a manager's branch), asked inside a definer function, which sees all.
CREATE OR REPLACE FUNCTION bd_may_write_client(ref bigint) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ SELECT COALESCE((SELECT CASE bd_my_role()
                               WHEN 'broker' THEN c.broker_id = bd_my_broker()
                               WHEN 'manager' THEN bd_in_my_branch(c.branch_id, c.broker_id)
                               ELSE false END
                      FROM clients c WHERE c.id = ref), false) $$;

-- Is this transaction moving rows between these two clients (a merge or its undo)?
CREATE OR REPLACE FUNCTION bd_merge_moving(x bigint, y bigint) RETURNS boolean LANGUAGE sql
  STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ SELECT EXISTS (SELECT 1 FROM client_merges m WHERE m.txid = txid_current()
                    AND ((m.keep = x AND m.absorb = y) OR (m.keep = y AND m.absorb = x))) $$;

-- What a person writes is filed under who they are (version 1), and stays so: an update keeps
-- a note's author and a contact's broker (a merge moves a contact to another client; the call
-- was still its broker's).
CREATE OR REPLACE FUNCTION bd_guard_person_write() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  who text := bd_my_role();
BEGIN
  IF who IS NULL OR who = 'batch' THEN RETURN NEW; END IF;
  IF TG_TABLE_NAME = 'client_notes' THEN
    NEW.author := CASE WHEN TG_OP = 'INSERT' THEN session_user ELSE OLD.author END;
  ELSIF TG_TABLE_NAME = 'contacts' THEN
    NEW.broker_id := CASE WHEN TG_OP = 'INSERT'
                          THEN (SELECT broker_id FROM clients WHERE id = NEW.client_ref)
                          ELSE OLD.broker_id END;
  ELSIF TG_TABLE_NAME = 'clients' AND who = 'broker' THEN
    IF TG_OP = 'INSERT' THEN
      NEW.branch_id := (SELECT branch_id FROM brokers WHERE broker_id = NEW.broker_id);
    ELSIF NEW.branch_id IS DISTINCT FROM OLD.branch_id THEN
      RAISE EXCEPTION 'a broker cannot move a client to another branch'
        USING ERRCODE = '42501';
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- A plan item keeps its client (version 8), but for a merge's moves between its two clients.
CREATE OR REPLACE FUNCTION bd_guard_task_write() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  who text := bd_my_role();
BEGIN
  IF who IS NULL OR who = 'batch' THEN RETURN NEW; END IF;
  IF TG_OP = 'INSERT' THEN
    NEW.broker_id := (SELECT broker_id FROM clients WHERE id = NEW.client_ref);
  ELSIF (NEW.client_ref IS DISTINCT FROM OLD.client_ref
         AND NOT bd_merge_moving(OLD.client_ref, NEW.client_ref))
        OR NEW.broker_id IS DISTINCT FROM OLD.broker_id
        OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
    RAISE EXCEPTION 'a plan item keeps its client, broker and creation time'
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;

-- Both clients this login's to write, two, and the merge's operation one it drew.
CREATE OR REPLACE FUNCTION bd_require_merge(keep_ref bigint, absorb_ref bigint)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF bd_my_role() NOT IN ('broker', 'manager') OR NOT bd_may_write_client(keep_ref)
     OR NOT bd_may_write_client(absorb_ref) THEN
    RAISE EXCEPTION 'client % or % belongs to another broker''s book: not permitted',
      keep_ref, absorb_ref USING ERRCODE = '42501';
  END IF;
  IF keep_ref = absorb_ref THEN
    RAISE EXCEPTION 'a client cannot be merged into itself' USING ERRCODE = '22023';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION bd_merge_clients(keep_ref bigint, absorb_ref bigint, op bigint)
  RETURNS TABLE (merged_tbl text, merged_side smallint, merged_rows bigint) LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM bd_require_merge(keep_ref, absorb_ref);
  IF op IS DISTINCT FROM currval('audit_operations') THEN
    RAISE EXCEPTION 'a merge is recorded under an operation this login drew'
      USING ERRCODE = '42501';
  END IF;
  IF EXISTS (SELECT 1 FROM clients WHERE id IN (keep_ref, absorb_ref)
             AND merged_into IS NOT NULL) THEN
    RAISE EXCEPTION 'client % or % is merged already', keep_ref, absorb_ref
      USING ERRCODE = '22023';
  END IF;
  INSERT INTO client_merges(operation, keep, absorb) VALUES (op, keep_ref, absorb_ref);

  -- Relations: one to a client the kept one is related to already, or between the two, goes
  -- (kept whole); the others name the kept client.
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'client_relations', CASE WHEN o.other = keep_ref OR EXISTS (
           SELECT 1 FROM client_relations k WHERE (k.client_a = keep_ref AND k.client_b = o.other)
           OR (k.client_b = keep_ref AND k.client_a = o.other)) THEN 1 ELSE 0 END,
         jsonb_build_array(o.client_a, o.client_b, o.kind)
  FROM (SELECT r.*, CASE WHEN r.client_a = absorb_ref THEN r.client_b ELSE r.client_a END
          AS other FROM client_relations r
        WHERE r.client_a = absorb_ref OR r.client_b = absorb_ref) o;
  DELETE FROM client_relations WHERE (client_a, client_b) IN (
    SELECT (m.row->>0)::bigint, (m.row->>1)::bigint FROM client_merge_rows m
    WHERE m.operation = op AND m.tbl = 'client_relations' AND m.side = 1);
  UPDATE client_relations
     SET client_a = CASE WHEN client_a = absorb_ref THEN keep_ref ELSE client_a END,
         client_b = CASE WHEN client_b = absorb_ref THEN keep_ref ELSE client_b END
   WHERE client_a = absorb_ref OR client_b = absorb_ref;

  -- Trades: all move (a trade id is unique in a book).
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'trades', 0, jsonb_build_array(trade_id) FROM trades WHERE client_ref = absorb_ref;
  UPDATE trades SET client_ref = keep_ref WHERE client_ref = absorb_ref;

  -- Snapshots: one on a day the kept client has too is added into it.
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'assets', 2, jsonb_build_array(k.date, k.cash, k.market_value, k.net_inflow)
  FROM assets k WHERE k.client_ref = keep_ref
   AND EXISTS (SELECT 1 FROM assets x WHERE x.client_ref = absorb_ref AND x.date = k.date);
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'assets', 0, jsonb_build_array(date, cash, market_value, net_inflow)
  FROM assets WHERE client_ref = absorb_ref;
  UPDATE assets SET cash = assets.cash + x.cash, market_value = assets.market_value +
         x.market_value, net_inflow = CASE WHEN assets.net_inflow IS NULL AND x.net_inflow IS NULL
         THEN NULL ELSE COALESCE(assets.net_inflow, 0) + COALESCE(x.net_inflow, 0) END
    FROM (SELECT date, cash, market_value, net_inflow FROM assets
          WHERE client_ref = absorb_ref) AS x
   WHERE assets.client_ref = keep_ref AND assets.date = x.date;
  DELETE FROM assets WHERE client_ref = absorb_ref
     AND date IN (SELECT date FROM assets WHERE client_ref = keep_ref);
  UPDATE assets SET client_ref = keep_ref WHERE client_ref = absorb_ref;

  -- Positions: the same security on the same day is one holding.
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'positions', 2,
         jsonb_build_array(k.date, k.security_code, k.quantity, k.cost_price, k.close_price)
  FROM positions k WHERE k.client_ref = keep_ref
   AND EXISTS (SELECT 1 FROM positions x WHERE x.client_ref = absorb_ref AND x.date = k.date
               AND x.security_code = k.security_code);
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'positions', 0,
         jsonb_build_array(date, security_code, quantity, cost_price, close_price)
  FROM positions WHERE client_ref = absorb_ref;
  UPDATE positions SET quantity = positions.quantity + x.quantity, cost_price = CASE
         WHEN positions.cost_price IS NOT NULL AND x.cost_price IS NOT NULL
              AND positions.quantity + x.quantity <> 0
         THEN round((positions.quantity * positions.cost_price + x.quantity * x.cost_price)::numeric
                    / (positions.quantity + x.quantity))::bigint
         ELSE COALESCE(positions.cost_price, x.cost_price) END
    FROM (SELECT date, security_code, quantity, cost_price FROM positions
          WHERE client_ref = absorb_ref) AS x
   WHERE positions.client_ref = keep_ref AND positions.date = x.date
     AND positions.security_code = x.security_code;
  DELETE FROM positions WHERE client_ref = absorb_ref AND (date, security_code) IN
    (SELECT date, security_code FROM positions WHERE client_ref = keep_ref);
  UPDATE positions SET client_ref = keep_ref WHERE client_ref = absorb_ref;

  -- Contacts: a copy of one of the kept client's (same time, same channel) goes, kept whole
  -- with the kept contact's id last; the others move. Plan items move with the contact they
  -- named (a removed copy's: the kept contact).
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'contacts', 1, jsonb_build_array(x.id, x.broker_id, x.contact_time, x.channel,
         x.direction, x.outcome, x.satisfaction, x.notes, x.next_follow_up, x.void_reason, k.id)
  FROM contacts x JOIN contacts k ON k.client_ref = keep_ref
   AND k.contact_time = x.contact_time AND k.channel = x.channel
  WHERE x.client_ref = absorb_ref;
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'contacts', 0, jsonb_build_array(x.id) FROM contacts x
  WHERE x.client_ref = absorb_ref AND NOT EXISTS (SELECT 1 FROM contacts k
    WHERE k.client_ref = keep_ref AND k.contact_time = x.contact_time AND k.channel = x.channel);
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'follow_up_tasks', 0, jsonb_build_array(id, contact_id) FROM follow_up_tasks
  WHERE client_ref = absorb_ref;
  UPDATE follow_up_tasks SET client_ref = keep_ref, contact_id = COALESCE((
         SELECT (m.row->>10)::bigint FROM client_merge_rows m WHERE m.operation = op
            AND m.tbl = 'contacts' AND m.side = 1
            AND (m.row->>0)::bigint = follow_up_tasks.contact_id), contact_id)
   WHERE client_ref = absorb_ref;
  DELETE FROM contacts WHERE client_ref = absorb_ref AND id IN (
    SELECT (m.row->>0)::bigint FROM client_merge_rows m
    WHERE m.operation = op AND m.tbl = 'contacts' AND m.side = 1);
  UPDATE contacts SET client_ref = keep_ref WHERE client_ref = absorb_ref;

  -- Tags: a tag both carry stays once.
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'client_tags', 2, jsonb_build_array(k.tag) FROM client_tags k
  WHERE k.client_ref = keep_ref
    AND EXISTS (SELECT 1 FROM client_tags x WHERE x.client_ref = absorb_ref AND x.tag = k.tag);
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'client_tags', 0, jsonb_build_array(tag) FROM client_tags
  WHERE client_ref = absorb_ref;
  DELETE FROM client_tags WHERE client_ref = absorb_ref
     AND tag IN (SELECT tag FROM client_tags WHERE client_ref = keep_ref);
  UPDATE client_tags SET client_ref = keep_ref WHERE client_ref = absorb_ref;

  -- Notes: all move.
  INSERT INTO client_merge_rows(operation, tbl, side, row)
  SELECT op, 'client_notes', 0, jsonb_build_array(id) FROM client_notes
  WHERE client_ref = absorb_ref;
  UPDATE client_notes SET client_ref = keep_ref WHERE client_ref = absorb_ref;

  UPDATE clients SET merged_into = keep_ref, version = version + 1 WHERE id = absorb_ref;
  RETURN QUERY SELECT m.tbl, m.side, count(*) FROM client_merge_rows m WHERE m.operation = op
    GROUP BY m.tbl, m.side ORDER BY m.tbl, m.side;
END $$;

-- Puts back what the merge `op` of these two moved, and the absorbed client on its own again.
CREATE OR REPLACE FUNCTION bd_unmerge_clients(keep_ref bigint, absorb_ref bigint, op bigint)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM bd_require_merge(keep_ref, absorb_ref);
  UPDATE client_merges SET txid = txid_current()
   WHERE operation = op AND keep = keep_ref AND absorb = absorb_ref;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no merge of client % into % under operation %', absorb_ref, keep_ref, op
      USING ERRCODE = 'P0002';
  END IF;

  DELETE FROM client_relations WHERE (client_a, client_b) IN (
    SELECT CASE WHEN (m.row->>0)::bigint = absorb_ref THEN keep_ref ELSE (m.row->>0)::bigint END,
           CASE WHEN (m.row->>1)::bigint = absorb_ref THEN keep_ref ELSE (m.row->>1)::bigint END
    FROM client_merge_rows m WHERE m.operation = op AND m.tbl = 'client_relations'
     AND m.side = 0);
  INSERT INTO client_relations(client_a, client_b, kind)
  SELECT (m.row->>0)::bigint, (m.row->>1)::bigint, (m.row->>2)::smallint
  FROM client_merge_rows m WHERE m.operation = op AND m.tbl = 'client_relations'
  ORDER BY m.side, m.id;

  UPDATE clients SET merged_into = NULL, version = version + 1
   WHERE id = absorb_ref AND merged_into = keep_ref;

  UPDATE client_notes SET client_ref = absorb_ref WHERE client_ref = keep_ref AND id IN (
    SELECT (m.row->>0)::bigint FROM client_merge_rows m
    WHERE m.operation = op AND m.tbl = 'client_notes' AND m.side = 0);

  DELETE FROM client_tags WHERE client_ref = keep_ref AND tag IN (
    SELECT m.row->>0 FROM client_merge_rows m
    WHERE m.operation = op AND m.tbl = 'client_tags' AND m.side = 0);
  INSERT INTO client_tags(client_ref, tag)
  SELECT CASE m.side WHEN 2 THEN keep_ref ELSE absorb_ref END, m.row->>0
  FROM client_merge_rows m WHERE m.operation = op AND m.tbl = 'client_tags'
  ORDER BY m.side, m.id;

  -- Contacts: the removed copies come back first (plan items may name them again).
  INSERT INTO contacts(id, client_ref, broker_id, contact_time, channel, direction, outcome,
                       satisfaction, notes, next_follow_up, void_reason)
  SELECT (m.row->>0)::bigint, absorb_ref, m.row->>1, (m.row->>2)::bigint,
         (m.row->>3)::smallint, (m.row->>4)::smallint, (m.row->>5)::smallint,
         (m.row->>6)::smallint, m.row->>7, (m.row->>8)::integer, m.row->>9
  FROM client_merge_rows m WHERE m.operation = op AND m.tbl = 'contacts' AND m.side = 1
  ORDER BY m.id;
  UPDATE contacts SET client_ref = absorb_ref WHERE client_ref = keep_ref AND id IN (
    SELECT (m.row->>0)::bigint FROM client_merge_rows m
    WHERE m.operation = op AND m.tbl = 'contacts' AND m.side = 0);
  UPDATE follow_up_tasks t SET client_ref = absorb_ref, contact_id = (m.row->>1)::bigint
    FROM client_merge_rows m
   WHERE m.operation = op AND m.tbl = 'follow_up_tasks' AND m.side = 0
     AND (m.row->>0)::bigint = t.id AND t.client_ref = keep_ref;

  DELETE FROM positions WHERE client_ref = keep_ref AND (date, security_code) IN (
    SELECT (m.row->>0)::integer, m.row->>1 FROM client_merge_rows m
    WHERE m.operation = op AND m.tbl = 'positions' AND m.side = 0);
  INSERT INTO positions(client_ref, date, security_code, quantity, cost_price, close_price)
  SELECT CASE m.side WHEN 2 THEN keep_ref ELSE absorb_ref END, (m.row->>0)::integer,
         m.row->>1, (m.row->>2)::bigint, (m.row->>3)::bigint, (m.row->>4)::bigint
  FROM client_merge_rows m WHERE m.operation = op AND m.tbl = 'positions'
  ORDER BY m.side, m.id;

  DELETE FROM assets WHERE client_ref = keep_ref AND date IN (
    SELECT (m.row->>0)::integer FROM client_merge_rows m
    WHERE m.operation = op AND m.tbl = 'assets' AND m.side = 0);
  INSERT INTO assets(client_ref, date, cash, market_value, net_inflow)
  SELECT CASE m.side WHEN 2 THEN keep_ref ELSE absorb_ref END, (m.row->>0)::integer,
         (m.row->>1)::bigint, (m.row->>2)::bigint, (m.row->>3)::bigint
  FROM client_merge_rows m WHERE m.operation = op AND m.tbl = 'assets'
  ORDER BY m.side, m.id;

  UPDATE trades SET client_ref = absorb_ref WHERE client_ref = keep_ref AND trade_id IN (
    SELECT m.row->>0 FROM client_merge_rows m
    WHERE m.operation = op AND m.tbl = 'trades' AND m.side = 0);

  DELETE FROM client_merge_rows WHERE operation = op;
  DELETE FROM client_merges WHERE operation = op;
END $$;

REVOKE ALL ON FUNCTION bd_may_write_client(bigint), bd_merge_moving(bigint, bigint),
  bd_require_merge(bigint, bigint), bd_merge_clients(bigint, bigint, bigint),
  bd_unmerge_clients(bigint, bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bd_merge_clients(bigint, bigint, bigint),
  bd_unmerge_clients(bigint, bigint, bigint) TO broker, manager;
)SQL";

} // namespace

Status migrateMergesV9(PgConnection& admin) {
    return admin.script(kMergesV9);
}

} // namespace bd::storage
