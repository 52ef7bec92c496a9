#include <gtest/gtest.h>

#include <cmath>

#include "analytics/clv.h"
#include "cdnowdata.h"

using namespace bd::analytics;

namespace {
std::int32_t day(int y, int m, int d) {
    return bd::Date::fromYmd(y, m, d).days;
}
} // namespace

TEST(ClvSummary, FollowsTheCdnowConventions) {
    const bd::Date end = bd::Date::fromYmd(2024, 3, 31);
    const std::vector<std::vector<Purchase>> customers = {
        // unsorted; two purchases on 03-10 are one transaction worth 30; one after the end
        {{day(2024, 3, 10), 10},
         {day(2024, 1, 1), 5},
         {day(2024, 3, 10), 20},
         {day(2024, 2, 5), 40},
         {day(2024, 4, 2), 1000}},
        {},                      // never bought: left out
        {{day(2024, 5, 1), 7}},  // first purchase after the end: left out
        {{day(2024, 3, 31), 9}}, // bought on the calibration end itself: included, T = 0
    };
    auto s = summarizeCustomers(customers, end, TimeUnit::Day);
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(s->rfm.x.size(), 2);
    EXPECT_EQ(s->source, (std::vector<std::size_t>{0, 3}));
    EXPECT_EQ(s->rfm.x[0], 2);
    EXPECT_EQ(s->rfm.t_x[0], day(2024, 3, 10) - day(2024, 1, 1));
    EXPECT_EQ(s->rfm.T[0], end.days - day(2024, 1, 1));
    EXPECT_DOUBLE_EQ(s->m_x[0], (40.0 + 30.0) / 2); // repeat days only, first excluded
    EXPECT_EQ(s->rfm.x[1], 0);
    EXPECT_EQ(s->rfm.T[1], 0);
    EXPECT_EQ(s->m_x[1], 0);
    auto w = summarizeCustomers(customers, end, TimeUnit::Week);
    ASSERT_TRUE(w.ok());
    EXPECT_DOUBLE_EQ(w->rfm.t_x[0], s->rfm.t_x[0] / 7.0);
    EXPECT_DOUBLE_EQ(w->rfm.T[0], s->rfm.T[0] / 7.0);
    EXPECT_TRUE(validateRfm(w->rfm).ok());
    EXPECT_FALSE(summarizeCustomers({{{day(2024, 1, 1), std::nan("")}}}, end, TimeUnit::Day).ok());
    EXPECT_DOUBLE_EQ(horizonUnits(TimeUnit::Week, 52), 52.0);
    EXPECT_DOUBLE_EQ(horizonUnits(TimeUnit::Day, 52), 364.0);
}

TEST(ClvSummary, CdnowTransactionsReproduceThePublishedSummary) {
    const auto pub = bdtest::publishedSummary();
    auto s = summarizeCustomers(bdtest::cdnowPurchases(), bd::Date::fromYmd(1997, 9, 30),
                                TimeUnit::Week);
    ASSERT_TRUE(s.ok());
    ASSERT_EQ(s->rfm.x.size(), static_cast<Eigen::Index>(pub.id.size()));
    int repeaters = 0;
    for (Eigen::Index i = 0; i < s->rfm.x.size(); ++i) {
        // ids run 1..2357 in file order, so row i is customer id i + 1 in both.
        ASSERT_EQ(static_cast<int>(s->source[static_cast<std::size_t>(i)]) + 1,
                  pub.id[static_cast<std::size_t>(i)]);
        EXPECT_EQ(s->rfm.x[i], pub.rfm.x[i]) << "customer " << pub.id[static_cast<std::size_t>(i)];
        EXPECT_NEAR(s->rfm.t_x[i], pub.rfm.t_x[i], 0.005 + 1e-9) << "customer " << i + 1;
        EXPECT_NEAR(s->rfm.T[i], pub.rfm.T[i], 0.005 + 1e-9) << "customer " << i + 1;
        EXPECT_NEAR(s->m_x[i], pub.zbar[i], 0.005 + 1e-9) << "customer " << i + 1;
        repeaters += s->rfm.x[i] > 0;
    }
    EXPECT_EQ(repeaters, 946);
}

TEST(ClvPredict, MatchesTheScalarFormulasAndFits) {
    auto s = summarizeCustomers(bdtest::cdnowPurchases(), bd::Date::fromYmd(1997, 9, 30),
                                TimeUnit::Week);
    ASSERT_TRUE(s.ok());
    auto models = fitClvModels(*s);
    ASSERT_TRUE(models.ok()) << models.error().toString();
    const auto& bg = models->bgnbd.params;
    const auto& gg = models->gamma_gamma.params;
    auto pred = predictClv(s->rfm, s->m_x, bg, gg, horizonUnits(TimeUnit::Week, 52));
    ASSERT_TRUE(pred.ok()) << pred.error().toString();
    ASSERT_EQ(pred->p_alive.size(), s->rfm.x.size());
    for (Eigen::Index i = 0; i < s->rfm.x.size(); i += 97) {
        const double x = s->rfm.x[i], tx = s->rfm.t_x[i], T = s->rfm.T[i];
        EXPECT_DOUBLE_EQ(pred->p_alive[i], bgnbdProbabilityAlive(bg, x, tx, T));
        EXPECT_DOUBLE_EQ(pred->expected_transactions[i],
                         bgnbdConditionalExpected(bg, 52, x, tx, T));
        EXPECT_DOUBLE_EQ(pred->expected_value[i],
                         *gammaGammaConditionalExpectedValue(gg, x, s->m_x[i]));
    }
    EXPECT_TRUE((pred->p_alive.array() > 0).all() && (pred->p_alive.array() <= 1).all());
    EXPECT_TRUE((pred->expected_transactions.array() >= 0).all());
    // Errors: q <= 1, mismatched lengths.
    EXPECT_FALSE(predictClv(s->rfm, s->m_x, bg, {gg.p, 0.5, gg.gamma}, 52).ok());
    EXPECT_FALSE(predictClv(s->rfm, Eigen::VectorXd::Zero(3), bg, gg, 52).ok());
}

TEST(ClvFit, DayUnitsGiveTheSameModelRescaled) {
    // Only α carries the time unit: α_day = 7 α_week, r, a, b unchanged; LL shifts by the
    // Jacobian of the time change (−Σ x log 7 for the density of t_x).
    auto w = summarizeCustomers(bdtest::cdnowPurchases(), bd::Date::fromYmd(1997, 9, 30),
                                TimeUnit::Week);
    auto d =
        summarizeCustomers(bdtest::cdnowPurchases(), bd::Date::fromYmd(1997, 9, 30), TimeUnit::Day);
    ASSERT_TRUE(w.ok() && d.ok());
    auto fw = fitBgNbd(w->rfm);
    auto fd = fitBgNbd(d->rfm);
    ASSERT_TRUE(fw.ok() && fd.ok());
    EXPECT_NEAR(fd->params.r, fw->params.r, 1e-5 * fw->params.r);
    EXPECT_NEAR(fd->params.alpha, 7 * fw->params.alpha, 1e-5 * 7 * fw->params.alpha);
    EXPECT_NEAR(fd->params.a, fw->params.a, 1e-5 * fw->params.a);
    EXPECT_NEAR(fd->params.b, fw->params.b, 1e-5 * fw->params.b);
    EXPECT_NEAR(fd->loglik, fw->loglik - d->rfm.x.sum() * std::log(7.0), 1e-4);
    EXPECT_LT(fd->distinct_rows, d->rfm.x.size()); // identical rows were merged
}
