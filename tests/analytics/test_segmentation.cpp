// Segmentation pipeline: planted segments recovered, profiles, names, Kotler types, stable
// identities across refreshes, migration matrix, and the Hungarian algorithm behind them.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "analytics/clustermetrics.h"
#include "analytics/hungarian.h"
#include "analytics/random.h"
#include "analytics/segmentation.h"

using namespace bd;
using namespace bd::analytics;

namespace {

double normal(Rng& rng) {
    const double u1 = std::max(rng.uniform(), 1e-300);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * rng.uniform());
}

struct Archetype {
    double share, trades, aum, tenure, recency;
};
// Dormant, active traders, asset-rich inactive, VIP.
constexpr Archetype kTypes[] = {{0.52, 1.5, 10'000, 2500, 400},
                                {0.30, 200, 200'000, 2000, 2},
                                {0.15, 1, 5'000'000, 3000, 300},
                                {0.03, 600, 20'000'000, 2800, 1}};

struct Book {
    SegmentationInput input;
    std::vector<int> truth;
};

void fillRow(Book& b, std::size_t i, int type, Rng& rng) {
    const Archetype& t = kTypes[type];
    const double trades = std::floor(t.trades * std::exp(0.2 * normal(rng)));
    const double commission = trades * 150.0 * std::exp(0.2 * normal(rng));
    const double aum = t.aum * std::exp(0.25 * normal(rng));
    const double tenure = t.tenure * std::exp(0.1 * normal(rng));
    const double recency = t.recency * std::exp(0.2 * normal(rng));
    const auto r = static_cast<Eigen::Index>(i);
    b.input.values.row(r) << trades, commission, aum, tenure, recency;
    b.input.aum[i] = aum;
    b.input.profit[i] = commission + 0.012 * aum * 0.2 - 60.0;
    b.input.aum_trend[i] = 0.05 * aum;
    b.input.clv[i] = b.input.profit[i] * 1.2;
    b.truth[i] = type;
}

Book makeBook(std::size_t n, std::uint64_t seed) {
    Rng rng(seed);
    Book b;
    b.input.features = {{"trades_12m", Transform::Log1p},
                        {"commission_12m", Transform::Log1p},
                        {"aum", Transform::Log1p},
                        {"tenure_days", Transform::None},
                        {"days_since_last_trade", Transform::Log1p}};
    b.input.values.resize(static_cast<Eigen::Index>(n), 5);
    b.input.aum.resize(n);
    b.input.profit.resize(n);
    b.input.aum_trend.resize(n);
    b.input.clv.resize(n);
    b.truth.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        double u = rng.uniform();
        int type = 0;
        while (type < 3 && u >= kTypes[type].share) u -= kTypes[type++].share;
        fillRow(b, i, type, rng);
    }
    return b;
}

PreviousRun asPrevious(const SegmentationResult& r) {
    PreviousRun prev;
    for (const auto& s : r.segments) prev.segments.push_back({s.id, s.name, s.centroid});
    prev.client_segment_ids = r.segment_ids;
    return prev;
}

} // namespace

TEST(Hungarian, KnownSquareAndRectangularProblems) {
    Eigen::MatrixXd c(3, 3);
    c << 4, 1, 3, 2, 0, 5, 3, 2, 2; // optimum 1 + 2 + 2 = 5: rows -> 1, 0, 2
    EXPECT_EQ(hungarian(c), (std::vector<int>{1, 0, 2}));
    Eigen::MatrixXd d(4, 4);
    d << 82, 83, 69, 92, 77, 37, 49, 92, 11, 69, 5, 86, 8, 9, 98, 23; // optimum 140
    const auto a = hungarian(d);
    double total = 0.0;
    for (int i = 0; i < 4; ++i) total += d(i, a[static_cast<std::size_t>(i)]);
    EXPECT_DOUBLE_EQ(total, 140.0);
    EXPECT_EQ(std::set<int>(a.begin(), a.end()).size(), 4u);
    Eigen::MatrixXd wide(2, 3); // more columns: every row assigned
    wide << 5, 1, 9, 1, 5, 9;
    EXPECT_EQ(hungarian(wide), (std::vector<int>{1, 0}));
    Eigen::MatrixXd tall(3, 2); // more rows: one row left out
    tall << 5, 1, 1, 5, 0, 0;
    const auto t = hungarian(tall);
    double tallCost = 0.0;
    int unassigned = 0;
    for (int i = 0; i < 3; ++i) {
        if (t[static_cast<std::size_t>(i)] < 0)
            ++unassigned;
        else
            tallCost += tall(i, t[static_cast<std::size_t>(i)]);
    }
    EXPECT_EQ(unassigned, 1);
    EXPECT_DOUBLE_EQ(tallCost, 1.0); // (0 -> 1) + (2 -> 0), or (1 -> 0) + (2 -> 1)
    // Brute force on a random 5 x 5.
    Rng rng(3);
    Eigen::MatrixXd r(5, 5);
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 5; ++j) r(i, j) = std::floor(rng.uniform() * 100);
    std::vector<int> perm = {0, 1, 2, 3, 4};
    double best = 1e18;
    do {
        double s = 0;
        for (int i = 0; i < 5; ++i) s += r(i, perm[static_cast<std::size_t>(i)]);
        best = std::min(best, s);
    } while (std::next_permutation(perm.begin(), perm.end()));
    const auto h = hungarian(r);
    double got = 0;
    for (int i = 0; i < 5; ++i) got += r(i, h[static_cast<std::size_t>(i)]);
    EXPECT_DOUBLE_EQ(got, best);
}

