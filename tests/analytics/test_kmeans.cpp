// k-means: Iris reference inertia, planted clusters, determinism, k selection, metrics.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/clustermetrics.h"
#include "analytics/kmeans.h"
#include "analytics/random.h"

using namespace bd::analytics;

namespace {

struct Iris {
    Eigen::MatrixXd x;
    std::vector<int> species;
};

Iris readIris() {
    Iris out;
    std::ifstream in(std::string(BD_TEST_DATA_DIR) + "/iris/iris.csv");
    EXPECT_TRUE(in.good()) << "iris.csv not found under BD_TEST_DATA_DIR";
    std::string line;
    std::getline(in, line); // 150,4,setosa,versicolor,virginica
    std::vector<std::vector<double>> rows;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::stringstream ss(line);
        std::string cell;
        std::vector<double> r;
        while (std::getline(ss, cell, ',')) r.push_back(std::stod(cell));
        rows.push_back(r);
    }
    out.x.resize(static_cast<Eigen::Index>(rows.size()), 4);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (int f = 0; f < 4; ++f)
            out.x(static_cast<Eigen::Index>(i), f) = rows[i][static_cast<std::size_t>(f)];
        out.species.push_back(static_cast<int>(rows[i][4]));
    }
    return out;
}

double normal(Rng& rng) {
    const double u1 = std::max(rng.uniform(), 1e-300);
    const double u2 = rng.uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// `k` spherical Gaussian blobs in `p` dimensions with centres `sep` apart on average.
struct Mixture {
    Eigen::MatrixXd x;
    std::vector<int> truth;
};

Mixture makeMixture(int k, int perCluster, int p, double sep, std::uint64_t seed,
                    bool unequal = false) {
    Rng rng(seed);
    Eigen::MatrixXd centres(k, p);
    for (int j = 0; j < k; ++j)
        for (int f = 0; f < p; ++f) centres(j, f) = sep * normal(rng);
    Mixture m;
    std::vector<std::vector<double>> rows;
    for (int j = 0; j < k; ++j) {
        const int count = unequal ? perCluster * (j + 1) / k + perCluster / 4 : perCluster;
        for (int i = 0; i < count; ++i) {
            std::vector<double> r(static_cast<std::size_t>(p));
            for (int f = 0; f < p; ++f)
                r[static_cast<std::size_t>(f)] = centres(j, f) + normal(rng);
            rows.push_back(r);
            m.truth.push_back(j);
        }
    }
    m.x.resize(static_cast<Eigen::Index>(rows.size()), p);
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (int f = 0; f < p; ++f)
            m.x(static_cast<Eigen::Index>(i), f) = rows[i][static_cast<std::size_t>(f)];
    return m;
}

} // namespace

TEST(KMeans, IrisMatchesScikitLearnInertia) {
    const Iris iris = readIris();
    ASSERT_EQ(iris.x.rows(), 150);
    constexpr double kSklearn = 78.851441426146;
    for (std::uint64_t seed : {0u, 1u, 2u, 42u}) {
        KMeansOptions o;
        o.k = 3;
        o.n_init = 10;
        o.seed = seed;
        auto r = kmeans(iris.x, o);
        ASSERT_TRUE(r.ok()) << r.error().toString();
        EXPECT_LE(r->inertia, kSklearn * 1.005) << "seed " << seed;
        EXPECT_NEAR(r->inertia, kSklearn, 1e-6) << "seed " << seed; // the same global optimum
        EXPECT_EQ(r->labels.size(), 150u);
        EXPECT_EQ(r->n_iter.size(), 10u);
        // Setosa is perfectly separated from the two others.
        std::set<int> setosaLabels;
        for (int i = 0; i < 50; ++i) setosaLabels.insert(r->labels[static_cast<std::size_t>(i)]);
        EXPECT_EQ(setosaLabels.size(), 1u);
        // Centres are the means of their members and inertia is recomputable.
        double inertia = 0.0;
        for (int i = 0; i < 150; ++i)
            inertia += (iris.x.row(i) - r->centres.row(r->labels[static_cast<std::size_t>(i)]))
                           .squaredNorm();
        EXPECT_NEAR(inertia, r->inertia, 1e-9);
    }
}

