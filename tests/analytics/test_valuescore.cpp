#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "analytics/valuescore.h"

using namespace bd;
using namespace bd::analytics;

namespace {

ValueInput client(const std::string& id, double profit, double clv, double aum = 0) {
    ValueInput v;
    v.client_id = id;
    v.profit.commission_12m = profit;
    v.profit.profit_12m = profit;
    v.profit.aum = aum;
    v.clv.clv_12m = clv;
    v.clv.p_alive = 0.5;
    return v;
}

} // namespace

TEST(ValueScore, MonotoneInProfitAndClv) {
    ValueModelParams p;
    ProfitBreakdown b;
    ClvEstimate c;
    double last = -1e18;
    for (double profit = -1000; profit <= 1000; profit += 250) {
        b.profit_12m = profit;
        const double s = valueScore(b, c, p);
        EXPECT_GT(s, last);
        last = s;
    }
    last = -1e18;
    for (double clv = -1000; clv <= 1000; clv += 250) {
        c.clv_12m = clv;
        const double s = valueScore(b, c, p);
        EXPECT_GT(s, last);
        last = s;
    }
    b.profit_12m = 1000;
    c.clv_12m = 3000;
    EXPECT_DOUBLE_EQ(valueScore(b, c, p), 0.5 * 1000 + 0.5 * 3000);
}

TEST(ValueScore, ClvFollowsTheSpecFormula) {
    ProfitBreakdown b;
    b.interest_12m = 300;
    b.service_cost_12m = 100;
    b.maintenance_12m = 60;
    EXPECT_DOUBLE_EQ(clvFromParts(10, 50, 0.5, b), 10 * 50 + 0.5 * (300 - 100 - 60));
}

TEST(ValueScore, VipCountRuleIsCeilingAtLeastOne) {
    EXPECT_EQ(vipCount(0, 5), 0u);
    EXPECT_EQ(vipCount(1, 5), 1u);
    EXPECT_EQ(vipCount(10, 5), 1u);
    EXPECT_EQ(vipCount(20, 5), 1u);
    EXPECT_EQ(vipCount(21, 5), 2u);
    EXPECT_EQ(vipCount(100, 5), 5u); // exact products are not rounded up
    EXPECT_EQ(vipCount(100000, 5), 5000u);
    EXPECT_EQ(vipCount(7, 100), 7u);
    EXPECT_EQ(vipCount(3, 0), 0u);
}

TEST(ValueScore, RanksAreDenseWithIdTieBreakAndVipsPositiveOnly) {
    std::vector<ValueInput> in{client("C3", 100, 0), client("C1", 100, 0), client("C2", 300, 0),
                               client("C4", -50, 0)};
    ValueModelParams p;
    p.vip_percent = 50; // 2 of 4
    auto r = scoreClients(in, p);
    EXPECT_EQ(r[2].value_rank, 1);
    EXPECT_EQ(r[1].value_rank, 2); // C1 before C3 on equal score
    EXPECT_EQ(r[0].value_rank, 3);
    EXPECT_EQ(r[3].value_rank, 4);
    EXPECT_TRUE(r[2].vip);
    EXPECT_TRUE(r[1].vip);
    EXPECT_FALSE(r[0].vip);
    // A scope where nobody creates value has no VIP.
    std::vector<double> score{-1, -2};
    std::vector<std::string> ids{"A", "B"};
    EXPECT_TRUE(selectVips(score, ids, {0, 1}, 50).empty());
}

TEST(ValueScore, VipsPerScopeUseTheScopeSize) {
    std::vector<double> score;
    std::vector<std::string> ids;
    std::vector<std::size_t> branchA, all;
    for (int i = 0; i < 40; ++i) {
        score.push_back(100.0 + i);
        ids.push_back("C" + std::to_string(100 + i));
        all.push_back(static_cast<std::size_t>(i));
        if (i % 2 == 0) branchA.push_back(static_cast<std::size_t>(i));
    }
    EXPECT_EQ(selectVips(score, ids, all, 5).size(), 2u); // 40 x 5% = 2
    const auto v = selectVips(score, ids, branchA, 5);    // 20 x 5% = 1
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0], 38u); // the best client of the branch
}