TEST(Segmentation, RecoversPlantedSegmentsWithProfiles) {
    const Book book = makeBook(4000, 17);
    SegmentationOptions o;
    o.kmeans.seed = 5;
    o.kmeans.n_init = 4;
    auto r = segmentClients(book.input, o);
    ASSERT_TRUE(r.ok()) << r.error().toString();
    EXPECT_EQ(r->k, 4);
    EXPECT_TRUE(r->used_factors);
    EXPECT_GE(adjustedRandIndex(book.truth, r->labels), 0.95);
    ASSERT_EQ(r->segments.size(), 4u);

    double clientShare = 0, aumShare = 0, profitShare = 0;
    std::set<std::string> names;
    std::set<int> ids;
    for (const auto& s : r->segments) {
        clientShare += s.client_share;
        aumShare += s.aum_share;
        profitShare += s.profit_share;
        names.insert(encodeSegmentName(s.name));
        ids.insert(s.id);
        EXPECT_EQ(s.feature_means.size(), 5u);
        EXPECT_FALSE(s.inherited);
    }
    EXPECT_NEAR(clientShare, 1.0, 1e-12);
    EXPECT_NEAR(aumShare, 1.0, 1e-12);
    EXPECT_NEAR(profitShare, 1.0, 1e-12);
    EXPECT_EQ(names.size(), 4u); // unique names
    EXPECT_EQ(ids, (std::set<int>{1, 2, 3, 4}));

    // The segment of the VIP archetype: few clients, high margin -> partnership.
    std::map<int, int> truthOfId;
    for (std::size_t i = 0; i < book.truth.size(); ++i)
        truthOfId[r->segment_ids[i]] = book.truth[i];
    for (const auto& s : r->segments) {
        const int type = truthOfId[s.id];
        const double meanTrades = s.feature_means[0];
        EXPECT_NEAR(std::log(meanTrades + 1), std::log(kTypes[type].trades + 1), 0.5) << s.id;
        if (type == 3) {
            EXPECT_EQ(s.client_level, Level::Low);
            EXPECT_EQ(s.margin_level, Level::High);
            EXPECT_EQ(s.relationship, RelationshipType::Partnership);
            EXPECT_EQ(s.name.theme, SegmentTheme::HighValueActive);
        }
        if (type == 0) {
            EXPECT_EQ(s.name.theme, SegmentTheme::Dormant);
            EXPECT_EQ(s.client_level, Level::High);
            EXPECT_EQ(s.relationship, RelationshipType::Basic);
            EXPECT_EQ(s.id, 1); // the largest new segment gets the first id
        }
        if (type == 2) {
            EXPECT_EQ(s.name.theme, SegmentTheme::AssetRichInactive);
        }
    }
}

