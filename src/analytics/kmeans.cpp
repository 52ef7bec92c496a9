#include "analytics/kmeans.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <thread>

#include "analytics/clustermetrics.h"
#include "analytics/random.h"

namespace bd::analytics {

namespace {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

inline double squaredDistance(const double* a, const double* b, Eigen::Index p) {
    double s = 0.0;
    for (Eigen::Index f = 0; f < p; ++f) {
        const double d = a[f] - b[f];
        s += d * d;
    }
    return s;
}

// Same, with the dimension known at compile time when P > 0 (unrolled by the compiler).
template <int P>
inline double sqDist(const double* a, const double* b, Eigen::Index p) {
    if constexpr (P > 0) {
        double s = 0.0;
        for (int f = 0; f < P; ++f) {
            const double d = a[f] - b[f];
            s += d * d;
        }
        return s;
    } else {
        return squaredDistance(a, b, p);
    }
}

int resolveThreads(int requested) {
    if (requested > 0) return requested;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
}

// Run fn(i) for i in [0, count) on up to `threads` threads. Each index is processed by exactly
// one thread and writes only its own outputs, so results never depend on the thread count.
template <typename Fn>
void parallelFor(int count, int threads, Fn fn) {
    const int workers = std::max(1, std::min(threads, count));
    if (workers == 1) {
        for (int i = 0; i < count; ++i) fn(i);
        return;
    }
    std::atomic<int> next{0};
    auto work = [&] {
        for (int i = next.fetch_add(1); i < count; i = next.fetch_add(1)) fn(i);
    };
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(workers - 1));
    for (int t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();
}

struct RestartResult {
    std::vector<int> labels;
    RowMatrix centres;
    double inertia = 0.0;
    int iterations = 0;
};

// One k-means restart on row-major data x (n rows of p values).
template <int P>
class Restart {
  public:
    Restart(const double* x, std::size_t n, Eigen::Index p, int k)
        : m_x(x), m_n(n), m_p(P > 0 ? P : p), m_k(k), m_ku(static_cast<std::size_t>(k)) {}

    // Greedy k-means++ (Arthur & Vassilvitskii 2007; scikit-learn's variant): each new centre
    // is the best of 2 + floor(ln k) candidates drawn with probability proportional to D(x)^2.
    RowMatrix seed(Rng& rng) const {
        RowMatrix centres(m_k, m_p);
        const int trials = 2 + static_cast<int>(std::log(static_cast<double>(m_k)));
        const std::size_t first = rng.below(m_n);
        centres.row(0) = Eigen::Map<const Eigen::RowVectorXd>(row(first), m_p);
        std::vector<double> closest(m_n);
        for (std::size_t i = 0; i < m_n; ++i)
            closest[i] = sqDist<P>(row(i), centres.row(0).data(), m_p);
        std::vector<double> cumulative(m_n);
        std::vector<std::size_t> candidates(static_cast<std::size_t>(trials));
        std::vector<double> potential(static_cast<std::size_t>(trials));
        for (int c = 1; c < m_k; ++c) {
            double run = 0.0;
            for (std::size_t i = 0; i < m_n; ++i) {
                run += closest[i];
                cumulative[i] = run;
            }
            for (auto& cand : candidates) {
                const double r = rng.uniform() * run;
                auto it = std::lower_bound(cumulative.begin(), cumulative.end(), r);
                cand = std::min(static_cast<std::size_t>(it - cumulative.begin()), m_n - 1);
            }
            std::fill(potential.begin(), potential.end(), 0.0);
            for (std::size_t i = 0; i < m_n; ++i) {
                const double* xi = row(i);
                for (std::size_t t = 0; t < candidates.size(); ++t)
                    potential[t] += std::min(closest[i], sqDist<P>(xi, row(candidates[t]), m_p));
            }
            std::size_t best = 0;
            for (std::size_t t = 1; t < candidates.size(); ++t)
                if (potential[t] < potential[best]) best = t;
            centres.row(c) = Eigen::Map<const Eigen::RowVectorXd>(row(candidates[best]), m_p);
            const double* cc = centres.row(c).data();
            for (std::size_t i = 0; i < m_n; ++i)
                closest[i] = std::min(closest[i], sqDist<P>(row(i), cc, m_p));
        }
        return centres;
    }