TEST(KMeans, RecoversWellSeparatedMixture) {
    const Mixture m = makeMixture(5, 400, 6, 8.0, 7, /*unequal=*/true);
    KMeansOptions o;
    o.k = 5;
    o.seed = 3;
    auto r = kmeans(m.x, o);
    ASSERT_TRUE(r.ok());
    EXPECT_GE(adjustedRandIndex(m.truth, r->labels), 0.95);
    std::size_t total = 0;
    for (auto s : r->sizes) total += s;
    EXPECT_EQ(total, static_cast<std::size_t>(m.x.rows()));
}

TEST(KMeans, DeterministicForSeedAndThreadCount) {
    const Mixture m = makeMixture(4, 500, 5, 2.0, 11); // overlapping: restarts really differ
    KMeansOptions o;
    o.k = 6;
    o.seed = 99;
    o.threads = 1;
    auto one = kmeans(m.x, o);
    o.threads = 2;
    auto two = kmeans(m.x, o);
    auto twoAgain = kmeans(m.x, o);
    ASSERT_TRUE(one.ok() && two.ok() && twoAgain.ok());
    EXPECT_EQ(one->labels, two->labels);
    EXPECT_EQ(two->labels, twoAgain->labels);
    EXPECT_EQ(one->inertia, two->inertia);
    EXPECT_EQ(one->restart_inertia, two->restart_inertia);
    EXPECT_EQ(one->n_iter, two->n_iter);
    o.seed = 100; // another seed still gives a valid labelling
    auto other = kmeans(m.x, o);
    ASSERT_TRUE(other.ok());
    EXPECT_EQ(other->labels.size(), one->labels.size());
}

TEST(KMeans, BestRestartHasLowestInertia) {
    const Mixture m = makeMixture(4, 200, 3, 1.5, 5);
    KMeansOptions o;
    o.k = 7;
    o.n_init = 6;
    auto r = kmeans(m.x, o);
    ASSERT_TRUE(r.ok());
    for (double v : r->restart_inertia) EXPECT_GE(v, r->inertia);
    EXPECT_EQ(r->restart_inertia[static_cast<std::size_t>(r->best_restart)], r->inertia);
}

TEST(KMeans, HandlesDuplicatePointsAndRejectsBadInput) {
    Eigen::MatrixXd x(6, 2);
    x << 0, 0, 0, 0, 0, 0, 5, 5, 5, 5, 9, 9;
    KMeansOptions o;
    o.k = 3;
    auto r = kmeans(x, o);
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(r->inertia, 0.0, 1e-12);
    o.k = 7;
    EXPECT_FALSE(kmeans(x, o).ok());
    o.k = 0;
    EXPECT_FALSE(kmeans(x, o).ok());
    o.k = 2;
    x(0, 0) = std::nan("");
    EXPECT_FALSE(kmeans(x, o).ok());
}

TEST(KMeans, EmptyClusterIsReseededWithFarthestPoint) {
    // Five identical points and one far away, k = 2: whatever the seeding, both clusters are used.
    Eigen::MatrixXd x(6, 1);
    x << 1, 1, 1, 1, 1, 100;
    KMeansOptions o;
    o.k = 2;
    o.n_init = 3;
    auto r = kmeans(x, o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->inertia, 0.0);
    EXPECT_NE(r->labels[0], r->labels[5]);
}

TEST(KSelection, PicksPlantedK) {
    for (int k : {3, 4, 6}) {
        const Mixture m = makeMixture(k, 300, 4, 10.0, 100 + static_cast<std::uint64_t>(k));
        KSelectionOptions o;
        o.kmeans.seed = 1;
        o.kmeans.n_init = 4;
        o.sample_size = 800; // exercise the sampling path
        auto sel = selectK(m.x, o);
        ASSERT_TRUE(sel.ok()) << sel.error().toString();
        EXPECT_EQ(sel->best_k, k);
        EXPECT_EQ(sel->sample_rows, 800u);
        EXPECT_EQ(sel->ks.size(), 9u);
    }
}