TEST(Segmentation, IdentitiesSurviveSmallChanges) {
    Book book = makeBook(3000, 23);
    SegmentationOptions o;
    o.kmeans.seed = 1;
    o.kmeans.n_init = 4;
    auto first = segmentClients(book.input, o);
    ASSERT_TRUE(first.ok());
    PreviousRun prev = asPrevious(*first);
    // A user renamed one segment: its generated name is gone (the stage keeps the typed one).
    prev.segments[1].name = SegmentName{};
    const int renamedId = prev.segments[1].id;

    // Refresh: 2% of clients change (redrawn, some into another archetype), other seed.
    Rng rng(77);
    for (std::size_t i = 0; i < 3000; i += 50)
        fillRow(book, i, static_cast<int>(rng.below(4)), rng);
    o.kmeans.seed = 999;
    auto second = segmentClients(book.input, o, &prev);
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(second->k, first->k);
    std::size_t same = 0;
    for (std::size_t i = 0; i < 3000; ++i)
        if (second->segment_ids[i] == first->segment_ids[i]) ++same;
    EXPECT_GE(same, 2900u); // ids follow the clients, whatever the cluster order
    for (const auto& s : second->segments) {
        EXPECT_TRUE(s.inherited);
        if (s.id == renamedId) {
            EXPECT_EQ(s.name.theme, SegmentTheme::Unknown);
        }
    }
    // Migration matrix: old x new counts add up to all clients, mostly on the diagonal.
    const MigrationMatrix& m = second->migration;
    ASSERT_EQ(m.from_ids.size(), 4u);
    ASSERT_EQ(m.to_ids.size(), 4u);
    std::size_t total = 0, diagonal = 0;
    for (std::size_t a = 0; a < 4; ++a)
        for (std::size_t b = 0; b < 4; ++b) {
            total += m.counts[a][b];
            if (m.from_ids[a] == m.to_ids[b]) diagonal += m.counts[a][b];
        }
    EXPECT_EQ(total, 3000u);
    EXPECT_EQ(diagonal, same);

    // Without client labels, centroids alone keep the ids.
    PreviousRun byCentroid = asPrevious(*first);
    byCentroid.client_segment_ids.clear();
    auto third = segmentClients(book.input, o, &byCentroid);
    ASSERT_TRUE(third.ok());
    EXPECT_EQ(third->segment_ids, second->segment_ids);
    for (const auto& s : third->segments) EXPECT_TRUE(s.inherited) << s.id;
    EXPECT_TRUE(third->migration.counts.empty());
}

TEST(Segmentation, NewClusterGetsNewIdAndUniqueName) {
    const Book book = makeBook(2000, 31);
    SegmentationOptions o;
    o.fixed_k = 3; // the previous run had 3 segments
    auto first = segmentClients(book.input, o);
    ASSERT_TRUE(first.ok());
    PreviousRun prev = asPrevious(*first);
    o.fixed_k = 4;
    auto second = segmentClients(book.input, o, &prev);
    ASSERT_TRUE(second.ok());
    int inherited = 0;
    std::set<std::string> names;
    for (const auto& s : second->segments) {
        names.insert(encodeSegmentName(s.name));
        if (s.inherited)
            ++inherited;
        else
            EXPECT_GE(s.id, 4); // above every previous id
    }
    EXPECT_EQ(inherited, 3);
    EXPECT_EQ(names.size(), 4u);
}

TEST(Segmentation, DeterministicAndThreadIndependent) {
    const Book book = makeBook(1500, 41);
    SegmentationOptions o;
    o.kmeans.threads = 1;
    auto a = segmentClients(book.input, o);
    o.kmeans.threads = 2;
    auto b = segmentClients(book.input, o);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->segment_ids, b->segment_ids);
    EXPECT_EQ(a->selection.silhouette, b->selection.silhouette);
    for (std::size_t i = 0; i < a->segments.size(); ++i)
        EXPECT_EQ(a->segments[i].name, b->segments[i].name);
}

TEST(Segmentation, NamesFromProfiles) {
    const std::vector<std::string> f = {"trades_12m", "aum", "tenure_days", "profit_12m"};
    EXPECT_EQ(segmentTheme({1.2, 1.0, 0.0, 1.0}, f), SegmentTheme::HighValueActive);
    EXPECT_EQ(segmentTheme({-1.0, -0.8, 0.1, -0.9}, f), SegmentTheme::Dormant);
    EXPECT_EQ(segmentTheme({-1.0, 1.5, 0.2, 0.3}, f), SegmentTheme::AssetRichInactive);
    EXPECT_EQ(segmentTheme({0.1, -0.2, -1.5, 0.0}, f), SegmentTheme::Newcomers);
    EXPECT_EQ(segmentTheme({0.8, 0.0, -1.5, 0.0}, f), SegmentTheme::ActiveNewcomers);
    EXPECT_EQ(segmentTheme({0.1, 0.1, 0.1, 0.1}, f), SegmentTheme::Mainstream);
}

TEST(Segmentation, RejectsMismatchedInputs) {
    Book book = makeBook(200, 3);
    book.input.aum.pop_back();
    EXPECT_FALSE(segmentClients(book.input).ok());
    Book other = makeBook(200, 3);
    PreviousRun prev;
    prev.segments.push_back({1, SegmentName{SegmentTheme::Small, "", 0, 0}, {}});
    prev.client_segment_ids = {1, 1};
    EXPECT_FALSE(segmentClients(other.input, {}, &prev).ok());
}

