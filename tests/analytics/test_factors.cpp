// PCA, varimax and factor naming: known answers and invariants.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "analytics/factors.h"
#include "analytics/random.h"

using namespace bd::analytics;

namespace {

Eigen::MatrixXd smallMatrix() {
    // Mean zero; sums: xx = 12, yy = 12, xy = 8 -> covariance [[12, 8], [8, 12]] / 5.
    Eigen::MatrixXd x(6, 2);
    x << 1, 1, -1, -1, 1, -1, -1, 1, 2, 2, -2, -2;
    return x;
}

double normal(Rng& rng) {
    const double u1 = std::max(rng.uniform(), 1e-300);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * rng.uniform());
}

} // namespace

TEST(Pca, CovarianceKnownAnswer) {
    auto r = pca(smallMatrix(), /*use_correlation=*/false);
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(r->eigenvalues(0), 4.0, 1e-12); // (12 + 8) / 5
    EXPECT_NEAR(r->eigenvalues(1), 0.8, 1e-12); // (12 - 8) / 5
    EXPECT_NEAR(r->explained_ratio(0), 4.0 / 4.8, 1e-12);
    const double h = std::sqrt(0.5);
    EXPECT_NEAR(std::fabs(r->eigenvectors(0, 0)), h, 1e-12);
    EXPECT_NEAR(r->eigenvectors(0, 0), r->eigenvectors(1, 0), 1e-12);
    EXPECT_NEAR(r->eigenvectors(0, 1), -r->eigenvectors(1, 1), 1e-12);
}

TEST(Pca, CorrelationKnownAnswer) {
    Eigen::MatrixXd x = smallMatrix();
    x.col(1) *= 100.0; // the correlation matrix ignores units
    auto r = pca(x, true);
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(r->eigenvalues(0), 5.0 / 3.0, 1e-12); // 1 + 2/3
    EXPECT_NEAR(r->eigenvalues(1), 1.0 / 3.0, 1e-12); // 1 - 2/3
    EXPECT_NEAR(r->eigenvalues.sum(), 2.0, 1e-12);
    EXPECT_FALSE(pca(Eigen::MatrixXd(1, 2), true).ok());
}

TEST(Varimax, RecoversSimpleStructure) {
    Eigen::MatrixXd simple(6, 2);
    simple << 0.8, 0, 0.7, 0, 0.9, 0, 0, 0.8, 0, 0.6, 0, 0.7;
    const double a = 30.0 * 3.14159265358979 / 180.0;
    Eigen::Matrix2d rot;
    rot << std::cos(a), -std::sin(a), std::sin(a), std::cos(a);
    const Eigen::MatrixXd mixed = simple * rot;
    const VarimaxResult v = varimax(mixed);
    EXPECT_TRUE(v.converged);
    // The rotation is orthogonal and communalities (row sums of squares) are unchanged.
    EXPECT_TRUE((v.rotation.transpose() * v.rotation).isApprox(Eigen::Matrix2d::Identity(), 1e-10));
    EXPECT_TRUE(v.loadings.rowwise().squaredNorm().isApprox(mixed.rowwise().squaredNorm(), 1e-10));
    EXPECT_TRUE((mixed * v.rotation).isApprox(v.loadings, 1e-10));
    // Simple structure recovered up to column order and sign.
    Eigen::MatrixXd absL = v.loadings.cwiseAbs();
    if (absL(0, 0) < absL(0, 1)) absL.col(0).swap(absL.col(1));
    EXPECT_TRUE(absL.isApprox(simple, 1e-6)) << absL;
}

TEST(Factors, KaiserRuleVarimaxAndNames) {
    Rng rng(5);
    const Eigen::Index n = 4000;
    Eigen::MatrixXd x(n, 6);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double activity = normal(rng), assets = normal(rng);
        x(i, 0) = activity + 0.4 * normal(rng);
        x(i, 1) = activity + 0.4 * normal(rng);
        x(i, 2) = activity + 0.5 * normal(rng);
        x(i, 3) = assets + 0.4 * normal(rng);
        x(i, 4) = assets + 0.4 * normal(rng);
        x(i, 5) = 0.3 * activity + assets + 0.5 * normal(rng);
    }
    const std::vector<std::string> names = {"trades_12m", "commission_12m", "turnover_12m",
                                            "aum",        "avg_cash_12m",   "market_value"};
    auto fm = fitFactors(x);
    ASSERT_TRUE(fm.ok());
    EXPECT_EQ(fm->factors, 2); // two eigenvalues above 1
    EXPECT_GT(fm->explained_total, 0.8);
    EXPECT_TRUE(fm->varimax_converged);
    EXPECT_TRUE(
        (fm->rotation.transpose() * fm->rotation).isApprox(Eigen::MatrixXd::Identity(2, 2), 1e-10));
    // Communalities equal the unrotated ones: sum of lambda_j v_ij^2 over kept factors.
    for (Eigen::Index i = 0; i < 6; ++i) {
        double h = 0.0;
        for (Eigen::Index j = 0; j < 2; ++j)
            h += fm->pca.eigenvalues(j) * std::pow(fm->pca.eigenvectors(i, j), 2);
        EXPECT_NEAR(fm->communalities(i), h, 1e-10);
    }
    std::set<std::string> themes;
    for (Eigen::Index j = 0; j < 2; ++j)
        themes.insert(nameFactor(fm->loadings.col(j), names).theme);
    EXPECT_EQ(themes, (std::set<std::string>{"activity", "assets"}));
    // Unit-variance, uncorrelated scores.
    const Eigen::MatrixXd s = factorScores(*fm, x);
    const Eigen::MatrixXd centred = s.rowwise() - s.colwise().mean();
    const Eigen::MatrixXd cov = centred.transpose() * centred / static_cast<double>(n - 1);
    EXPECT_TRUE(cov.isApprox(Eigen::MatrixXd::Identity(2, 2), 1e-8)) << cov;
}

TEST(Factors, RulesAndClamps) {
    Rng rng(9);
    Eigen::MatrixXd x(500, 4);
    for (Eigen::Index i = 0; i < 500; ++i)
        for (Eigen::Index j = 0; j < 4; ++j) x(i, j) = normal(rng);
    FactorOptions o;
    o.rule = FactorRule::Fixed;
    o.fixed_count = 3;
    EXPECT_EQ(fitFactors(x, o)->factors, 3);
    o.rule = FactorRule::CumulativeVariance;
    o.cumulative_target = 1.0;
    EXPECT_EQ(fitFactors(x, o)->factors, 4);
    o.max_factors = 2;
    EXPECT_EQ(fitFactors(x, o)->factors, 2);
}

TEST(Factors, FeatureThemes) {
    EXPECT_EQ(featureTheme("days_since_last_trade"), "inactivity");
    EXPECT_EQ(featureTheme("aum_trend"), "growth");
    EXPECT_EQ(featureTheme("market_value"), "assets");
    EXPECT_EQ(featureTheme("Commission_12m"), "activity");
    EXPECT_EQ(featureTheme("profit_12m"), "profitability");
    EXPECT_EQ(featureTheme("average_x"), "");
    Eigen::VectorXd l(2);
    l << 0.2, 0.9;
    const FactorName own = nameFactor(l, {"aum", "zzz_custom"});
    EXPECT_EQ(own.theme, "zzz_custom"); // unmapped top feature: its own id
    l << 0.85, 0.9;
    const FactorName both = nameFactor(l, {"aum", "trades_12m"});
    EXPECT_EQ(both.theme, "activity&assets"); // the phrasebook words it
}