    // Lloyd's algorithm from `centres`, accelerated with Hamerly's (2010) bounds: an upper
    // bound on the distance to the assigned centre and a lower bound on the distance to every
    // other centre let most points skip the distance computations once centres settle. Exact:
    // the same iterates as plain Lloyd. Stops when no label changes, when the summed squared
    // centre shift is <= tolAbs, or after maxIter iterations.
    RestartResult run(RowMatrix centres, int maxIter, double tolAbs) {
        RestartResult r;
        m_c = std::move(centres);
        m_label.assign(m_n, -1);
        m_upper.assign(m_n, 0.0);
        m_lower.assign(m_n, 0.0);
        m_halfGap.assign(m_ku, 0.0);
        m_shift.assign(m_ku, 0.0);
        m_sums.assign(m_ku * static_cast<std::size_t>(m_p), 0.0);
        m_counts.assign(m_ku, 0);
        for (std::size_t i = 0; i < m_n; ++i) fullScan(i);
        bool strict = false;
        int it = 0;
        for (it = 1; it <= maxIter; ++it) {
            const std::size_t changed = it == 1 ? m_n : assign();
            if (it > 1 && changed == 0) {
                strict = true; // labels stable: centres are already their members' means
                break;
            }
            if (update() <= tolAbs) break;
        }
        r.iterations = std::min(it, maxIter);
        if (!strict) assign(); // labels must match the final centres
        double inertia = 0.0;
        for (std::size_t i = 0; i < m_n; ++i)
            inertia += sqDist<P>(row(i), m_c.row(m_label[i]).data(), m_p);
        r.inertia = inertia;
        r.labels = std::move(m_label);
        r.centres = std::move(m_c);
        return r;
    }

  private:
    const double* row(std::size_t i) const { return m_x + i * static_cast<std::size_t>(m_p); }

    // Nearest (ties: lowest index) and second-nearest centre of one point; true if it moved.
    bool fullScan(std::size_t i) {
        const double* xi = row(i);
        double d1 = std::numeric_limits<double>::infinity(), d2 = d1;
        int best = 0;
        for (int j = 0; j < m_k; ++j) {
            const double d = sqDist<P>(xi, m_c.row(j).data(), m_p);
            if (d < d1) {
                d2 = d1;
                d1 = d;
                best = j;
            } else if (d < d2) {
                d2 = d;
            }
        }
        const bool changed = best != m_label[i];
        m_label[i] = best;
        m_upper[i] = std::sqrt(d1);
        m_lower[i] = m_k > 1 ? std::sqrt(d2) : std::numeric_limits<double>::infinity();
        return changed;
    }

    // Assignment step with bounds; returns the number of points whose label changed.
    std::size_t assign() {
        for (int j = 0; j < m_k; ++j) {
            double m = std::numeric_limits<double>::infinity();
            for (int j2 = 0; j2 < m_k; ++j2)
                if (j2 != j) m = std::min(m, sqDist<P>(m_c.row(j).data(), m_c.row(j2).data(), m_p));
            m_halfGap[static_cast<std::size_t>(j)] = 0.5 * std::sqrt(m);
        }
        // Local pointers: the compiler cannot prove the member vectors do not alias.
        const double* halfGap = m_halfGap.data();
        const double* lower = m_lower.data();
        double* upper = m_upper.data();
        const int* label = m_label.data();
        std::size_t changed = 0;
        for (std::size_t i = 0; i < m_n; ++i) {
            const int a = label[i];
            const double m = std::max(halfGap[static_cast<std::size_t>(a)], lower[i]);
            if (upper[i] <= m) continue;
            upper[i] = std::sqrt(sqDist<P>(row(i), m_c.row(a).data(), m_p));
            if (upper[i] <= m) continue;
            if (fullScan(i)) ++changed;
        }
        return changed;
    }

