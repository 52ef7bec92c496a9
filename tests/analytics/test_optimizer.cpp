#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "analytics/optimizer.h"

using namespace bd::analytics;

namespace {

double rosenbrock(const Eigen::VectorXd& v, Eigen::VectorXd* g) {
    const double x = v[0], y = v[1];
    if (g) {
        g->resize(2);
        (*g)[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        (*g)[1] = 200 * (y - x * x);
    }
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
}

} // namespace

TEST(Optimizer, RosenbrockFromTheClassicStart) {
    auto rep = minimizeBfgs(rosenbrock, Eigen::Vector2d(-1.2, 1.0));
    EXPECT_TRUE(rep.converged) << rep.message;
    EXPECT_NEAR(rep.theta[0], 1.0, 1e-6);
    EXPECT_NEAR(rep.theta[1], 1.0, 1e-6);
    EXPECT_LT(rep.value, 1e-12);
    EXPECT_GT(rep.iterations, 5);
    EXPECT_GE(rep.evaluations, rep.iterations);
}

TEST(Optimizer, IllConditionedQuadratic) {
    const int n = 10;
    Eigen::VectorXd scale(n), target(n);
    for (int i = 0; i < n; ++i) {
        scale[i] = std::pow(10.0, i / 3.0); // condition number 1e3
        target[i] = i - 4.5;
    }
    const Objective f = [&](const Eigen::VectorXd& v, Eigen::VectorXd* g) {
        const Eigen::ArrayXd d = (v - target).array();
        if (g) *g = (scale.array() * d).matrix();
        return 0.5 * (scale.array() * d * d).sum();
    };
    auto rep = minimizeBfgs(f, Eigen::VectorXd::Zero(n));
    EXPECT_TRUE(rep.converged) << rep.message;
    EXPECT_LT((rep.theta - target).cwiseAbs().maxCoeff(), 1e-6);
}

TEST(Optimizer, BacksOffFromInfeasibleRegion) {
    // x − log x has its minimum at 1 and is undefined for x <= 0; the first steps overshoot.
    const Objective f = [](const Eigen::VectorXd& v, Eigen::VectorXd* g) {
        const double x = v[0];
        if (x <= 0) return std::numeric_limits<double>::infinity();
        if (g) *g = Eigen::VectorXd::Constant(1, 1.0 - 1.0 / x);
        return x - std::log(x);
    };
    OptimizerOptions opt;
    opt.max_step = 100;
    auto rep = minimizeBfgs(f, Eigen::VectorXd::Constant(1, 50.0), opt);
    EXPECT_TRUE(rep.converged) << rep.message;
    EXPECT_NEAR(rep.theta[0], 1.0, 1e-7);
}

TEST(Optimizer, MultiStartKeepsTheGlobalMinimum) {
    // Double well with the deeper minimum near x = −1.
    const Objective f = [](const Eigen::VectorXd& v, Eigen::VectorXd* g) {
        const double x = v[0];
        if (g) *g = Eigen::VectorXd::Constant(1, 4 * x * (x * x - 1) + 0.3);
        return (x * x - 1) * (x * x - 1) + 0.3 * x;
    };
    auto single = minimizeBfgs(f, Eigen::VectorXd::Constant(1, 2.0));
    EXPECT_GT(single.theta[0], 0.5); // the local minimum on the right
    auto rep = minimizeMultiStart(
        f, {Eigen::VectorXd::Constant(1, 2.0), Eigen::VectorXd::Constant(1, -2.0)});
    EXPECT_LT(rep.theta[0], -0.5);
    EXPECT_EQ(rep.best_start, 1);
    EXPECT_TRUE(rep.converged);
    EXPECT_GE(rep.iterations, single.iterations);
}

TEST(Optimizer, IterationCapIsReportedAsNotConverged) {
    OptimizerOptions opt;
    opt.max_iterations = 3;
    auto rep = minimizeBfgs(rosenbrock, Eigen::Vector2d(-1.2, 1.0), opt);
    EXPECT_FALSE(rep.converged);
    EXPECT_EQ(rep.iterations, 3);
    EXPECT_EQ(rep.message, "iteration limit reached");
}

TEST(Optimizer, NonFiniteStartIsReported) {
    const Objective f = [](const Eigen::VectorXd&, Eigen::VectorXd*) { return std::nan(""); };
    auto rep = minimizeBfgs(f, Eigen::VectorXd::Zero(2));
    EXPECT_FALSE(rep.converged);
    EXPECT_FALSE(std::isfinite(rep.value));
    auto multi = minimizeMultiStart(f, {Eigen::VectorXd::Zero(2)});
    EXPECT_FALSE(std::isfinite(multi.value));
}
