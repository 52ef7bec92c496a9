#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "analytics/profitmodel.h"

using namespace bd;
using namespace bd::analytics;

namespace {
ProfitInput sample() {
    ProfitInput in;
    in.commission_12m = 12300.00;
    in.amount_12m = 8'000'000.00;
    in.avg_cash_12m = 250'000.00;
    in.covered_days = 365;
    in.aum = 1'000'000.00;
    in.contacts[static_cast<int>(ContactChannel::Phone)] = 4;
    in.contacts[static_cast<int>(ContactChannel::Sms)] = 10;
    in.contacts[static_cast<int>(ContactChannel::Visit)] = 9;
    return in;
}
} // namespace

TEST(ProfitModel, DefaultsAreTheSpecs) {
    ValueModelParams p;
    EXPECT_DOUBLE_EQ(p.handling_rate, 0.0000341);
    EXPECT_DOUBLE_EQ(p.spread_rate, 0.012);
    EXPECT_DOUBLE_EQ(p.maintenance_per_year, 60.0);
    EXPECT_DOUBLE_EQ(p.channel_cost[static_cast<int>(ContactChannel::Phone)], 15.00);
    EXPECT_DOUBLE_EQ(p.channel_cost[static_cast<int>(ContactChannel::Sms)], 0.05);
    EXPECT_DOUBLE_EQ(p.channel_cost[static_cast<int>(ContactChannel::Wechat)], 2.00);
    EXPECT_DOUBLE_EQ(p.channel_cost[static_cast<int>(ContactChannel::Email)], 1.00);
    EXPECT_DOUBLE_EQ(p.channel_cost[static_cast<int>(ContactChannel::Visit)], 200.00);
    EXPECT_DOUBLE_EQ(p.channel_cost[static_cast<int>(ContactChannel::Seminar)], 80.00);
    EXPECT_DOUBLE_EQ(p.channel_cost[static_cast<int>(ContactChannel::Other)], 5.00);
    EXPECT_DOUBLE_EQ(p.vip_percent, 5.0);
    EXPECT_TRUE(validate(p).ok());
}

TEST(ProfitModel, EveryComponentKnownAnswer) {
    const ProfitBreakdown b = computeProfit(sample(), ValueModelParams{});
    EXPECT_NEAR(b.commission_12m, 12300.00, 1e-9);
    EXPECT_NEAR(b.handling_cost_12m, 272.80, 1e-9); // 0.0000341 * 8,000,000
    EXPECT_NEAR(b.interest_12m, 3000.00, 1e-9);     // 0.012 * 250,000 * 365/365
    EXPECT_NEAR(b.service_cost_12m, 60.0 + 0.5 + 1800.0, 1e-9);
    EXPECT_NEAR(b.service_by_channel[static_cast<int>(ContactChannel::Visit)], 1800.0, 1e-9);
    EXPECT_NEAR(b.maintenance_12m, 60.00, 1e-9);
    EXPECT_NEAR(b.profit_12m, 12300.00 + 3000.00 - 272.80 - 1860.50 - 60.00, 1e-9);
    EXPECT_NEAR(b.aum, 1'000'000.00, 1e-9);
}

TEST(ProfitModel, PartialCoverageProratesInterestAndMaintenance) {
    ProfitInput in = sample();
    in.covered_days = 73; // opened 73 days before A: one fifth of the window
    const ProfitBreakdown b = computeProfit(in, ValueModelParams{});
    EXPECT_NEAR(b.maintenance_12m, 12.00, 1e-9);
    EXPECT_NEAR(b.interest_12m, 600.00, 1e-9);
    in.covered_days = 0;
    const ProfitBreakdown z = computeProfit(in, ValueModelParams{});
    EXPECT_EQ(z.maintenance_12m, 0.0);
    EXPECT_EQ(z.interest_12m, 0.0);
    in.covered_days = 500; // clamped to the window
    EXPECT_NEAR(computeProfit(in, ValueModelParams{}).maintenance_12m, 60.0, 1e-9);
}

TEST(ProfitModel, ParametersChangeTheResult) {
    ValueModelParams p;
    p.handling_rate = 0.0001;
    p.spread_rate = 0.02;
    p.maintenance_per_year = 100;
    p.channel_cost[static_cast<int>(ContactChannel::Visit)] = 300;
    const ProfitBreakdown b = computeProfit(sample(), p);
    EXPECT_NEAR(b.handling_cost_12m, 800.0, 1e-9);
    EXPECT_NEAR(b.interest_12m, 5000.0, 1e-9);
    EXPECT_NEAR(b.maintenance_12m, 100.0, 1e-9);
    EXPECT_NEAR(b.service_cost_12m, 60.0 + 0.5 + 2700.0, 1e-9);
}

TEST(ProfitModel, ZeroInputsGiveZeroProfitWithoutNaN) {
    const ProfitBreakdown b = computeProfit(ProfitInput{}, ValueModelParams{});
    EXPECT_EQ(b.profit_12m, 0.0);
    EXPECT_FALSE(std::isnan(b.interest_12m));
}

TEST(ProfitModel, KeyValuesKeepTheirStoredOrder) {
    // The order is the stored parameters' JSON (analytics_runs.parameters, settings).
    std::vector<std::string> keys;
    for (const auto& [k, v] : toKeyValues(ValueModelParams{})) keys.push_back(k);
    ASSERT_EQ(keys.size(), 9u + kContactChannelCount);
    EXPECT_EQ(keys[0], "handling_rate");
    EXPECT_EQ(keys[2], "maintenance_per_year");
    EXPECT_EQ(keys[3].rfind("channel_cost.", 0), 0u) << keys[3];
    EXPECT_EQ(keys[2 + kContactChannelCount].rfind("channel_cost.", 0), 0u);
    EXPECT_EQ(keys[3 + kContactChannelCount], "vip_percent");
    EXPECT_EQ(keys.back(), "clv_horizon_weeks");
}

TEST(ProfitModel, KeyValuesRoundTripAndValidation) {
    ValueModelParams p;
    ASSERT_TRUE(setParam(p, "channel_cost.visit", 250).ok());
    ASSERT_TRUE(setParam(p, "vip_percent", 2).ok());
    ValueModelParams q;
    for (const auto& [k, v] : toKeyValues(p)) ASSERT_TRUE(setParam(q, k, v).ok()) << k;
    EXPECT_EQ(toJson(p), toJson(q));
    EXPECT_NE(toJson(p).find("\"channel_cost.visit\": 250"), std::string::npos) << toJson(p);
    EXPECT_EQ(setParam(p, "no_such_key", 1).error().code, ErrorCode::Usage);
    p.vip_percent = 0;
    EXPECT_FALSE(validate(p).ok());
    p.vip_percent = 5;
    p.spread_rate = -0.1;
    EXPECT_FALSE(validate(p).ok());
    p.spread_rate = 0.01;
    p.weight_clv = 0;
    p.weight_profit = 0;
    EXPECT_FALSE(validate(p).ok());
}
