#include "services/segmentation.h"

namespace bd::services {

Result<std::optional<Segmentation>> loadLatestSegmentation(storage::Database& db) {
    auto id = storage::latestSegmentRunId(db);
    if (!id) return id.error();
    if (!*id) return std::optional<Segmentation>{};
    Segmentation s;
    s.run_id = **id;
    auto run = storage::loadSegmentRun(db, s.run_id);
    if (!run) return run.error();
    s.run = std::move(*run);
    auto segments = storage::loadSegments(db, s.run_id);
    if (!segments) return segments.error();
    s.segments = std::move(*segments);
    auto migration = storage::loadSegmentMigration(db, s.run_id);
    if (!migration) return migration.error();
    s.migration = std::move(*migration);
    return std::optional<Segmentation>{std::move(s)};
}

} // namespace bd::services
