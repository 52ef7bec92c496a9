#include "analytics/profitmodel.h"

#include "core/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bd::analytics {
namespace {

/// The named scalar parameters in the order toKeyValues() lists them; the per-channel contact
/// costs come after the first kScalarsBeforeChannels.
struct ScalarParam {
    std::string_view key;
    double ValueModelParams::*field;
};
constexpr ScalarParam kScalarParams[] = {
    {"handling_rate", &ValueModelParams::handling_rate},
    {"spread_rate", &ValueModelParams::spread_rate},
    {"maintenance_per_year", &ValueModelParams::maintenance_per_year},
    {"vip_percent", &ValueModelParams::vip_percent},
    {"weight_profit", &ValueModelParams::weight_profit},
    {"weight_clv", &ValueModelParams::weight_clv},
    {"aum_rich_quantile", &ValueModelParams::aum_rich_quantile},
    {"low_value_quantile", &ValueModelParams::low_value_quantile},
    {"clv_horizon_weeks", &ValueModelParams::clv_horizon_weeks},
};
constexpr std::size_t kScalarsBeforeChannels = 3;

std::string channelKey(int c) {
    const std::string_view name = toString(static_cast<ContactChannel>(c));
    return "channel_cost." + std::string(name.empty() ? "unknown" : name);
}

} // namespace

std::vector<std::pair<std::string, double>> toKeyValues(const ValueModelParams& p) {
    std::vector<std::pair<std::string, double>> kv;
    for (std::size_t i = 0; i < std::size(kScalarParams); ++i) {
        if (i == kScalarsBeforeChannels)
            for (int c = 0; c < kContactChannelCount; ++c)
                kv.emplace_back(channelKey(c), p.channel_cost[static_cast<std::size_t>(c)]);
        kv.emplace_back(std::string(kScalarParams[i].key), p.*kScalarParams[i].field);
    }
    return kv;
}

Status setParam(ValueModelParams& p, std::string_view key, double value) {
    if (!std::isfinite(value)) {
        Error e = makeError(ErrorCode::InvalidInput, "parameter must be a finite number");
        e.column_name = std::string(key);
        return e;
    }
    double* target = nullptr;
    for (const auto& param : kScalarParams)
        if (key == param.key) target = &(p.*param.field);
    for (int c = 0; c < kContactChannelCount && !target; ++c)
        if (key == channelKey(c)) target = &p.channel_cost[static_cast<std::size_t>(c)];
    if (!target) {
        Error e = makeError(ErrorCode::Usage, "unknown value-model parameter");
        e.column_name = std::string(key);
        return e;
    }
    *target = value;
    return {};
}

Status validate(const ValueModelParams& p) {
    auto bad = [](std::string key, double v, const char* why) {
        Error e = makeError(ErrorCode::InvalidInput, std::string("parameter ") + why);
        e.column_name = std::move(key);
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", v);
        e.value = buf;
        return Status(e);
    };
    for (const auto& [k, v] : toKeyValues(p))
        if (!std::isfinite(v)) return bad(k, v, "must be a finite number");
    if (p.handling_rate < 0 || p.handling_rate >= 1)
        return bad("handling_rate", p.handling_rate, "must be in [0, 1)");
    if (p.spread_rate < 0 || p.spread_rate >= 1)
        return bad("spread_rate", p.spread_rate, "must be in [0, 1)");
    if (p.maintenance_per_year < 0)
        return bad("maintenance_per_year", p.maintenance_per_year, "must be >= 0");
    for (int c = 0; c < kContactChannelCount; ++c)
        if (p.channel_cost[static_cast<std::size_t>(c)] < 0)
            return bad(channelKey(c), p.channel_cost[static_cast<std::size_t>(c)], "must be >= 0");
    if (p.vip_percent <= 0 || p.vip_percent > 100)
        return bad("vip_percent", p.vip_percent, "must be in (0, 100]");
    if (p.weight_profit < 0) return bad("weight_profit", p.weight_profit, "must be >= 0");
    if (p.weight_clv < 0) return bad("weight_clv", p.weight_clv, "must be >= 0");
    if (p.weight_profit + p.weight_clv <= 0)
        return bad("weight_profit", p.weight_profit, "and weight_clv must not both be 0");
    if (p.aum_rich_quantile < 0 || p.aum_rich_quantile > 1)
        return bad("aum_rich_quantile", p.aum_rich_quantile, "must be in [0, 1]");
    if (p.low_value_quantile < 0 || p.low_value_quantile > 1)
        return bad("low_value_quantile", p.low_value_quantile, "must be in [0, 1]");
    if (p.clv_horizon_weeks <= 0 || p.clv_horizon_weeks > 520)
        return bad("clv_horizon_weeks", p.clv_horizon_weeks, "must be in (0, 520]");
    return {};
}

std::string toJson(const ValueModelParams& p) {
    return jsonObject(toKeyValues(p));
}

ProfitBreakdown computeProfit(const ProfitInput& in, const ValueModelParams& p) {
    ProfitBreakdown b;
    const double covered = std::clamp(in.covered_days, 0.0, 365.0);
    b.commission_12m = in.commission_12m;
    b.handling_cost_12m = p.handling_rate * in.amount_12m;
    b.interest_12m = p.spread_rate * in.avg_cash_12m * covered / 365.0;
    for (std::size_t c = 0; c < b.service_by_channel.size(); ++c) {
        b.service_by_channel[c] = p.channel_cost[c] * in.contacts[c];
        b.service_cost_12m += b.service_by_channel[c];
    }
    b.maintenance_12m = p.maintenance_per_year * covered / 365.0;
    b.profit_12m = b.commission_12m + b.interest_12m - b.handling_cost_12m - b.service_cost_12m -
                   b.maintenance_12m;
    b.aum = in.aum;
    return b;
}

} // namespace bd::analytics
