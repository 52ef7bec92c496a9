#include "storage/db/bulkjournal.h"

#include <optional>
#include <string>

#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace bd::storage {
namespace {

/// The journal mode a PRAGMA reports (nullopt on error).
std::optional<std::string> journalMode(Database& db, std::string_view sql) {
    auto st = db.prepare(sql);
    if (!st) return std::nullopt;
    auto r = st->step();
    if (!r || !*r) return std::nullopt;
    return st->text(0);
}

} // namespace

BulkJournal::BulkJournal(Database& db) : m_db(db) {
    if (journalMode(db, "PRAGMA journal_mode") != "wal") return;
    // Another connection makes the switch fail at once (no waiting for it to go away).
    sqlite3_busy_timeout(db.handle(), 0);
    m_switched = journalMode(db, "PRAGMA journal_mode=DELETE") == "delete";
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    if (m_switched) spdlog::debug("{}: bulk load with a rollback journal", db.path());
}

BulkJournal::~BulkJournal() {
    if (m_switched && journalMode(m_db, "PRAGMA journal_mode=WAL") != "wal")
        spdlog::warn("could not return {} to WAL mode", m_db.path());
}

} // namespace bd::storage
