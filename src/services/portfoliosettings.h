#pragma once
// The book's portfolio settings (risk badge thresholds, suitability house rule, cost method),
// stored under "portfolio.*" keys in the settings table; defaults are the engine's.
#include "analytics/portfolio.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::services {

/// Settings keys, each a number (cost_method: "average" or "fifo").
inline constexpr const char* kPortfolioTop1Key = "portfolio.risk.top1_share";
inline constexpr const char* kPortfolioTop3Key = "portfolio.risk.top3_share";
inline constexpr const char* kPortfolioHhiKey = "portfolio.risk.hhi";
inline constexpr const char* kPortfolioDrawdownKey = "portfolio.risk.max_drawdown";
inline constexpr const char* kPortfolioVolatilityKey = "portfolio.risk.volatility";
inline constexpr const char* kPortfolioGrowthBoardKey = "portfolio.risk.growth_board_share";
inline constexpr const char* kPortfolioGrowthMinLevelKey =
    "portfolio.suitability.growth_board_min_level";
inline constexpr const char* kPortfolioCostMethodKey = "portfolio.cost_method";

/// The portfolio options of the book: stored settings over the engine defaults. InvalidInput
/// (naming the key) for a threshold outside [0, 1], a level outside 0..5 or an unknown method.
Result<analytics::PortfolioOptions> loadPortfolioOptions(storage::Database& db);

/// Stores every threshold, the suitability level and the cost method of `options`.
Status savePortfolioOptions(storage::Database& db, const analytics::PortfolioOptions& options);

} // namespace bd::services