TEST(KSelection, RepeatedSamplesAgreeOnPlantedClustersAndNotOnNoise) {
    // Planted clusters: every sample finds them (agreement ~1) and the standard errors are
    // small; isotropic noise: the samples' partitions at k = 6 disagree.
    const Mixture m = makeMixture(4, 400, 4, 10.0, 77);
    KSelectionOptions o;
    o.kmeans.seed = 3;
    o.kmeans.n_init = 2;
    o.sample_size = 500;
    o.repeats = 4;
    o.within_se = 1.0;
    auto sel = selectK(m.x, o);
    ASSERT_TRUE(sel.ok()) << sel.error().toString();
    EXPECT_EQ(sel->best_k, 4);
    EXPECT_EQ(sel->samples, 4);
    ASSERT_EQ(sel->agreement.size(), sel->ks.size());
    ASSERT_EQ(sel->silhouette_se.size(), sel->ks.size());
    EXPECT_GT(sel->agreement[2], 0.99); // k = 4
    for (double se : sel->silhouette_se) EXPECT_GE(se, 0.0);

    Rng rng(5);
    Eigen::MatrixXd noise(1600, 6);
    for (Eigen::Index i = 0; i < noise.rows(); ++i)
        for (Eigen::Index j = 0; j < noise.cols(); ++j) noise(i, j) = rng.uniform();
    auto flat = selectK(noise, o);
    ASSERT_TRUE(flat.ok());
    EXPECT_LT(flat->agreement[4], 0.9); // k = 6 of a uniform cube is arbitrary
}

TEST(KSelection, SmallInputsAreSubsampledForRepeatsAndTinyOnesScoredOnce) {
    const Mixture m = makeMixture(3, 40, 3, 10.0, 9); // 120 rows, fewer than a sample
    KSelectionOptions o;
    o.kmeans.seed = 1;
    o.repeats = 3;
    auto sel = selectK(m.x, o);
    ASSERT_TRUE(sel.ok());
    EXPECT_EQ(sel->samples, 3);
    EXPECT_EQ(sel->sample_rows, 96u); // four fifths
    EXPECT_EQ(sel->best_k, 3);
    o.kmax = 4;
    auto tiny = selectK(m.x.topRows(11), o); // four fifths of 11 is 8 < 10: all rows, once
    ASSERT_TRUE(tiny.ok());
    EXPECT_EQ(tiny->samples, 1);
    EXPECT_EQ(tiny->sample_rows, 11u);
    EXPECT_TRUE(tiny->agreement.empty());
}

TEST(KSelection, ChosenCandidateKeepsTheSmallestKWithinOneStandardError) {
    // k = 2..5: the best mean is k = 4 (0.40 +- 0.02); k = 3 (0.39) is within one standard
    // error, k = 2 (0.30) is not.
    const std::vector<double> s{0.30, 0.39, 0.40, 0.35};
    const std::vector<double> se{0.01, 0.01, 0.02, 0.01};
    EXPECT_EQ(chosenCandidate(s, se, 1.0), 1u);
    EXPECT_EQ(chosenCandidate(s, se, 0.0), 2u); // the highest mean
    EXPECT_EQ(chosenCandidate(s, {}, 1.0), 2u); // no errors: the highest mean
    EXPECT_EQ(chosenCandidate(s, se, 0.4), 2u); // 0.39 < 0.40 - 0.4 * 0.02
    EXPECT_EQ(chosenCandidate({}, {}, 1.0), 0u);
}

