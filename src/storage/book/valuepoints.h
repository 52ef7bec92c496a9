#pragma once
// What the Value page draws of each client's score: four columns of a run's scores, without the
// clients' names (a quarter of readScores' time on 100,000 clients).
#include <cstdint>
#include <vector>

#include "core/money.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

struct ValuePoint {
    Money aum;
    Money profit_12m;
    bool vip = false;
    bool aum_rich_low_value = false;
};

/// The run's points, ordered by value_rank; clients merged into another since are left out.
Result<std::vector<ValuePoint>> readValuePoints(Database& db, std::int64_t runId);

} // namespace bd::storage
