// The CRM evaluation (analytics/evaluation.h): a known-answer difference in differences on a
// tiny hand-made panel, a planted effect recovered within its interval, no effect covered by
// it, the caveat without a comparison group, and each client's outcomes from its history.
#include <gtest/gtest.h>

#include <cmath>

#include "analytics/evaluation.h"
#include "analytics/random.h"

using namespace bd;
using namespace bd::analytics;

namespace {

constexpr auto kCommission = static_cast<std::size_t>(EvalOutcome::Commission);
constexpr auto kActive = static_cast<std::size_t>(EvalOutcome::Active);

EvalClientPanel client(EvalGroup g, double before, double after) {
    EvalClientPanel p;
    p.group = g;
    p.before.fill(kEvalMissing);
    p.after.fill(kEvalMissing);
    p.before[kCommission] = before;
    p.after[kCommission] = after;
    return p;
}

double normal(Rng& rng) {
    const double u = std::max(rng.uniform(), 1e-300), v = rng.uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v);
}

/// 1,500 clients a side: commission around 100 with a common trend of +20 after the start;
/// the treated clients gain `effect` more. Activity: 60% before, the treated gain
/// `activeEffect` of probability after.
std::vector<EvalClientPanel> syntheticPanel(double effect, double activeEffect,
                                            std::uint64_t seed) {
    Rng rng(seed);
    std::vector<EvalClientPanel> panel;
    for (int g = 0; g < 2; ++g) {
        for (int i = 0; i < 1500; ++i) {
            const bool treated = g == 0;
            const double level = 100 + 30 * normal(rng) + (treated ? 15 : 0); // groups differ
            auto p = client(treated ? EvalGroup::Treated : EvalGroup::Comparison, level,
                            level + 20 + (treated ? effect : 0) + 15 * normal(rng));
            p.before[kActive] = rng.uniform() < 0.6 ? 1 : 0;
            p.after[kActive] = rng.uniform() < 0.6 + (treated ? activeEffect : 0) ? 1 : 0;
            panel.push_back(p);
        }
    }
    return panel;
}

const EvalOutcomeResult& of(const EvalResult& r, EvalOutcome o) {
    return r.outcomes.at(static_cast<std::size_t>(o));
}

} // namespace

TEST(Evaluation, KnownAnswerOnATinyPanel) {
    // Treated changes 5 and 15 (mean 10), comparison 2 and 4 (mean 3): DiD 7.
    const std::vector<EvalClientPanel> panel{
        client(EvalGroup::Treated, 10, 15), client(EvalGroup::Treated, 20, 35),
        client(EvalGroup::Comparison, 10, 12), client(EvalGroup::Comparison, 10, 14)};
    const EvalResult r = evaluate(panel);
    ASSERT_TRUE(r.has_comparison);
    EXPECT_TRUE(r.caveats.empty());
    EXPECT_EQ(r.treated_clients, 2u);
    EXPECT_EQ(r.comparison_clients, 2u);
    const auto& c = of(r, EvalOutcome::Commission);
    EXPECT_EQ(c.n_treated, 2u);
    EXPECT_EQ(c.n_comparison, 2u);
    EXPECT_DOUBLE_EQ(c.treated_before, 15);
    EXPECT_DOUBLE_EQ(c.treated_after, 25);
    EXPECT_DOUBLE_EQ(c.comparison_before, 10);
    EXPECT_DOUBLE_EQ(c.comparison_after, 13);
    EXPECT_DOUBLE_EQ(c.treated_change, 10);
    EXPECT_DOUBLE_EQ(c.comparison_change, 3);
    EXPECT_DOUBLE_EQ(c.estimate, 7);
    // Resampled means lie in {5, 10, 15} - {2, 3, 4}: from 1 to 13, every one above zero.
    EXPECT_GE(c.ci_low, 1);
    EXPECT_LE(c.ci_high, 13);
    EXPECT_LE(c.ci_low, 7);
    EXPECT_GE(c.ci_high, 7);
    EXPECT_EQ(c.verdict, EvalVerdict::Rose);
    // Outcomes nobody has in both windows give no number.
    EXPECT_EQ(of(r, EvalOutcome::Satisfaction).verdict, EvalVerdict::NotEnoughData);
    EXPECT_EQ(of(r, EvalOutcome::Satisfaction).n_treated, 0u);
}

