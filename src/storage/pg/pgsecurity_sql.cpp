#include "storage/pg/pgschema_sql.h"

namespace bd::storage::pgsql {

// Roles: bd_owner owns every object and is held by no person; the group roles broker, manager
// and batch carry the grants; each person logs in as their own role, a member of one group.
// Created only when missing: roles belong to the cluster, and a second branch book on the same
// server shares them.
const char* const kRoles = R"SQL(
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bd_owner') THEN
    CREATE ROLE bd_owner NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'broker') THEN
    CREATE ROLE broker NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'manager') THEN
    CREATE ROLE manager NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'batch') THEN
    CREATE ROLE batch NOLOGIN;
  END IF;
END $$;
)SQL";

// Who the session's login is, for the policies. SECURITY DEFINER (as bd_owner) so that a
// person need not read bd_users; session_user, not current_user, so that the answer is the
// login even inside a definer function.
const char* const kIdentity = R"SQL(
-- Every answer needs an enabled entry of this login in this book's bd_users: a login of
-- another book on the same server, or one disabled a moment ago (its session still open),
-- gets NULL and so sees and changes nothing.
CREATE OR REPLACE FUNCTION bd_my_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS
  $$ SELECT role FROM bd_users WHERE login = session_user AND NOT disabled $$;
CREATE OR REPLACE FUNCTION bd_my_broker() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS
  $$ SELECT broker_id FROM bd_users WHERE login = session_user AND NOT disabled
       AND role = 'broker' $$;
-- A manager's branch; NULL for a manager of the whole firm and for anyone else (callers
-- check the role first).
CREATE OR REPLACE FUNCTION bd_my_branch() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp AS
  $$ SELECT COALESCE(u.branch_id, b.branch_id) FROM bd_users u
     LEFT JOIN brokers b ON b.broker_id = u.broker_id
     WHERE u.login = session_user AND NOT u.disabled $$;
-- Is this client in the manager's branch? Only for an enabled manager of this book; one whose
-- entry names no branch manages the whole firm.
CREATE OR REPLACE FUNCTION bd_in_my_branch(client_branch text, client_broker text)
  RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ SELECT EXISTS (SELECT 1 FROM bd_users u WHERE u.login = session_user AND NOT u.disabled
       AND u.role = 'manager'
       AND (u.branch_id IS NULL OR client_branch = u.branch_id
            OR EXISTS (SELECT 1 FROM brokers b WHERE b.broker_id = client_broker
                       AND b.branch_id = u.branch_id))) $$;
-- Does a client exist, seen or not? Lets a refused write say "not permitted" rather than
-- "not found"; tells nothing but existence, and only to a user of this book.
CREATE OR REPLACE FUNCTION bd_client_exists(ref bigint) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ SELECT bd_my_role() IS NOT NULL AND EXISTS (SELECT 1 FROM clients WHERE id = ref) $$;
CREATE OR REPLACE FUNCTION bd_client_id_exists(cid text) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ SELECT bd_my_role() IS NOT NULL AND EXISTS (SELECT 1 FROM clients WHERE client_id = cid) $$;
CREATE OR REPLACE FUNCTION bd_contact_exists(cid bigint) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ SELECT bd_my_role() IS NOT NULL AND EXISTS (SELECT 1 FROM contacts WHERE id = cid) $$;
REVOKE ALL ON FUNCTION bd_my_role(), bd_my_broker(), bd_my_branch(), bd_client_exists(bigint),
  bd_client_id_exists(text), bd_contact_exists(bigint), bd_in_my_branch(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bd_my_role(), bd_my_broker(), bd_my_branch(), bd_client_exists(bigint),
  bd_client_id_exists(text), bd_contact_exists(bigint), bd_in_my_branch(text, text)
  TO broker, manager, batch;
)SQL";

// The database's audit trail: a row trigger on every table a person writes, a statement
// trigger (a count) on the bulk tables; both SECURITY DEFINER so that the trail is written
// whatever the login may do itself.
const char* const kAuditTriggers = R"SQL(
CREATE OR REPLACE FUNCTION bd_audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'INSERT') THEN to_jsonb(NEW) END;
  key_col text := TG_ARGV[0];
