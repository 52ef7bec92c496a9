// Export kinds of the value model: `scores` (every client of the latest refresh) and `vip`
// (the VIP ranking of a scope).
#include <fmt/format.h>

#include <iostream>

#include "analytics/valuescore.h"
#include "cli/commands.h"
#include "phrasebook/phrasebook.h"
#include "services/csvwriter.h"
#include "services/segmentstage.h"
#include "services/valueparams.h"
#include "storage/book/analyticsstore.h"
#include "storage/schema/schema.h"

namespace bd::cli {
namespace {

/// Money with exactly 2 decimals, rounded to the cent ("-1234.50").
std::string money2(Money m) {
    const std::int64_t fen = m.roundedFen();
    const std::int64_t a = fen < 0 ? -fen : fen;
    return fmt::format("{}{}.{:02d}", fen < 0 ? "-" : "", a / 100, a % 100);
}

std::string num(double v, int decimals) {
    return fmt::format("{:.{}f}", v, decimals);
}

/// Opens the book and loads the latest value run's scores (NotFound when never refreshed).
Result<std::vector<storage::ScoredClient>> latestScores(storage::Database& db) {
    auto id = storage::latestScoredRunId(db, "value");
    if (!id) return id.error();
    if (!*id)
        return makeError(ErrorCode::NotFound,
                         "the book has no value scores yet; run `brokerdesk-cli refresh --db "
                         "<book>` first");
    return storage::readScores(db, **id);
}

Status requireCsv(const std::string& out) {
    if (out.size() >= 4 && out.compare(out.size() - 4, 4, ".csv") == 0) return {};
    return makeError(ErrorCode::Usage, "this export writes CSV only; name the --out file *.csv");
}

const std::vector<std::string>& scoreColumns() {
    static const std::vector<std::string> kColumns{"client_id",
                                                   "broker_id",
                                                   "branch_id",
                                                   "aum",
                                                   "trades_12m",
                                                   "commission_12m",
                                                   "interest_12m",
                                                   "handling_cost_12m",
                                                   "service_cost_12m",
                                                   "maintenance_12m",
                                                   "profit_12m",
                                                   "recency_days",
                                                   "frequency",
                                                   "p_alive",
                                                   "expected_trades_12m",
                                                   "clv_12m",
                                                   "value_score",
                                                   "value_rank",
                                                   "vip",
                                                   "aum_rich_low_value",
                                                   "segment_id",
                                                   "segment_name",
                                                   "relationship_type",
                                                   "churn_risk"};
    return kColumns;
}

int exportScores(const Args& a) {
    const std::string out = *a.get("out");
    if (auto s = requireCsv(out); !s) return reportError(s.error());
    auto db = storage::openBook(*a.get("db"), {.create = false});
    if (!db) return reportError(db.error());
    auto scores = latestScores(*db);
    if (!scores) return reportError(scores.error());
    auto w = services::CsvWriter::open(out);
    if (!w) return reportError(w.error());
    // Each client's segment in the same run (empty columns when the run has none).
    auto runId = storage::latestScoredRunId(*db, "value");
    if (!runId) return reportError(runId.error());
    auto segments = services::loadClientSegments(*db, runId->value_or(0));
    if (!segments) return reportError(segments.error());
    w->row(scoreColumns());
    for (const auto& c : *scores) {
        const auto& r = c.score;
        const auto seg = segments->find(r.client_ref);
        const bool hasSeg = seg != segments->end();
        w->row({c.client_id,
                c.broker_id,
                c.branch_id,
                money2(r.aum),
                std::to_string(r.trades_12m),
                money2(r.commission_12m),
                money2(r.interest_12m),
                money2(r.handling_cost_12m),
                money2(r.service_cost_12m),
                money2(r.maintenance_12m),
                money2(r.profit_12m),
                std::to_string(r.recency_days),
                std::to_string(r.frequency),
                num(r.p_alive, 4),
                num(r.expected_trades_12m, 2),
                money2(r.clv_12m),
                num(r.value_score, 2),
                std::to_string(r.value_rank),
                r.vip ? "1" : "0",
                r.aum_rich_low_value ? "1" : "0",
                hasSeg ? std::to_string(seg->second.segment_id) : "",
                hasSeg ? phrase::segmentName(seg->second.name_fact, seg->second.name_zh,
                                             seg->second.name_en, phrase::Lang::En)
                       : "",
                hasSeg ? std::string(analytics::toString(seg->second.relationship)) : "",
                num(r.churn_risk, 4)});
    }
    if (auto s = w->close(); !s) return reportError(s.error());
    std::cout << "exported " << scores->size() << " client scores to " << out << "\n";
    return kOk;
}

int exportVip(const Args& a) {
    const std::string out = *a.get("out");
    if (auto s = requireCsv(out); !s) return reportError(s.error());
    const std::string scope = a.get("scope", "firm");
    std::string field, id;
    if (scope != "firm") {
        const auto colon = scope.find(':');
        field = scope.substr(0, colon);
        id = colon == std::string::npos ? "" : scope.substr(colon + 1);
        if ((field != "branch" && field != "broker") || id.empty())
            return reportError(
                makeError(ErrorCode::Usage,
                          "--scope expects firm, branch:ID or broker:ID, got '" + scope + "'"));
    }
    const std::string lang = a.get("lang", "en");
    if (lang != "en" && lang != "zh")
        return reportError(
            makeError(ErrorCode::Usage, "--lang must be zh or en, got '" + lang + "'"));
    auto db = storage::openBook(*a.get("db"), {.create = false});
    if (!db) return reportError(db.error());
    double percent = 0;
    if (auto p = a.get("top-percent")) {
        try {
            std::size_t used = 0;
            percent = std::stod(*p, &used);
            if (used != p->size()) throw std::invalid_argument(*p);
        } catch (const std::exception&) {
            return reportError(
                makeError(ErrorCode::Usage, "--top-percent expects a number, got '" + *p + "'"));
        }
        if (!(percent > 0 && percent <= 100))
            return reportError(makeError(ErrorCode::Usage, "--top-percent must be in (0, 100]"));
    } else {
        auto params = services::loadValueModelParams(*db);
        if (!params) return reportError(params.error());
        percent = params->vip_percent;
    }
    auto scores = latestScores(*db);
    if (!scores) return reportError(scores.error());
    std::vector<double> score;
    std::vector<std::string> ids;
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < scores->size(); ++i) {
        const auto& c = (*scores)[i];
        score.push_back(c.score.value_score);
        ids.push_back(c.client_id);
        if (field.empty() || (field == "branch" && c.branch_id == id) ||
            (field == "broker" && c.broker_id == id))
            members.push_back(i);
    }
    if (members.empty())
        return reportError(
            makeError(ErrorCode::InvalidInput, "no scored clients in scope " + scope));
    const auto vips = analytics::selectVips(score, ids, members, percent);
    auto w = services::CsvWriter::open(out);
    if (!w) return reportError(w.error());
    w->row({"rank", "client_id", "name", "broker_id", "branch_id", "value_score", "profit_12m",
            "clv_12m", "aum", "p_alive", "explanation"});
    for (std::size_t k = 0; k < vips.size(); ++k) {
        const auto& c = (*scores)[vips[k]];
        w->row({std::to_string(k + 1), c.client_id, c.name, c.broker_id, c.branch_id,
                num(c.score.value_score, 2), money2(c.score.profit_12m), money2(c.score.clv_12m),
                money2(c.score.aum), num(c.score.p_alive, 4),
                phrase::explanation(c.score.explanation_code,
                                    lang == "zh" ? phrase::Lang::Zh : phrase::Lang::En)});
    }
    if (auto s = w->close(); !s) return reportError(s.error());
    std::cout << "exported " << vips.size() << " VIPs of " << members.size() << " clients ("
              << scope << ", top " << percent << "%) to " << out << "\n";
    return kOk;
}

} // namespace

std::vector<ExportKind> makeValueExports() {
    std::vector<ExportKind> k;
    k.push_back(
        {"scores", "every client's value model result of the latest refresh (CSV)", exportScores});
    k.push_back({"vip", "the VIP ranking of a scope (--scope, --top-percent) (CSV)", exportVip});
    return k;
}

} // namespace bd::cli
