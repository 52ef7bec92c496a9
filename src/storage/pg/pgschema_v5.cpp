// The branch book, version 5 (issue 19, reads, settings and surveys on the server).
#include "storage/pg/pgschema_v5.h"

#include <string_view>

#include "storage/schema/sqltext.h"

namespace bd::storage {
namespace {

// (a) The broker's and manager's policies ask who the login is in a scalar subquery: evaluated
// once per statement (an InitPlan), where a bare call ran for every row read (as v3 did for the
// batch's policy). The manager's clients policy spells out bd_in_my_branch (a call with the
// row's values cannot be hoisted): the branch's brokers are one hashed subplan.
constexpr std::string_view kPoliciesV5 = R"SQL(
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
// its runs (their security: (d)).
constexpr std::string_view kSettingsTables = R"SQL(
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
)SQL";
constexpr std::string_view kChannelLimitDefaults =
    R"SQL(INSERT INTO channel_limits(channel, per_day) VALUES (5, 3), (6, 1);
)SQL";
constexpr std::string_view kKotlerDefaults = R"SQL(INSERT INTO settings(key, value) VALUES
  ('segments.kotler.many_share', '0.2'),
  ('segments.kotler.few_share', '0.05'),
  ('segments.kotler.high_margin_ratio', '2'),
  ('segments.kotler.low_margin_ratio', '0.5');
)SQL";
// The service policies' table and default rows are the desk's own (storage/schema/sqltext.h).
constexpr std::string_view kSettingsV5 =
    kSqlText<kSettingsTables, kServicePoliciesTable, kChannelLimitDefaults, kServicePolicyDefaults,
             kKotlerDefaults>;

// (c) Surveys (the desk's schema v14): templates and their items, campaigns, the survey calls a
// launch makes and the answers contacts carry. Every login reads the templates and campaigns
// (a manager writes them); a call and an answer are seen and written with their client (a broker
// records the answers of their own clients; (d)).
constexpr std::string_view kSurveysV5 = R"SQL(
CREATE TABLE survey_templates (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL,
  standard INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE survey_items (
  template_id BIGINT NOT NULL REFERENCES survey_templates(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
  standard_item INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (template_id, position)
);
CREATE TABLE survey_campaigns (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL,
  template_id BIGINT NOT NULL REFERENCES survey_templates(id),
  audience INTEGER NOT NULL,
  audience_arg BIGINT NOT NULL DEFAULT 0,
  launch_date INTEGER NOT NULL,
  deadline_working_days INTEGER NOT NULL,
  deadline_date INTEGER NOT NULL,
  launched_at BIGINT NOT NULL
);
CREATE TABLE survey_calls (
  campaign_id BIGINT NOT NULL REFERENCES survey_campaigns(id),
  client_ref BIGINT NOT NULL REFERENCES clients(id),
  queue TEXT NOT NULL,
  due_date INTEGER NOT NULL,
  contact_id BIGINT REFERENCES contacts(id),
  PRIMARY KEY (campaign_id, client_ref)
);
CREATE INDEX survey_calls_open ON survey_calls(client_ref) WHERE contact_id IS NULL;
CREATE TABLE survey_answers (
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  item INTEGER NOT NULL CHECK (item BETWEEN 0 AND 5),
  campaign_id BIGINT NOT NULL REFERENCES survey_campaigns(id),
  client_ref BIGINT NOT NULL REFERENCES clients(id),
  score INTEGER NOT NULL CHECK ((item = 0 AND score BETWEEN 0 AND 10) OR
                               (item > 0 AND score BETWEEN 1 AND 5)),
  PRIMARY KEY (contact_id, item)
);
CREATE INDEX survey_answers_by_campaign ON survey_answers(campaign_id, client_ref);
INSERT INTO survey_templates(id, name, standard, created_at) VALUES (1, '', 1, 0), (2, '', 2, 0);
SELECT setval(pg_get_serial_sequence('survey_templates', 'id'), 2);
INSERT INTO survey_items(template_id, position, standard_item) VALUES
  (1, 1, 1), (1, 2, 2), (1, 3, 3), (1, 4, 4),
  (2, 1, 5), (2, 2, 6), (2, 3, 7);
)SQL";

// (d) The security of every table of (b) and (c), as for the tables before: row-level security
// enabled and forced, the owner's and the batch's policies, SELECT for every group, each row
// change in the database's trail (keyed by the table's key). The book-wide tables (the settings,
// the survey templates and campaigns) are read by every login and written by a manager; a survey
// call and its answers are seen and written with their client.
constexpr std::string_view kSecurityV5 = R"SQL(
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['settings', 'calendar_days', 'channel_limits', 'service_policies',
      'survey_templates', 'survey_items', 'survey_campaigns', 'survey_calls',
      'survey_answers'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY owner_all ON %I TO bd_owner USING (true) WITH CHECK (true)', t);
    EXECUTE format('CREATE POLICY batch_all ON %I TO batch USING ((SELECT bd_my_role()) = '
                   '''batch'') WITH CHECK ((SELECT bd_my_role()) = ''batch'')', t);
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', t);
    EXECUTE format('GRANT SELECT ON %I TO broker, manager, batch', t);
    EXECUTE format('CREATE TRIGGER audit_row AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW'
                   ' EXECUTE FUNCTION bd_audit_row(%L)', t,
                   CASE t WHEN 'settings' THEN 'key' WHEN 'calendar_days' THEN 'date'
                          WHEN 'channel_limits' THEN 'channel'
                          WHEN 'service_policies' THEN 'relationship_type'
                          WHEN 'survey_items' THEN 'template_id'
                          WHEN 'survey_calls' THEN 'client_ref'
                          WHEN 'survey_answers' THEN 'contact_id' ELSE 'id' END);
    IF t IN ('survey_calls', 'survey_answers') THEN
      EXECUTE format('CREATE POLICY with_client ON %I TO broker, manager'
                     ' USING (client_ref IN (SELECT id FROM clients))'
                     ' WITH CHECK (client_ref IN (SELECT id FROM clients))', t);
    ELSE
      EXECUTE format('CREATE POLICY people_read ON %I FOR SELECT TO broker, manager'
                     ' USING ((SELECT bd_my_role()) IN (''broker'', ''manager''))', t);
      EXECUTE format('CREATE POLICY manager_write ON %I TO manager'
                     ' USING ((SELECT bd_my_role()) = ''manager'')'
                     ' WITH CHECK ((SELECT bd_my_role()) = ''manager'')', t);
    END IF;
  END LOOP;
END $$;
GRANT INSERT, UPDATE, DELETE ON settings, calendar_days, channel_limits, service_policies
  TO manager;
GRANT INSERT ON survey_templates, survey_items, survey_campaigns, survey_calls TO manager;
GRANT UPDATE (contact_id) ON survey_calls TO broker, manager;
GRANT INSERT ON survey_answers TO broker, manager;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO broker, manager, batch;
)SQL";

} // namespace

Status migrateV5(PgConnection& admin) {
    for (std::string_view script : {kPoliciesV5, kSettingsV5, kSurveysV5, kSecurityV5})
        if (auto s = admin.script(script); !s) return s;
    return {};
}

} // namespace bd::storage