TEST(Evaluation, RecoversAPlantedEffectWithinItsInterval) {
    const EvalResult r = evaluate(syntheticPanel(10, 0.1, 7));
    const auto& c = of(r, EvalOutcome::Commission);
    EXPECT_NEAR(c.estimate, 10, 2.5);
    EXPECT_LE(c.ci_low, 10);
    EXPECT_GE(c.ci_high, 10);
    EXPECT_LE(c.ci_low, c.estimate);
    EXPECT_GE(c.ci_high, c.estimate);
    EXPECT_GT(c.ci_low, 0);
    EXPECT_EQ(c.verdict, EvalVerdict::Rose);
    EXPECT_NEAR(c.comparison_change, 20, 2);
    // The levels differ between the groups; the difference in differences removes it.
    EXPECT_GT(c.treated_before - c.comparison_before, 8);
    const auto& a = of(r, EvalOutcome::Active);
    EXPECT_NEAR(a.estimate, 0.1, 0.06);
    EXPECT_LE(a.ci_low, 0.1);
    EXPECT_GE(a.ci_high, 0.1);
    EXPECT_EQ(a.verdict, EvalVerdict::Rose);
    // A negative effect is found as a fall.
    const auto fell = evaluate(syntheticPanel(-10, -0.1, 8)); // kept: `of` returns a reference
    const auto& f = of(fell, EvalOutcome::Commission);
    EXPECT_LT(f.ci_high, 0);
    EXPECT_LE(f.ci_low, -10);
    EXPECT_GE(f.ci_high, -10);
    EXPECT_EQ(f.verdict, EvalVerdict::Fell);
}

TEST(Evaluation, NoEffectGivesAnIntervalCoveringZero) {
    // Both groups share the +20 trend only: before/after alone would show a rise.
    for (std::uint64_t seed : {11u, 12u, 13u}) {
        const EvalResult r = evaluate(syntheticPanel(0, 0, seed));
        for (EvalOutcome o : {EvalOutcome::Commission, EvalOutcome::Active}) {
            const auto& c = of(r, o);
            EXPECT_LE(c.ci_low, 0) << seed;
            EXPECT_GE(c.ci_high, 0) << seed;
            EXPECT_EQ(c.verdict, EvalVerdict::NoClearChange) << seed;
        }
        EXPECT_GT(of(r, EvalOutcome::Commission).treated_change, 15);
    }
}

TEST(Evaluation, WithoutAComparisonGroupStatesTheCaveat) {
    auto panel = syntheticPanel(0, 0, 21);
    std::erase_if(panel, [](const EvalClientPanel& p) { return p.group != EvalGroup::Treated; });
    const EvalResult r = evaluate(panel);
    EXPECT_FALSE(r.has_comparison);
    ASSERT_EQ(r.caveats.size(), 1u);
    EXPECT_EQ(r.caveats[0], EvalCaveat::NoComparisonGroup);
    const auto& c = of(r, EvalOutcome::Commission);
    EXPECT_EQ(c.n_comparison, 0u);
    // The common trend is all it sees: the change is before versus after only.
    EXPECT_DOUBLE_EQ(c.estimate, c.treated_change);
    EXPECT_NEAR(c.estimate, 20, 2);
    EXPECT_EQ(c.verdict, EvalVerdict::Rose);
}

TEST(Evaluation, SmallComparisonGroupIsACaveatAndTinyGroupsGiveNoNumber) {
    auto panel = syntheticPanel(0, 0, 31);
    std::size_t kept = 0;
    std::erase_if(panel, [&](const EvalClientPanel& p) {
        return p.group == EvalGroup::Comparison && ++kept > 100;
    });
    const EvalResult r = evaluate(panel);
    ASSERT_EQ(r.caveats.size(), 1u);
    EXPECT_EQ(r.caveats[0], EvalCaveat::SmallComparisonGroup);
    const std::vector<EvalClientPanel> one{client(EvalGroup::Treated, 1, 2),
                                           client(EvalGroup::Treated, 1, 3),
                                           client(EvalGroup::Comparison, 1, 1)};
    EXPECT_EQ(of(evaluate(one), EvalOutcome::Commission).verdict, EvalVerdict::NotEnoughData);
}

