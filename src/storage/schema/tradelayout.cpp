#include "storage/schema/tradelayout.h"

namespace bd::storage {

const std::string_view kFirstTradeTimeSql =
    "SELECT min(trade_time) FROM trades WHERE trade_month = (SELECT min(trade_month) FROM trades)";
const std::string_view kLastTradeTimeSql =
    "SELECT max(trade_time) FROM trades WHERE trade_month = (SELECT max(trade_month) FROM trades)";

// analysis_limit samples the first rows of the table: enough to tell the planner that a month
// holds many rows (skip-scan needs 18 or more per value of the first key column).
const std::string_view kTradesStatistics = "PRAGMA analysis_limit=1000; ANALYZE trades;";

Status refreshTradesStatistics(Database& db) {
    return db.exec(kTradesStatistics);
}

Result<bool> tradesStatisticsStale(Database& db, std::int64_t added) {
    // sqlite_stat1 exists once any ANALYZE ran; its first number is the rows counted.
    auto exists = queryInt(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'");
    if (!exists) return exists.error();
    if (*exists == 0) return true;
    auto counted = queryInt(db, "SELECT coalesce(max(CAST(stat AS INTEGER)), 0) FROM "
                                "sqlite_stat1 WHERE tbl = 'trades' AND idx = 'trades'");
    if (!counted) return counted.error();
    return added >= *counted;
}

} // namespace bd::storage
