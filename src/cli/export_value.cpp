// Export kinds of the value model: `scores` (every client of the latest refresh) and `vip`
// (the VIP ranking of a scope).
#include <fmt/format.h>

#include <iostream>

#include "analytics/valuescore.h"
#include "cli/commands.h"
#include "phrasebook/phrasebook.h"
#include "services/csvwriter.h"
#include "services/segmentstage.h"
#include "services/vipranking.h"
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

/// The latest value run's scores (NotFound when the book was never refreshed).
Result<services::ScoredBook> latestScores(storage::Database& db) {
    auto book = services::loadLatestScores(db);
    if (!book) return book.error();
    if (!*book)
        return makeError(ErrorCode::NotFound,
                         "the book has no value scores yet; run `brokerdesk-cli refresh --db "
                         "<book>` first");
    return std::move(**book);
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
    if (auto s = requireCsvOut(out); !s) return reportError(s.error());
    auto db = storage::openBook(*a.get("db"), {.create = false});
    if (!db) return reportError(db.error());
    auto book = latestScores(*db);
    if (!book) return reportError(book.error());
    auto w = services::CsvWriter::open(out);
    if (!w) return reportError(w.error());
    // Each client's segment in the same run (empty columns when the run has none).
    auto segments = services::loadClientSegments(*db, book->run.id);
    if (!segments) return reportError(segments.error());
    w->row(scoreColumns());
    for (const auto& c : book->clients) {
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
    const std::string out = *a.get("out");
    if (auto s = requireCsvOut(out); !s) return reportError(s.error());
    const std::string scopeText = a.get("scope", "firm");
    const auto scope = services::parseVipScope(scopeText);
    if (!scope)
        return reportError(
            makeError(ErrorCode::Usage,
                      "--scope expects firm, branch:ID or broker:ID, got '" + scopeText + "'"));
    const std::string lang = a.get("lang", "en");
    if (lang != "en" && lang != "zh")
        return reportError(
            makeError(ErrorCode::Usage, "--lang must be zh or en, got '" + lang + "'"));
    auto db = storage::openBook(*a.get("db"), {.create = false});
    if (!db) return reportError(db.error());
    const auto requested = topPercent(a);
    if (!requested) return reportError(requested.error());
    auto book = latestScores(*db);
    if (!book) return reportError(book.error());
    const double percent = requested->value_or(book->vip_percent); // else the book's setting
    // The same ranking as the workstation's VIP view (services/vipranking.h).
    const auto& clients = book->clients;
    const std::size_t members = services::scopeMembers(clients, *scope).size();
    if (members == 0)
        return reportError(
            makeError(ErrorCode::InvalidInput, "no scored clients in scope " + scopeText));
    const auto vips = services::rankVips(clients, *scope, percent);
    auto w = services::CsvWriter::open(out);
    if (!w) return reportError(w.error());
    w->row({"rank", "client_id", "name", "broker_id", "branch_id", "value_score", "profit_12m",
            "clv_12m", "aum", "p_alive", "explanation"});
    for (std::size_t k = 0; k < vips.size(); ++k) {
        const auto& c = clients[vips[k]];
        w->row({std::to_string(k + 1), c.client_id, c.name, c.broker_id, c.branch_id,
                num(c.score.value_score, 2), money2(c.score.profit_12m), money2(c.score.clv_12m),
                money2(c.score.aum), num(c.score.p_alive, 4),
                phrase::explanation(c.score.explanation_code,
                                    lang == "zh" ? phrase::Lang::Zh : phrase::Lang::En)});
    }
    if (auto s = w->close(); !s) return reportError(s.error());
    if (int rc = recordExport(*db, "vip", std::ssize(vips), false, out)) return rc;
    std::cout << "exported " << vips.size() << " VIPs of " << members << " clients (" << scopeText
              << ", top " << percent << "%) to " << out << "\n";
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
