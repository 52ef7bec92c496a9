#pragma once
// The newest segmentation for the Segments page (its run, its segments with their profiles and
// the migration from the run before) and renaming a segment.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.h"
#include "storage/book/segmentstore.h"
#include "storage/db/database.h"

namespace bd::services {

using storage::SegmentMigrationRow;
using storage::SegmentRow;
using storage::SegmentRunRow;

/// A segmentation run as the Segments page shows it.
struct Segmentation {
    std::int64_t run_id = 0;
    SegmentRunRow run;
    std::vector<SegmentRow> segments; // ordered by id
    std::vector<SegmentMigrationRow> migration;
};

/// The newest segmentation; nullopt when the book was never segmented.
Result<std::optional<Segmentation>> loadLatestSegmentation(storage::Database& db);

/// Renames a segment of the newest run and marks the name as edited, so later runs that keep
/// the segment keep the name (NotFound when absent, InvalidInput for an empty name).
using storage::renameSegment;

} // namespace bd::services
