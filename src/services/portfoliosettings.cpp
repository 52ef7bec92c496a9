#include "services/portfoliosettings.h"

#include <string>
#include <utility>

#include "storage/book/settings.h"

namespace bd::services {

namespace {

Error badSetting(const char* key, const std::string& value, const char* why) {
    Error e = makeError(ErrorCode::InvalidInput, std::string("setting ") + key + ": " + why);
    e.column_name = key;
    e.value = value;
    return e;
}

} // namespace

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
        auto v = storage::getSettingDouble(db, key);
        if (!v) return v.error();
        if (!*v) continue;
        // Volatility is annualised and may exceed 100 %, the others are shares.
        const double hi = target == &t.volatility ? 10.0 : 1.0;
        if (!(**v >= 0.0 && **v <= hi))
            return badSetting(key, std::to_string(**v), "expected a fraction such as 0.4");
        *target = **v;
    }
    auto level = storage::getSettingDouble(db, kPortfolioGrowthMinLevelKey);
    if (!level) return level.error();
    if (*level) {
        if (!(**level >= 0.0 && **level <= 5.0))
            return badSetting(kPortfolioGrowthMinLevelKey, std::to_string(**level),
                              "expected a C level 0..5 (0 disables the rule)");
        o.suitability.growth_board_min_level = static_cast<int>(**level);
    }
    auto method = storage::getSetting(db, kPortfolioCostMethodKey);
    if (!method) return method.error();
    if (*method) {
        auto m = analytics::parseCostMethod(**method);
        if (!m) return badSetting(kPortfolioCostMethodKey, **method, "expected average or fifo");
        o.cost_method = *m;
    }
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
