#pragma once
// Minimum-cost assignment (Hungarian algorithm, Kuhn-Munkres with potentials), used to keep
// segment identities stable across refreshes.
#include <vector>

#include <Eigen/Dense>

namespace bd::analytics {

/// Assign rows to columns of a rectangular cost matrix at minimum total cost; every row gets a
/// distinct column when rows <= cols, otherwise every column gets a distinct row. Returns, per
/// row, its column or -1 when unassigned. O(n^2 m); costs must be finite.
std::vector<int> hungarian(const Eigen::MatrixXd& cost);

} // namespace bd::analytics
