#pragma once
// VIP rankings for the workstation: the latest run's scores and the VIPs of a scope (firm,
// branch, broker) at any top-N percent, by the same rule as `export vip`.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/valuescore.h"
#include "core/result.h"
#include "storage/book/analyticsstore.h"
#include "storage/db/database.h"

namespace bd::services {

using storage::AnalyticsRunRecord;
using storage::ClientScoreRow;
using storage::ScoredClient;

/// The newest scored analytics run with every client's score (ordered by value_rank).
struct ScoredBook {
    storage::AnalyticsRunRecord run;
    std::vector<storage::ScoredClient> clients;
    double vip_percent = 5.0; // the book's setting
};

/// Reads the newest "value" run with its scores; nullopt when the book was never refreshed.
Result<std::optional<ScoredBook>> loadLatestScores(storage::Database& db);

/// One client's score in the newest scored run.
struct LatestClientScore {
    std::optional<storage::AnalyticsRunRecord> run; // none: the book was never refreshed
    std::optional<storage::ScoredClient> client;    // none: not scored in that run
};

/// Reads a client's score of the newest "value" run.
Result<LatestClientScore> loadLatestClientScore(storage::Database& db, std::int64_t clientRef);

/// Where VIPs are ranked.
struct VipScope {
    enum class Kind { Firm, Branch, Broker };
    Kind kind = Kind::Firm;
    std::string id; // branch or broker id
};

/// A scope as the CLI names it: "firm", "branch:ID" or "broker:ID"; nullopt for anything else.
std::optional<VipScope> parseVipScope(std::string_view text);

/// Indexes into `clients` of the scope's members, in the input order.
std::vector<std::size_t> scopeMembers(const std::vector<storage::ScoredClient>& clients,
                                      const VipScope& scope);

/// Indexes into `clients` of the scope's VIPs, best first: the top `percent` of the scope's
/// members by value score (ties by client id), only clients with a positive score.
std::vector<std::size_t> rankVips(const std::vector<storage::ScoredClient>& clients,
                                  const VipScope& scope, double percent);

/// A client's value tier: "VIP", else "A" (top 20% by firm-wide rank among `scored` clients),
/// "B" (top 50%), "C"; "" without a rank (the book has no value scores).
std::string valueTier(bool vip, std::optional<std::int64_t> rank, std::int64_t scored);

/// Profit concentration (top 1/5/20 % shares and the Pareto curve) of the given clients.
analytics::Concentration profitConcentration(const std::vector<storage::ScoredClient>& clients,
                                             int points = 100);

} // namespace bd::services
