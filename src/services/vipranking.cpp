#include "services/vipranking.h"

#include "services/valueparams.h"

namespace bd::services {

Result<std::optional<ScoredBook>> loadLatestScores(storage::Database& db) {
    auto id = storage::latestScoredRunId(db, "value");
    if (!id) return id.error();
    if (!*id) return std::optional<ScoredBook>{};
    ScoredBook book;
    auto run = storage::readAnalyticsRun(db, **id);
    if (!run) return run.error();
    book.run = std::move(*run);
    auto scores = storage::readScores(db, **id);
    if (!scores) return scores.error();
    book.clients = std::move(*scores);
    auto params = loadValueModelParams(db);
    if (!params) return params.error();
    book.vip_percent = params->vip_percent;
    return std::optional<ScoredBook>{std::move(book)};
}

Result<LatestClientScore> loadLatestClientScore(storage::Database& db, std::int64_t clientRef) {
    auto id = storage::latestScoredRunId(db, "value");
    if (!id) return id.error();
    LatestClientScore out;
    if (!*id) return out;
    auto run = storage::readAnalyticsRun(db, **id);
    if (!run) return run.error();
    out.run = std::move(*run);
    auto score = storage::readClientScore(db, **id, clientRef);
    if (!score) return score.error();
    out.client = std::move(*score);
    return out;
}

std::optional<VipScope> parseVipScope(std::string_view text) {
    if (text == "firm") return VipScope{};
    const auto colon = text.find(':');
    const std::string_view kind = text.substr(0, colon);
    const std::string_view id = colon == std::string_view::npos ? "" : text.substr(colon + 1);
    if (id.empty()) return std::nullopt;
    if (kind == "branch") return VipScope{VipScope::Kind::Branch, std::string(id)};
    if (kind == "broker") return VipScope{VipScope::Kind::Broker, std::string(id)};
    return std::nullopt;
}

std::vector<std::size_t> scopeMembers(const std::vector<storage::ScoredClient>& clients,
                                      const VipScope& scope) {
    std::vector<std::size_t> members;
    members.reserve(clients.size());
    for (std::size_t i = 0; i < clients.size(); ++i) {
        const auto& c = clients[i];
        const bool in = scope.kind == VipScope::Kind::Firm ||
                        (scope.kind == VipScope::Kind::Branch && c.branch_id == scope.id) ||
                        (scope.kind == VipScope::Kind::Broker && c.broker_id == scope.id);
        if (in) members.push_back(i);
    }
    return members;
}

std::vector<std::size_t> rankVips(const std::vector<storage::ScoredClient>& clients,
                                  const VipScope& scope, double percent) {
    std::vector<double> score;
    std::vector<std::string> ids;
    score.reserve(clients.size());
    ids.reserve(clients.size());
    for (const auto& c : clients) {
        score.push_back(c.score.value_score);
        ids.push_back(c.client_id);
    }
    return analytics::selectVips(score, ids, scopeMembers(clients, scope), percent);
}

std::string valueTier(bool vip, std::optional<std::int64_t> rank, std::int64_t scored) {
    if (vip) return "VIP";
    if (!rank || scored <= 0) return "";
    const double q = static_cast<double>(*rank) / static_cast<double>(scored);
    return q <= 0.2 ? "A" : q <= 0.5 ? "B" : "C";
}

analytics::Concentration profitConcentration(const std::vector<storage::ScoredClient>& clients,
                                             int points) {
    std::vector<double> profit;
    profit.reserve(clients.size());
    for (const auto& c : clients)
        profit.push_back(static_cast<double>(c.score.profit_12m.units) / 10000.0);
    return analytics::profitConcentration(profit, points);
}

} // namespace bd::services
