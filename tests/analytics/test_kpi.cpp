// The KPI history (analytics/kpi.h): month-ends, known answers on a hand-made book of three
// clients, retention, and the sums of scopes on a random book.
#include <gtest/gtest.h>

#include <random>

#include "analytics/kpi.h"
#include "analytics/valuescore.h"

using namespace bd;
using namespace bd::analytics;

namespace {

Date d(int y, int m, int dd) {
    return Date::fromYmd(y, m, dd);
}
std::int64_t cny(std::int64_t yuan) {
    return yuan * 10000;
}

/// Profit = commission - 5 CNY per phone call: every other cost set to zero.
ValueModelParams simpleParams() {
    ValueModelParams p;
    p.handling_rate = 0;
    p.spread_rate = 0;
    p.maintenance_per_year = 0;
    p.channel_cost.fill(0);
    p.channel_cost[static_cast<std::size_t>(ContactChannel::Phone)] = 5;
    return p;
}

void trade(KpiClientHistory& h, Date day, std::int64_t commissionYuan) {
    h.trade_day.push_back(day.days);
    h.trade_amount.push_back(cny(commissionYuan * 1000));
    h.trade_commission.push_back(cny(commissionYuan));
}
void snapshot(KpiClientHistory& h, Date day, std::int64_t cash, std::int64_t aum,
              std::int64_t inflow) {
    h.snapshot_day.push_back(day.days);
    h.snapshot_cash.push_back(cny(cash));
    h.snapshot_aum.push_back(cny(aum));
    h.snapshot_inflow.push_back(cny(inflow));
}
void contact(KpiClientHistory& h, Date day, ContactChannel ch, Outcome o, int satisfaction) {
    h.contact_day.push_back(day.days);
    h.contact_channel.push_back(static_cast<std::uint8_t>(ch));
    h.contact_outcome.push_back(static_cast<std::uint8_t>(o));
    h.contact_satisfaction.push_back(static_cast<std::uint8_t>(satisfaction));
}

/// Three clients: A (broker 0, branch 0) trades in January and February and is called twice;
/// B (broker 1, branch 0) opens on 10 February; C (broker 2, branch 1) is a closed account
/// whose last trade was on 15 December 2023.
KpiHistory handMadeBook() {
    KpiBuilder b({d(2023, 12, 31), d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31)}, 3, 2,
                 simpleParams());
    KpiClientHistory a;
    trade(a, d(2024, 1, 10), 100);
    trade(a, d(2024, 2, 20), 50);
    snapshot(a, d(2024, 1, 31), 1000, 5000, 5000);
    snapshot(a, d(2024, 2, 29), 1000, 6000, 500);
    contact(a, d(2024, 1, 5), ContactChannel::Phone, Outcome::Reached, 4);
    contact(a, d(2024, 2, 3), ContactChannel::Visit, Outcome::Callback, 2);
    b.add({1, 0, 0, d(2023, 6, 1), false, 30}, a);
    KpiClientHistory bh;
    trade(bh, d(2024, 2, 12), 10);
    b.add({2, 1, 0, d(2024, 2, 10), false, 30}, bh);
    KpiClientHistory c;
    trade(c, d(2023, 12, 15), 20);
    b.add({3, 2, 1, d(2022, 1, 1), true, 0}, c);
    return b.finish();
}

} // namespace

