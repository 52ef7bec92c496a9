#pragma once
// The 12-month profit cost model of docs/value-model.md (shared/specs/value-model.md), exact
// arithmetic in double on CNY amounts; callers round to 0.0001 CNY / the cent when storing.
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enums.h"
#include "core/result.h"

namespace bd::analytics {

/// Everything a branch can tune about the value model (stored in the book's settings and
/// recorded with every analytics run). Defaults are the spec's.
struct ValueModelParams {
    double handling_rate = 0.0000341;   // share of traded amount paid to the exchange
    double spread_rate = 0.012;         // yearly interest spread earned on client cash
    double maintenance_per_year = 60.0; // CNY per account-year
    /// CNY per contact, indexed by ContactChannel (Unknown is charged like Other).
    std::array<double, kContactChannelCount> channel_cost{5.00, 15.00,  0.05,  2.00,
                                                          1.00, 200.00, 80.00, 5.00};
    double vip_percent = 5.0;        // VIPs = top vip_percent % by value_score in a scope
    double weight_profit = 0.5;      // value_score weight of realised profit_12m
    double weight_clv = 0.5;         // value_score weight of expected clv_12m
    double aum_rich_quantile = 0.9;  // AUM at or above this quantile counts as "AUM-rich"
    double low_value_quantile = 0.5; // value_score below this quantile counts as "low value"
    double clv_horizon_weeks = 52;   // horizon of expected_trades_12m
};

/// Flat (key, value) view of the parameters, keys like "handling_rate", "channel_cost.visit".
std::vector<std::pair<std::string, double>> toKeyValues(const ValueModelParams& p);
/// Sets one parameter by its key; Usage error for an unknown key, InvalidInput for a bad value.
Status setParam(ValueModelParams& p, std::string_view key, double value);
/// Checks ranges (rates >= 0, 0 < vip_percent <= 100, quantiles in [0,1], weights >= 0, ...).
Status validate(const ValueModelParams& p);
/// The parameters as one JSON object (for analytics_runs.parameters).
std::string toJson(const ValueModelParams& p);

/// One client's inputs over the 365-day window W (CNY; counts as numbers).
struct ProfitInput {
    double commission_12m = 0;                           // sum of commission of trades in W
    double amount_12m = 0;                               // sum of traded amount in W
    double avg_cash_12m = 0;                             // mean cash of snapshots in W (0 if none)
    double covered_days = 0;                             // days of W the account was open, 0..365
    double aum = 0;                                      // latest snapshot <= A
    std::array<double, kContactChannelCount> contacts{}; // contacts in W per channel
};

/// One client's 12-month profit and its parts (CNY, unrounded).
struct ProfitBreakdown {
    double commission_12m = 0;
    double interest_12m = 0;
    double handling_cost_12m = 0;
    double service_cost_12m = 0;
    double maintenance_12m = 0;
    double profit_12m = 0;
    double aum = 0;
    std::array<double, kContactChannelCount> service_by_channel{};
};

/// profit_12m = commission + interest - handling - service - maintenance, exactly as the spec.
ProfitBreakdown computeProfit(const ProfitInput& in, const ValueModelParams& p);

} // namespace bd::analytics
