#pragma once
// Exact k-means (Lloyd's objective) with greedy k-means++ seeding, restarts in parallel,
// Hamerly's bounds to skip most distance computations, and automatic choice of k by silhouette.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "core/result.h"

namespace bd::analytics {

/// Options of kmeans(). The result depends only on the data, k, n_init, max_iter, tol and seed,
/// never on the number of threads.
struct KMeansOptions {
    int k = 8;
    int n_init = 10;    // independent restarts; the lowest inertia wins (ties: lowest restart)
    int max_iter = 300; // Lloyd iterations per restart
    /// Relative tolerance: a restart stops when the sum of squared centre shifts is
    /// <= tol * mean per-feature variance of x (scikit-learn's rule), or when no label changes.
    double tol = 1e-4;
    std::uint64_t seed = 0; // restart r is seeded from (seed, r)
    int threads = 0;        // 0 = std::thread::hardware_concurrency()
    /// Continue the best restart until no label changes (within max_iter): never a higher
    /// inertia than stopping at tol, usually a slightly lower one.
    bool polish = true;
};

/// The best restart of kmeans().
struct KMeansResult {
    std::vector<int> labels;        // cluster index 0..k-1 per row
    Eigen::MatrixXd centres;        // k x p
    std::vector<std::size_t> sizes; // points per cluster
    double inertia = 0.0;           // sum of squared distances to the assigned centre
    int iterations = 0;             // Lloyd iterations of the best restart (+ polish)
    int best_restart = 0;
    std::vector<int> n_iter;             // iterations per restart
    std::vector<double> restart_inertia; // inertia per restart
};

/// Cluster the rows of x (n x p) into options.k groups.
/// Errors (InvalidInput): k < 1, k > n, n_init < 1, max_iter < 1, non-finite values.
/// When x has fewer than k distinct rows some clusters stay empty (size 0, centre = a data row).
Result<KMeansResult> kmeans(const Eigen::MatrixXd& x, const KMeansOptions& options);

/// Index of the nearest centre for each row of x (ties: lowest index).
std::vector<int> assignToNearest(const Eigen::MatrixXd& x, const Eigen::MatrixXd& centres);

/// Options of selectK().
struct KSelectionOptions {
    int kmin = 2;
    int kmax = 10;
    /// Silhouettes cost O(s^2): above this many rows, k is chosen on a deterministic random
    /// sample of this size (drawn with kmeans.seed).
    std::size_t sample_size = 5000;
    /// Independent samples the criterion is averaged over (each of sample_size rows, drawn
    /// with derived seeds; when the rows are no more than sample_size, subsets of four fifths
    /// of them, or all rows once when four fifths are fewer than 10). One sample's
    /// silhouette peak moves with the sample when two k are close; averaged over several and
    /// read with the one-standard-error rule, the choice no longer follows the sample.
    int repeats = 1;
    /// The smallest k whose mean silhouette is within this many standard errors (across the
    /// repeats) of the best is chosen: of two k the data cannot tell apart, the simpler. 0 =
    /// the highest mean.
    double within_se = 0.0;
    KMeansOptions kmeans; // k is ignored; n_init, tol, seed, threads are used per candidate
};

/// Silhouette and inertia of every candidate k; best_k by the rule of KSelectionOptions
/// (ties: the smaller k).
struct KSelection {
    int best_k = 0;
    std::vector<int> ks;
    std::vector<double> silhouette; // mean silhouette on the samples, per candidate
    std::vector<double> inertia;    // k-means inertia on the (first) sample, per candidate
    /// Standard error of the silhouette across the repeats, per candidate (empty: one sample).
    std::vector<double> silhouette_se;
    /// Agreement of the clusterings of the different samples, per candidate: the mean adjusted
    /// Rand index, on the first sample's rows, of the labels each sample's centres give them
    /// (1 = every sample finds the same segments; empty: one sample).
    std::vector<double> agreement;
    std::size_t sample_rows = 0;
    int samples = 1;
};

/// The candidate selectK chooses from its scores: the highest mean silhouette (ties: the
/// first), or, with standard errors and within_se > 0, the first candidate within within_se
/// standard errors of it. Candidates in ascending k; 0 when there are none.
std::size_t chosenCandidate(const std::vector<double>& silhouette,
                            const std::vector<double>& silhouetteSe, double withinSe);

/// Choose k in [kmin, kmax] (kmax is capped at sample rows - 1) by mean silhouette.
/// Errors (InvalidInput): kmin < 2, kmin > kmax, fewer than 3 rows.
Result<KSelection> selectK(const Eigen::MatrixXd& x, const KSelectionOptions& options);

/// Deterministic sample of `count` distinct row indices of 0..n-1 (all rows if count >= n),
/// sorted ascending.
std::vector<std::size_t> sampleRows(std::size_t n, std::size_t count, std::uint64_t seed);

} // namespace bd::analytics