TEST(ClusterMetrics, AdjustedRandIndexKnownValues) {
    // Permuted labels: identical partitions.
    EXPECT_DOUBLE_EQ(adjustedRandIndex({0, 0, 1, 1, 2, 2}, {5, 5, 3, 3, 9, 9}), 1.0);
    // scikit-learn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
    EXPECT_NEAR(adjustedRandIndex({0, 0, 1, 1}, {0, 0, 1, 2}), 0.5714285714285715, 1e-12);
    // adjusted_rand_score([0,0,1,2],[0,0,1,1]) is symmetric.
    EXPECT_NEAR(adjustedRandIndex({0, 0, 1, 2}, {0, 0, 1, 1}), 0.5714285714285715, 1e-12);
    // adjusted_rand_score([0,0,0,0],[0,1,2,3]) = 0 (one cluster vs singletons).
    EXPECT_NEAR(adjustedRandIndex({0, 0, 0, 0}, {0, 1, 2, 3}), 0.0, 1e-12);
    // adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5
    EXPECT_NEAR(adjustedRandIndex({0, 0, 1, 1}, {0, 1, 0, 1}), -0.5, 1e-12);
}

TEST(ClusterMetrics, AdjustedMutualInformationKnownValues) {
    // scikit-learn 1.2.1 adjusted_mutual_info_score (average_method="arithmetic").
    EXPECT_DOUBLE_EQ(adjustedMutualInformation({0, 0, 1, 1, 2, 2}, {5, 5, 3, 3, 9, 9}), 1.0);
    EXPECT_NEAR(adjustedMutualInformation({0, 0, 1, 1}, {0, 1, 0, 1}), -0.5, 1e-12);
    EXPECT_NEAR(adjustedMutualInformation({0, 0, 0, 1, 1, 1}, {0, 0, 1, 1, 2, 2}),
                0.2987924581708899, 1e-12);
    EXPECT_NEAR(adjustedMutualInformation({0, 0, 1, 1, 2, 2, 2, 3}, {1, 1, 0, 0, 0, 2, 2, 2}),
                0.4617117168810955, 1e-12);
    // Larger books: i % 4 against a noisy relabelling (1,000), i % 6 against one (30,000).
    std::vector<int> a, b;
    for (int i = 0; i < 1000; ++i) {
        a.push_back(i % 4);
        b.push_back((i % 4 * 3 + (i % 7 == 0 ? 1 : 0) + (i % 11 == 0 ? 2 : 0)) % 5);
    }
    EXPECT_NEAR(adjustedMutualInformation(a, b), 0.5529494497009679, 1e-9);
    a.clear();
    b.clear();
    for (int i = 0; i < 30000; ++i) {
        a.push_back(i % 6);
        b.push_back((i % 6 + (i / 5) % 2 * (i % 9 == 0 ? 1 : 0)) % 7);
    }
    EXPECT_NEAR(adjustedMutualInformation(a, b), 0.9139301196347397, 1e-9);
    // Symmetric.
    EXPECT_NEAR(adjustedMutualInformation(b, a), 0.9139301196347397, 1e-9);
}

TEST(ClusterMetrics, SilhouetteKnownValue) {
    // Points 0, 1 | 10, 11 on a line: a = 1, b = mean distance to the other pair.
    Eigen::MatrixXd x(4, 1);
    x << 0, 1, 10, 11;
    const double s0 = (10.5 - 1.0) / 10.5; // point 0: b = (10 + 11) / 2
    const double s1 = (9.5 - 1.0) / 9.5;   // point 1: b = (9 + 10) / 2
    const double expected = (2 * s0 + 2 * s1) / 4;
    EXPECT_NEAR(silhouetteScore(x, {0, 0, 1, 1}), expected, 1e-12);
    // A singleton cluster scores 0 for its point.
    EXPECT_NEAR(silhouetteScore(x, {0, 0, 0, 1}, 1), silhouetteScore(x, {0, 0, 0, 1}, 2), 0.0);
    const Mixture m = makeMixture(3, 100, 2, 10.0, 3);
    EXPECT_GT(silhouetteScore(m.x, m.truth), 0.7);
}
