#include "services/segmentation.h"

#include <string>

#include "analytics/kmeans.h"
#include "core/moveinto.h"
#include "storage/book/settings.h"

namespace bd::services {

const SegmentKChoiceRow* criterionChoice(const std::vector<SegmentKChoiceRow>& choices) {
    if (choices.empty()) return nullptr;
    std::vector<double> silhouette, se;
    for (const auto& c : choices) {
        silhouette.push_back(c.silhouette);
        if (c.silhouette_se) se.push_back(*c.silhouette_se);
    }
    if (se.size() != choices.size()) se.clear();
    return &choices[analytics::chosenCandidate(silhouette, se, kSelectionWithinSe)];
}

Result<std::optional<Segmentation>> loadLatestSegmentation(storage::Database& db) {
    auto id = storage::latestSegmentRunId(db);
    if (!id) return id.error();
    if (!*id) return std::optional<Segmentation>{};
    Segmentation s;
    s.run_id = **id;
    if (auto r = moveInto(s.run, storage::loadSegmentRun(db, s.run_id)); !r) return r.error();
    if (auto r = moveInto(s.segments, storage::loadSegments(db, s.run_id)); !r) return r.error();
    if (auto r = moveInto(s.migration, storage::loadSegmentMigration(db, s.run_id)); !r)
        return r.error();
    if (auto r = moveInto(s.k_choices, storage::loadSegmentKChoices(db, s.run_id)); !r)
        return r.error();
    return std::optional<Segmentation>{std::move(s)};
}

namespace {
constexpr std::string_view kFixedKSetting = "segmentation.k";
} // namespace

Result<std::optional<int>> fixedSegmentCount(storage::Database& db) {
    auto v = storage::getSettingDouble(db, kFixedKSetting);
    if (!v) return v.error();
    if (!*v || **v < kMinFixedSegments || **v > kMaxFixedSegments) return std::optional<int>{};
    return std::optional<int>{static_cast<int>(**v)};
}

Status setFixedSegmentCount(storage::Database& db, std::optional<int> k) {
    if (!k) return storage::removeSetting(db, kFixedKSetting);
    if (*k < kMinFixedSegments || *k > kMaxFixedSegments)
        return makeError(ErrorCode::InvalidInput, "k must be " + std::to_string(kMinFixedSegments) +
                                                      " to " + std::to_string(kMaxFixedSegments));
    return storage::setSetting(db, kFixedKSetting, std::to_string(*k));
}

} // namespace bd::services
