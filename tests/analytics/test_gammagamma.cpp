#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analytics/clv.h"
#include "analytics/gammagamma.h"
#include "cdnowdata.h"

using namespace bd::analytics;

namespace {

GammaGammaParams published() {
    const auto g = bdtest::golden()["gamma_gamma"]["params_published"];
    return {g[0].num(), g[1].num(), g[2].num()};
}

SpendData publishedSpend() {
    const auto s = bdtest::publishedSummary();
    return {s.rfm.x, s.zbar, {}};
}

void expectRel(double actual, double expected, double rel, const std::string& what = {}) {
    EXPECT_NEAR(actual, expected, rel * std::abs(expected)) << what;
}

SpendData spend(std::vector<double> x, std::vector<double> m) {
    SpendData d;
    d.x = Eigen::Map<Eigen::VectorXd>(x.data(), static_cast<Eigen::Index>(x.size()));
    d.m_x = Eigen::Map<Eigen::VectorXd>(m.data(), static_cast<Eigen::Index>(m.size()));
    return d;
}

} // namespace

TEST(GammaGammaGolden, LogLikelihoodAtPublishedParameters) {
    const auto g = bdtest::golden()["gamma_gamma"];
    auto ll = gammaGammaLogLikelihood(published(), publishedSpend());
    ASSERT_TRUE(ll.ok());
    expectRel(*ll, g["LL_total_at_published_on_csv_zbar_2dp"].num(), 1e-10);
    auto rows = gammaGammaLogLikelihoods(published(), publishedSpend());
    ASSERT_TRUE(rows.ok());
    EXPECT_NEAR(rows->sum(), *ll, 1e-8);
    EXPECT_EQ((*rows)[2], 0.0); // customer 3 has x = 0: not part of the likelihood
}

TEST(GammaGammaGolden, ConditionalExpectedValues) {
    const auto g = bdtest::golden()["gamma_gamma"];
    const auto data = publishedSpend();
    auto v = gammaGammaConditionalExpectedValue(published(), data);
    ASSERT_TRUE(v.ok());
    const auto& first = g["cond_E_M_first10_customers"];
    for (std::size_t i = 0; i < 10; ++i)
        expectRel((*v)[static_cast<Eigen::Index>(i)], first[i].num(), 1e-12,
                  "customer " + std::to_string(i + 1));
    expectRel(*gammaGammaConditionalExpectedValue(published(), 0, 0), g["population_mean"].num(),
              1e-12);
    // Shrinkage: the estimate lies between the population mean and the customer's own mean,
    // and moves towards the customer's mean as x grows.
    const double pop = g["population_mean"].num();
    const double one = *gammaGammaConditionalExpectedValue(published(), 1, 100);
    const double ten = *gammaGammaConditionalExpectedValue(published(), 10, 100);
    EXPECT_GT(one, pop);
    EXPECT_LT(one, ten);
    EXPECT_LT(ten, 100);
}

TEST(GammaGamma, GradientMatchesFiniteDifferences) {
    const auto data = publishedSpend();
    for (const auto& p :
         {published(), GammaGammaParams{1.0, 2.0, 40.0}, GammaGammaParams{20, 1.5, 3}}) {
        auto g = gammaGammaGradientLog(p, data);
        ASSERT_TRUE(g.ok());
        const Eigen::Vector3d th(std::log(p.p), std::log(p.q), std::log(p.gamma));
        for (int k = 0; k < 3; ++k) {
            const double h = 1e-5;
            Eigen::Vector3d up = th, dn = th;
            up[k] += h;
            dn[k] -= h;
            auto ll = [&](const Eigen::Vector3d& v) {
                return *gammaGammaLogLikelihood({std::exp(v[0]), std::exp(v[1]), std::exp(v[2])},
                                                data);
            };
            const double fd = (ll(up) - ll(dn)) / (2 * h);
            EXPECT_NEAR((*g)[k], fd, 1e-5 * std::max(1.0, std::abs(fd))) << "component " << k;
        }
    }
}

