#include "services/vipranking.h"

#include "core/moveinto.h"
#include "services/latestvaluerun.h"
#include "services/valueparams.h"

namespace bd::services {

Result<std::optional<storage::AnalyticsRunRecord>> latestValueRun(storage::Database& db) {
    auto id = storage::latestScoredRunId(db, "value");
    if (!id) return id.error();
    if (!*id) return std::optional<storage::AnalyticsRunRecord>{};
    auto run = storage::readAnalyticsRun(db, **id);
    if (!run) return run.error();
    return std::optional<storage::AnalyticsRunRecord>{std::move(*run)};
}

Result<std::optional<ScoredBook>> loadLatestScores(storage::Database& db) {
    return readForLatestValueRun<ScoredBook>(db, [&](ScoredBook& book) -> Status {
        if (auto s = moveInto(book.clients, storage::readScores(db, book.run.id)); !s) return s;
        auto params = loadValueModelParams(db);
        if (!params) return params.error();
        book.vip_percent = params->vip_percent;
        return {};
    });
}

Result<LatestClientScore> loadLatestClientScore(storage::Database& db, std::int64_t clientRef) {
    LatestClientScore out;
    if (auto s = moveInto(out.run, latestValueRun(db)); !s) return s.error();
    if (out.run)
        if (auto s = moveInto(out.client, storage::readClientScore(db, out.run->id, clientRef)); !s)
            return s.error();
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
