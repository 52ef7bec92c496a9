#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analytics/bgnbd.h"
#include "analytics/clv.h"
#include "cdnowdata.h"

using namespace bd::analytics;

namespace {

BgNbdParams published() {
    const auto g = bdtest::golden()["bgnbd"]["params_published"];
    return {g[0].num(), g[1].num(), g[2].num(), g[3].num()};
}

void expectRel(double actual, double expected, double rel, const std::string& what = {}) {
    EXPECT_NEAR(actual, expected, rel * std::abs(expected)) << what;
}

RfmData rfm(std::vector<double> x, std::vector<double> tx, std::vector<double> T) {
    RfmData d;
    d.x = Eigen::Map<Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
    d.t_x = Eigen::Map<Eigen::VectorXd>(tx.data(), static_cast<Eigen::Index>(tx.size()));
    d.T = Eigen::Map<Eigen::VectorXd>(T.data(), static_cast<Eigen::Index>(T.size()));
    return d;
}

/// Simulates BG/NBD customers observed for T_i time units after their first purchase.
RfmData simulate(const BgNbdParams& p, int n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::gamma_distribution<double> lambdaDist(p.r, 1.0 / p.alpha);
    std::gamma_distribution<double> ga(p.a, 1.0), gb(p.b, 1.0);
    std::uniform_real_distribution<double> unif(0.0, 1.0);
    std::vector<double> x, tx, T;
    for (int i = 0; i < n; ++i) {
        const double lambda = lambdaDist(rng);
        const double u = ga(rng), v = gb(rng);
        const double drop = u / (u + v);
        const double Ti = 26.0 + 26.0 * unif(rng);
        double t = 0.0, last = 0.0;
        int count = 0;
        std::exponential_distribution<double> gap(lambda);
        while (true) {
            t += gap(rng);
            if (t > Ti) break;
            ++count;
            last = t;
            if (unif(rng) < drop) break; // leaves right after this repeat transaction
        }
        x.push_back(count);
        tx.push_back(last);
        T.push_back(Ti);
    }
    return rfm(x, tx, T);
}

} // namespace

TEST(BgNbdGolden, LogLikelihoodAtPublishedParameters) {
    const auto g = bdtest::golden()["bgnbd"];
    const auto s = bdtest::publishedSummary();
    auto total = bgnbdLogLikelihood(published(), s.rfm);
    ASSERT_TRUE(total.ok());
    expectRel(*total, g["LL_total_at_published_on_cdnow_customers_summary_csv"].num(), 1e-10);
    auto rows = bgnbdLogLikelihoods(published(), s.rfm);
    ASSERT_TRUE(rows.ok());
    expectRel((*rows)[0], g["LL_i_customer1_x2_tx30.43_T38.86"].num(), 1e-10);
    expectRel((*rows)[2], g["LL_i_customer3_x0_T38.86"].num(), 1e-10);
    EXPECT_NEAR(rows->sum(), *total, 1e-8);
}

TEST(BgNbdGolden, UnconditionalExpectedTransactions) {
    const auto e = bdtest::golden()["bgnbd"]["E_X_t"];
    ASSERT_FALSE(e.fields.empty());
    for (const auto& [t, v] : e.fields)
        expectRel(bgnbdExpected(published(), std::stod(t)), v.num(), 1e-9, "t = " + t);
    EXPECT_EQ(bgnbdExpected(published(), 0.0), 0.0);
}

TEST(BgNbdGolden, ConditionalExpectationsAndProbabilityAlive) {
    const auto g = bdtest::golden()["bgnbd"];
    const auto p = published();
    expectRel(bgnbdConditionalExpected(p, 39, 2, 30.43, 38.86), g["cond_E_Y_t39_cust1"].num(),
              1e-9);
    expectRel(bgnbdProbabilityAlive(p, 2, 30.43, 38.86), g["P_alive_cust1"].num(), 1e-12);
    expectRel(bgnbdConditionalExpected(p, 39, 0, 0, 38.86), g["cond_E_Y_t39_x0_T38.86"].num(),
              1e-9);
    expectRel(bgnbdConditionalExpected(p, 52, 26, 216.0 / 7, 31),
              g["cond_E_Y_t52_x26_tx30.85714_T31"].num(), 1e-9);
    expectRel(bgnbdProbabilityAlive(p, 26, 216.0 / 7, 31), g["P_alive_x26_tx30.85714_T31"].num(),
              1e-12);
    const auto& list = g["cond_E_Y_t52_tx20_T39_x10_15_20_25"];
    for (std::size_t i = 0; i < 4; ++i) {
        const double x = 10.0 + 5.0 * static_cast<double>(i);
        expectRel(bgnbdConditionalExpected(p, 52, x, 20, 39), list[i].num(), 1e-8,
                  "x = " + std::to_string(x));
    }
}