TEST(GammaGammaFitCdnow, MatchesPublishedEstimatesFromTransactions) {
    auto summary = summarizeCustomers(bdtest::cdnowPurchases(), bd::Date::fromYmd(1997, 9, 30),
                                      TimeUnit::Week);
    ASSERT_TRUE(summary.ok());
    auto fit = fitGammaGamma(spendData(*summary));
    ASSERT_TRUE(fit.ok()) << fit.error().toString();
    EXPECT_TRUE(fit->converged);
    EXPECT_EQ(fit->customers, bdtest::golden()["gamma_gamma"]["n_repeat_customers"].num());
    const auto pub = published();
    expectRel(fit->params.p, pub.p, 0.005, "p");
    expectRel(fit->params.q, pub.q, 0.005, "q");
    expectRel(fit->params.gamma, pub.gamma, 0.005, "gamma");
    // The independent ML fit in the README (6 significant digits).
    expectRel(fit->params.p, 6.24957, 2e-5, "p");
    expectRel(fit->params.q, 3.74422, 2e-5, "q");
    expectRel(fit->params.gamma, 15.44352, 2e-5, "gamma");
}

TEST(GammaGammaFit, SameOptimumFromFarStarts) {
    const auto data = publishedSpend();
    auto ref = fitGammaGamma(data);
    ASSERT_TRUE(ref.ok());
    for (const auto& start : {GammaGammaParams{0.05, 50, 1000}, GammaGammaParams{100, 1.1, 0.1},
                              GammaGammaParams{1, 1, 1}}) {
        GammaGammaFitOptions opt;
        opt.starts = {start};
        auto fit = fitGammaGamma(data, opt);
        ASSERT_TRUE(fit.ok());
        EXPECT_NEAR(fit->loglik, ref->loglik, 1e-6);
        expectRel(fit->params.p, ref->params.p, 1e-4);
        expectRel(fit->params.q, ref->params.q, 1e-4);
        expectRel(fit->params.gamma, ref->params.gamma, 1e-4);
    }
}

TEST(GammaGammaFit, RecoversSimulatedParameters) {
    const GammaGammaParams truth{6.0, 4.0, 15.0};
    std::mt19937_64 rng(977);
    std::gamma_distribution<double> nuDist(truth.q, 1.0 / truth.gamma);
    std::poisson_distribution<int> extra(3.0);
    std::vector<double> x, m;
    for (int i = 0; i < 20000; ++i) {
        const double nu = nuDist(rng);
        const int xi = 1 + extra(rng);
        std::gamma_distribution<double> z(truth.p, 1.0 / nu);
        double sum = 0;
        for (int j = 0; j < xi; ++j) sum += z(rng);
        x.push_back(xi);
        m.push_back(sum / xi);
    }
    const SpendData data = spend(x, m);
    auto fit = fitGammaGamma(data);
    ASSERT_TRUE(fit.ok());
    EXPECT_TRUE(fit->converged);
    EXPECT_GE(fit->loglik, *gammaGammaLogLikelihood(truth, data));
    expectRel(fit->params.p, truth.p, 0.05, "p");
    expectRel(fit->params.q, truth.q, 0.08, "q");
    expectRel(fit->params.gamma, truth.gamma, 0.12, "gamma");
    // The population mean p γ / (q − 1) is estimated tightly.
    expectRel(fit->params.p * fit->params.gamma / (fit->params.q - 1),
              truth.p * truth.gamma / (truth.q - 1), 0.03, "mean");
}

TEST(GammaGammaFit, DegenerateInputsAreTypedErrors) {
    auto code = [](const SpendData& d) {
        auto f = fitGammaGamma(d);
        return f.ok() ? bd::ErrorCode::None : f.error().code;
    };
    const auto invalid = bd::ErrorCode::InvalidInput;
    EXPECT_EQ(code(SpendData{}), invalid);
    EXPECT_EQ(code(spend({2, 0, 0}, {10, 0, 0})), invalid);               // one usable customer
    EXPECT_EQ(code(spend({0, 0}, {0, 0})), invalid);                      // no repeat customers
    EXPECT_EQ(code(spend({2, 3, 1}, {10, 10, 10})), invalid);             // no spread in m_x
    EXPECT_EQ(code(spend({2, 3}, {10, std::nan("")})), invalid);          // non-finite
    EXPECT_EQ(code(spend({2, -3}, {10, 5})), invalid);                    // negative x
    EXPECT_EQ(code(spend({2, 3, 4}, {10, 12, -5})), bd::ErrorCode::None); // m_x <= 0 ignored
    // q <= 1: the mean spend does not exist.
    auto e = gammaGammaConditionalExpectedValue({6, 0.9, 15}, 2, 20);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, invalid);
    EXPECT_NE(e.error().toString().find("q > 1"), std::string::npos);
    EXPECT_FALSE(gammaGammaConditionalExpectedValue({6, 3, -1}, 2, 20).ok());
}
