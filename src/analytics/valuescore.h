#pragma once
// Value score, ranking, VIPs, the "AUM-rich, low value" flag and profit concentration.
// value_score = weight_profit * profit_12m + weight_clv * clv_12m (CNY); see docs/value-model.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/profitmodel.h"
#include "core/valueexplanation.h"

namespace bd::analytics {

/// A client's future-value estimate (from BG/NBD + Gamma-Gamma or the documented fallback).
struct ClvEstimate {
    double p_alive = 0;                  // P(still trading)
    double expected_trades = 0;          // expected trade days over the horizon
    double expected_value_per_trade = 0; // expected commission per trade day (CNY)
    double clv_12m = 0;                  // see clvFromParts
};

/// The spec's clv_12m = expected_trades x expected value per trade day
///                      + p_alive x (interest_12m - service_cost_12m - maintenance_12m).
double clvFromParts(double expectedTrades, double expectedValuePerTrade, double pAlive,
                    const ProfitBreakdown& profit);

/// Everything the score needs about one client.
struct ValueInput {
    std::string client_id; // deterministic tie-break for ranks
    ProfitBreakdown profit;
    ClvEstimate clv;
    double trade_days_12m = 0;
    double avg_cash_12m = 0;
};

// Bit flags explaining an "AUM-rich, low value" client (core/valueexplanation.h).
using bd::FlagReason;
using bd::kReasonCashIdle;
using bd::kReasonHighServiceCost;
using bd::kReasonLowTrading;

/// One client's score and its explanation.
struct ValueResult {
    double value_score = 0;
    std::int64_t value_rank = 0; // 1 = best; ties broken by client_id ascending
    bool vip = false;            // firm-wide
    bool aum_rich_low_value = false;
    unsigned flag_reasons = 0; // FlagReason bits (0 when not flagged)
    double churn_risk = 0;     // 1 - p_alive
    /// What raised or lowered the score, language-free (core/valueexplanation.h);
    /// phrase::explanation() words it: "+ commission ¥12,300 · − visits ¥1,800 · activity
    /// probability 0.42".
    std::string explanation_code;
};

/// Scores, ranks, flags and firm-wide VIPs for all clients (index-aligned with `in`).
std::vector<ValueResult> scoreClients(const std::vector<ValueInput>& in, const ValueModelParams& p);

/// The value score alone (monotone non-decreasing in profit_12m and clv_12m).
double valueScore(const ProfitBreakdown& profit, const ClvEstimate& clv, const ValueModelParams& p);

/// How many VIPs a scope of n clients has: ceil(n x percent / 100) (at least 1 when n > 0).
std::size_t vipCount(std::size_t n, double percent);

/// Positions into `members` order: members sorted best first (score desc, id asc).
std::vector<std::size_t> rankMembers(const std::vector<double>& score,
                                     const std::vector<std::string>& ids,
                                     std::vector<std::size_t> members);

/// VIPs among `members`: the first vipCount(members) of the ranking whose score is > 0.
std::vector<std::size_t> selectVips(const std::vector<double>& score,
                                    const std::vector<std::string>& ids,
                                    const std::vector<std::size_t>& members, double percent);

/// Quantile with linear interpolation between order statistics (numpy's default, "type 7").
double quantile(std::vector<double> values, double q);

// Flag reason codes ("low_trading;cash_idle") and words: core/valueexplanation.h.
using bd::flagReasonCodes;

/// Share of total profit earned by the best clients, and the Pareto curve.
struct Concentration {
    double total_profit = 0;
    bool defined = false; // false when total profit <= 0 (shares are then reported as 0)
    double top1 = 0, top5 = 0, top20 = 0; // shares of total profit, 0..1 (may exceed 1)
    /// curve[k] = share of total profit from the best ceil(n x k / points) clients, k = 0..points.
    std::vector<double> curve;
};

/// Concentration of `profit` (clients sorted by profit descending).
Concentration profitConcentration(const std::vector<double>& profit, int points = 100);

} // namespace bd::analytics