TEST(BgNbdGolden, SumOfConditionalExpectationsOverAllCustomers) {
    const auto s = bdtest::publishedSummary();
    auto e = bgnbdConditionalExpected(published(), 39, s.rfm);
    ASSERT_TRUE(e.ok()) << e.error().toString();
    ASSERT_EQ(e->size(), 2357);
    expectRel(e->sum(), bdtest::golden()["bgnbd"]["sum_cond_E_Y_t39_all_2357"].num(), 1e-10);
}

TEST(BgNbdGolden, CountProbabilities) {
    const auto g = bdtest::golden()["bgnbd"];
    const auto p = published();
    expectRel(bgnbdProbabilityCount(p, 2, 10), g["pmf_t2_n10"].num(), 1e-8);
    expectRel(bgnbdProbabilityCount(p, 39, 0), g["pmf_t39_n0"].num(), 1e-12);
    const auto& list = g["pmf_t30_n11_to_20"];
    for (int n = 11; n <= 20; ++n)
        expectRel(bgnbdProbabilityCount(p, 30, n), list[static_cast<std::size_t>(n - 11)].num(),
                  1e-8);
    // A distribution: the probabilities sum to 1 and their mean is E[X(t)].
    double total = 0, mean = 0;
    for (int n = 0; n < 600; ++n) {
        const double q = bgnbdProbabilityCount(p, 30, n);
        total += q;
        mean += n * q;
    }
    EXPECT_NEAR(total, 1.0, 1e-9);
    expectRel(mean, bgnbdExpected(p, 30), 1e-7);
}

TEST(BgNbd, ProbabilityAliveIsExactlyOneWithoutRepeats) {
    EXPECT_EQ(bgnbdProbabilityAlive(published(), 0, 0, 38.86), 1.0);
    EXPECT_EQ(bgnbdProbabilityAlive(published(), 0, 0, 0), 1.0);
    const double pa = bgnbdProbabilityAlive(published(), 3, 10, 38.86);
    EXPECT_GT(pa, 0.0);
    EXPECT_LT(pa, 1.0);
    // More recent activity: more likely alive.
    EXPECT_GT(bgnbdProbabilityAlive(published(), 3, 30, 38.86), pa);
}

TEST(BgNbd, ExpectedCountMatchesDirectIntegralIncludingAEqualsOne) {
    // E[X(t)] = ∫ (1 − (α/(α + p t))^r) / p  Beta(p; a, b) dp: Simpson's rule, smooth densities.
    for (const auto& prm : {BgNbdParams{0.7, 5.0, 1.0, 2.5}, BgNbdParams{1.3, 3.0, 3.0, 4.0},
                            BgNbdParams{0.4, 9.0, 2.0, 1.0}}) {
        const double t = 40.0;
        const int n = 20000;
        const double lb = std::lgamma(prm.a) + std::lgamma(prm.b) - std::lgamma(prm.a + prm.b);
        auto f = [&](double p) {
            const double g = p == 0 ? prm.r * t / prm.alpha
                                    : (1.0 - std::pow(prm.alpha / (prm.alpha + p * t), prm.r)) / p;
            return g * std::pow(p, prm.a - 1) * std::pow(1 - p, prm.b - 1) * std::exp(-lb);
        };
        double sum = 0;
        for (int i = 0; i <= n; ++i) {
            const double p = static_cast<double>(i) / n;
            const double w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
            const double v = (p == 0 && prm.a > 1) || (p == 1 && prm.b > 1) ? 0.0 : f(p);
            sum += w * v;
        }
        const double integral = sum / (3.0 * n);
        expectRel(bgnbdExpected(prm, t), integral, 1e-6, "a = " + std::to_string(prm.a));
    }
    // Continuity across the removable singularity at a = 1.
    const double at1 = bgnbdExpected({0.7, 5.0, 1.0, 2.5}, 40);
    EXPECT_NEAR(bgnbdExpected({0.7, 5.0, 1.0 + 1e-3, 2.5}, 40), at1, 1e-3 * at1);
    EXPECT_NEAR(bgnbdExpected({0.7, 5.0, 1.0 - 1e-3, 2.5}, 40), at1, 1e-3 * at1);
    // And at c = a + b − 1 = 0 for a customer with no repeats.
    const double c0 = bgnbdExpected({0.7, 5.0, 0.4, 0.6}, 40);
    EXPECT_TRUE(std::isfinite(c0));
    EXPECT_NEAR(bgnbdExpected({0.7, 5.0, 0.4, 0.6 + 1e-3}, 40), c0, 1e-2 * c0);
}