TEST(Evaluation, TheSameSeedGivesTheSameInterval) {
    const auto panel = syntheticPanel(5, 0, 41);
    EvalOptions o;
    o.resamples = 300;
    const auto a = of(evaluate(panel, o), EvalOutcome::Commission);
    const auto b = of(evaluate(panel, o), EvalOutcome::Commission);
    EXPECT_EQ(a.ci_low, b.ci_low);
    EXPECT_EQ(a.ci_high, b.ci_high);
    o.seed = 99;
    const auto c = of(evaluate(panel, o), EvalOutcome::Commission);
    EXPECT_EQ(a.estimate, c.estimate);
    EXPECT_NE(a.ci_low, c.ci_low);
    EXPECT_NEAR(a.ci_low, c.ci_low, 0.5);
}

TEST(Evaluation, ClientOutcomesFromItsHistory) {
    const auto d = [](int y, int m, int dd) { return Date::fromYmd(y, m, dd); };
    KpiClient c;
    c.open_date = d(2024, 1, 1);
    c.cadence_days = 30;
    KpiClientHistory h;
    for (Date t : {d(2024, 2, 1), d(2024, 3, 10), d(2024, 7, 20)}) {
        h.trade_day.push_back(t.days);
        h.trade_amount.push_back(1000 * 10000);
        h.trade_commission.push_back(25 * 10000);
    }
    h.snapshot_day = {d(2024, 3, 31).days, d(2024, 8, 31).days};
    h.snapshot_cash = {0, 0};
    h.snapshot_aum = {50000 * 10000LL, 80000 * 10000LL};
    h.snapshot_inflow = {0, 0};
    h.contact_day = {d(2024, 2, 5).days, d(2024, 3, 1).days, d(2024, 6, 15).days};
    h.contact_channel = {1, 1, 1};
    h.contact_outcome = {1, 1, 1};
    h.contact_satisfaction = {4, 0, 5};
    // Before: January to June 2024; after: July to December.
    const EvalValues before = evalOutcomes(c, h, d(2024, 1, 1), d(2024, 6, 30));
    const EvalValues after = evalOutcomes(c, h, d(2024, 7, 1), d(2024, 12, 31));
    const auto at = [](const EvalValues& v, EvalOutcome o) {
        return v[static_cast<std::size_t>(o)];
    };
    EXPECT_EQ(at(before, EvalOutcome::Active), 0); // last trade 10 March, >90 days to 30 June
    EXPECT_EQ(at(after, EvalOutcome::Active), 0);  // 20 July, >90 days to 31 December
    EXPECT_EQ(at(before, EvalOutcome::Commission), 50);
    EXPECT_EQ(at(after, EvalOutcome::Commission), 25);
    EXPECT_EQ(at(before, EvalOutcome::Aum), 50000);
    EXPECT_EQ(at(after, EvalOutcome::Aum), 80000);
    EXPECT_EQ(at(before, EvalOutcome::Satisfaction), 4.5); // 4 and 5; the unrated one not
    EXPECT_TRUE(std::isnan(at(after, EvalOutcome::Satisfaction)));
    EXPECT_EQ(at(before, EvalOutcome::Coverage), 1); // 15 June, 15 days before 30 June
    EXPECT_EQ(at(after, EvalOutcome::Coverage), 0);
    const EvalValues sep = evalOutcomes(c, h, d(2024, 7, 1), d(2024, 9, 30));
    EXPECT_EQ(at(sep, EvalOutcome::Active), 1);
    c.cadence_days = 0;
    EXPECT_TRUE(
        std::isnan(at(evalOutcomes(c, h, d(2024, 1, 1), d(2024, 6, 30)), EvalOutcome::Coverage)));
}
