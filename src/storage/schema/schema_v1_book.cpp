#include "storage/schema/schema_v1.h"

#include "storage/schema/sqltext.h"

namespace bd::storage {
namespace {

// The parties (branches, brokers, clients), securities, and the start of trades.
constexpr std::string_view kBookToTrades = R"SQL(
CREATE TABLE branches (
  branch_id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE brokers (
  broker_id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  branch_id TEXT REFERENCES branches(branch_id),
  daily_capacity INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE clients (
  id INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  gender INTEGER NOT NULL DEFAULT 0,
  birth_date INTEGER,
  id_number TEXT,
  phone TEXT,
  email TEXT,
  broker_id TEXT NOT NULL REFERENCES brokers(broker_id),
  branch_id TEXT REFERENCES branches(branch_id),
  open_date INTEGER NOT NULL,
  risk_level INTEGER NOT NULL DEFAULT 0,
  status INTEGER NOT NULL DEFAULT 0,
  preferred_channel INTEGER NOT NULL DEFAULT 0,
  contact_hours TEXT
);
CREATE INDEX clients_by_broker ON clients(broker_id, id);
CREATE INDEX clients_by_branch ON clients(branch_id, id);
CREATE INDEX clients_by_name ON clients(name);
CREATE INDEX clients_by_phone ON clients(phone);
CREATE INDEX clients_by_open_date ON clients(open_date);

CREATE TABLE securities (
  security_code TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  board INTEGER NOT NULL DEFAULT 0,
  risk_level INTEGER NOT NULL DEFAULT 0,
  industry TEXT
) WITHOUT ROWID;

-- Clustered by the main access path (one client's trades in time order) rather than by a row
-- id: reading a client's history is one range of the table, and an import sorted by this key
-- writes at the right edge of the tree. The table is its only index: trade_id is unique by the
-- importer's checks (an in-memory map of the stored ids), because a unique index on it cost
-- more per imported row than the table itself (docs/performance.md, import).
CREATE TABLE trades (
)SQL";

// trades' key and the tables after it: assets, positions, contacts, plans, settings, the
// analytics runs, the import log and the audit log.
constexpr std::string_view kBookFromTradeKey =
    R"SQL(  PRIMARY KEY (client_ref, trade_time, trade_id)
) WITHOUT ROWID;

CREATE TABLE assets (
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  date INTEGER NOT NULL,
  cash INTEGER NOT NULL,
  market_value INTEGER NOT NULL,
  net_inflow INTEGER,
  PRIMARY KEY (client_ref, date)
) WITHOUT ROWID;

CREATE TABLE positions (
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  date INTEGER NOT NULL,
  security_code TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  cost_price INTEGER,
  close_price INTEGER NOT NULL,
  PRIMARY KEY (client_ref, date, security_code)
) WITHOUT ROWID;

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  broker_id TEXT NOT NULL,
  contact_time INTEGER NOT NULL,
  channel INTEGER NOT NULL,
  direction INTEGER NOT NULL DEFAULT 0,
  outcome INTEGER NOT NULL DEFAULT 0,
  satisfaction INTEGER,
  notes TEXT,
  next_follow_up INTEGER,
  UNIQUE (client_ref, contact_time, channel)
);
CREATE INDEX contacts_by_broker_time ON contacts(broker_id, contact_time);

CREATE TABLE follow_up_tasks (
  id INTEGER PRIMARY KEY,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  broker_id TEXT NOT NULL,
  planned_date INTEGER NOT NULL,
  due_date INTEGER,
  channel INTEGER NOT NULL DEFAULT 0,
  time_window TEXT,
  priority REAL NOT NULL DEFAULT 0,
  reasons TEXT,
  talking_points TEXT,
  status INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  skip_reason TEXT,
  contact_id INTEGER REFERENCES contacts(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX tasks_by_broker_date ON follow_up_tasks(broker_id, planned_date);
CREATE INDEX tasks_by_client ON follow_up_tasks(client_ref, planned_date);

CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE analytics_runs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  started_at TEXT NOT NULL,
  as_of INTEGER,
  parameters TEXT NOT NULL,
  duration_ms REAL NOT NULL DEFAULT 0,
  stage_timings TEXT,
  summary TEXT
);

CREATE TABLE analytics_results (
  run_id INTEGER NOT NULL REFERENCES analytics_runs(id) ON DELETE CASCADE,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  metrics TEXT NOT NULL,
  PRIMARY KEY (run_id, client_ref)
) WITHOUT ROWID;

CREATE TABLE import_log (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  file TEXT NOT NULL,
  encoding TEXT,
  rows_new INTEGER NOT NULL DEFAULT 0,
  rows_updated INTEGER NOT NULL DEFAULT 0,
  rows_unchanged INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  message TEXT
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT,
  entity_id TEXT,
  details TEXT
);
)SQL";

} // namespace

const std::string_view kSchemaV1Book =
    kSqlText<kBookToTrades, kTradeKeyColumnsV1, kTradeValueColumns, kBookFromTradeKey>;

} // namespace bd::storage
