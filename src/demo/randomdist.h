#pragma once
// Deterministic random distributions over std::mt19937_64. The standard library's
// distributions (normal, gamma, poisson, ...) are implementation-defined, so a demo book built
// with libstdc++ would differ from one built with libc++; these are written out here so the same
// seed gives the same book everywhere (given IEEE doubles and a correctly rounded sqrt/log/exp).
#include <cmath>
#include <cstdint>
#include <random>
#include <span>

namespace bd::demo::rnd {

using Engine = std::mt19937_64;

/// Uniform on [0, 1) with 53 random bits.
inline double uniform01(Engine& g) {
    return static_cast<double>(g() >> 11) * 0x1.0p-53;
}

/// Uniform on (0, 1]: safe to take the logarithm of.
inline double uniformOpen0(Engine& g) {
    return (static_cast<double>(g() >> 11) + 1.0) * 0x1.0p-53;
}

/// Uniform on [lo, hi).
inline double uniform(Engine& g, double lo, double hi) {
    return lo + (hi - lo) * uniform01(g);
}

/// Uniform integer in [0, n) (n > 0); the modulo bias is below 2^-40 for the n used here.
inline std::uint64_t below(Engine& g, std::uint64_t n) {
    return g() % n;
}

/// Uniform integer in [lo, hi] (inclusive).
inline std::int64_t between(Engine& g, std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(g, static_cast<std::uint64_t>(hi - lo + 1)));
}

/// True with probability p.
inline bool chance(Engine& g, double p) {
    return uniform01(g) < p;
}

/// Standard normal by the Marsaglia polar form of Box-Muller (no trigonometry; the second
/// variate is dropped so the function has no hidden state).
inline double normal(Engine& g) {
    for (;;) {
        const double u = 2.0 * uniform01(g) - 1.0;
        const double v = 2.0 * uniform01(g) - 1.0;
        const double s = u * u + v * v;
        if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
    }
}

inline double normal(Engine& g, double mean, double sd) {
    return mean + sd * normal(g);
}

/// Exponential with the given rate (mean 1 / rate).
inline double exponential(Engine& g, double rate) {
    return -std::log(uniformOpen0(g)) / rate;
}

/// Gamma(shape, scale) by Marsaglia & Tsang (2000); shape < 1 via the boost U^(1/shape).
inline double gamma(Engine& g, double shape, double scale) {
    if (shape < 1.0) {
        const double boost = std::pow(uniformOpen0(g), 1.0 / shape);
        return gamma(g, shape + 1.0, scale) * boost;
    }
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = 0.0;
        double v = 0.0;
        do {
            x = normal(g);
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = uniformOpen0(g);
        if (u < 1.0 - 0.0331 * x * x * x * x) return d * v * scale;
        if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v * scale;
    }
}

/// Gamma with the given shape and mean (scale = mean / shape).
inline double gammaMean(Engine& g, double shape, double mean) {
    return gamma(g, shape, mean / shape);
}

/// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
inline double beta(Engine& g, double a, double b) {
    const double x = gamma(g, a, 1.0);
    const double y = gamma(g, b, 1.0);
    return x / (x + y);
}

/// Poisson(mean): Knuth's product method up to mean 30, a rounded normal above (only used for
/// counts where that approximation is immaterial).
inline std::int64_t poisson(Engine& g, double mean) {
    if (mean <= 0.0) return 0;
    if (mean < 30.0) {
        const double limit = std::exp(-mean);
        double prod = uniform01(g);
        std::int64_t k = 0;
        while (prod > limit) {
            ++k;
            prod *= uniform01(g);
        }
        return k;
    }
    const double x = std::floor(normal(g, mean, std::sqrt(mean)) + 0.5);
    return x < 0.0 ? 0 : static_cast<std::int64_t>(x);
}

/// Lognormal: exp(mu + sigma * N(0, 1)); the median is exp(mu).
inline double lognormal(Engine& g, double mu, double sigma) {
    return std::exp(mu + sigma * normal(g));
}

/// Pareto with minimum xm and tail index alpha (heavier tail for smaller alpha).
inline double pareto(Engine& g, double xm, double alpha) {
    return xm / std::pow(uniformOpen0(g), 1.0 / alpha);
}

/// Index drawn with probability proportional to weights[i] (weights not all zero).
inline std::size_t weighted(Engine& g, std::span<const double> weights) {
    double total = 0.0;
    for (double w : weights) total += w;
    double x = uniform01(g) * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    return weights.size() - 1;
}

/// SplitMix64 step: derives well-spread seeds for independent per-entity engines.
inline std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// An engine for entity `index` of stream `stream` under `seed`: independent of the order in
/// which entities are generated.
inline Engine engineFor(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    return Engine(splitmix64(splitmix64(seed ^ (stream * 0xD1B54A32D192ED03ULL)) + index));
}

} // namespace bd::demo::rnd
