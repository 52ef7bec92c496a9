#include "analytics/clustermetrics.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <thread>
#include <unordered_map>

namespace bd::analytics {

namespace {

int resolveThreads(int requested) {
    if (requested > 0) return requested;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
}

double comb2(double v) {
    return v * (v - 1.0) / 2.0;
}

} // namespace

std::vector<double> silhouetteScores(const Eigen::MatrixXd& x,
                                     const std::vector<std::vector<int>>& labelings, int threads) {
    const Eigen::Index n = x.rows();
    const std::size_t L = labelings.size();
    std::vector<double> result(L, 0.0);
    if (n < 2 || L == 0) return result;

    // Column offsets of each labelling's clusters in the per-block cluster-sum matrix.
    std::vector<Eigen::Index> offset(L + 1, 0);
    std::vector<int> kOf(L, 0);
    for (std::size_t l = 0; l < L; ++l) {
        int k = 0;
        for (int v : labelings[l]) k = std::max(k, v + 1);
        kOf[l] = k;
        offset[l + 1] = offset[l] + k;
    }
    std::vector<std::vector<double>> counts(L);
    for (std::size_t l = 0; l < L; ++l) {
        counts[l].assign(static_cast<std::size_t>(kOf[l]), 0.0);
        for (int c : labelings[l]) counts[l][static_cast<std::size_t>(c)] += 1.0;
    }

    const Eigen::VectorXd sq = x.rowwise().squaredNorm();
    constexpr Eigen::Index kBlock = 256;
    const auto blocks = static_cast<int>((n + kBlock - 1) / kBlock);
    Eigen::MatrixXd perPoint(n, static_cast<Eigen::Index>(L)); // silhouette of each point

    auto work = [&](int b) {
        const Eigen::Index r0 = static_cast<Eigen::Index>(b) * kBlock;
        const Eigen::Index rows = std::min(kBlock, n - r0);
        Eigen::MatrixXd d = -2.0 * (x.middleRows(r0, rows) * x.transpose());
        d.colwise() += sq.segment(r0, rows);
        d.rowwise() += sq.transpose();
        d = d.cwiseMax(0.0).cwiseSqrt();
        for (Eigen::Index i = 0; i < rows; ++i) d(i, r0 + i) = 0.0;
        // Each point's summed distance to every cluster of every labelling: column additions
        // (vectorised) rather than a product with a one-hot matrix.
        Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(rows, offset[L]);
        for (std::size_t l = 0; l < L; ++l)
            for (Eigen::Index j = 0; j < n; ++j)
                sums.col(offset[l] + labelings[l][static_cast<std::size_t>(j)]) += d.col(j);
        for (std::size_t l = 0; l < L; ++l) {
            for (Eigen::Index i = 0; i < rows; ++i) {
                const int own = labelings[l][static_cast<std::size_t>(r0 + i)];
                const double ownCount = counts[l][static_cast<std::size_t>(own)];
                double s = 0.0;
                if (ownCount > 1.0) {
                    const double a = sums(i, offset[l] + own) / (ownCount - 1.0);
                    double bmin = std::numeric_limits<double>::infinity();
                    for (int c = 0; c < kOf[l]; ++c) {
                        const double cnt = counts[l][static_cast<std::size_t>(c)];
                        if (c == own || cnt == 0.0) continue;
                        bmin = std::min(bmin, sums(i, offset[l] + c) / cnt);
                    }
                    const double m = std::max(a, bmin);
                    if (std::isfinite(bmin) && m > 0.0) s = (bmin - a) / m;
                }
                perPoint(r0 + i, static_cast<Eigen::Index>(l)) = s;
            }
        }
    };

    const int workers = std::max(1, std::min(resolveThreads(threads), blocks));
    std::atomic<int> next{0};
    auto loop = [&] {
        for (int b = next.fetch_add(1); b < blocks; b = next.fetch_add(1)) work(b);
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < workers; ++t) pool.emplace_back(loop);
    loop();
    for (auto& th : pool) th.join();

    for (std::size_t l = 0; l < L; ++l) {
        int nonEmpty = 0;
        for (double c : counts[l])
            if (c > 0.0) ++nonEmpty;
        if (nonEmpty < 2) continue;
        double total = 0.0; // summed in row order: independent of the thread count
        for (Eigen::Index i = 0; i < n; ++i) total += perPoint(i, static_cast<Eigen::Index>(l));
        result[l] = total / static_cast<double>(n);
    }
    return result;
}

double silhouetteScore(const Eigen::MatrixXd& x, const std::vector<int>& labels, int threads) {
    return silhouetteScores(x, {labels}, threads).front();
}

double adjustedRandIndex(const std::vector<int>& a, const std::vector<int>& b) {
    const std::size_t n = a.size();
    if (n != b.size() || n < 2) return n == b.size() ? 1.0 : 0.0;
    std::unordered_map<int, std::size_t> mapA, mapB;
    for (int v : a) mapA.emplace(v, mapA.size());
    for (int v : b) mapB.emplace(v, mapB.size());
    std::vector<double> rowSum(mapA.size(), 0.0), colSum(mapB.size(), 0.0);
    std::vector<std::uint64_t> pairs(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t ia = mapA[a[i]], ib = mapB[b[i]];
        rowSum[ia] += 1.0;
        colSum[ib] += 1.0;
        pairs[i] = (static_cast<std::uint64_t>(ia) << 32) | static_cast<std::uint64_t>(ib);
    }
    std::sort(pairs.begin(), pairs.end());
    double sumCells = 0.0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && pairs[j] == pairs[i]) ++j;
        sumCells += comb2(static_cast<double>(j - i));
        i = j;
    }
    double sumRows = 0.0, sumCols = 0.0;
    for (double v : rowSum) sumRows += comb2(v);
    for (double v : colSum) sumCols += comb2(v);
    const double expected = sumRows * sumCols / comb2(static_cast<double>(n));
    const double maxIndex = 0.5 * (sumRows + sumCols);
    if (maxIndex == expected) return 1.0; // both partitions trivial (one cluster / singletons)
    return (sumCells - expected) / (maxIndex - expected);
}

