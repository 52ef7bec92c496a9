#include "storage/pg/pgschema_sql.h"

namespace bd::storage::pgsql {

// The branch book, version 3 (issue 19, the nightly batch): the results of `refresh` (value runs,
// client scores, future-value models, segments, the KPI history) and of `plan` (plan runs, the
// follow-up tasks, dropped items), in the stored forms of the desk's book (schema v14), so that
// the batch computes them with the desk's own pipeline and moves the rows unchanged
// (storage/pg/pgbatch.cpp). Owned by bd_owner like every table; row-level security enabled and
// forced: a broker reads the rows of their own clients (and their own KPI rows), a manager those
// of the branch, only the batch writes. Each bulk write is counted in the database's trail.
const char* const kSchemaV3 = R"SQL(
CREATE TABLE analytics_runs (
  id BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  started_at TEXT NOT NULL,
  as_of INTEGER,
  parameters TEXT NOT NULL,
  duration_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
  stage_timings TEXT,
  summary TEXT
);
CREATE TABLE analytics_results (
  run_id BIGINT NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  client_ref BIGINT NOT NULL REFERENCES clients(id),
  metrics TEXT NOT NULL,
  PRIMARY KEY (run_id, client_ref)
);
CREATE TABLE client_scores (
  run_id BIGINT NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  client_ref BIGINT NOT NULL REFERENCES clients(id),
  aum BIGINT NOT NULL,
  trades_12m BIGINT NOT NULL,
  commission_12m BIGINT NOT NULL,
  interest_12m BIGINT NOT NULL,
  handling_cost_12m BIGINT NOT NULL,
  service_cost_12m BIGINT NOT NULL,
  maintenance_12m BIGINT NOT NULL,
  profit_12m BIGINT NOT NULL,
  recency_days BIGINT NOT NULL,
  frequency BIGINT NOT NULL,
  p_alive DOUBLE PRECISION NOT NULL,
  expected_trades_12m DOUBLE PRECISION NOT NULL,
  expected_commission_per_trade_day BIGINT NOT NULL,
  clv_12m BIGINT NOT NULL,
  value_score DOUBLE PRECISION NOT NULL,
  value_rank BIGINT NOT NULL,
  vip SMALLINT NOT NULL DEFAULT 0,
  aum_rich_low_value SMALLINT NOT NULL DEFAULT 0,
  churn_risk DOUBLE PRECISION NOT NULL,
  explanation_code TEXT NOT NULL DEFAULT '',
  flag_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, client_ref)
);
CREATE INDEX client_scores_by_client ON client_scores(client_ref);
CREATE TABLE clv_models (
  run_id BIGINT NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  model TEXT NOT NULL,
  parameters TEXT NOT NULL,
  log_likelihood DOUBLE PRECISION,
  clients BIGINT NOT NULL DEFAULT 0,
  repeat_clients BIGINT NOT NULL DEFAULT 0,
  converged SMALLINT NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, scope, model)
);
CREATE TABLE segment_runs (
  run_id BIGINT PRIMARY KEY REFERENCES analytics_runs(id) ON DELETE CASCADE,
  clients BIGINT NOT NULL,
  k INTEGER NOT NULL,
  used_factors INTEGER NOT NULL DEFAULT 0,
  factors INTEGER NOT NULL DEFAULT 0,
  explained_variance DOUBLE PRECISION,
  inertia DOUBLE PRECISION NOT NULL DEFAULT 0,
  silhouette DOUBLE PRECISION,
  previous_run_id BIGINT,
  features TEXT NOT NULL DEFAULT '[]',
  unsegmented TEXT NOT NULL DEFAULT ''
);
CREATE TABLE segments (
  run_id BIGINT NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  segment_id INTEGER NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_edited SMALLINT NOT NULL DEFAULT 0,
  inherited SMALLINT NOT NULL DEFAULT 0,
  relationship_type SMALLINT NOT NULL CHECK (relationship_type BETWEEN 0 AND 4),
  client_level INTEGER NOT NULL,
  margin_level INTEGER NOT NULL,
  size BIGINT NOT NULL,
  client_share DOUBLE PRECISION NOT NULL,
  aum_share DOUBLE PRECISION,
  profit_share DOUBLE PRECISION,
  mean_aum DOUBLE PRECISION,
  mean_profit_12m DOUBLE PRECISION,
  mean_clv_12m DOUBLE PRECISION,
  mean_aum_trend DOUBLE PRECISION,
  growth_potential DOUBLE PRECISION,
  feature_means TEXT NOT NULL DEFAULT '{}',
  feature_z TEXT NOT NULL DEFAULT '{}',
  centroid TEXT NOT NULL DEFAULT '[]',
  name_fact TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, segment_id)
);
CREATE TABLE segment_labels (
  run_id BIGINT NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  client_ref BIGINT NOT NULL REFERENCES clients(id),
  segment_id INTEGER NOT NULL,
  PRIMARY KEY (run_id, client_ref)
);
CREATE TABLE segment_factors (
  run_id BIGINT NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  factor INTEGER NOT NULL,
  theme TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  variance DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (run_id, factor)
);
CREATE TABLE segment_factor_loadings (
  run_id BIGINT NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  factor INTEGER NOT NULL,
  feature_index INTEGER NOT NULL,
  feature TEXT NOT NULL,
  loading DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (run_id, factor, feature_index)
);
CREATE TABLE segment_k_choices (
  run_id BIGINT NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  k INTEGER NOT NULL,
  silhouette DOUBLE PRECISION NOT NULL,
  inertia DOUBLE PRECISION NOT NULL,
  sample_rows BIGINT NOT NULL,
  silhouette_se DOUBLE PRECISION,
  agreement DOUBLE PRECISION,
  PRIMARY KEY (run_id, k)
);
CREATE TABLE segment_migrations (
  run_id BIGINT NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  from_segment_id INTEGER NOT NULL,
  to_segment_id INTEGER NOT NULL,
  clients BIGINT NOT NULL,
  PRIMARY KEY (run_id, from_segment_id, to_segment_id)
);
CREATE TABLE kpi_months (
  month INTEGER NOT NULL,
  scope SMALLINT NOT NULL,
  scope_id TEXT NOT NULL,
  as_of INTEGER NOT NULL,
  computed_at BIGINT NOT NULL,
  clients BIGINT NOT NULL,
  active BIGINT NOT NULL,
  new_clients BIGINT NOT NULL,
  lost BIGINT NOT NULL,
  aum BIGINT NOT NULL,
  net_inflow BIGINT NOT NULL,
  commission BIGINT NOT NULL,
  profit_12m BIGINT NOT NULL,
  vips BIGINT NOT NULL,
  vips_entered BIGINT NOT NULL,
  vips_left BIGINT NOT NULL,
  cadence_clients BIGINT NOT NULL,
  covered BIGINT NOT NULL,
  contacts BIGINT NOT NULL,
  satisfaction_sum BIGINT NOT NULL,
  satisfaction_count BIGINT NOT NULL,
  retention_base BIGINT NOT NULL,
  retained BIGINT NOT NULL,
  promoters BIGINT NOT NULL DEFAULT 0,
  passives BIGINT NOT NULL DEFAULT 0,
  detractors BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, scope, scope_id)
);
CREATE INDEX kpi_months_by_scope ON kpi_months(scope, scope_id, month);
CREATE TABLE kpi_contacts (
  month INTEGER NOT NULL,
  scope SMALLINT NOT NULL,
  scope_id TEXT NOT NULL,
  channel SMALLINT NOT NULL,
  outcome SMALLINT NOT NULL,
  contacts BIGINT NOT NULL,
  PRIMARY KEY (month, scope, scope_id, channel, outcome)
);
CREATE TABLE kpi_vip_changes (
  month INTEGER NOT NULL,
  client_ref BIGINT NOT NULL,
  kind SMALLINT NOT NULL,
  profit_12m BIGINT NOT NULL,
  prev_profit_12m BIGINT NOT NULL,
  cut_off BIGINT NOT NULL,
  prev_cut_off BIGINT NOT NULL,
  PRIMARY KEY (month, client_ref)
);
CREATE TABLE plan_runs (
  id BIGINT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  as_of INTEGER NOT NULL,
  first_day INTEGER NOT NULL,
  last_day INTEGER NOT NULL,
  horizon_working_days INTEGER NOT NULL,
  default_daily_capacity INTEGER NOT NULL,
  parameters TEXT NOT NULL DEFAULT '{}',
  planned BIGINT NOT NULL DEFAULT 0,
  dropped BIGINT NOT NULL DEFAULT 0,
  warnings TEXT
);
CREATE TABLE follow_up_tasks (
  id BIGINT PRIMARY KEY,
  client_ref BIGINT NOT NULL REFERENCES clients(id),
  broker_id TEXT NOT NULL,
  planned_date INTEGER NOT NULL,
  due_date INTEGER,
  channel SMALLINT NOT NULL DEFAULT 0,
  time_window TEXT,
  priority DOUBLE PRECISION NOT NULL DEFAULT 0,
  reasons TEXT,
  talking_points TEXT,
  status SMALLINT NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  skip_reason TEXT,
  contact_id BIGINT REFERENCES contacts(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX tasks_by_broker_date ON follow_up_tasks(broker_id, planned_date);
CREATE INDEX tasks_by_client ON follow_up_tasks(client_ref, planned_date);
CREATE TABLE plan_tasks (
  run_id BIGINT NOT NULL REFERENCES plan_runs(id) ON DELETE CASCADE,
  task_id BIGINT NOT NULL REFERENCES follow_up_tasks(id) ON DELETE CASCADE,
  late_working_days INTEGER NOT NULL DEFAULT 0,
  channel_fallback SMALLINT NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, task_id)
);
CREATE INDEX plan_tasks_by_task ON plan_tasks(task_id);
CREATE TABLE plan_dropped (
  run_id BIGINT NOT NULL REFERENCES plan_runs(id) ON DELETE CASCADE,
  client_ref BIGINT NOT NULL REFERENCES clients(id),
  broker_id TEXT NOT NULL,
  priority DOUBLE PRECISION NOT NULL,
  reason SMALLINT NOT NULL,
  facts TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (run_id, client_ref)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['analytics_runs', 'analytics_results', 'client_scores', 'clv_models',
      'segment_runs', 'segments', 'segment_labels', 'segment_factors', 'segment_factor_loadings',
      'segment_k_choices', 'segment_migrations', 'kpi_months', 'kpi_contacts', 'kpi_vip_changes',
      'plan_runs', 'follow_up_tasks', 'plan_tasks', 'plan_dropped'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY owner_all ON %I TO bd_owner USING (true) WITH CHECK (true)', t);
    EXECUTE format('CREATE POLICY batch_all ON %I TO batch USING (bd_my_role() = ''batch'')'
                   ' WITH CHECK (bd_my_role() = ''batch'')', t);
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', t);
    EXECUTE format('GRANT SELECT ON %I TO broker, manager, batch', t);
    EXECUTE format('GRANT INSERT, DELETE ON %I TO batch', t);
    -- The batch's bulk writes, counted per statement (as the loads of trades and snapshots).
    EXECUTE format('CREATE TRIGGER audit_bulk_insert AFTER INSERT ON %I REFERENCING NEW TABLE'
                   ' AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk()', t);
    EXECUTE format('CREATE TRIGGER audit_bulk_delete AFTER DELETE ON %I REFERENCING OLD TABLE'
                   ' AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_bulk()', t);
  END LOOP;
  -- A run's record and its firm-wide figures (segment profiles, models, the choice of k): what
  -- every desk's segment and value pages show; no client's own values.
  FOREACH t IN ARRAY ARRAY['analytics_runs', 'clv_models', 'segment_runs', 'segments',
      'segment_factors', 'segment_factor_loadings', 'segment_k_choices', 'segment_migrations',
      'plan_runs'] LOOP
    EXECUTE format('CREATE POLICY people_read ON %I FOR SELECT TO broker, manager'
                   ' USING (bd_my_role() IN (''broker'', ''manager''))', t);
  END LOOP;
  -- One client's results: seen with the client (the subquery is filtered by the clients policy).
  FOREACH t IN ARRAY ARRAY['analytics_results', 'client_scores', 'segment_labels',
      'kpi_vip_changes', 'follow_up_tasks', 'plan_dropped'] LOOP
    EXECUTE format('CREATE POLICY with_client ON %I FOR SELECT TO broker, manager'
                   ' USING (client_ref IN (SELECT id FROM clients))', t);
  END LOOP;
  -- The KPI history by scope (1 firm, 2 branch, 3 broker): a broker their own rows; a manager
  -- their branch and its brokers, the firm's rows only when they manage the whole firm.
  FOREACH t IN ARRAY ARRAY['kpi_months', 'kpi_contacts'] LOOP
    EXECUTE format('CREATE POLICY own_scope ON %I FOR SELECT TO broker, manager USING ('
                   ' (bd_my_role() = ''broker'' AND scope = 3 AND scope_id = bd_my_broker())'
                   ' OR (bd_my_role() = ''manager'' AND (bd_my_branch() IS NULL'
                   '   OR (scope = 2 AND scope_id = bd_my_branch())'
                   '   OR (scope = 3 AND scope_id IN (SELECT broker_id FROM brokers'
                   '                                  WHERE branch_id = bd_my_branch())))))', t);
  END LOOP;
END $$;
-- The batch's policy on every table asks who the login is once per statement, not once per
-- row: the function in a scalar subquery is evaluated once (an InitPlan), where a bare call is
-- evaluated for every row read or written (about 10 s per million rows of a bulk read).
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP POLICY batch_all ON %I', t);
    EXECUTE format('CREATE POLICY batch_all ON %I TO batch USING ((SELECT bd_my_role()) = '
                   '''batch'') WITH CHECK ((SELECT bd_my_role()) = ''batch'')', t);
  END LOOP;
END $$;
-- A plan's task rows: seen with the task.
CREATE POLICY with_task ON plan_tasks FOR SELECT TO broker, manager
  USING (task_id IN (SELECT id FROM follow_up_tasks));
)SQL";

} // namespace bd::storage::pgsql
