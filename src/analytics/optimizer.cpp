#include "analytics/optimizer.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

namespace bd::analytics {

namespace {

constexpr double kC1 = 1e-4; // sufficient decrease (Armijo)
constexpr double kC2 = 0.9;  // curvature (quasi-Newton value, Nocedal & Wright)

/// One point of the line search: step length, value, directional derivative, full gradient.
struct Probe {
    double step = 0.0;
    double value = 0.0;
    double slope = 0.0;
    Eigen::VectorXd gradient;
    bool finite = false;
};

class LineSearch {
  public:
    LineSearch(const Objective& f, const Eigen::VectorXd& x, const Eigen::VectorXd& d, double f0,
               double slope0, int& evaluations)
        : m_f(f), m_x(x), m_d(d), m_f0(f0), m_slope0(slope0), m_evaluations(evaluations) {}

    /// Strong Wolfe search (Nocedal & Wright, algorithms 3.5 and 3.6); nullopt-like `finite=false`
    /// when no acceptable step was found.
    Probe run(double step0, double step_max) {
        Probe prev;
        prev.step = 0.0;
        prev.value = m_f0;
        prev.slope = m_slope0;
        prev.finite = true;
        double step = std::min(step0, step_max);
        for (int i = 0; i < 60; ++i) {
            Probe cur = eval(step);
            if (!cur.finite) {
                // Outside the domain (overflow, invalid parameters): back off towards prev.
                step = prev.step + 0.25 * (step - prev.step);
                if (step - prev.step < 1e-16 * std::max(1.0, step)) break;
                continue;
            }
            if (cur.value > m_f0 + kC1 * cur.step * m_slope0 || (i > 0 && cur.value >= prev.value))
                return zoom(prev, cur);
            if (std::abs(cur.slope) <= -kC2 * m_slope0) return cur;
            if (cur.slope >= 0) return zoom(cur, prev);
            if (step >= step_max) return cur; // sufficient decrease holds; cannot go further
            prev = cur;
            step = std::min(2.0 * step, step_max);
        }
        return Probe{};
    }

  private:
    Probe eval(double step) {
        Probe p;
        p.step = step;
        const Eigen::VectorXd x = m_x + step * m_d;
        p.gradient.resize(x.size());
        p.value = m_f(x, &p.gradient);
        ++m_evaluations;
        p.finite = std::isfinite(p.value) && p.gradient.allFinite();
        if (p.finite) p.slope = p.gradient.dot(m_d);
        return p;
    }

    /// Safeguarded cubic interpolation between lo (the better end) and hi.
    static double interpolate(const Probe& lo, const Probe& hi) {
        const double a = lo.step, b = hi.step;
        const double d1 = lo.slope + hi.slope - 3.0 * (lo.value - hi.value) / (a - b);
        const double disc = d1 * d1 - lo.slope * hi.slope;
        double t = 0.5 * (a + b);
        if (disc >= 0 && hi.finite) {
            const double d2 = std::copysign(std::sqrt(disc), b - a);
            const double denom = hi.slope - lo.slope + 2.0 * d2;
            if (denom != 0.0) t = b - (b - a) * (hi.slope + d2 - d1) / denom;
        }
        const double lower = std::min(a, b), upper = std::max(a, b), width = upper - lower;
        if (!std::isfinite(t) || t < lower + 0.1 * width || t > upper - 0.1 * width)
            t = 0.5 * (a + b);
        return t;
    }

    Probe zoom(Probe lo, Probe hi) {
        for (int i = 0; i < 40; ++i) {
            const double step = interpolate(lo, hi);
            if (std::abs(hi.step - lo.step) < 1e-16 * std::max(1.0, std::abs(lo.step))) break;
            Probe cur = eval(step);
            if (!cur.finite) {
                hi = cur;
                continue;
            }
            if (cur.value > m_f0 + kC1 * step * m_slope0 || cur.value >= lo.value) {
                hi = cur;
            } else {
                if (std::abs(cur.slope) <= -kC2 * m_slope0) return cur;
                if (cur.slope * (hi.step - lo.step) >= 0) hi = lo;
                lo = cur;
            }
        }
        // Accept the best point seen if it decreased f at all (Armijo held for lo when lo.step>0).
        if (lo.step > 0 && lo.finite && lo.value < m_f0) return lo;
        return Probe{};
    }