    // Update step: centres become their members' means; returns the summed squared shift. An
    // empty cluster takes the point farthest from its centre (from a cluster keeping >= 1).
    double update() {
        const auto p = static_cast<std::size_t>(m_p);
        std::fill(m_sums.begin(), m_sums.end(), 0.0);
        std::fill(m_counts.begin(), m_counts.end(), std::size_t{0});
        for (std::size_t i = 0; i < m_n; ++i) {
            const auto l = static_cast<std::size_t>(m_label[i]);
            double* s = &m_sums[l * p];
            const double* xi = row(i);
            for (std::size_t f = 0; f < p; ++f) s[f] += xi[f];
            ++m_counts[l];
        }
        std::vector<std::size_t> moved;
        for (std::size_t j = 0; j < m_ku; ++j) {
            if (m_counts[j] > 0) continue;
            double far = -1.0;
            std::size_t farIdx = m_n;
            for (std::size_t i = 0; i < m_n; ++i) {
                if (m_counts[static_cast<std::size_t>(m_label[i])] < 2) continue;
                if (std::find(moved.begin(), moved.end(), i) != moved.end()) continue;
                const double d = sqDist<P>(row(i), m_c.row(m_label[i]).data(), m_p);
                if (d > far) {
                    far = d;
                    farIdx = i;
                }
            }
            if (farIdx == m_n) continue; // fewer distinct points than k: stays empty
            const auto from = static_cast<std::size_t>(m_label[farIdx]);
            for (std::size_t f = 0; f < p; ++f) {
                m_sums[from * p + f] -= row(farIdx)[f];
                m_sums[j * p + f] = row(farIdx)[f];
            }
            --m_counts[from];
            m_counts[j] = 1;
            m_label[farIdx] = static_cast<int>(j);
            moved.push_back(farIdx);
        }
        double shiftTotal = 0.0;
        std::vector<double> next(p);
        for (std::size_t j = 0; j < m_ku; ++j) {
            if (m_counts[j] == 0) {
                m_shift[j] = 0.0;
                continue;
            }
            const double inv = 1.0 / static_cast<double>(m_counts[j]);
            for (std::size_t f = 0; f < p; ++f) next[f] = m_sums[j * p + f] * inv;
            double* cj = m_c.row(static_cast<Eigen::Index>(j)).data();
            const double s2 = sqDist<P>(next.data(), cj, m_p);
            m_shift[j] = std::sqrt(s2);
            shiftTotal += s2;
            std::copy(next.begin(), next.end(), cj);
        }
        // Keep the bounds valid for the moved centres.
        std::size_t top = 0;
        for (std::size_t j = 1; j < m_ku; ++j)
            if (m_shift[j] > m_shift[top]) top = j;
        double second = 0.0;
        for (std::size_t j = 0; j < m_ku; ++j)
            if (j != top) second = std::max(second, m_shift[j]);
        for (std::size_t i = 0; i < m_n; ++i) {
            const auto a = static_cast<std::size_t>(m_label[i]);
            m_upper[i] += m_shift[a];
            m_lower[i] -= (a == top ? second : m_shift[top]);
        }
        for (std::size_t i : moved) { // force a full scan next time
            m_upper[i] = std::numeric_limits<double>::infinity();
            m_lower[i] = 0.0;
        }
        return shiftTotal;
    }

    const double* m_x;
    std::size_t m_n;
    Eigen::Index m_p;
    int m_k;
    std::size_t m_ku;
    RowMatrix m_c;
    std::vector<int> m_label;
    std::vector<double> m_upper, m_lower, m_halfGap, m_shift, m_sums;
    std::vector<std::size_t> m_counts;
};

constexpr int kMaxSpecialisedDim = 16;

// Seed (when init is null) and run one restart, with the dimension specialised up to 16.
template <int P = 1>
RestartResult runRestart(const RowMatrix& x, int k, int maxIter, double tolAbs, std::uint64_t seed,
                         const RowMatrix* init) {
    if constexpr (P <= kMaxSpecialisedDim) {
        if (x.cols() != P) return runRestart<P + 1>(x, k, maxIter, tolAbs, seed, init);
    }
    constexpr int D = P <= kMaxSpecialisedDim ? P : 0;
    Restart<D> restart(x.data(), static_cast<std::size_t>(x.rows()), x.cols(), k);
    if (init) return restart.run(*init, maxIter, tolAbs);
    Rng rng(seed);
    return restart.run(restart.seed(rng), maxIter, tolAbs);
}

} // namespace

std::vector<std::size_t> sampleRows(std::size_t n, std::size_t count, std::uint64_t seed) {
    std::vector<std::size_t> idx(n);
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    if (count >= n) return idx;
    Rng rng(seed);
    for (std::size_t i = 0; i < count; ++i) { // partial Fisher-Yates
        const std::size_t j = i + rng.below(n - i);
        std::swap(idx[i], idx[j]);
    }
    idx.resize(count);
    std::sort(idx.begin(), idx.end());
    return idx;
}

std::vector<int> assignToNearest(const Eigen::MatrixXd& x, const Eigen::MatrixXd& centres) {
    std::vector<int> out(static_cast<std::size_t>(x.rows()), 0);
    const RowMatrix c = centres;
    const Eigen::Index p = x.cols();
    Eigen::RowVectorXd row(p);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        row = x.row(i);
        double best = std::numeric_limits<double>::infinity();
        for (Eigen::Index j = 0; j < c.rows(); ++j) {
            const double d = squaredDistance(row.data(), c.row(j).data(), p);
            if (d < best) {
                best = d;
                out[static_cast<std::size_t>(i)] = static_cast<int>(j);
            }
        }
    }
    return out;
}

