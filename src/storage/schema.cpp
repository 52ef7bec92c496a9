#include "storage/schema.h"

#include <spdlog/spdlog.h>

#include <array>
#include <string_view>

namespace bd::storage {
namespace {

// Conventions: dates are INTEGER days since 1970-01-01, date-times INTEGER seconds since
// 1970-01-01 00:00 exchange time, money INTEGER units of 0.0001 CNY, enums INTEGER codes
// (see core/enums.h). Clients are referenced by their integer row id (client_ref).
constexpr std::string_view kV1 = R"SQL(
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

CREATE TABLE securities (
  security_code TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  board INTEGER NOT NULL DEFAULT 0,
  risk_level INTEGER NOT NULL DEFAULT 0,
  industry TEXT
) WITHOUT ROWID;

CREATE TABLE trades (
  id INTEGER PRIMARY KEY,
  trade_id TEXT NOT NULL UNIQUE,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  trade_time INTEGER NOT NULL,
  security_code TEXT NOT NULL,
  side INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  price INTEGER NOT NULL,
  amount INTEGER NOT NULL,
  commission INTEGER NOT NULL,
  fees INTEGER,
  channel INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX trades_by_client_time ON trades(client_ref, trade_time);

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

// Each entry upgrades version i to i+1. Append only; never edit a released migration.
constexpr std::array<std::string_view, 1> kMigrations{kV1};

}  // namespace

int currentSchemaVersion() { return static_cast<int>(kMigrations.size()); }

Status migrate(Database& db, bool backupFirst) {
    auto v = queryInt(db, "PRAGMA user_version");
    if (!v) return v.error();
    const int have = static_cast<int>(*v);
    const int want = currentSchemaVersion();
    if (have > want) {
        Error e = makeError(ErrorCode::Version,
                            "this book was written by a newer BrokerDesk (schema version " +
                                std::to_string(have) + "; this build reads up to " +
                                std::to_string(want) + "); upgrade BrokerDesk to open it");
        e.file = db.path();
        return e;
    }
    if (have == want) return {};
    if (have > 0 && backupFirst && db.path() != ":memory:" && !db.path().empty()) {
        const std::string backup = db.path() + ".v" + std::to_string(have) + ".bak";
        auto st = db.prepare("VACUUM INTO ?");
        if (!st) return st.error();
        st->bind(1, std::string_view(backup));
        if (auto s = st->run(); !s) return s;
        spdlog::info("backed up book schema v{} to {}", have, backup);
    }
    for (int i = have; i < want; ++i) {
        Transaction tx(db);
        if (!tx.began()) return tx.began();
        if (auto s = db.exec(kMigrations[static_cast<std::size_t>(i)]); !s) return s;
        if (auto s = db.exec("PRAGMA user_version = " + std::to_string(i + 1)); !s) return s;
        if (auto s = tx.commit(); !s) return s;
        spdlog::info("migrated book {} to schema v{}", db.path(), i + 1);
    }
    return {};
}

Result<Database> openBook(const std::string& path, OpenOptions options) {
    auto db = Database::open(path, options.create);
    if (!db) return db.error();
    // WAL lets the workstation read while an import writes; foreign keys guard references.
    if (auto s = db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                          "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
        !s)
        return s.error();
    if (auto s = migrate(*db, options.backupBeforeMigrate); !s) return s.error();
    return db;
}

}  // namespace bd::storage
