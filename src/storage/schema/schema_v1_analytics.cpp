#include "storage/book/tradedays.h"
#include "storage/schema/schema_v1.h"

// The triggers that list the clients whose trades changed, so trade_days can be brought up to
// date without a scan. Shared by the schema and by the bulk writers, which drop them while
// they load an empty trades table and rebuild trade_days in one pass instead.
#define BD_TRADE_DAYS_TRIGGERS                                                                     \
    "CREATE TRIGGER IF NOT EXISTS trade_days_mark_insert AFTER INSERT ON trades BEGIN\n"           \
    "  INSERT OR IGNORE INTO trade_days_dirty(client_ref) VALUES (NEW.client_ref);\n"              \
    "END;\n"                                                                                       \
    "CREATE TRIGGER IF NOT EXISTS trade_days_mark_delete AFTER DELETE ON trades BEGIN\n"           \
    "  INSERT OR IGNORE INTO trade_days_dirty(client_ref) VALUES (OLD.client_ref);\n"              \
    "END;\n"                                                                                       \
    "CREATE TRIGGER IF NOT EXISTS trade_days_mark_update\n"                                        \
    "AFTER UPDATE OF client_ref, trade_time, amount, commission ON trades BEGIN\n"                 \
    "  INSERT OR IGNORE INTO trade_days_dirty(client_ref) VALUES (OLD.client_ref);\n"              \
    "  INSERT OR IGNORE INTO trade_days_dirty(client_ref) VALUES (NEW.client_ref);\n"              \
    "END;\n"

namespace bd::storage {

const std::string_view kTradeDaysTriggers = BD_TRADE_DAYS_TRIGGERS;

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
  explanation_code TEXT NOT NULL DEFAULT '', -- put into words on reading (core/valueexplanation.h)
  flag_reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, client_ref)
) WITHOUT ROWID;
-- No index by rank: readers take a whole run and sort it (faster than walking such an index
-- into the table), and the index cost a refresh about 0.4 s to fill and later prune.

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

-- Per-client-per-day trade aggregates (day = Date::days of trade_time), derived from trades
-- and kept up to date by every writer (see storage/tradedays.h). Version 2 replaces this table
-- with a packed one (schema_v2.cpp).
CREATE TABLE trade_days (
  client_ref INTEGER NOT NULL,
  day INTEGER NOT NULL,
  trades INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  commission INTEGER NOT NULL,
  PRIMARY KEY (client_ref, day)
) WITHOUT ROWID;
-- Clients whose trades changed since trade_days was last brought up to date (filled by the
-- triggers below, emptied by syncTradeDays).
CREATE TABLE trade_days_dirty (
  client_ref INTEGER PRIMARY KEY
);
-- Covers the refresh's contact features, read by client range without touching the rows
-- (which carry the free-text notes).
CREATE INDEX contacts_for_value ON contacts(client_ref, contact_time, channel, satisfaction);
)SQL" BD_TRADE_DAYS_TRIGGERS;

} // namespace bd::storage