TEST(KpiMonthEnds, RunFromTheFirstMonthToTheAsOfDateWhichEndsAnOpenMonth) {
    EXPECT_EQ(kpiMonthEnds(d(2024, 1, 15), d(2024, 3, 31)),
              (std::vector<Date>{d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31)}));
    EXPECT_EQ(kpiMonthEnds(d(2023, 12, 1), d(2024, 2, 10)),
              (std::vector<Date>{d(2023, 12, 31), d(2024, 1, 31), d(2024, 2, 10)}));
    EXPECT_EQ(kpiMonthEnds(d(2024, 2, 10), d(2024, 2, 10)), (std::vector<Date>{d(2024, 2, 10)}));
    EXPECT_TRUE(kpiMonthEnds(d(2024, 3, 1), d(2024, 2, 10)).empty());
    EXPECT_EQ(previousMonthEnd(d(2024, 3, 15)), d(2024, 2, 29));
    EXPECT_EQ(previousMonthEnd(d(2024, 1, 31)), d(2023, 12, 31));
    EXPECT_EQ(yearEarlier(d(2024, 2, 29)), d(2023, 2, 28));
    EXPECT_EQ(yearEarlier(d(2023, 2, 28)), d(2022, 2, 28));
    EXPECT_EQ(yearEarlier(d(2025, 2, 28)), d(2024, 2, 29)); // a month-end stays a month-end
    EXPECT_EQ(yearEarlier(d(2024, 2, 10)), d(2023, 2, 10));
}

TEST(KpiBuilder, CountsAClosedAccountUpToTheMonthOfItsLastActivityThenAsLost) {
    const KpiHistory h = handMadeBook();
    const KpiFigures& dec = h.firm[0];
    EXPECT_EQ(dec.clients, 2); // A (opened in June) and C (active in December)
    EXPECT_EQ(dec.active, 1);  // C
    EXPECT_EQ(dec.commission, cny(20));
    EXPECT_EQ(dec.profit_12m, cny(20));
    EXPECT_EQ(dec.vips, 1); // C: ceil(2 x 5%) = 1 VIP, and only C's profit is above zero
    EXPECT_EQ(dec.cadence_clients, 1);
    EXPECT_EQ(dec.covered, 0); // A never contacted, opened 213 days ago, cadence 30
    const KpiFigures& jan = h.firm[1];
    EXPECT_EQ(jan.clients, 1);
    EXPECT_EQ(jan.lost, 1); // C: active at the end of December, not a client now
    EXPECT_EQ(h.branches[1][1].lost, 1);
    EXPECT_EQ(h.brokers[1][2].lost, 1);
}

TEST(KpiBuilder, KnownAnswersOfAHandMadeBookMonthByMonth) {
    const KpiHistory h = handMadeBook();
    ASSERT_EQ(h.firm.size(), 4u);
    const KpiFigures& jan = h.firm[1];
    EXPECT_EQ(jan.active, 1);
    EXPECT_EQ(jan.new_clients, 0);
    EXPECT_EQ(jan.aum, cny(5000));
    EXPECT_EQ(jan.net_inflow, cny(5000));
    EXPECT_EQ(jan.commission, cny(100));
    EXPECT_EQ(jan.profit_12m, cny(95)); // 100 commission - 5 for the phone call
    EXPECT_EQ(jan.vips, 1);
    EXPECT_EQ(jan.vips_entered, 1); // A
    EXPECT_EQ(jan.vips_left, 1);    // C
    EXPECT_DOUBLE_EQ(jan.vipChurnRate(), 1.0);
    EXPECT_EQ(jan.cadence_clients, 1);
    EXPECT_EQ(jan.covered, 1); // called on 5 January, 26 days before
    EXPECT_EQ(jan.contacts, 1);
    EXPECT_EQ(jan.contact_grid[1][1], 1); // phone, reached
    EXPECT_DOUBLE_EQ(jan.meanSatisfaction(), 4.0);

    const KpiFigures& feb = h.firm[2];
    EXPECT_EQ(feb.clients, 2);
    EXPECT_EQ(feb.active, 2);
    EXPECT_EQ(feb.new_clients, 1); // B
    EXPECT_EQ(feb.lost, 0);
    EXPECT_EQ(feb.aum, cny(6000));
    EXPECT_EQ(feb.net_inflow, cny(500));
    EXPECT_EQ(feb.commission, cny(60));
    EXPECT_EQ(feb.profit_12m, cny(145 + 10));
    EXPECT_EQ(feb.vips, 1); // ceil(2 x 5%) = 1: A
    EXPECT_EQ(feb.vips_entered + feb.vips_left, 0);
    EXPECT_EQ(feb.covered, 2); // A called on 3 February; B opened 19 days ago
    EXPECT_EQ(feb.contact_grid[static_cast<std::size_t>(ContactChannel::Visit)]
                              [static_cast<std::size_t>(Outcome::Callback)],
              1);
    EXPECT_DOUBLE_EQ(feb.meanSatisfaction(), 2.0);
    EXPECT_EQ(h.brokers[2][0].profit_12m, cny(145));
    EXPECT_EQ(h.brokers[2][1].profit_12m, cny(10));
    EXPECT_EQ(h.branches[2][0].clients, 2);
    EXPECT_EQ(h.branches[2][1].clients, 0);

    const KpiFigures& mar = h.firm[3];
    EXPECT_EQ(mar.active, 2); // last trades within 90 days
    EXPECT_EQ(mar.commission, 0);
    EXPECT_EQ(mar.net_inflow, 0);
    EXPECT_EQ(mar.aum, cny(6000)); // the February snapshot carries over
    EXPECT_EQ(mar.profit_12m, cny(155));
    EXPECT_EQ(mar.covered, 0); // A: 57 days since the visit; B: 50 days since opening
    EXPECT_EQ(mar.contacts, 0);
    EXPECT_DOUBLE_EQ(mar.coverageShare(), 0.0);
}