TEST(BgNbd, GradientMatchesFiniteDifferences) {
    const auto s = bdtest::publishedSummary();
    RfmData weighted = s.rfm;
    weighted.weight = Eigen::VectorXd::LinSpaced(s.rfm.x.size(), 0.5, 3.0);
    for (const auto& data : {s.rfm, weighted}) {
        for (const auto& p :
             {published(), BgNbdParams{1.5, 2.0, 3.0, 0.7}, BgNbdParams{0.1, 20.0, 0.2, 8.0}}) {
            auto g = bgnbdGradientLog(p, data);
            ASSERT_TRUE(g.ok());
            const Eigen::Vector4d th(std::log(p.r), std::log(p.alpha), std::log(p.a),
                                     std::log(p.b));
            for (int k = 0; k < 4; ++k) {
                const double h = 1e-5;
                Eigen::Vector4d up = th, dn = th;
                up[k] += h;
                dn[k] -= h;
                auto ll = [&](const Eigen::Vector4d& v) {
                    return *bgnbdLogLikelihood(
                        {std::exp(v[0]), std::exp(v[1]), std::exp(v[2]), std::exp(v[3])}, data);
                };
                const double fd = (ll(up) - ll(dn)) / (2 * h);
                EXPECT_NEAR((*g)[k], fd, 1e-5 * std::max(1.0, std::abs(fd))) << "component " << k;
            }
        }
    }
}

TEST(BgNbd, WeightsEqualRepeatedRows) {
    const auto twice = rfm({2, 2, 0, 5}, {3, 3, 0, 9}, {10, 10, 7, 12});
    auto once = rfm({2, 0, 5}, {3, 0, 9}, {10, 7, 12});
    once.weight = Eigen::Vector3d(2, 1, 1);
    const BgNbdParams p{0.5, 3, 0.8, 2};
    EXPECT_NEAR(*bgnbdLogLikelihood(p, twice), *bgnbdLogLikelihood(p, once), 1e-12);
}

TEST(BgNbdFitCdnow, MatchesPublishedEstimatesFromTransactions) {
    auto summary = summarizeCustomers(bdtest::cdnowPurchases(), bd::Date::fromYmd(1997, 9, 30),
                                      TimeUnit::Week);
    ASSERT_TRUE(summary.ok());
    ASSERT_EQ(summary->rfm.x.size(), 2357);
    auto fit = fitBgNbd(summary->rfm);
    ASSERT_TRUE(fit.ok()) << fit.error().toString();
    EXPECT_TRUE(fit->converged);
    const auto pub = published();
    expectRel(fit->params.r, pub.r, 0.005, "r");
    expectRel(fit->params.alpha, pub.alpha, 0.005, "alpha");
    expectRel(fit->params.a, pub.a, 0.005, "a");
    expectRel(fit->params.b, pub.b, 0.005, "b");
    EXPECT_NEAR(fit->loglik, -9582.43, 0.1);
    // The independent ML fit quoted in the README (5 significant digits).
    expectRel(fit->params.r, 0.24259, 5e-5, "r");
    expectRel(fit->params.alpha, 4.41360, 5e-5, "alpha");
    expectRel(fit->params.a, 0.79292, 5e-5, "a");
    expectRel(fit->params.b, 2.42591, 5e-5, "b");
    EXPECT_NEAR(fit->loglik, -9582.429, 0.001);
    EXPECT_EQ(fit->customers, 2357);
    EXPECT_LT(fit->gradient.cwiseAbs().maxCoeff(), 1e-7);
    // Its log-likelihood beats the published (rounded) parameters on the same data.
    EXPECT_GE(fit->loglik, *bgnbdLogLikelihood(pub, summary->rfm));
}

