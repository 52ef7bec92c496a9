#pragma once
// A segmentation run's factor scatter (the Segments page's chart) kept in the book, so that the
// page does not rebuild every client's features each time it opens (seconds and some 300 MB on
// 100,000 clients). A cache beside the versioned schema, like client_summary: created with
// CREATE TABLE IF NOT EXISTS, one run's points at a time (a newer run's replace them), and
// dropping it loses nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// One run's scatter as it was computed: axes, the sampled clients' coordinates and segments.
struct FactorScatterCacheRow {
    std::int64_t run_id = 0;
    std::int64_t max_points = 0; // the sample size it was drawn for
    std::string x_axis, y_axis;
    bool factors = true;
    std::int64_t labelled = 0;
    std::vector<std::int64_t> client_ref;
    std::vector<double> x, y;
    std::vector<int> segment_id;
};

/// The cached scatter of `runId` drawn for `maxPoints`; nullopt when none is kept.
Result<std::optional<FactorScatterCacheRow>>
loadFactorScatterCache(Database& db, std::int64_t runId, std::int64_t maxPoints);

/// Keeps `row` in place of any scatter kept before.
Status saveFactorScatterCache(Database& db, const FactorScatterCacheRow& row);

} // namespace bd::storage
