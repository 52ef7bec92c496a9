#include "analytics/hungarian.h"

#include <limits>

namespace bd::analytics {

std::vector<int> hungarian(const Eigen::MatrixXd& cost) {
    const auto rows = static_cast<int>(cost.rows());
    const auto cols = static_cast<int>(cost.cols());
    std::vector<int> result(static_cast<std::size_t>(rows), -1);
    if (rows == 0 || cols == 0) return result;
    // The classic potentials formulation needs n <= m: transpose when there are more rows.
    const bool transposed = rows > cols;
    const Eigen::MatrixXd a = transposed ? Eigen::MatrixXd(cost.transpose()) : cost;
    const auto n = static_cast<int>(a.rows());
    const auto m = static_cast<int>(a.cols());
    const double inf = std::numeric_limits<double>::infinity();
    // 1-based arrays as in the textbook algorithm; index 0 is a virtual column.
    std::vector<double> u(static_cast<std::size_t>(n + 1), 0.0),
        v(static_cast<std::size_t>(m + 1), 0.0);
    std::vector<int> match(static_cast<std::size_t>(m + 1), 0),
        way(static_cast<std::size_t>(m + 1), 0);
    for (int i = 1; i <= n; ++i) {
        match[0] = i;
        int j0 = 0;
        std::vector<double> minv(static_cast<std::size_t>(m + 1), inf);
        std::vector<char> used(static_cast<std::size_t>(m + 1), 0);
        do {
            used[static_cast<std::size_t>(j0)] = 1;
            const int i0 = match[static_cast<std::size_t>(j0)];
            double delta = inf;
            int j1 = 0;
            for (int j = 1; j <= m; ++j) {
                const auto ju = static_cast<std::size_t>(j);
                if (used[ju]) continue;
                const double cur = a(i0 - 1, j - 1) - u[static_cast<std::size_t>(i0)] - v[ju];
                if (cur < minv[ju]) {
                    minv[ju] = cur;
                    way[ju] = j0;
                }
                if (minv[ju] < delta) {
                    delta = minv[ju];
                    j1 = j;
                }
            }
            for (int j = 0; j <= m; ++j) {
                const auto ju = static_cast<std::size_t>(j);
                if (used[ju]) {
                    u[static_cast<std::size_t>(match[ju])] += delta;
                    v[ju] -= delta;
                } else {
                    minv[ju] -= delta;
                }
            }
            j0 = j1;
        } while (match[static_cast<std::size_t>(j0)] != 0);
        do {
            const int j1 = way[static_cast<std::size_t>(j0)];
            match[static_cast<std::size_t>(j0)] = match[static_cast<std::size_t>(j1)];
            j0 = j1;
        } while (j0 != 0);
    }
    for (int j = 1; j <= m; ++j) {
        const int i = match[static_cast<std::size_t>(j)];
        if (i == 0) continue;
        if (transposed)
            result[static_cast<std::size_t>(j - 1)] = i - 1;
        else
            result[static_cast<std::size_t>(i - 1)] = j - 1;
    }
    return result;
}

} // namespace bd::analytics