TEST(KpiBuilder, SaysWhyEachClientEnteredOrLeftTheVipList) {
    const KpiHistory h = handMadeBook();
    EXPECT_TRUE(h.vip_changes[0].empty()); // the first month has no month before it
    ASSERT_EQ(h.vip_changes[1].size(), 2u);
    const VipChange& in = h.vip_changes[1][0];
    EXPECT_EQ(in.client_ref, 1);
    EXPECT_EQ(in.kind, VipChangeKind::EnteredProfitRose);
    EXPECT_EQ(in.prev_profit_12m, 0);
    EXPECT_EQ(in.profit_12m, cny(95));
    EXPECT_EQ(in.cut_off, cny(95));
    EXPECT_EQ(in.prev_cut_off, cny(20));
    const VipChange& out = h.vip_changes[1][1];
    EXPECT_EQ(out.client_ref, 3);
    EXPECT_EQ(out.kind, VipChangeKind::LeftNotAClient);
    EXPECT_EQ(out.prev_profit_12m, cny(20));
}

TEST(KpiBuilder, RetentionCountsClientsActiveAYearEarlierWhoAreStillActive) {
    KpiBuilder b({d(2024, 1, 31)}, 1, 1, simpleParams());
    KpiClientHistory stays, goes, fresh;
    trade(stays, d(2023, 1, 15), 1);
    trade(stays, d(2024, 1, 20), 1);
    trade(goes, d(2023, 1, 10), 1);
    trade(fresh, d(2024, 1, 2), 1);
    b.add({1, 0, 0, d(2020, 1, 1), false, 0}, stays);
    b.add({2, 0, 0, d(2020, 1, 1), false, 0}, goes);
    b.add({3, 0, 0, d(2020, 1, 1), false, 0}, fresh);
    const KpiHistory h = b.finish();
    EXPECT_EQ(h.firm[0].retention_base, 2);
    EXPECT_EQ(h.firm[0].retained, 1);
    EXPECT_DOUBLE_EQ(h.firm[0].retentionRate(), 0.5);
    EXPECT_EQ(h.firm[0].active, 2);
}

TEST(KpiBuilder, ProfitIsTheValueModelsOverTheSameWindow) {
    // With the default parameters, the figure equals computeProfit on the window (A-365, A]:
    // a trade exactly 365 days before A is outside, one a day later inside.
    const ValueModelParams p;
    const Date a = d(2024, 3, 31);
    KpiBuilder b({a}, 1, 1, p);
    KpiClientHistory h;
    trade(h, a.addDays(-365), 7);
    trade(h, a.addDays(-364), 11);
    snapshot(h, a.addDays(-200), 30000, 50000, 0);
    snapshot(h, a.addDays(-20), 10000, 20000, 0);
    contact(h, a.addDays(-10), ContactChannel::Visit, Outcome::Reached, 0);
    b.add({1, 0, 0, d(2023, 10, 1), false, 0}, h);
    const KpiHistory out = b.finish();
    ProfitInput in;
    in.commission_12m = 11;
    in.amount_12m = 11000;
    in.avg_cash_12m = 20000;
    in.covered_days = a - d(2023, 10, 1);
    in.contacts[static_cast<std::size_t>(ContactChannel::Visit)] = 1;
    const double expected = computeProfit(in, p).profit_12m;
    EXPECT_EQ(out.firm[0].profit_12m, std::llround(expected * 100) * 100);
}

