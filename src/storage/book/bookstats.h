#pragma once
// Row counts and date ranges of a book, for `stats`, the status bar and tests.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

struct BookStats {
    std::vector<std::pair<std::string, std::int64_t>> counts; // table key -> rows, in order
    std::optional<Date> first_trade_date;
    std::optional<Date> last_trade_date;
    std::int64_t schema_version = 0;

    std::int64_t count(const std::string& key) const;
};

/// Counts clients, trades, assets, contacts, positions, securities, brokers, branches,
/// follow-up tasks and analytics runs.
Result<BookStats> readBookStats(Database& db);

/// Counts only clients, trades and contacts (the workstation's status bar): what the rest
/// costs (5.6M snapshots, every position on a large book) is not spent when the window opens.
Result<BookStats> readBookTotals(Database& db);

} // namespace bd::storage
