#include "storage/schema_v1.h"

namespace bd::storage {

// Tables for value-model results per analytics run (analytics_runs lives in the book fragment).
// Money is INTEGER units of 0.0001 CNY like the rest of the book, rounded once from the
// model's double arithmetic; rates, probabilities and scores are REAL.
const std::string_view kSchemaV1Analytics = R"SQL(
CREATE TABLE client_scores (
  run_id INTEGER NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  aum INTEGER NOT NULL,
  trades_12m INTEGER NOT NULL,
  commission_12m INTEGER NOT NULL,
  interest_12m INTEGER NOT NULL,
  handling_cost_12m INTEGER NOT NULL,
  service_cost_12m INTEGER NOT NULL,
  maintenance_12m INTEGER NOT NULL,
  profit_12m INTEGER NOT NULL,
  recency_days INTEGER NOT NULL,
  frequency INTEGER NOT NULL,
  p_alive REAL NOT NULL,
  expected_trades_12m REAL NOT NULL,
  expected_commission_per_trade_day INTEGER NOT NULL,
  clv_12m INTEGER NOT NULL,
  value_score REAL NOT NULL,
  value_rank INTEGER NOT NULL,
  vip INTEGER NOT NULL DEFAULT 0,
  aum_rich_low_value INTEGER NOT NULL DEFAULT 0,
  churn_risk REAL NOT NULL,
  explanation TEXT NOT NULL DEFAULT '',
  explanation_zh TEXT NOT NULL DEFAULT '',
  flag_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, client_ref)
) WITHOUT ROWID;
CREATE INDEX client_scores_by_rank ON client_scores(run_id, value_rank);

CREATE TABLE clv_models (
  run_id INTEGER NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  model TEXT NOT NULL,
  parameters TEXT NOT NULL,
  log_likelihood REAL,
  clients INTEGER NOT NULL DEFAULT 0,
  repeat_clients INTEGER NOT NULL DEFAULT 0,
  converged INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, scope, model)
) WITHOUT ROWID;
)SQL";

} // namespace bd::storage
