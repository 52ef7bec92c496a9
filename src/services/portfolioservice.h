#pragma once
// Use case: a client's portfolio report from the book (storage rows -> analytics engine).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/portfolio.h"
#include "core/date.h"
#include "core/result.h"
#include "storage/db/database.h"

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

/// A portfolio report with what a client review needs besides it.
struct PortfolioReview {
    analytics::PortfolioReport report;
    std::vector<AssetSnapshot> snapshots; // dates on or before as_of, ascending (value chart)
    std::string broker_id;
    std::string broker_name;
    std::string branch_id;
    std::string branch_name;
};

/// The report of loadPortfolio() plus the account snapshots behind its returns and drawdown
/// and the client's broker and branch (one load). Unknown client -> ErrorCode::NotFound.
Result<PortfolioReview> loadPortfolioReview(storage::Database& db, std::string_view client_id,
                                            std::optional<Date> as_of = std::nullopt,
                                            const analytics::PortfolioOptions& options = {});

} // namespace bd::services
