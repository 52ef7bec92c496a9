#include "services/valueoverview.h"

#include "core/moveinto.h"
#include "services/latestvaluerun.h"
#include "services/valueparams.h"

namespace bd::services {

Result<std::optional<ValueOverview>> loadValueOverview(storage::Database& db) {
    return readForLatestValueRun<ValueOverview>(db, [&](ValueOverview& out) -> Status {
        if (auto s = moveInto(out.points, storage::readValuePoints(db, out.run.id)); !s) return s;
        auto changed = valueModelChangedSince(db, out.run.parameters);
        if (!changed) return changed.error();
        out.model_changed = *changed;
        return moveInto(out.clients_ranked, storage::runClientCount(db, out.run.id));
    });
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