BEGIN
  INSERT INTO row_audit(table_name, operation, row_key, before, after)
  VALUES (TG_TABLE_NAME, TG_OP, COALESCE(new_row, old_row) ->> key_col, old_row, new_row);
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION bd_audit_bulk() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
DECLARE
  n bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN SELECT count(*) INTO n FROM old_rows;
  ELSE SELECT count(*) INTO n FROM new_rows; END IF;
  IF n > 0 THEN
    INSERT INTO row_audit(table_name, operation, rows) VALUES (TG_TABLE_NAME, TG_OP, n);
  END IF;
  RETURN NULL;
END $$;
-- Nobody but the owner changes or removes a row of either trail; the refusal is loud.
CREATE OR REPLACE FUNCTION bd_append_only() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp AS $$
BEGIN
  IF current_user <> 'bd_owner' THEN
    RAISE EXCEPTION '% is append-only: a row cannot be changed or removed', TG_TABLE_NAME
      USING ERRCODE = '42501';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
-- The actor and time of an operation are the login that wrote it and the server's clock,
-- whatever the desk sent.
CREATE OR REPLACE FUNCTION bd_audit_actor() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp AS $$
BEGIN
  NEW.actor := session_user;
  NEW.at := extract(epoch FROM localtimestamp(0))::bigint;
  RETURN NEW;
END $$;
-- What a person writes is filed under who they are: a note's author is the login, a
-- contact's broker the client's broker; a broker cannot move a client to another branch.
-- (The batch, loading the trading system's files, writes them as they come.)
CREATE OR REPLACE FUNCTION bd_guard_person_write() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  who text := bd_my_role();
BEGIN
  IF who IS NULL OR who = 'batch' THEN RETURN NEW; END IF;
  IF TG_TABLE_NAME = 'client_notes' THEN
    NEW.author := session_user;
  ELSIF TG_TABLE_NAME = 'contacts' THEN
    NEW.broker_id := (SELECT broker_id FROM clients WHERE id = NEW.client_ref);
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
-- An id given explicitly (an undo putting a removed row back) must be one the sequence has
-- handed out already: nobody squats the ids other desks are about to get.
CREATE OR REPLACE FUNCTION bd_guard_explicit_id() RETURNS trigger LANGUAGE plpgsql
  SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  issued bigint := pg_sequence_last_value(pg_get_serial_sequence(TG_TABLE_NAME, 'id')::regclass);
BEGIN
  IF bd_my_role() IN ('broker', 'manager') AND NEW.id > COALESCE(issued, 0) THEN
    RAISE EXCEPTION 'an id is given by the server, not by a desk' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
)SQL";

// Desks see each other's changes: every committed change of a client's records is announced
// on channel bd_book as "table:client_ref" (ids only: any login may LISTEN, so the payload tells
// nothing a policy hides; a desk re-reads what it may see). Bulk loads are not announced row by
// row: the server's batch (not built yet) is to announce its imports and refreshes once each.
const char* const kNotify = R"SQL(
CREATE OR REPLACE FUNCTION bd_notify_change() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp AS $$
DECLARE
  -- Through JSON: a field the table lacks would fail to plan even in a branch not taken.
  ref text := COALESCE(to_jsonb(NEW), to_jsonb(OLD))
              ->> CASE WHEN TG_TABLE_NAME = 'clients' THEN 'id' ELSE 'client_ref' END;
BEGIN
  PERFORM pg_notify('bd_book', TG_TABLE_NAME || ':' || ref);
  RETURN NULL;
END $$;
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON clients
  FOR EACH ROW EXECUTE FUNCTION bd_notify_change();
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON contacts
  FOR EACH ROW EXECUTE FUNCTION bd_notify_change();
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON client_tags
  FOR EACH ROW EXECUTE FUNCTION bd_notify_change();
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON client_notes
  FOR EACH ROW EXECUTE FUNCTION bd_notify_change();
CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON client_corrections
  FOR EACH ROW EXECUTE FUNCTION bd_notify_change();
)SQL";

