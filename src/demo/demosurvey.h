#pragma once
// The demo book's finished survey campaign: a compliance return visit of the clients who bought
// R4-R5 products, launched 75 days before the as-of date with ten working days to answer, most
// calls answered (an NPS near +20), so a fresh demo book shows survey results at once.
#include <cstdint>

#include "core/date.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::demo {

struct DemoSurveySummary {
    std::int64_t campaign_id = 0; // 0: no client bought a high-risk product in the window
    std::int64_t calls = 0, answered = 0;
};

/// Adds the campaign to a generated demo book (one transaction), seeded by `seed`.
Result<DemoSurveySummary> addDemoSurvey(storage::Database& db, Date asOf, std::uint64_t seed);

} // namespace bd::demo
