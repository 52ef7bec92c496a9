#include "storage/book/bookstats.h"

#include <string>

#include "storage/schema/tradelayout.h"

namespace bd::storage {

std::int64_t BookStats::count(const std::string& key) const {
    for (const auto& [k, v] : counts)
        if (k == key) return v;
    return 0;
}

namespace {

/// Appends each table's row count to `s` (table names are fixed identifiers, never user input).
template <std::size_t N>
Status countTables(Database& db, const std::pair<const char*, const char*> (&tables)[N],
                   BookStats& s) {
    for (const auto& [key, sql] : tables) {
        auto n = queryInt(db, sql);
        if (!n) return n.error();
        s.counts.emplace_back(key, *n);
    }
    return {};
}

} // namespace

Result<BookStats> readBookStats(Database& db) {
    static constexpr std::pair<const char*, const char*> kTables[] = {
        {"clients", "SELECT count(*) FROM clients"},
        {"trades", "SELECT count(*) FROM trades"},
        {"assets", "SELECT count(*) FROM assets"},
        {"contacts", "SELECT count(*) FROM contacts"},
        {"positions", "SELECT count(*) FROM positions"},
        {"securities", "SELECT count(*) FROM securities"},
        {"brokers", "SELECT count(*) FROM brokers"},
        {"branches", "SELECT count(*) FROM branches"},
        {"follow_up_tasks", "SELECT count(*) FROM follow_up_tasks"},
        {"analytics_runs", "SELECT count(*) FROM analytics_runs"},
    };
    BookStats s;
    if (auto c = countTables(db, kTables, s); !c) return c.error();
    auto st = db.prepare("SELECT (" + std::string(kFirstTradeTimeSql) + "), (" +
                         std::string(kLastTradeTimeSql) + ")");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    if (*r && !st->isNull(0)) {
        s.first_trade_date = DateTime{st->int64(0)}.date();
        s.last_trade_date = DateTime{st->int64(1)}.date();
    }
    auto v = queryInt(db, "PRAGMA user_version");
    if (!v) return v.error();
    s.schema_version = *v;
    return s;
}

Result<BookStats> readBookTotals(Database& db) {
    static constexpr std::pair<const char*, const char*> kTables[] = {
        {"clients", "SELECT count(*) FROM clients"},
        {"trades", "SELECT count(*) FROM trades"},
        {"contacts", "SELECT count(*) FROM contacts"},
    };
    BookStats s;
    if (auto c = countTables(db, kTables, s); !c) return c.error();
    return s;
}

} // namespace bd::storage
