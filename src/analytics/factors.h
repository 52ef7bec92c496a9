#pragma once
// Factor extraction for segmentation: principal components (Eigen's SelfAdjointEigenSolver)
// with the number of factors by Kaiser's rule or cumulative variance, varimax rotation, factor
// scores and readable factor names.
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/result.h"

namespace bd::analytics {

/// PCA of the columns of a matrix.
struct PcaResult {
    Eigen::VectorXd mean;            // per column
    Eigen::VectorXd scale;           // per column: std dev (correlation PCA) or 1 (covariance)
    Eigen::VectorXd eigenvalues;     // all p, descending
    Eigen::MatrixXd eigenvectors;    // p x p, column j pairs with eigenvalues(j)
    Eigen::VectorXd explained_ratio; // eigenvalue / sum of eigenvalues
};

/// PCA on the correlation matrix (use_correlation) or the covariance matrix (n - 1 divisor).
/// Constant columns get scale 1 under correlation (they contribute a zero eigenvalue).
/// Each eigenvector's sign is fixed so that its largest-magnitude entry is positive.
/// Errors (InvalidInput): fewer than 2 rows, no columns, non-finite values.
Result<PcaResult> pca(const Eigen::MatrixXd& x, bool use_correlation = true);

/// How many factors to keep.
enum class FactorRule {
    Kaiser,             // eigenvalue > 1 (on the correlation matrix: above an average variable)
    CumulativeVariance, // smallest m whose explained ratios add up to >= cumulative_target
    Fixed,              // exactly fixed_count
};

/// Options of fitFactors().
struct FactorOptions {
    bool use_correlation = true;
    FactorRule rule = FactorRule::Kaiser;
    double cumulative_target = 0.8;
    int fixed_count = 2;
    int min_factors = 2; // lower clamp (a segmentation on one factor is rarely useful)
    int max_factors = 0; // upper clamp, 0 = p
    bool rotate = true;  // varimax
    double varimax_tol = 1e-8;
    int varimax_max_iter = 500;
    /// true: scores have unit variance per factor (classic factor-then-cluster); false: scores
    /// keep each factor's variance (the first factors weigh more in distances).
    bool unit_scores = true;
};

/// Result of varimax().
struct VarimaxResult {
    Eigen::MatrixXd loadings; // p x m, rotated
    Eigen::MatrixXd rotation; // m x m orthogonal: rotated = input * rotation
    int iterations = 0;
    bool converged = false;
};

/// Varimax rotation by Kaiser's pairwise algorithm: sweeps over factor pairs, each rotated by
/// the angle that maximises the criterion exactly. With `normalize` rows are scaled to unit
/// communality before rotating (Kaiser normalisation) and scaled back after. Converged when a
/// whole sweep rotates every pair by less than tol radians; max_iter bounds the sweeps.
VarimaxResult varimax(const Eigen::MatrixXd& loadings, bool normalize = true, double tol = 1e-8,
                      int max_iter = 500);

/// A fitted factor model: scores = ((x - mean) / scale) * score_weights.
struct FactorModel {
    PcaResult pca;
    int factors = 0;
    Eigen::MatrixXd loadings;        // p x m (rotated when options.rotate); column signs make
                                     // the largest-magnitude loading positive
    Eigen::MatrixXd rotation;        // m x m (identity without rotation)
    Eigen::MatrixXd score_weights;   // p x m
    Eigen::VectorXd communalities;   // p: row sums of squared loadings (rotation-invariant)
    Eigen::VectorXd factor_variance; // m: column sums of squared loadings
    double explained_total = 0.0;    // share of total variance kept by the m factors
    int varimax_iterations = 0;
    bool varimax_converged = true;
};

/// PCA, factor count by the rule (clamped to [min_factors, max_factors] and to p), optional
/// varimax, and the weights that turn prepared rows into factor scores.
Result<FactorModel> fitFactors(const Eigen::MatrixXd& x, const FactorOptions& options = {});

/// Factor scores (n x m) of rows of x with the model's weights.
Eigen::MatrixXd factorScores(const FactorModel& model, const Eigen::MatrixXd& x);

/// What a factor is about, for its name (the phrasebook words it, phrase::factorName): a theme
/// key ("activity"), two joined by '&' ("activity&assets"), or the top feature's id when no
/// theme matched.
struct FactorName {
    std::string theme;
};

/// The theme of a feature name by the documented keyword table in factors.cpp (e.g. any name
/// containing "trade", "commission" or "turnover" -> "activity"); "" when none matches.
std::string featureTheme(const std::string& feature_name);

/// Name a factor from its loadings column: the theme of the top-loading feature; a second
/// feature with a different theme and at least 80% of the top |loading| adds "&<theme>"; an
/// unmapped top feature gives its own id.
FactorName nameFactor(const Eigen::VectorXd& loadings, const std::vector<std::string>& names);

} // namespace bd::analytics