TEST(Segmentation, ChoosesKInTheSelectionColumnsAndAssignsClientsInTheClusterColumns) {
    const Book book = makeBook(3000, 23);
    SegmentationOptions o;
    o.kmeans.seed = 5;
    o.kmeans.n_init = 4;
    o.final_n_init = 6;
    o.selection_features = {"trades_12m", "aum", "tenure_days", "days_since_last_trade"};
    o.cluster_features = {"aum", "trades_12m", "commission_12m"};
    auto r = segmentClients(book.input, o);
    ASSERT_TRUE(r.ok()) << r.error().toString();
    // The factors describe the selection columns only; k-means ran in the cluster columns.
    EXPECT_EQ(r->factors.loadings.rows(), 4);
    EXPECT_EQ(r->cluster_features, o.cluster_features);
    EXPECT_EQ(r->factor_features, o.selection_features);
    EXPECT_EQ(r->k, 4);
    EXPECT_GE(adjustedRandIndex(book.truth, r->labels), 0.9);
    // Profiles keep every column.
    ASSERT_FALSE(r->segments.empty());
    EXPECT_EQ(r->segments[0].feature_means.size(), book.input.features.size());

    o.cluster_features = {"aum", "no_such_feature"};
    auto bad = segmentClients(book.input, o);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().toString().find("no_such_feature"), std::string::npos);
}

TEST(Segmentation, ABookTooSmallOrWithoutVariationIsOneSegmentWithItsReason) {
    SegmentationOptions o;
    o.kmeans.seed = 4;
    o.min_clients = 20;
    Book small = makeBook(12, 3);
    auto r = segmentClients(small.input, o);
    ASSERT_TRUE(r.ok()) << r.error().toString();
    EXPECT_EQ(r->unsegmented, Unsegmented::TooFewClients);
    EXPECT_EQ(r->k, 1);
    ASSERT_EQ(r->segments.size(), 1u);
    EXPECT_EQ(r->segments[0].size, 12u);
    EXPECT_EQ(r->segments[0].name.theme, SegmentTheme::WholeBook);

    Book flat = makeBook(200, 3);
    for (Eigen::Index j = 0; j < flat.input.values.cols(); ++j)
        flat.input.values.col(j).setConstant(static_cast<double>(j + 1));
    auto c = segmentClients(flat.input, o);
    ASSERT_TRUE(c.ok()) << c.error().toString();
    EXPECT_EQ(c->unsegmented, Unsegmented::NoVariation);
    EXPECT_EQ(c->k, 1);
    EXPECT_EQ(c->segments.size(), 1u);

    SegmentationInput none = small.input;
    none.values.resize(0, 5);
    none.aum.clear();
    none.profit.clear();
    none.aum_trend.clear();
    none.clv.clear();
    EXPECT_FALSE(segmentClients(none, o).ok());
}

TEST(Segmentation, AGroupingThatDoesNotRepeatAcrossSamplesIsNotSplit) {
    // Planted types repeat from sample to sample and are split; one smooth population is kept
    // whole when the samples' partitions agree less than asked (the previous run's segments
    // are not inherited by the whole book).
    SegmentationOptions o;
    o.kmeans.seed = 4;
    o.kmeans.n_init = 2;
    o.selection_sample = 600;
    o.selection_repeats = 4;
    o.selection_within_se = 1.0;
    o.min_agreement = 0.9;
    Book planted = makeBook(2000, 11);
    auto split = segmentClients(planted.input, o);
    ASSERT_TRUE(split.ok()) << split.error().toString();
    EXPECT_EQ(split->unsegmented, Unsegmented::No);
    EXPECT_GE(split->k, 3);

    Book smooth = makeBook(2000, 12);
    Rng rng(8);
    for (Eigen::Index i = 0; i < smooth.input.values.rows(); ++i)
        for (Eigen::Index j = 0; j < smooth.input.values.cols(); ++j)
            smooth.input.values(i, j) = 100.0 * rng.uniform();
    const PreviousRun prev = asPrevious(*split);
    auto whole = segmentClients(smooth.input, o, &prev);
    ASSERT_TRUE(whole.ok()) << whole.error().toString();
    EXPECT_EQ(whole->unsegmented, Unsegmented::NoStableStructure);
    EXPECT_EQ(whole->k, 1);
    ASSERT_EQ(whole->segments.size(), 1u);
    EXPECT_FALSE(whole->segments[0].inherited);
    EXPECT_EQ(whole->segments[0].name.theme, SegmentTheme::WholeBook);
    EXPECT_GT(whole->segments[0].id, 0);
    for (const auto& s : split->segments) EXPECT_NE(whole->segments[0].id, s.id);
}
