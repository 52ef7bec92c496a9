#pragma once
// The newest segmentation for the Segments page (its run, its segments with their profiles and
// the migration from the run before) and renaming a segment.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/book/segmentstore.h"
#include "storage/db/database.h"

namespace bd::services {

using storage::SegmentKChoiceRow;
using storage::SegmentMigrationRow;
using storage::SegmentRow;
using storage::SegmentRunRow;

/// A segmentation run as the Segments page shows it.
struct Segmentation {
    std::int64_t run_id = 0;
    SegmentRunRow run;
    std::vector<SegmentRow> segments; // ordered by id
    std::vector<SegmentMigrationRow> migration;
    /// Every candidate k with its criterion (mean silhouette) on the sample k was chosen on.
    std::vector<SegmentKChoiceRow> k_choices;
};

/// Fewest clients a refresh splits into segments; a smaller book is one segment.
inline constexpr std::size_t kMinClientsToSegment = 20;
/// Least agreement (adjusted Rand index) between the segments of the selection's samples at
/// the chosen k; below it the book has no grouping that repeats and stays one segment.
inline constexpr double kMinSegmentAgreement = 0.7;
/// k is chosen on this many samples of this many clients each (the cost of one silhouette on
/// 5,000: it is quadratic in the sample).
inline constexpr int kSelectionSamples = 4;
inline constexpr std::size_t kSelectionSampleRows = 2500;
/// k is the smallest whose mean silhouette is within this many standard errors of the best.
inline constexpr double kSelectionWithinSe = 1.0;

/// The candidate the refresh's criterion chooses among a run's stored candidates (the rule of
/// analytics::chosenCandidate with the refresh's settings); nullptr when none was scored.
const SegmentKChoiceRow* criterionChoice(const std::vector<SegmentKChoiceRow>& choices);

/// The newest segmentation; nullopt when the book was never segmented.
Result<std::optional<Segmentation>> loadLatestSegmentation(storage::Database& db);

/// The k a manager fixed for the next refreshes (setting segmentation.k); none: the criterion
/// chooses. The candidates are still scored, so the Segments page compares the two.
Result<std::optional<int>> fixedSegmentCount(storage::Database& db);
/// Fixes k (2..10) or, with none, lets the criterion choose again; InvalidInput out of range.
/// Takes effect at the next refresh.
Status setFixedSegmentCount(storage::Database& db, std::optional<int> k);
inline constexpr int kMinFixedSegments = 2;
inline constexpr int kMaxFixedSegments = 10;

/// Renames a segment of the newest run and marks the name as edited, so later runs that keep
/// the segment keep the name (NotFound when absent, InvalidInput for an empty name).
using storage::renameSegment;

} // namespace bd::services
