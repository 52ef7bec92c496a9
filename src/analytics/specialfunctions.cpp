#include "analytics/specialfunctions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace bd::analytics {

double digamma(double x) {
    if (!(x > 0) || !std::isfinite(x)) return std::numeric_limits<double>::quiet_NaN();
    double result = 0.0;
    // Recurrence ψ(x) = ψ(x + 1) − 1/x up to where the asymptotic series is exact to ~1e-15.
    while (x < 10.0) {
        result -= 1.0 / x;
        x += 1.0;
    }
    const double inv = 1.0 / x, inv2 = inv * inv;
    result += std::log(x) - 0.5 * inv -
              inv2 * (1.0 / 12 -
                      inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))));
    return result;
}

double hyp2f1(double a, double b, double c, double z, std::int64_t max_terms) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (!(z >= 0.0 && z < 1.0) || !std::isfinite(a) || !std::isfinite(b) || !std::isfinite(c))
        return nan;
    if (c <= 0 && c == std::floor(c)) return nan;
    double sum = 1.0, term = 1.0;
    for (std::int64_t n = 0; n < max_terms; ++n) {
        const double dn = static_cast<double>(n);
        const double ratio = (a + dn) * (b + dn) / ((c + dn) * (dn + 1.0)) * z;
        term *= ratio;
        sum += term;
        if (term == 0.0) return sum; // a or b is a non-positive integer: a polynomial
        if (!std::isfinite(sum)) return nan;
        // Past the point where |ratio| < 1 the terms shrink geometrically (ratio → z), so the
        // tail is bounded by |term| |ratio| / (1 − |ratio|).
        const double r = std::max(std::abs(ratio), z);
        if (r < 1.0 && std::abs(term) * r / (1.0 - r) <= 1e-17 * std::abs(sum)) return sum;
    }
    return nan;
}

double logBeta(double a, double b) {
    return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}

} // namespace bd::analytics
