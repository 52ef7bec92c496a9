#pragma once
// Use case: a client's portfolio report from the book (storage rows -> analytics engine).
#include <optional>
#include <string_view>

#include "analytics/portfolio.h"
#include "core/date.h"
#include "core/result.h"
#include "storage/database.h"

namespace bd::services {

/// Builds the portfolio report of `client_id` as of `as_of` (default: the client's latest
/// trade, asset or position date). Unknown client -> ErrorCode::NotFound. A client with no
/// data gets an empty report whose as_of is null.
Result<analytics::PortfolioReport>
loadPortfolio(storage::Database& db, std::string_view client_id,
              std::optional<Date> as_of = std::nullopt,
              analytics::CostMethod method = analytics::CostMethod::Average);

/// Same, with every engine option (thresholds, suitability rules, windows).
Result<analytics::PortfolioReport> loadPortfolio(storage::Database& db, std::string_view client_id,
                                                 std::optional<Date> as_of,
                                                 const analytics::PortfolioOptions& options);

} // namespace bd::services
