#pragma once
// Special functions the lifetime-value models need and the standard library lacks.
#include <cstdint>

namespace bd::analytics {

/// Digamma ψ(x) = d/dx log Γ(x) for x > 0 (NaN otherwise); absolute error below 1e-13.
double digamma(double x);

/// Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 by its power series, summed until the
/// terms stop mattering (relative 1e-17) once they decrease; NaN when c is a non-positive
/// integer, z is outside [0, 1) or the series has not converged within `max_terms`.
double hyp2f1(double a, double b, double c, double z, std::int64_t max_terms = 1000000);

/// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
double logBeta(double a, double b);

} // namespace bd::analytics
