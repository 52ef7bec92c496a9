#include "services/valueoverview.h"

#include "services/valueparams.h"

namespace bd::services {

Result<std::optional<ValueOverview>> loadValueOverview(storage::Database& db) {
    auto id = storage::latestScoredRunId(db, "value");
    if (!id) return id.error();
    if (!*id) return std::optional<ValueOverview>{};
    ValueOverview out;
    auto run = storage::readAnalyticsRun(db, **id);
    if (!run) return run.error();
    out.run = std::move(*run);
    auto points = storage::readValuePoints(db, **id);
    if (!points) return points.error();
    out.points = std::move(*points);
    auto changed = valueModelChangedSince(db, out.run.parameters);
    if (!changed) return changed.error();
    out.model_changed = *changed;
    return std::optional<ValueOverview>{std::move(out)};
}

analytics::Concentration profitConcentration(const std::vector<storage::ValuePoint>& points,
                                             int points_on_curve) {
    std::vector<double> profit;
    profit.reserve(points.size());
    for (const auto& p : points)
        profit.push_back(static_cast<double>(p.profit_12m.units) / 10000.0);
    return analytics::profitConcentration(profit, points_on_curve);
}

} // namespace bd::services