// Which table keys its rows how, for the row trigger; and the bulk tables.
const char* const kAuditAttach = R"SQL(
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON clients
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('client_id');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON contacts
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('id');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON tags
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('name');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON client_tags
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('client_ref');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON client_notes
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('id');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON client_corrections
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('client_ref');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON brokers
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('broker_id');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON branches
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('branch_id');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON bd_users
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('login');
CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON bd_meta
  FOR EACH ROW EXECUTE FUNCTION bd_audit_row('key');
CREATE TRIGGER audit_bulk_insert AFTER INSERT ON trades REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
CREATE TRIGGER audit_bulk_delete AFTER DELETE ON trades REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
CREATE TRIGGER audit_bulk_insert AFTER INSERT ON assets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
CREATE TRIGGER audit_bulk_insert AFTER INSERT ON positions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
CREATE TRIGGER audit_bulk_insert AFTER INSERT ON securities REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION bd_append_only();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON row_audit
  FOR EACH ROW EXECUTE FUNCTION bd_append_only();
CREATE TRIGGER actor BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION bd_audit_actor();
CREATE TRIGGER guard_person BEFORE INSERT OR UPDATE ON clients
  FOR EACH ROW EXECUTE FUNCTION bd_guard_person_write();
CREATE TRIGGER guard_person BEFORE INSERT OR UPDATE ON contacts
  FOR EACH ROW EXECUTE FUNCTION bd_guard_person_write();
CREATE TRIGGER guard_person BEFORE INSERT OR UPDATE ON client_notes
  FOR EACH ROW EXECUTE FUNCTION bd_guard_person_write();
CREATE TRIGGER guard_id BEFORE INSERT ON clients
  FOR EACH ROW EXECUTE FUNCTION bd_guard_explicit_id();
CREATE TRIGGER guard_id BEFORE INSERT ON contacts
  FOR EACH ROW EXECUTE FUNCTION bd_guard_explicit_id();
CREATE TRIGGER guard_id BEFORE INSERT ON client_notes
  FOR EACH ROW EXECUTE FUNCTION bd_guard_explicit_id();
)SQL";

// Grants: what each group may do at all (a missing grant is refused loudly); the policies
// below decide which rows. No person may update or delete either audit trail.
const char* const kGrants = R"SQL(
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO broker, manager, batch;
GRANT SELECT ON bd_meta, branches, brokers, securities, clients, trades, assets, positions,
  contacts, tags, client_tags, client_notes, client_corrections, client_correction_conflicts,
  audit_log TO broker, manager, batch;
GRANT SELECT ON bd_users, row_audit TO manager;
GRANT INSERT, UPDATE, DELETE ON clients, client_tags, client_notes, client_corrections
  TO broker, manager;
-- An undone client takes its conflict records with it.
GRANT DELETE ON client_correction_conflicts TO broker, manager;
GRANT INSERT, UPDATE ON contacts, tags TO broker, manager;
-- The journal is appended to without its id, actor or time (the server sets those).
GRANT INSERT (operation, kind, entity, entity_id, client_ref, before, after, undoes) ON audit_log
  TO broker, manager, batch;
GRANT INSERT, UPDATE, DELETE ON branches, brokers, securities, clients, trades, assets,
  positions, contacts, tags, client_tags, client_corrections, client_correction_conflicts
  TO batch;
GRANT UPDATE ON brokers TO manager;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO broker, manager, batch;
-- Trigger functions run as triggers only: nobody may call them from a table of their own
-- (a temporary table's trigger would otherwise write forged rows into the trail).
REVOKE ALL ON FUNCTION bd_audit_row(), bd_audit_bulk(), bd_append_only(), bd_audit_actor(),
  bd_notify_change(), bd_clients_version(), bd_guard_person_write(), bd_guard_explicit_id()
  FROM PUBLIC;
)SQL";

