// Feature preparation: transforms, robust scaling with fallbacks, imputation, errors.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "analytics/featureprep.h"

using namespace bd::analytics;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
}

TEST(FeaturePrep, RobustScalingUsesMedianAndMad) {
    Eigen::MatrixXd x(5, 1);
    x << 1, 2, 3, 4, 100; // median 3, |dev| = 2,1,0,1,97 -> MAD 1
    auto r = prepareFeatures(x, {{"v", Transform::None}});
    ASSERT_TRUE(r.ok());
    const ColumnInfo& c = r->columns[0];
    EXPECT_DOUBLE_EQ(c.centre, 3.0);
    EXPECT_DOUBLE_EQ(c.scale, 1.4826);
    EXPECT_EQ(c.scale_kind, ScaleKind::Mad);
    EXPECT_NEAR(r->x(0, 0), (1 - 3) / 1.4826, 1e-12);
    EXPECT_NEAR(r->x(4, 0), (100 - 3) / 1.4826, 1e-12);
}

TEST(FeaturePrep, ZeroMadFallsBackToIqrThenStd) {
    // 6 zeros of 10: MAD = 0; IQR = q3 - q1 = 2.5 - 0 (linear interpolation) > 0.
    Eigen::MatrixXd x(10, 1);
    x << 0, 0, 0, 0, 0, 0, 1, 3, 5, 7;
    auto r = prepareFeatures(x, {{"trades_12m", Transform::None}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->columns[0].scale_kind, ScaleKind::Iqr);
    EXPECT_NEAR(r->columns[0].scale, 2.5 / 1.349, 1e-12);
    // 9 zeros of 10: MAD and IQR are 0: falls back to the standard deviation.
    Eigen::MatrixXd y = Eigen::MatrixXd::Zero(10, 1);
    y(9, 0) = 10;
    auto s = prepareFeatures(y, {{"trades_12m", Transform::None}});
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->columns[0].scale_kind, ScaleKind::StdDev);
    EXPECT_NEAR(s->columns[0].scale, std::sqrt(10.0), 1e-12); // sample sd of {0 x9, 10}
    EXPECT_DOUBLE_EQ(s->columns[0].centre, 0.0);
    // Constant column: scale 1, all zeros.
    Eigen::MatrixXd k = Eigen::MatrixXd::Constant(4, 1, 7.0);
    auto t = prepareFeatures(k, {{"const", Transform::None}});
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->columns[0].scale_kind, ScaleKind::Unit);
    EXPECT_EQ(t->x.cwiseAbs().maxCoeff(), 0.0);
}

TEST(FeaturePrep, TransformsAndImputation) {
    Eigen::MatrixXd x(4, 3);
    x << 0, -9, 10,  //
        kNaN, 0, 20, //
        99, 9, kNaN, //
        9, kNaN, 10;
    PrepOptions o;
    o.scaling = Scaling::None;
    auto r = prepareFeatures(
        x, {{"aum", Transform::Log1p}, {"profit", Transform::SignedLog}, {"r", Transform::Rank}},
        o);
    ASSERT_TRUE(r.ok()) << r.error().toString();
    // Column 0: NaN -> median of {0, 99, 9} = 9, then log1p.
    EXPECT_EQ(r->columns[0].missing, 1u);
    EXPECT_DOUBLE_EQ(r->columns[0].impute_value, 9.0);
    EXPECT_NEAR(r->x(1, 0), std::log(10.0), 1e-12);
    EXPECT_NEAR(r->x(2, 0), std::log(100.0), 1e-12);
    // Column 1: signed log, NaN -> median of {-9, 0, 9} = 0.
    EXPECT_NEAR(r->x(0, 1), -std::log(10.0), 1e-12);
    EXPECT_NEAR(r->x(2, 1), std::log(10.0), 1e-12);
    EXPECT_DOUBLE_EQ(r->x(3, 1), 0.0);
    // Column 2: NaN -> median {10, 20, 10} = 10; values 10,20,10,10: ties share rank 2.
    EXPECT_DOUBLE_EQ(r->x(0, 2), (2.0 - 0.5) / 4);
    EXPECT_DOUBLE_EQ(r->x(1, 2), (4.0 - 0.5) / 4);
    EXPECT_DOUBLE_EQ(r->x(2, 2), (2.0 - 0.5) / 4);
    EXPECT_EQ(toString(r->columns[2].transform), "rank");
}

TEST(FeaturePrep, StandardScalingAndClip) {
    Eigen::MatrixXd x(4, 1);
    x << 1, 2, 3, 4;
    PrepOptions o;
    o.scaling = Scaling::Standard;
    o.clip = 1.0;
    auto r = prepareFeatures(x, {{"v", Transform::None}}, o);
    ASSERT_TRUE(r.ok());
    EXPECT_DOUBLE_EQ(r->columns[0].centre, 2.5);
    EXPECT_NEAR(r->columns[0].scale, std::sqrt(5.0 / 3.0), 1e-12);
    EXPECT_DOUBLE_EQ(r->x(0, 0), -1.0); // -1.16 clipped
    EXPECT_DOUBLE_EQ(r->x(3, 0), 1.0);
}

TEST(FeaturePrep, AllMissingColumnBecomesConstant) {
    Eigen::MatrixXd x(3, 1);
    x << kNaN, kNaN, kNaN;
    auto r = prepareFeatures(x, {{"v", Transform::None}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->columns[0].missing, 3u);
    EXPECT_EQ(r->x.cwiseAbs().maxCoeff(), 0.0);
}

TEST(FeaturePrep, RejectsBadInput) {
    Eigen::MatrixXd x(2, 2);
    x << 1, -1, 2, 3;
    auto neg = prepareFeatures(x, {{"a", Transform::None}, {"aum", Transform::Log1p}});
    ASSERT_FALSE(neg.ok());
    EXPECT_EQ(neg.error().column_name, "aum");
    EXPECT_FALSE(prepareFeatures(x, {{"a", Transform::None}}).ok());
    x(0, 0) = std::numeric_limits<double>::infinity();
    EXPECT_FALSE(prepareFeatures(x, {{"a", Transform::None}, {"b", Transform::None}}).ok());
    EXPECT_FALSE(prepareFeatures(Eigen::MatrixXd(0, 2), {{"a"}, {"b"}}).ok());
}

TEST(FeaturePrep, ParallelColumnsMatchSerialResult) {
    // Large enough to use the helper thread; every column must equal its one-column run.
    const Eigen::Index n = 30000;
    Eigen::MatrixXd x(n, 3);
    for (Eigen::Index i = 0; i < n; ++i) {
        x(i, 0) = static_cast<double>((i * 7919) % 1000);
        x(i, 1) = static_cast<double>((i * 104729) % 5000) - 2500.0;
        x(i, 2) = i % 97 == 0 ? kNaN : static_cast<double>(i % 13);
    }
    const std::vector<FeatureSpec> specs = {
        {"a", Transform::Log1p}, {"b", Transform::SignedLog}, {"c", Transform::Rank}};
    auto all = prepareFeatures(x, specs);
    ASSERT_TRUE(all.ok());
    for (int c = 0; c < 3; ++c) {
        auto one = prepareFeatures(x.col(c), {specs[static_cast<std::size_t>(c)]});
        ASSERT_TRUE(one.ok());
        EXPECT_EQ(one->x.col(0), all->x.col(c));
        EXPECT_EQ(one->columns[0].scale, all->columns[static_cast<std::size_t>(c)].scale);
    }
}
