#pragma once
// Cluster quality measures: mean silhouette, the adjusted Rand index and adjusted mutual
// information.
#include <vector>

#include <Eigen/Dense>

namespace bd::analytics {

/// Mean silhouette coefficient of a labelling of the rows of x (Euclidean distance). Points in
/// singleton clusters score 0 (Rousseeuw's convention, as scikit-learn). Labels are 0..k-1;
/// returns 0 when fewer than 2 clusters are non-empty. O(n^2 p): sample large inputs first.
/// threads: 0 = hardware concurrency; the result does not depend on it.
double silhouetteScore(const Eigen::MatrixXd& x, const std::vector<int>& labels, int threads = 0);

/// Mean silhouettes of several labellings of the same rows, sharing one pass over the pairwise
/// distances (used to compare candidate k). Each labelling uses labels 0..k-1.
std::vector<double> silhouetteScores(const Eigen::MatrixXd& x,
                                     const std::vector<std::vector<int>>& labelings,
                                     int threads = 0);

/// Adjusted Rand index (Hubert & Arabie, 1985) of two labellings of the same items; labels may
/// be any integers. 1 = identical partitions, about 0 = chance agreement. Sizes must match.
double adjustedRandIndex(const std::vector<int>& a, const std::vector<int>& b);

/// Adjusted mutual information (Vinh, Epps & Bailey 2010) with the arithmetic mean of the two
/// entropies as normaliser (scikit-learn's default): 1 = identical partitions, about 0 =
/// chance. Labels may be any integers; sizes must match (0 otherwise).
double adjustedMutualInformation(const std::vector<int>& a, const std::vector<int>& b);

} // namespace bd::analytics