namespace {

/// The contingency table of two labellings: row sums, column sums and the non-empty cells.
struct Contingency {
    std::vector<double> rows, cols;
    std::vector<std::pair<std::uint64_t, double>> cells; // (row << 32 | col, count)
};

Contingency contingency(const std::vector<int>& a, const std::vector<int>& b) {
    Contingency c;
    std::unordered_map<int, std::size_t> mapA, mapB;
    for (int v : a) mapA.emplace(v, mapA.size());
    for (int v : b) mapB.emplace(v, mapB.size());
    c.rows.assign(mapA.size(), 0.0);
    c.cols.assign(mapB.size(), 0.0);
    std::vector<std::uint64_t> pairs(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::size_t ia = mapA[a[i]], ib = mapB[b[i]];
        c.rows[ia] += 1.0;
        c.cols[ib] += 1.0;
        pairs[i] = (static_cast<std::uint64_t>(ia) << 32) | static_cast<std::uint64_t>(ib);
    }
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t i = 0; i < pairs.size();) {
        std::size_t j = i;
        while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
        c.cells.emplace_back(pairs[i], static_cast<double>(j - i));
        i = j;
    }
    return c;
}

double entropy(const std::vector<double>& counts, double n) {
    double h = 0.0;
    for (double c : counts)
        if (c > 0) h -= c / n * std::log(c / n);
    return h;
}

} // namespace

double adjustedMutualInformation(const std::vector<int>& a, const std::vector<int>& b) {
    const std::size_t size = a.size();
    if (size != b.size()) return 0.0;
    const Contingency c = contingency(a, b);
    // One cluster on both sides, or none: the same partition (as scikit-learn says).
    if ((c.rows.size() == 1 && c.cols.size() == 1) || size == 0) return 1.0;
    const double n = static_cast<double>(size);
    double mi = 0.0;
    for (const auto& [key, nij] : c.cells) {
        const double ai = c.rows[key >> 32], bj = c.cols[key & 0xffffffffU];
        mi += nij / n * (std::log(nij) + std::log(n) - std::log(ai) - std::log(bj));
    }
    // Expected MI under the hypergeometric model of random labellings with these margins
    // (Vinh, Epps & Bailey 2010), term by term in log space.
    const double lgN = std::lgamma(n + 1);
    double emi = 0.0;
    for (double ai : c.rows) {
        for (double bj : c.cols) {
            const double lo = std::max(1.0, ai + bj - n), hi = std::min(ai, bj);
            const double fixed = std::lgamma(ai + 1) + std::lgamma(bj + 1) +
                                 std::lgamma(n - ai + 1) + std::lgamma(n - bj + 1) - lgN;
            for (double nij = lo; nij <= hi; nij += 1.0) {
                const double logP = fixed - std::lgamma(nij + 1) - std::lgamma(ai - nij + 1) -
                                    std::lgamma(bj - nij + 1) - std::lgamma(n - ai - bj + nij + 1);
                emi += nij / n * std::log(n * nij / (ai * bj)) * std::exp(logP);
            }
        }
    }
    const double mean = 0.5 * (entropy(c.rows, n) + entropy(c.cols, n));
    double denominator = mean - emi;
    // Both partitions nearly trivial: keep the sign and stay away from zero.
    const double eps = std::numeric_limits<double>::epsilon();
    denominator = denominator < 0 ? std::min(denominator, -eps) : std::max(denominator, eps);
    return (mi - emi) / denominator;
}

} // namespace bd::analytics
