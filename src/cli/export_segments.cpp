// Export kind `segments`: the latest refresh's segments with their size, profit share, Kotler
// relationship type, service cadence and profile (mean of every segmentation feature).
#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "cli/commands.h"
#include "phrasebook/phrasebook.h"
#include "services/csvwriter.h"
#include "services/segmentstage.h"
#include "services/servicepolicies.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/segmentstore.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

std::string num(std::optional<double> v, int decimals) {
    return v && std::isfinite(*v) ? fmt::format("{:.{}f}", *v, decimals) : "";
}

int exportSegments(const Args& a) {
    const std::string out = *a.get("out");
    if (auto s = requireCsvOut(out); !s) return reportError(s.error());
    auto db = storage::openBook(*a.get("db"), {.create = false});
    if (!db) return reportError(db.error());
    auto runId = storage::latestScoredRunId(*db, "value");
    if (!runId) return reportError(runId.error());
    auto segs = *runId
                    ? storage::loadSegments(*db, **runId)
                    : Result<std::vector<storage::SegmentRow>>{std::vector<storage::SegmentRow>{}};
    if (!segs) return reportError(segs.error());
    if (segs->empty())
        return reportError(makeError(ErrorCode::NotFound,
                                     "the book has no segments yet; run `brokerdesk-cli refresh "
                                     "--db <book>` first (a book needs at least " +
                                         std::to_string(services::kMinClientsToSegment) +
                                         " clients to be segmented)"));
    auto policies = services::loadServicePolicies(*db);
    if (!policies) return reportError(policies.error());

    std::vector<std::string> header{"segment_id",      "segment_name",      "segment_name_zh",
                                    "clients",         "share_of_clients",  "share_of_aum",
                                    "share_of_profit", "relationship_type", "cadence_days",
                                    "channels",        "served_by",         "growth_potential"};
    // Profile columns follow the run's features (the same for every segment of a run).
    for (const auto& [feature, unused] : segs->front().feature_means) {
        (void)unused;
        header.push_back("mean_" + feature);
    }
    auto w = services::CsvWriter::open(out);
    if (!w) return reportError(w.error());
    w->row(header);
    for (const auto& s : *segs) {
        const auto type = static_cast<analytics::RelationshipType>(s.relationship_type);
        const auto& policy = (*policies)[static_cast<std::size_t>(s.relationship_type)];
        std::vector<std::string> row{
            std::to_string(s.segment_id),
            phrase::segmentName(s.name_fact, s.name_zh, s.name_en, phrase::Lang::En),
            phrase::segmentName(s.name_fact, s.name_zh, s.name_en, phrase::Lang::Zh),
            std::to_string(s.size),
            num(s.client_share, 4),
            num(s.aum_share, 4),
            num(s.profit_share, 4),
            std::string(analytics::toString(type)),
            std::to_string(policy.contact_cadence_days),
            services::formatChannels(policy.channels),
            std::string(analytics::toString(policy.served_by)),
            num(s.growth_potential, 3)};
        for (const auto& [feature, mean] : s.feature_means) {
            (void)feature;
            row.push_back(num(mean, 2));
        }
        w->row(row);
    }
    if (auto st = w->close(); !st) return reportError(st.error());
    if (int rc = recordExport(*db, "segments", std::ssize(*segs), false, out)) return rc;
    std::cout << "exported " << segs->size() << " segments of run " << **runId << " to " << out
              << "\n";
    return kOk;
}

} // namespace

std::vector<ExportKind> makeSegmentExports() {
    return {{"segments",
             "the latest refresh's segments: size, profit share, relationship type, service "
             "cadence and mean profile (CSV)",
             exportSegments}};
}

} // namespace bd::cli