Result<KMeansResult> kmeans(const Eigen::MatrixXd& x, const KMeansOptions& options) {
    const Eigen::Index n = x.rows();
    if (options.k < 1) return makeError(ErrorCode::InvalidInput, "k must be at least 1");
    if (options.k > n)
        return makeError(ErrorCode::InvalidInput, "k (" + std::to_string(options.k) +
                                                      ") exceeds the number of rows (" +
                                                      std::to_string(n) + ")");
    if (options.n_init < 1 || options.max_iter < 1)
        return makeError(ErrorCode::InvalidInput, "n_init and max_iter must be at least 1");
    if (!x.allFinite()) return makeError(ErrorCode::InvalidInput, "non-finite value in k-means");

    const RowMatrix rows = x;
    // scikit-learn's tolerance: relative to the mean per-feature variance.
    const Eigen::RowVectorXd mean = x.colwise().mean();
    const double meanVar = x.cols() == 0
                               ? 0.0
                               : (x.rowwise() - mean).colwise().squaredNorm().sum() /
                                     (static_cast<double>(n) * static_cast<double>(x.cols()));
    const double tolAbs = options.tol * meanVar;

    std::vector<RestartResult> runs(static_cast<std::size_t>(options.n_init));
    parallelFor(options.n_init, resolveThreads(options.threads), [&](int r) {
        runs[static_cast<std::size_t>(r)] =
            runRestart(rows, options.k, options.max_iter, tolAbs,
                       Rng::derive(options.seed, static_cast<std::uint64_t>(r)), nullptr);
    });

    KMeansResult out;
    std::size_t best = 0;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        out.n_iter.push_back(runs[r].iterations);
        out.restart_inertia.push_back(runs[r].inertia);
        if (runs[r].inertia < runs[best].inertia) best = r;
    }
    RestartResult& b = runs[best];
    if (options.polish && b.iterations < options.max_iter) {
        // Continue the winner until no label changes: Lloyd never raises the inertia, and with
        // the bounds these last iterations cost little.
        RestartResult polished =
            runRestart(rows, options.k, options.max_iter - b.iterations, -1.0, 0, &b.centres);
        if (polished.inertia <= b.inertia) {
            polished.iterations += b.iterations;
            b = std::move(polished);
        }
    }
    out.best_restart = static_cast<int>(best);
    out.inertia = b.inertia;
    out.iterations = b.iterations;
    out.centres = b.centres;
    out.labels = std::move(b.labels);
    out.sizes.assign(static_cast<std::size_t>(options.k), 0);
    for (int l : out.labels) ++out.sizes[static_cast<std::size_t>(l)];
    return out;
}