TEST(BgNbdFitCdnow, SameOptimumFromFarStarts) {
    const auto s = bdtest::publishedSummary();
    auto reference = fitBgNbd(s.rfm);
    ASSERT_TRUE(reference.ok());
    for (const auto& start : {BgNbdParams{20, 0.05, 30, 0.02}, BgNbdParams{0.01, 500, 0.02, 50},
                              BgNbdParams{5, 50, 5, 5}, BgNbdParams{0.05, 1, 10, 100}}) {
        BgNbdFitOptions opt;
        opt.starts = {start};
        auto fit = fitBgNbd(s.rfm, opt);
        ASSERT_TRUE(fit.ok());
        EXPECT_NEAR(fit->loglik, reference->loglik, 1e-6);
        expectRel(fit->params.r, reference->params.r, 1e-4, "r");
        expectRel(fit->params.alpha, reference->params.alpha, 1e-4, "alpha");
        expectRel(fit->params.a, reference->params.a, 1e-4, "a");
        expectRel(fit->params.b, reference->params.b, 1e-4, "b");
    }
}

TEST(BgNbdFit, RecoversSimulatedParameters) {
    const BgNbdParams truth{0.5, 6.0, 0.7, 3.0};
    const RfmData data = simulate(truth, 20000, 20240601);
    auto fit = fitBgNbd(data);
    ASSERT_TRUE(fit.ok()) << fit.error().toString();
    EXPECT_TRUE(fit->converged);
    // ML beats the truth on its own sample; estimates within sampling error (~3-4 s.e.).
    EXPECT_GE(fit->loglik, *bgnbdLogLikelihood(truth, data));
    expectRel(fit->params.r, truth.r, 0.08, "r");
    expectRel(fit->params.alpha, truth.alpha, 0.12, "alpha");
    expectRel(fit->params.a, truth.a, 0.20, "a");
    expectRel(fit->params.b, truth.b, 0.25, "b");
    // The mean/ratio quantities are tighter than the individual shape parameters.
    expectRel(fit->params.r / fit->params.alpha, truth.r / truth.alpha, 0.05, "mean rate");
}

TEST(BgNbdFit, DegenerateInputsAreTypedErrors) {
    auto code = [](const RfmData& d) {
        auto f = fitBgNbd(d);
        return f.ok() ? bd::ErrorCode::None : f.error().code;
    };
    const auto invalid = bd::ErrorCode::InvalidInput;
    EXPECT_EQ(code(RfmData{}), invalid);                                       // empty
    EXPECT_EQ(code(rfm({2}, {3}, {10})), invalid);                             // one customer
    EXPECT_EQ(code(rfm({0, 0, 0}, {0, 0, 0}, {5, 6, 7})), invalid);            // no repeat buyers
    EXPECT_EQ(code(rfm({1, std::nan(""), 0}, {1, 2, 0}, {5, 6, 7})), invalid); // non-finite
    EXPECT_EQ(code(rfm({1, 2, 0}, {1, 8, 0}, {5, 6, 7})), invalid);            // t_x > T
    EXPECT_EQ(code(rfm({1, -2, 0}, {1, 2, 0}, {5, 6, 7})), invalid);           // negative x
    EXPECT_EQ(code(rfm({1, 2.5, 0}, {1, 2, 0}, {5, 6, 7})), invalid);          // fractional x
    EXPECT_EQ(code(rfm({1, 2, 0}, {1, 2, 3}, {5, 6, 7})), invalid);            // x = 0, t_x > 0
    RfmData mismatched = rfm({1, 2, 0}, {1, 2, 0}, {5, 6, 7});
    mismatched.weight = Eigen::Vector2d(1, 1);
    EXPECT_EQ(code(mismatched), invalid);
    auto one = rfm({2, 0}, {3, 0}, {10, 5});
    one.weight = Eigen::Vector2d(1, 0); // weight zero: effectively one customer
    EXPECT_EQ(code(one), invalid);
    auto e = fitBgNbd(rfm({1, 2, 0}, {1, 8, 0}, {5, 6, 7}));
    EXPECT_NE(e.error().toString().find("t_x exceeds T"), std::string::npos);
    EXPECT_NE(e.error().toString().find("row 2"), std::string::npos);
    // Invalid parameters for the evaluation functions.
    EXPECT_FALSE(bgnbdLogLikelihood({-1, 1, 1, 1}, rfm({1}, {1}, {2})).ok());
    EXPECT_TRUE(std::isnan(bgnbdProbabilityAlive({0, 1, 1, 1}, 1, 1, 2)));
}
