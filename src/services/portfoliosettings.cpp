#include "services/portfoliosettings.h"

#include <string>
#include <utility>

#include "services/booksettings.h"
#include "storage/book/settings.h"

namespace bd::services {

Result<analytics::PortfolioOptions> loadPortfolioOptions(storage::Database& db) {
    analytics::PortfolioOptions o;
    auto& t = o.thresholds;
    const std::pair<const char*, double*> shares[] = {
        {kPortfolioTop1Key, &t.top1_share},
        {kPortfolioTop3Key, &t.top3_share},
        {kPortfolioHhiKey, &t.hhi},
        {kPortfolioDrawdownKey, &t.max_drawdown},
        {kPortfolioVolatilityKey, &t.volatility},
        {kPortfolioGrowthBoardKey, &t.growth_board_share},
    };
    for (const auto& [key, target] : shares) {
        auto v = loadCheckedNumber(db, key); // in the setting's range (booksettings)
        if (!v) return v.error();
        if (*v) *target = **v;
    }
    auto level = loadCheckedNumber(db, kPortfolioGrowthMinLevelKey);
    if (!level) return level.error();
    if (*level) o.suitability.growth_board_min_level = static_cast<int>(**level);
    auto method = loadCheckedSetting(db, kPortfolioCostMethodKey);
    if (!method) return method.error();
    if (*method)
        if (auto m = analytics::parseCostMethod(**method)) o.cost_method = *m;
    return o;
}

Status savePortfolioOptions(storage::Database& db, const analytics::PortfolioOptions& o) {
    const auto& t = o.thresholds;
    const std::pair<const char*, double> values[] = {
        {kPortfolioTop1Key, t.top1_share},
        {kPortfolioTop3Key, t.top3_share},
        {kPortfolioHhiKey, t.hhi},
        {kPortfolioDrawdownKey, t.max_drawdown},
        {kPortfolioVolatilityKey, t.volatility},
        {kPortfolioGrowthBoardKey, t.growth_board_share},
        {kPortfolioGrowthMinLevelKey, static_cast<double>(o.suitability.growth_board_min_level)},
    };
    for (const auto& [key, v] : values)
        if (auto s = storage::setSettingDouble(db, key, v); !s) return s;
    return storage::setSetting(db, kPortfolioCostMethodKey, analytics::toString(o.cost_method));
}

} // namespace bd::services