// Row-level security: enabled and forced on every table, so that even the owner's functions
// go through a policy. A broker: the rows of their own clients. A manager: their branch (all
// when their login names no branch). Batch: everything. bd_owner: what its definer
// functions need.
const char* const kPolicies = R"SQL(
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY owner_all ON %I TO bd_owner USING (true) WITH CHECK (true)', t);
    EXECUTE format('CREATE POLICY batch_all ON %I TO batch USING (bd_my_role() = ''batch'')'
                   ' WITH CHECK (bd_my_role() = ''batch'')', t);
  END LOOP;
  -- Tables every user of this book reads whole.
  FOREACH t IN ARRAY ARRAY['bd_meta', 'branches', 'brokers', 'securities', 'tags'] LOOP
    EXECUTE format('CREATE POLICY people_read ON %I FOR SELECT TO broker, manager'
                   ' USING (bd_my_role() IN (''broker'', ''manager''))', t);
  END LOOP;
  -- Tables of one client: visible and writable with the client (the subquery is itself
  -- filtered by the clients policy).
  FOREACH t IN ARRAY ARRAY['trades', 'assets', 'positions', 'contacts', 'client_tags',
                           'client_notes', 'client_corrections', 'client_correction_conflicts'] LOOP
    EXECUTE format('CREATE POLICY with_client ON %I TO broker, manager'
                   ' USING (client_ref IN (SELECT id FROM clients))'
                   ' WITH CHECK (client_ref IN (SELECT id FROM clients))', t);
  END LOOP;
END $$;
CREATE POLICY own_clients ON clients TO broker
  USING (broker_id = bd_my_broker()) WITH CHECK (broker_id = bd_my_broker());
CREATE POLICY branch_clients ON clients TO manager
  USING (bd_in_my_branch(branch_id, broker_id)) WITH CHECK (bd_in_my_branch(branch_id, broker_id));
CREATE POLICY tag_write ON tags FOR INSERT TO broker, manager
  WITH CHECK (bd_my_role() IN ('broker', 'manager'));
CREATE POLICY tag_colour ON tags FOR UPDATE TO broker, manager
  USING (bd_my_role() IN ('broker', 'manager')) WITH CHECK (bd_my_role() IN ('broker', 'manager'));
-- A manager changes the brokers of their branch (capacities), and keeps them there.
CREATE POLICY manage_brokers ON brokers FOR UPDATE TO manager
  USING (bd_my_role() = 'manager' AND (bd_my_branch() IS NULL OR branch_id = bd_my_branch()))
  WITH CHECK (bd_my_role() = 'manager' AND (bd_my_branch() IS NULL OR branch_id = bd_my_branch()));
-- A manager sees the users of their branch (all of them for the whole firm).
CREATE POLICY branch_users ON bd_users FOR SELECT TO manager
  USING (bd_my_role() = 'manager' AND (bd_my_branch() IS NULL OR branch_id = bd_my_branch()
         OR broker_id IN (SELECT broker_id FROM brokers WHERE branch_id = bd_my_branch())));
-- The operations journal: a person reads the operations on the clients they see and their own
-- (a manager: of their branch); everyone appends as themselves, on clients they see, within
-- an operation number this session drew.
CREATE POLICY journal_read ON audit_log FOR SELECT TO broker, manager
  USING (bd_my_role() IN ('broker', 'manager')
         AND (actor = session_user OR client_ref IN (SELECT id FROM clients)
              OR (client_ref IS NULL AND bd_my_role() = 'manager' AND bd_my_branch() IS NULL)));
CREATE POLICY journal_append ON audit_log FOR INSERT TO broker, manager
  WITH CHECK (bd_my_role() IN ('broker', 'manager')
              AND operation = currval('audit_operations')
              AND (client_ref IS NULL OR client_ref IN (SELECT id FROM clients)
                   -- a client an undo just removed is seen no longer, and is no one's
                   OR NOT bd_client_exists(client_ref)));
-- The database's trail: a manager reads the rows of the clients they see; the rows of
-- branches, brokers, users and bulk loads only a manager of the whole firm.
CREATE POLICY trail_read ON row_audit FOR SELECT TO manager
  USING (bd_my_role() = 'manager' AND (bd_my_branch() IS NULL
         OR (CASE WHEN table_name = 'clients' THEN COALESCE(after, before) ->> 'id'
                  ELSE COALESCE(after, before) ->> 'client_ref' END)::bigint
            IN (SELECT id FROM clients)));
)SQL";

} // namespace bd::storage::pgsql