    const Objective& m_f;
    const Eigen::VectorXd& m_x;
    const Eigen::VectorXd& m_d;
    double m_f0;
    double m_slope0;
    int& m_evaluations;
};

} // namespace

OptimizerReport minimizeBfgs(const Objective& f, const Eigen::VectorXd& theta0,
                             const OptimizerOptions& options) {
    OptimizerReport rep;
    const Eigen::Index n = theta0.size();
    Eigen::VectorXd x = theta0;
    Eigen::VectorXd g(n);
    double fx = f(x, &g);
    rep.evaluations = 1;
    rep.theta = x;
    rep.value = fx;
    rep.gradient = g;
    if (!std::isfinite(fx) || !g.allFinite()) {
        rep.value = std::numeric_limits<double>::infinity();
        rep.message = "objective not finite at the start";
        return rep;
    }
    Eigen::MatrixXd H = Eigen::MatrixXd::Identity(n, n);
    bool fresh = true; // H is (a multiple of) the identity
    int small_changes = 0;
    for (int it = 0; it < options.max_iterations; ++it) {
        if (g.lpNorm<Eigen::Infinity>() <= options.gradient_tolerance) {
            rep.converged = true;
            rep.message = "gradient below tolerance";
            break;
        }
        Eigen::VectorXd d = -H * g;
        double slope = g.dot(d);
        if (!(slope < 0)) { // H lost positive definiteness numerically: restart
            H.setIdentity();
            fresh = true;
            d = -g;
            slope = g.dot(d);
        }
        const double dnorm = d.lpNorm<Eigen::Infinity>();
        const double step_max = options.max_step / std::max(dnorm, 1e-300);
        // A steepest-descent direction has no natural scale: start at a modest length.
        const double step0 = fresh && it == 0 ? std::min(1.0, 0.1 / std::max(dnorm, 1e-300)) : 1.0;
        LineSearch ls(f, x, d, fx, slope, rep.evaluations);
        Probe p = ls.run(step0, step_max);
        if (!p.finite) {
            if (!fresh) { // retry once along steepest descent with a fresh metric
                H.setIdentity();
                fresh = true;
                --it;
                continue;
            }
            rep.iterations = it;
            rep.message = "line search failed";
            // A failed search at a point with a tiny gradient is a converged point in practice.
            rep.converged = g.lpNorm<Eigen::Infinity>() <= 1e3 * options.gradient_tolerance;
            break;
        }
        const Eigen::VectorXd s = p.step * d;
        const Eigen::VectorXd y = p.gradient - g;
        const double change = fx - p.value;
        x += s;
        fx = p.value;
        g = p.gradient;
        rep.iterations = it + 1;
        const double sy = s.dot(y);
        if (sy > 1e-12 * s.norm() * y.norm()) {
            if (fresh) { // scale the initial metric (Nocedal & Wright eq. 6.20)
                H = Eigen::MatrixXd::Identity(n, n) * (sy / y.dot(y));
                fresh = false;
            }
            const double rho = 1.0 / sy;
            const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(n, n);
            H = (I - rho * s * y.transpose()) * H * (I - rho * y * s.transpose()) +
                rho * s * s.transpose();
        }
        if (std::abs(change) <= options.f_tolerance * std::max(1.0, std::abs(fx))) {
            if (++small_changes >= 2) {
                rep.converged = true;
                rep.message = "objective change below tolerance";
                break;
            }
        } else {
            small_changes = 0;
        }
    }
    if (rep.message.empty()) {
        if (g.lpNorm<Eigen::Infinity>() <= options.gradient_tolerance) {
            rep.converged = true;
            rep.message = "gradient below tolerance";
        } else {
            rep.message = "iteration limit reached";
        }
    }
    rep.theta = x;
    rep.value = fx;
    rep.gradient = g;
    return rep;
}

OptimizerReport minimizeMultiStart(const Objective& f, const std::vector<Eigen::VectorXd>& starts,
                                   const OptimizerOptions& options) {
    OptimizerReport best;
    best.value = std::numeric_limits<double>::infinity();
    best.message = "no start given";
    int iterations = 0, evaluations = 0;
    bool have = false;
    for (std::size_t i = 0; i < starts.size(); ++i) {
        OptimizerReport r = minimizeBfgs(f, starts[i], options);
        iterations += r.iterations;
        evaluations += r.evaluations;
        if (!std::isfinite(r.value)) continue;
        const double tie = 1e-9 * std::max(1.0, std::abs(r.value));
        const bool better = !have || r.value < best.value - tie ||
                            (r.value <= best.value + tie && r.converged && !best.converged);
        if (better) {
            best = std::move(r);
            best.best_start = static_cast<int>(i);
            have = true;
        }
    }
    best.iterations = iterations;
    best.evaluations = evaluations;
    return best;
}

} // namespace bd::analytics
