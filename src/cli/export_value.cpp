// Export kinds of the value model: `scores` (every client of the latest refresh) and `vip`
// (the VIP ranking of a scope).
#include <iostream>
#include <tuple>

#include "analytics/valuescore.h"
#include "cli/commands.h"
#include "phrasebook/phrasebook.h"
#include "services/listexports.h"
#include "services/segmentstage.h"
#include "services/vipranking.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

int exportScores(const Args& a) {
    using K = services::ColumnKind;
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    const std::string& out = ex->out;
    const phrase::Lang l = ex->lang;
    storage::Database* db = &ex->db;
    auto book = services::requireLatestScores(*db);
    if (!book) return reportError(book.error());
    // Each client's segment in the same run (empty columns when the run has none).
    auto segments = services::loadClientSegments(*db, book->run.id);
    if (!segments) return reportError(segments.error());
    services::PeopleTable t;
    t.title = std::string(phrase::label("Client scores", l));
    for (const auto& [id, kind, decimals] :
         std::vector<std::tuple<const char*, K, int>>{{"client_id", K::Id, 0},
                                                      {"broker_id", K::Id, 0},
                                                      {"branch_id", K::Id, 0},
                                                      {"aum", K::Money, 2},
                                                      {"trades_12m", K::Number, 0},
                                                      {"commission_12m", K::Money, 2},
                                                      {"interest_12m", K::Money, 2},
                                                      {"handling_cost_12m", K::Money, 2},
                                                      {"service_cost_12m", K::Money, 2},
                                                      {"maintenance_12m", K::Money, 2},
                                                      {"profit_12m", K::Money, 2},
                                                      {"recency_days", K::Number, 0},
                                                      {"frequency", K::Number, 0},
                                                      {"p_alive", K::Number, 4},
                                                      {"expected_trades_12m", K::Number, 2},
                                                      {"clv_12m", K::Money, 2},
                                                      {"value_score", K::Number, 2},
                                                      {"value_rank", K::Number, 0},
                                                      {"vip", K::Number, 0},
                                                      {"aum_rich_low_value", K::Number, 0},
                                                      {"segment_id", K::Number, 0},
                                                      {"segment_name", K::Text, 0},
                                                      {"relationship_type", K::Text, 0},
                                                      {"churn_risk", K::Number, 4}})
        t.columns.push_back(peopleColumn(id, kind, l, decimals));
    for (const auto& c : book->clients) {
        const auto& r = c.score;
        const auto seg = segments->find(r.client_ref);
        const bool hasSeg = seg != segments->end();
        using Cell = services::PeopleCell;
        auto count = [](auto n) { return Cell{static_cast<double>(n)}; };
        t.rows.push_back(
            {c.client_id,
             c.broker_id,
             c.branch_id,
             r.aum,
             count(r.trades_12m),
             r.commission_12m,
             r.interest_12m,
             r.handling_cost_12m,
             r.service_cost_12m,
             r.maintenance_12m,
             r.profit_12m,
             count(r.recency_days),
             count(r.frequency),
             r.p_alive,
             r.expected_trades_12m,
             r.clv_12m,
             r.value_score,
             count(r.value_rank),
             count(r.vip ? 1 : 0),
             count(r.aum_rich_low_value ? 1 : 0),
             hasSeg ? count(seg->second.segment_id) : Cell{},
             hasSeg ? Cell{phrase::segmentName(seg->second.name_fact, seg->second.name_zh,
                                               seg->second.name_en, l)}
                    : Cell{},
             hasSeg ? Cell{l == phrase::Lang::En
                               ? std::string(analytics::toString(seg->second.relationship))
                               : std::string(phrase::name(seg->second.relationship, l))}
                    : Cell{},
             r.churn_risk});
    }
    if (auto s = services::writePeopleTable(out, t); !s) return reportError(s.error());
    if (int rc = recordExport(*db, "scores", std::ssize(book->clients), false, out)) return rc;
    std::cout << "exported " << book->clients.size() << " client scores to " << out << "\n";
    return kOk;
}

/// --top-percent as a share in (0, 100]; nullopt when not given.
Result<std::optional<double>> topPercent(const Args& a) {
    const auto p = a.get("top-percent");
    if (!p) return std::optional<double>{};
    double percent = 0;
    try {
        std::size_t used = 0;
        percent = std::stod(*p, &used);
        if (used != p->size()) throw std::invalid_argument(*p);
    } catch (const std::exception&) {
        return makeError(ErrorCode::Usage, "--top-percent expects a number, got '" + *p + "'");
    }
    if (!(percent > 0 && percent <= 100))
        return makeError(ErrorCode::Usage, "--top-percent must be in (0, 100]");
    return std::optional<double>{percent};
}

int exportVip(const Args& a) {
    const std::string scopeText = a.get("scope", "firm");
    const auto scope = services::parseVipScope(scopeText);
    if (!scope)
        return reportError(
            makeError(ErrorCode::Usage,
                      "--scope expects firm, branch:ID or broker:ID, got '" + scopeText + "'"));
    auto ex = openPeopleExport(a);
    if (!ex) return reportError(ex.error());
    const auto requested = topPercent(a);
    if (!requested) return reportError(requested.error());
    auto list = services::vipList(ex->db, *scope, scopeText, *requested, ex->lang);
    if (!list) return reportError(list.error());
    if (auto s = services::writePeopleTable(ex->out, list->table); !s)
        return reportError(s.error());
    if (int rc = recordExport(ex->db, "vip", static_cast<std::int64_t>(list->vips), false, ex->out))
        return rc;
    std::cout << "exported " << list->vips << " VIPs of " << list->members << " clients ("
              << scopeText << ", top " << list->percent << "%) to " << ex->out << "\n";
    return kOk;
}

} // namespace

std::vector<ExportKind> makeValueExports() {
    std::vector<ExportKind> k;
    k.push_back({"scores",
                 "every client's value model result of the latest refresh (.xlsx or .csv)",
                 exportScores});
    k.push_back(
        {"vip", "the VIP ranking of a scope (--scope, --top-percent) (.xlsx or .csv)", exportVip});
    return k;
}

} // namespace bd::cli
