#pragma once
// The first key column of trades: the calendar month of trade_time (months since 1970-01,
// exchange time). A trading system exports its trades in time order, so a table clustered by
// (month, client, time, id) is filled month by month at the right edge of its tree while the
// rest of the file is still being parsed; clustered by client first, no row could be written
// before the whole file was read (docs/architecture.md). A client's trades are one
// key range per month: SQLite's skip-scan seeks them month by month (statistics for trades,
// which the planner needs for that, are kept by the writers: refreshTradesStatistics).
#include <cstdint>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// Months since 1970-01 of a trade_time in seconds (negative before 1970).
inline std::int64_t tradeMonthOf(std::int64_t secs) {
    int y = 0, m = 0, d = 0;
    DateTime{secs}.date().toYmd(y, m, d);
    return (static_cast<std::int64_t>(y) - 1970) * 12 + (m - 1);
}

/// The first and the last trade_time of the book (NULL when it has no trades), read from the
/// first and the last month only: min() and max() of trade_time itself would scan the table.
extern const std::string_view kFirstTradeTimeSql;
extern const std::string_view kLastTradeTimeSql;

/// Approximate statistics for trades (a sample of about a thousand rows, milliseconds on any
/// book). Without them the planner would scan the whole table for one client's trades.
extern const std::string_view kTradesStatistics;

/// Brings the statistics of trades up to date after a write that may have changed its shape
/// (an import into an empty table, say). Takes effect for statements prepared afterwards.
Status refreshTradesStatistics(Database& db);

/// Whether writing `added` trades may have changed the table's shape enough to need fresh
/// statistics: none are stored, or the write at least doubled the rows they counted. A
/// nightly load into a large book then costs no sampling of its tree.
Result<bool> tradesStatisticsStale(Database& db, std::int64_t added);

} // namespace bd::storage
