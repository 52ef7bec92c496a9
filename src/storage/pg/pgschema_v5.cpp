// The branch book, version 5 (issue 19, reads and settings on the server).
#include "storage/pg/pgschema_v5.h"

namespace bd::storage {
namespace {

// (a) The broker's and manager's policies ask who the login is in a scalar subquery: evaluated
// once per statement (an InitPlan), where a bare call ran for every row read (as v3 did for the
// batch's policy). The manager's clients policy spells out bd_in_my_branch (a call with the
// row's values cannot be hoisted): the branch's brokers are one hashed subplan.
const char* const kPoliciesV5 = R"SQL(
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['bd_meta', 'branches', 'brokers', 'securities', 'tags',
      'analytics_runs', 'clv_models', 'segment_runs', 'segments', 'segment_factors',
      'segment_factor_loadings', 'segment_k_choices', 'segment_migrations', 'plan_runs'] LOOP
    EXECUTE format('DROP POLICY people_read ON %I', t);
    EXECUTE format('CREATE POLICY people_read ON %I FOR SELECT TO broker, manager'
                   ' USING ((SELECT bd_my_role()) IN (''broker'', ''manager''))', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['kpi_months', 'kpi_contacts'] LOOP
    EXECUTE format('DROP POLICY own_scope ON %I', t);
    EXECUTE format('CREATE POLICY own_scope ON %I FOR SELECT TO broker, manager USING ('
                   ' ((SELECT bd_my_role()) = ''broker'' AND scope = 3'
                   '   AND scope_id = (SELECT bd_my_broker()))'
                   ' OR ((SELECT bd_my_role()) = ''manager'' AND ((SELECT bd_my_branch()) IS NULL'
                   '   OR (scope = 2 AND scope_id = (SELECT bd_my_branch()))'
                   '   OR (scope = 3 AND scope_id IN (SELECT broker_id FROM brokers'
                   '                      WHERE branch_id = (SELECT bd_my_branch()))))))', t);
  END LOOP;
END $$;
DROP POLICY own_clients ON clients;
CREATE POLICY own_clients ON clients TO broker
  USING (broker_id = (SELECT bd_my_broker())) WITH CHECK (broker_id = (SELECT bd_my_broker()));
DROP POLICY branch_clients ON clients;
CREATE POLICY branch_clients ON clients TO manager
  USING ((SELECT bd_my_role()) = 'manager' AND ((SELECT bd_my_branch()) IS NULL
         OR branch_id = (SELECT bd_my_branch())
         OR broker_id IN (SELECT b.broker_id FROM brokers b
                          WHERE b.branch_id = (SELECT bd_my_branch()))))
  WITH CHECK ((SELECT bd_my_role()) = 'manager' AND ((SELECT bd_my_branch()) IS NULL
         OR branch_id = (SELECT bd_my_branch())
         OR broker_id IN (SELECT b.broker_id FROM brokers b
                          WHERE b.branch_id = (SELECT bd_my_branch()))));
DROP POLICY tag_write ON tags;
CREATE POLICY tag_write ON tags FOR INSERT TO broker, manager
  WITH CHECK ((SELECT bd_my_role()) IN ('broker', 'manager'));
DROP POLICY tag_colour ON tags;
CREATE POLICY tag_colour ON tags FOR UPDATE TO broker, manager
  USING ((SELECT bd_my_role()) IN ('broker', 'manager'))
  WITH CHECK ((SELECT bd_my_role()) IN ('broker', 'manager'));
DROP POLICY manage_brokers ON brokers;
CREATE POLICY manage_brokers ON brokers FOR UPDATE TO manager
  USING ((SELECT bd_my_role()) = 'manager'
         AND ((SELECT bd_my_branch()) IS NULL OR branch_id = (SELECT bd_my_branch())))
  WITH CHECK ((SELECT bd_my_role()) = 'manager'
              AND ((SELECT bd_my_branch()) IS NULL OR branch_id = (SELECT bd_my_branch())));
DROP POLICY branch_users ON bd_users;
CREATE POLICY branch_users ON bd_users FOR SELECT TO manager
  USING ((SELECT bd_my_role()) = 'manager' AND ((SELECT bd_my_branch()) IS NULL
         OR branch_id = (SELECT bd_my_branch())
         OR broker_id IN (SELECT broker_id FROM brokers WHERE branch_id = (SELECT bd_my_branch()))));
DROP POLICY journal_read ON audit_log;
CREATE POLICY journal_read ON audit_log FOR SELECT TO broker, manager
  USING ((SELECT bd_my_role()) IN ('broker', 'manager')
         AND (actor = session_user OR client_ref IN (SELECT id FROM clients)
              OR (client_ref IS NULL AND (SELECT bd_my_role()) = 'manager'
                  AND (SELECT bd_my_branch()) IS NULL)));
DROP POLICY journal_append ON audit_log;
CREATE POLICY journal_append ON audit_log FOR INSERT TO broker, manager
  WITH CHECK ((SELECT bd_my_role()) IN ('broker', 'manager')
              AND operation = currval('audit_operations')
              AND (client_ref IS NULL OR client_ref IN (SELECT id FROM clients)
                   OR NOT bd_client_exists(client_ref)));
DROP POLICY trail_read ON row_audit;
CREATE POLICY trail_read ON row_audit FOR SELECT TO manager
  USING ((SELECT bd_my_role()) = 'manager' AND ((SELECT bd_my_branch()) IS NULL
         OR (CASE WHEN table_name = 'clients' THEN COALESCE(after, before) ->> 'id'
                  ELSE COALESCE(after, before) ->> 'client_ref' END)::bigint
            IN (SELECT id FROM clients)));
)SQL";

// (b) The book's settings, as on a desk (storage/schema schema_v1_book.cpp, _scheduling.cpp,
// _segments.cpp: same names, columns and defaults): the settings table (value model, VIP %,
// segment count, deadlines, portfolio options, ...), the calendar corrections, the channel
// limits and the service policies. (Brokers' capacities are brokers.daily_capacity already.)
// Every login reads them; only a manager (and the owner) writes them; the batch reads them for
// its runs. Each row change is in the database's trail.
const char* const kSettingsV5 = R"SQL(
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE calendar_days (
  date INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
  name TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'user'
);
CREATE TABLE channel_limits (
  channel INTEGER PRIMARY KEY,
  per_day INTEGER NOT NULL CHECK (per_day >= 0)
);
CREATE TABLE service_policies (
  relationship_type INTEGER PRIMARY KEY CHECK (relationship_type BETWEEN 0 AND 4),
  cadence_days INTEGER NOT NULL CHECK (cadence_days > 0),
  channels TEXT NOT NULL,
  served_by INTEGER NOT NULL CHECK (served_by BETWEEN 0 AND 3),
  proactive INTEGER NOT NULL
);
INSERT INTO channel_limits(channel, per_day) VALUES (5, 3), (6, 1);
INSERT INTO service_policies(relationship_type, cadence_days, channels, served_by, proactive)
VALUES (0, 365, 'sms', 3, 0),
       (1, 120, 'sms,wechat', 2, 1),
       (2, 60, 'phone', 1, 1),
       (3, 30, 'phone,wechat', 1, 1),
       (4, 14, 'visit,phone', 0, 1);
INSERT INTO settings(key, value) VALUES
  ('segments.kotler.many_share', '0.2'),
  ('segments.kotler.few_share', '0.05'),
  ('segments.kotler.high_margin_ratio', '2'),
  ('segments.kotler.low_margin_ratio', '0.5');

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['settings', 'calendar_days', 'channel_limits', 'service_policies'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY owner_all ON %I TO bd_owner USING (true) WITH CHECK (true)', t);
    EXECUTE format('CREATE POLICY batch_all ON %I TO batch USING ((SELECT bd_my_role()) = '
                   '''batch'') WITH CHECK ((SELECT bd_my_role()) = ''batch'')', t);
    EXECUTE format('CREATE POLICY people_read ON %I FOR SELECT TO broker, manager'
                   ' USING ((SELECT bd_my_role()) IN (''broker'', ''manager''))', t);
    EXECUTE format('CREATE POLICY manager_write ON %I TO manager'
                   ' USING ((SELECT bd_my_role()) = ''manager'')'
                   ' WITH CHECK ((SELECT bd_my_role()) = ''manager'')', t);
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', t);
    EXECUTE format('GRANT SELECT ON %I TO broker, manager, batch', t);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO manager', t);
    -- Each row change in the database's trail, keyed by the table's key.
    EXECUTE format('CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW'
                   ' EXECUTE FUNCTION bd_audit_row(%L)', t,
                   CASE t WHEN 'settings' THEN 'key' WHEN 'calendar_days' THEN 'date'
                          WHEN 'channel_limits' THEN 'channel' ELSE 'relationship_type' END);
  END LOOP;
END $$;
)SQL";

} // namespace

Status migrateV5(PgConnection& admin) {
    if (auto s = admin.script(kPoliciesV5); !s) return s;
    return admin.script(kSettingsV5);
}

} // namespace bd::storage