TEST(KpiBuilder, BranchesAndBrokersSumToTheFirmOnARandomBook) {
    std::mt19937 rng(7);
    std::vector<Date> ends = kpiMonthEnds(d(2022, 1, 1), d(2024, 6, 12));
    const std::size_t brokers = 5, branches = 3;
    KpiBuilder b(ends, brokers, branches, ValueModelParams{});
    std::uniform_int_distribution<int> day(d(2021, 6, 1).days, d(2024, 6, 12).days);
    KpiClientHistory h;
    for (int i = 0; i < 300; ++i) {
        h.clear();
        std::vector<int> days;
        for (int t = 0; t < static_cast<int>(rng() % 30); ++t) days.push_back(day(rng));
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());
        for (int dd : days) trade(h, Date{dd}, static_cast<std::int64_t>(rng() % 500));
        for (int m = 0; m < 36; m += 1 + static_cast<int>(rng() % 3))
            snapshot(h, kpiMonthEnds(d(2021, 6, 1), d(2024, 6, 12))[static_cast<std::size_t>(m)],
                     rng() % 10000, rng() % 90000, static_cast<std::int64_t>(rng() % 2000) - 1000);
        std::vector<int> cdays;
        for (int t = 0; t < static_cast<int>(rng() % 8); ++t) cdays.push_back(day(rng));
        std::sort(cdays.begin(), cdays.end());
        for (int dd : cdays)
            contact(h, Date{dd}, static_cast<ContactChannel>(rng() % kContactChannelCount),
                    static_cast<Outcome>(rng() % kOutcomeCount), static_cast<int>(rng() % 6));
        const auto broker = static_cast<std::int32_t>(rng() % brokers);
        // Mostly the broker's branch, sometimes another (a client assigned to a branch directly).
        const auto branch =
            static_cast<std::int32_t>(rng() % 5 == 0 ? rng() % branches : broker % branches);
        b.add({i + 1, broker, branch, Date{day(rng)}, rng() % 10 == 0,
               static_cast<int>(rng() % 3) * 30},
              h);
    }
    const KpiHistory out = b.finish();
    ASSERT_EQ(out.firm.size(), ends.size());
    std::int64_t vipsSeen = 0;
    for (std::size_t k = 0; k < ends.size(); ++k) {
        KpiFigures byBranch, byBroker;
        for (const auto& f : out.branches[k]) byBranch += f;
        for (const auto& f : out.brokers[k]) byBroker += f;
        EXPECT_EQ(byBranch, out.firm[k]) << "month " << k;
        EXPECT_EQ(byBroker, out.firm[k]) << "month " << k;
        const KpiFigures& f = out.firm[k];
        EXPECT_LE(f.active, f.clients);
        EXPECT_LE(f.vips,
                  static_cast<std::int64_t>(vipCount(static_cast<std::size_t>(f.clients), 5.0)));
        EXPECT_LE(f.covered, f.cadence_clients);
        EXPECT_LE(f.retained, f.retention_base);
        if (k > 0) {
            // Last month's VIPs, plus those who entered, less those who left.
            EXPECT_EQ(out.firm[k - 1].vips + f.vips_entered - f.vips_left, f.vips);
            EXPECT_EQ(static_cast<std::int64_t>(out.vip_changes[k].size()),
                      f.vips_entered + f.vips_left);
        }
        vipsSeen += f.vips;
    }
    EXPECT_GT(vipsSeen, 0);
    EXPECT_GT(out.firm.back().clients, 0);
}
