// Export kind `segments`: the latest refresh's segments with their size, profit share, Kotler
// relationship type, service cadence and profile (mean of every segmentation feature).
#include <fmt/format.h>

#include <cmath>
#include <iostream>

#include "cli/commands.h"
#include "phrasebook/phrasebook.h"
#include "services/segmentstage.h"
#include "services/servicepolicies.h"
#include "storage/book/analyticsstore.h"
#include "storage/book/segmentstore.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

services::PeopleCell num(std::optional<double> v) {
    return v ? services::PeopleCell{*v} : services::PeopleCell{};
}

/// A word of the export: the English id as the file has always written it, else the
/// phrasebook's.
template <class E>
std::string word(E v, phrase::Lang l) {
    return l == phrase::Lang::En ? std::string(analytics::toString(v))
                                 : std::string(phrase::name(v, l));
}

int exportSegments(const Args& a) {
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    const std::string& out = ex->out;
    const phrase::Lang l = ex->lang;
    storage::Database* db = &ex->db;
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

    using K = services::ColumnKind;
    services::PeopleTable t;
    t.title = std::string(phrase::label("Segments", l));
    t.columns = {peopleColumn("segment_id", K::Number, l, 0),
                 peopleColumn("segment_name", K::Text, l, 0, /*wrap=*/true)};
    // English keeps the Chinese name beside the English one, as it always has.
    const bool both = l == phrase::Lang::En;
    if (both) t.columns.push_back({"segment_name_zh", K::Text, 0, true});
    for (const auto& c :
         {peopleColumn("clients", K::Number, l, 0),
          peopleColumn("share_of_clients", K::Percent, l, 4),
          peopleColumn("share_of_aum", K::Percent, l, 4),
          peopleColumn("share_of_profit", K::Percent, l, 4),
          peopleColumn("relationship_type", K::Text, l),
          peopleColumn("cadence_days", K::Number, l, 0), peopleColumn("channels", K::Text, l),
          peopleColumn("served_by", K::Text, l), peopleColumn("growth_potential", K::Number, l, 3)})
        t.columns.push_back(c);
    // Profile columns follow the run's features (the same for every segment of a run).
    for (const auto& [feature, unused] : segs->front().feature_means) {
        (void)unused;
        std::string header = "mean_" + feature;
        if (l != phrase::Lang::En) {
            header = phrase::label("mean_%1", l);
            header.replace(header.find("%1"), 2, phrase::feature(feature, l));
        }
        t.columns.push_back({header, K::Number, 2, false});
    }
    for (const auto& s : *segs) {
        const auto type = static_cast<analytics::RelationshipType>(s.relationship_type);
        const auto& policy = (*policies)[static_cast<std::size_t>(s.relationship_type)];
        std::string channels;
        for (auto c : policy.channels) channels += (channels.empty() ? "" : ",") + word(c, l);
        auto& row = t.rows.emplace_back();
        row = {static_cast<double>(s.segment_id),
               phrase::segmentName(s.name_fact, s.name_zh, s.name_en, l)};
        if (both)
            row.emplace_back(
                phrase::segmentName(s.name_fact, s.name_zh, s.name_en, phrase::Lang::Zh));
        for (auto&& cell :
             {services::PeopleCell{static_cast<double>(s.size)}, num(s.client_share),
              num(s.aum_share), num(s.profit_share), services::PeopleCell{word(type, l)},
              services::PeopleCell{static_cast<double>(policy.contact_cadence_days)},
              services::PeopleCell{channels}, services::PeopleCell{word(policy.served_by, l)},
              num(s.growth_potential)})
            row.push_back(cell);
        for (const auto& [feature, mean] : s.feature_means) {
            (void)feature;
            row.push_back(num(mean));
        }
    }
    if (auto st = services::writePeopleTable(out, t); !st) return reportError(st.error());
    if (int rc = recordExport(*db, "segments", std::ssize(*segs), false, out)) return rc;
    std::cout << "exported " << segs->size() << " segments of run " << **runId << " to " << out
              << "\n";
    return kOk;
}

} // namespace

std::vector<ExportKind> makeSegmentExports() {
    return {{"segments",
             "the latest refresh's segments: size, profit share, relationship type, service "
             "cadence and mean profile (.xlsx or .csv)",
             exportSegments}};
}

} // namespace bd::cli