TEST(ValueScore, AumRichLowValueFlagWithReasons) {
    std::vector<ValueInput> in;
    for (int i = 0; i < 9; ++i) {
        ValueInput v = client("N" + std::to_string(i), 1000.0 + i, 500, 100'000);
        v.trade_days_12m = 20;
        in.push_back(v);
    }
    // Rich client: the largest AUM, almost no trading, costly visits, cash idle.
    ValueInput rich = client("RICH", 10, 0, 5'000'000);
    rich.profit.commission_12m = 10;
    rich.profit.service_cost_12m = 800;
    rich.profit.profit_12m = -790;
    rich.avg_cash_12m = 4'000'000;
    rich.trade_days_12m = 1;
    in.push_back(rich);
    auto r = scoreClients(in, ValueModelParams{});
    for (int i = 0; i < 9; ++i) EXPECT_FALSE(r[static_cast<std::size_t>(i)].aum_rich_low_value);
    ASSERT_TRUE(r[9].aum_rich_low_value);
    EXPECT_EQ(r[9].flag_reasons, kReasonLowTrading | kReasonHighServiceCost | kReasonCashIdle);
    EXPECT_EQ(flagReasonCodes(r[9].flag_reasons), "low_trading;high_service_cost;cash_idle");
    const std::string& why9 = r[9].explanation_code; // the phrasebook words it
    EXPECT_EQ(why9.substr(why9.rfind('|')), "|f7") << why9;
    // The same client with a high value score is not flagged.
    in[9].profit.profit_12m = 50'000;
    EXPECT_FALSE(scoreClients(in, ValueModelParams{})[9].aum_rich_low_value);
}

TEST(ValueScore, ExplanationRanksContributions) {
    ValueInput v = client("C1", 0, 0);
    v.profit.commission_12m = 12300;
    v.profit.service_by_channel[static_cast<int>(ContactChannel::Visit)] = 1800;
    v.profit.service_cost_12m = 1800;
    v.profit.profit_12m = 10500;
    v.clv.p_alive = 0.42;
    auto r = scoreClients({v}, ValueModelParams{});
    EXPECT_EQ(r[0].explanation_code, "c+12,300;5-1,800|p0.42"); // stored language-free
    EXPECT_NEAR(r[0].churn_risk, 0.58, 1e-12);
}

TEST(ValueScore, QuantileInterpolates) {
    EXPECT_DOUBLE_EQ(quantile({1, 2, 3, 4}, 0.5), 2.5);
    EXPECT_DOUBLE_EQ(quantile({5}, 0.9), 5);
    EXPECT_DOUBLE_EQ(quantile({}, 0.5), 0);
    EXPECT_DOUBLE_EQ(quantile({10, 0, 20, 30, 40, 50, 60, 70, 80, 90}, 0.9), 81);
}

TEST(ValueScore, ConcentrationOnKnownDistribution) {
    std::vector<double> profit(99, 1.0);
    profit.push_back(901.0); // total 1000
    const Concentration c = profitConcentration(profit, 100);
    ASSERT_TRUE(c.defined);
    EXPECT_DOUBLE_EQ(c.total_profit, 1000.0);
    EXPECT_DOUBLE_EQ(c.top1, 0.901);
    EXPECT_DOUBLE_EQ(c.top5, 0.905);
    EXPECT_DOUBLE_EQ(c.top20, 0.920);
    ASSERT_EQ(c.curve.size(), 101u);
    EXPECT_DOUBLE_EQ(c.curve[0], 0.0);
    EXPECT_DOUBLE_EQ(c.curve[50], 0.95);
    EXPECT_NEAR(c.curve[100], 1.0, 1e-12);
    for (std::size_t k = 1; k < c.curve.size(); ++k) EXPECT_GE(c.curve[k], c.curve[k - 1]);
}

TEST(ValueScore, ConcentrationUndefinedWithoutPositiveTotal) {
    EXPECT_FALSE(profitConcentration({}, 100).defined);
    const Concentration c = profitConcentration({-5, 2}, 100);
    EXPECT_FALSE(c.defined);
    EXPECT_EQ(c.top1, 0.0);
    EXPECT_EQ(c.curve.size(), 101u);
}

TEST(ValueScore, EmptyInputIsFine) {
    EXPECT_TRUE(scoreClients({}, ValueModelParams{}).empty());
}
