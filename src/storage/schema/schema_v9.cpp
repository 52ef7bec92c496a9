#include "storage/schema/schema_v9.h"

namespace bd::storage {

// Version 9 (see schema_v9.h). Derived data: every row can be computed again from trades,
// snapshots and contacts (`brokerdesk-cli kpi --rebuild`), so nothing references these tables.
// Month is year * 100 + month; money in 0.0001 CNY; as_of is the day the figures are as of
// (the month-end, or the refresh's as-of date in a month still open).
const std::string_view kSchemaV9Kpi = R"SQL(
CREATE TABLE kpi_months (
  month INTEGER NOT NULL,
  scope INTEGER NOT NULL,
  scope_id TEXT NOT NULL,
  as_of INTEGER NOT NULL,
  computed_at INTEGER NOT NULL,
  clients INTEGER NOT NULL,
  active INTEGER NOT NULL,
  new_clients INTEGER NOT NULL,
  lost INTEGER NOT NULL,
  aum INTEGER NOT NULL,
  net_inflow INTEGER NOT NULL,
  commission INTEGER NOT NULL,
  profit_12m INTEGER NOT NULL,
  vips INTEGER NOT NULL,
  vips_entered INTEGER NOT NULL,
  vips_left INTEGER NOT NULL,
  cadence_clients INTEGER NOT NULL,
  covered INTEGER NOT NULL,
  contacts INTEGER NOT NULL,
  satisfaction_sum INTEGER NOT NULL,
  satisfaction_count INTEGER NOT NULL,
  retention_base INTEGER NOT NULL,
  retained INTEGER NOT NULL,
  PRIMARY KEY (month, scope, scope_id)
) WITHOUT ROWID;
CREATE INDEX kpi_months_by_scope ON kpi_months(scope, scope_id, month);

CREATE TABLE kpi_contacts (
  month INTEGER NOT NULL,
  scope INTEGER NOT NULL,
  scope_id TEXT NOT NULL,
  channel INTEGER NOT NULL,
  outcome INTEGER NOT NULL,
  contacts INTEGER NOT NULL,
  PRIMARY KEY (month, scope, scope_id, channel, outcome)
) WITHOUT ROWID;

CREATE TABLE kpi_vip_changes (
  month INTEGER NOT NULL,
  client_ref INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  profit_12m INTEGER NOT NULL,
  prev_profit_12m INTEGER NOT NULL,
  cut_off INTEGER NOT NULL,
  prev_cut_off INTEGER NOT NULL,
  PRIMARY KEY (month, client_ref)
) WITHOUT ROWID;

CREATE INDEX contacts_for_kpi ON contacts(client_ref, contact_time, channel, outcome, satisfaction)
WHERE void_reason IS NULL;
)SQL";

} // namespace bd::storage
