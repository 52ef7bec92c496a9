#pragma once
// The Value page's read of the newest value run: each client's point (AUM, profit, VIP and
// AUM-rich flags; no names) and the profit concentration of them.
#include <optional>
#include <vector>

#include "analytics/valuescore.h"
#include "core/result.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/valuepoints.h"
#include "storage/db/database.h"

namespace bd::services {

/// The run's record, each client's point and whether the value model's settings changed since.
struct ValueOverview {
    storage::AnalyticsRunRecord run;
    std::vector<storage::ValuePoint> points; // ordered by value_rank
    bool model_changed = false;
    /// How many clients the run ranked: the whole book it ran on (on a branch server the
    /// firm's, more than `points`, the clients in view); nullopt when the run does not say.
    std::optional<std::int64_t> clients_ranked;
};

/// Nullopt when the book was never refreshed.
Result<std::optional<ValueOverview>> loadValueOverview(storage::Database& db);

/// Profit concentration (top 1/5/20 % shares and the Pareto curve) of the given points.
analytics::Concentration profitConcentration(const std::vector<storage::ValuePoint>& points,
                                             int points_on_curve = 100);

} // namespace bd::services