Result<KSelection> selectK(const Eigen::MatrixXd& x, const KSelectionOptions& options) {
    if (options.kmin < 2 || options.kmin > options.kmax)
        return makeError(ErrorCode::InvalidInput, "need 2 <= kmin <= kmax");
    if (x.rows() < 3) return makeError(ErrorCode::InvalidInput, "need at least 3 rows to choose k");
    if (options.repeats < 1) return makeError(ErrorCode::InvalidInput, "need at least 1 repeat");

    const std::size_t n = static_cast<std::size_t>(x.rows());
    std::size_t size = std::max<std::size_t>(options.sample_size, 3);
    int repeats = options.repeats;
    // When the rows fit in one sample, repeated samples are subsets of four fifths of them
    // (the same rows every time would only repeat the criterion); too few rows for that: one.
    if (n <= size) {
        size = n * 4 / 5;
        if (repeats == 1 || size < 10) {
            size = n;
            repeats = 1;
        }
    }
    KSelection sel;
    sel.samples = repeats;
    std::vector<Eigen::MatrixXd> samples;
    for (int r = 0; r < repeats; ++r) {
        // The first sample is the one a single-sample selection draws (same seed).
        const auto seed = r == 0 ? Rng::derive(options.kmeans.seed, 0x5A3D1E)
                                 : Rng::derive(options.kmeans.seed, 0x5A3D1E + 0x100 * r);
        const auto rowsIdx = sampleRows(n, size, seed);
        Eigen::MatrixXd sample(static_cast<Eigen::Index>(rowsIdx.size()), x.cols());
        for (std::size_t i = 0; i < rowsIdx.size(); ++i)
            sample.row(static_cast<Eigen::Index>(i)) = x.row(static_cast<Eigen::Index>(rowsIdx[i]));
        samples.push_back(std::move(sample));
    }
    sel.sample_rows = static_cast<std::size_t>(samples.front().rows());
    const int kmax = std::min(options.kmax, static_cast<int>(sel.sample_rows) - 1);
    if (kmax < options.kmin)
        return makeError(ErrorCode::InvalidInput, "too few rows for the requested k range");

    const std::size_t nk = static_cast<std::size_t>(kmax - options.kmin + 1);
    // scores[r][c]: silhouette of candidate c on sample r; centres[r][c] its fitted centres.
    std::vector<std::vector<double>> scores(static_cast<std::size_t>(repeats));
    std::vector<std::vector<Eigen::MatrixXd>> centres(static_cast<std::size_t>(repeats));
    for (int r = 0; r < repeats; ++r) {
        std::vector<std::vector<int>> labelings;
        for (int k = options.kmin; k <= kmax; ++k) {
            KMeansOptions ko = options.kmeans;
            ko.k = k;
            auto fit = kmeans(samples[static_cast<std::size_t>(r)], ko);
            if (!fit) return fit.error();
            if (r == 0) {
                sel.ks.push_back(k);
                sel.inertia.push_back(fit->inertia);
            }
            centres[static_cast<std::size_t>(r)].push_back(std::move(fit->centres));
            labelings.push_back(std::move(fit->labels));
        }
        scores[static_cast<std::size_t>(r)] = silhouetteScores(samples[static_cast<std::size_t>(r)],
                                                               labelings, options.kmeans.threads);
    }
    sel.silhouette.assign(nk, 0.0);
    for (std::size_t c = 0; c < nk; ++c) {
        for (const auto& rs : scores) sel.silhouette[c] += rs[c];
        sel.silhouette[c] /= static_cast<double>(repeats);
    }
    if (repeats > 1) {
        sel.silhouette_se.assign(nk, 0.0);
        sel.agreement.assign(nk, 0.0);
        const Eigen::MatrixXd& first = samples.front();
        for (std::size_t c = 0; c < nk; ++c) {
            double ss = 0.0;
            for (const auto& rs : scores)
                ss += (rs[c] - sel.silhouette[c]) * (rs[c] - sel.silhouette[c]);
            sel.silhouette_se[c] =
                std::sqrt(ss / static_cast<double>(repeats - 1) / static_cast<double>(repeats));
            // Each sample's segments, applied to the first sample's rows, against each other.
            std::vector<std::vector<int>> labels;
            for (int r = 0; r < repeats; ++r)
                labels.push_back(assignToNearest(first, centres[static_cast<std::size_t>(r)][c]));
            double sum = 0.0;
            int pairs = 0;
            for (std::size_t a = 0; a < labels.size(); ++a)
                for (std::size_t b = a + 1; b < labels.size(); ++b) {
                    sum += adjustedRandIndex(labels[a], labels[b]);
                    ++pairs;
                }
            sel.agreement[c] = sum / static_cast<double>(pairs);
        }
    }
    sel.best_k = sel.ks[chosenCandidate(sel.silhouette, sel.silhouette_se, options.within_se)];
    return sel;
}

std::size_t chosenCandidate(const std::vector<double>& silhouette,
                            const std::vector<double>& silhouetteSe, double withinSe) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < silhouette.size(); ++i)
        if (silhouette[i] > silhouette[best]) best = i;
    if (withinSe > 0.0 && best < silhouetteSe.size()) {
        const double floor = silhouette[best] - withinSe * silhouetteSe[best];
        for (std::size_t i = 0; i < best; ++i)
            if (silhouette[i] >= floor) return i;
    }
    return best;
}

} // namespace bd::analytics
