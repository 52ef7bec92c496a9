#pragma once
// Per-client-per-day trade aggregates (table trade_days): what the value refresh needs from
// trades, a few million rows instead of ten million trades. Derived data, kept up to date by
// the bulk writers of trades (importer, demo book) through TradeDaysUpkeep and, for any other
// write to trades, by triggers that list the touched clients in trade_days_dirty; readers call
// syncTradeDays first.
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/database.h"

namespace bd::storage {

/// One client's trades of one day (a row of trade_days).
struct TradeDayRow {
    std::int64_t client_ref = 0;
    std::int64_t day = 0; // Date::days of trade_time
    std::int64_t trades = 0;
    std::int64_t amount = 0;
    std::int64_t commission = 0;
};

/// Date::days of a trade_time in seconds (rounding down also before 1970, as DateTime::date).
inline std::int64_t tradeDayOf(std::int64_t secs) {
    return secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
}

/// The SQL of the dirty-marking triggers on trades (part of the schema; defined with it).
extern const std::string_view kTradeDaysTriggers;

/// Rebuilds trade_days from the whole trades table in one pass and empties the dirty list.
/// Runs in the caller's transaction when one is open, else in its own.
Status rebuildTradeDays(Database& db);

/// Re-aggregates the trade days of the given clients from trades (clients without trades lose
/// their rows). Runs in the caller's transaction when one is open, else in its own.
Status refreshTradeDays(Database& db, const std::vector<std::int64_t>& clientRefs);

/// Brings trade_days up to date: rebuilds it when it is empty while trades is not (a book
/// written before it existed), else re-aggregates the clients listed as dirty. Cheap (two
/// lookups) when nothing changed.
Status syncTradeDays(Database& db);

/// For a writer that loads many trades in one transaction: begin() before the first trade,
/// finish() after the last one, both inside that transaction. Into an empty trades table the
/// per-row triggers are dropped for the load and trade_days is rebuilt in one pass at finish();
/// otherwise the triggers list the touched clients and finish() re-aggregates just those.
/// A rollback of the writer's transaction restores everything.
class TradeDaysUpkeep {
  public:
    static Result<TradeDaysUpkeep> begin(Database& db);
    /// Brings trade_days up to date with the writes and restores the triggers.
    Status finish();
    /// True when trades was empty at begin() (full rebuild at finish()).
    bool bulk() const { return m_bulk; }
    /// Bulk load only: a writer that wrote every trade of the load itself hands over their
    /// per-day aggregate (sorted by client_ref, day; one row per pair), so finish() writes it
    /// instead of reading the whole trades table back.
    void provideBulkDays(std::vector<TradeDayRow> days);

  private:
    TradeDaysUpkeep(Database& db, bool bulk) : m_db(&db), m_bulk(bulk) {}
    Database* m_db;
    bool m_bulk;
    bool m_provided = false;
    std::vector<TradeDayRow> m_days;
};

} // namespace bd::storage
