#include "analytics/bgnbd.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "analytics/specialfunctions.h"

namespace bd::analytics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
// Beyond e^±30 the likelihood is numerically flat; the objective refuses to go there.
constexpr double kMaxLogParam = 30.0;

Error invalid(std::string message, std::string value = {}) {
    Error e = makeError(ErrorCode::InvalidInput, std::move(message));
    e.value = std::move(value);
    return e;
}

bool validParams(const BgNbdParams& p) {
    return std::isfinite(p.r) && std::isfinite(p.alpha) && std::isfinite(p.a) &&
           std::isfinite(p.b) && p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0;
}

Status checkParams(const BgNbdParams& p) {
    if (!validParams(p))
        return invalid("BG/NBD parameters r, alpha, a, b must be positive and finite");
    return {};
}

/// Rows ready for fast evaluation: identical (x, t_x, T) merged, x mapped to a table of its
/// distinct values so the Gamma-function terms are computed once per distinct x.
struct Prepared {
    Eigen::ArrayXd x, tx, T, w;
    Eigen::ArrayXi xi; // index into ux
    Eigen::ArrayXd ux; // distinct x values, ascending
    double total_weight = 0.0;
    double repeat_weight = 0.0;
};

Prepared prepare(const RfmData& d, bool merge) {
    const Eigen::Index n = d.x.size();
    const bool weighted = d.weight.size() == n;
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    if (merge) {
        std::sort(order.begin(), order.end(), [&](Eigen::Index i, Eigen::Index j) {
            if (d.x[i] != d.x[j]) return d.x[i] < d.x[j];
            if (d.t_x[i] != d.t_x[j]) return d.t_x[i] < d.t_x[j];
            return d.T[i] < d.T[j];
        });
    }
    std::vector<double> x, tx, T, w;
    x.reserve(order.size());
    tx.reserve(order.size());
    T.reserve(order.size());
    w.reserve(order.size());
    for (Eigen::Index i : order) {
        const double wi = weighted ? d.weight[i] : 1.0;
        if (merge && wi == 0.0) continue;
        if (merge && !x.empty() && x.back() == d.x[i] && tx.back() == d.t_x[i] &&
            T.back() == d.T[i]) {
            w.back() += wi;
            continue;
        }
        x.push_back(d.x[i]);
        tx.push_back(d.t_x[i]);
        T.push_back(d.T[i]);
        w.push_back(wi);
    }
    Prepared p;
    const auto m = static_cast<Eigen::Index>(x.size());
    p.x = Eigen::Map<Eigen::ArrayXd>(x.data(), m);
    p.tx = Eigen::Map<Eigen::ArrayXd>(tx.data(), m);
    p.T = Eigen::Map<Eigen::ArrayXd>(T.data(), m);
    p.w = Eigen::Map<Eigen::ArrayXd>(w.data(), m);
    std::vector<double> ux(x);
    std::sort(ux.begin(), ux.end());
    ux.erase(std::unique(ux.begin(), ux.end()), ux.end());
    p.ux = Eigen::Map<Eigen::ArrayXd>(ux.data(), static_cast<Eigen::Index>(ux.size()));
    p.xi.resize(m);
    for (Eigen::Index i = 0; i < m; ++i)
        p.xi[i] = static_cast<int>(std::lower_bound(ux.begin(), ux.end(), p.x[i]) - ux.begin());
    p.total_weight = p.w.sum();
    p.repeat_weight = (p.x > 0).select(p.w, 0.0).sum();
    return p;
}

/// Total weighted log-likelihood; optionally its gradient in log parameters and per-row values.
/// Log-space throughout: the two likelihood terms are combined with log-sum-exp.
double evaluate(const BgNbdParams& p, const Prepared& d, Eigen::Vector4d* grad_log,
                Eigen::ArrayXd* rows) {
    const double r = p.r, al = p.alpha, a = p.a, b = p.b;
    const Eigen::Index K = d.ux.size();
    Eigen::ArrayXd A12k(K), lbx1k(K), ibx1k(K), dA1rk, dA2ak, dA2bk;
    const double log_al = std::log(al), log_a = std::log(a);
    const double lgr = std::lgamma(r), lgb = std::lgamma(b), lgab = std::lgamma(a + b);
    for (Eigen::Index k = 0; k < K; ++k) {
        const double xv = d.ux[k];
        A12k[k] = std::lgamma(r + xv) - lgr + r * log_al + lgab + std::lgamma(b + xv) - lgb -
                  std::lgamma(a + b + xv);
        lbx1k[k] = xv > 0 ? std::log(b + xv - 1.0) : 0.0;
        ibx1k[k] = xv > 0 ? 1.0 / (b + xv - 1.0) : 0.0;
    }
    if (grad_log) {
        dA1rk.resize(K);
        dA2ak.resize(K);
        dA2bk.resize(K);
        const double pr = digamma(r), pb = digamma(b), pab = digamma(a + b);
        for (Eigen::Index k = 0; k < K; ++k) {
            const double xv = d.ux[k];
            const double pabx = digamma(a + b + xv);
            dA1rk[k] = digamma(r + xv) - pr + log_al;
            dA2ak[k] = pab - pabx;
            dA2bk[k] = pab + digamma(b + xv) - pb - pabx;
        }
    }
    const Eigen::ArrayXd rx = r + d.x;
    const Eigen::ArrayXd lT = (al + d.T).log();
    const Eigen::ArrayXd ltx = (al + d.tx).log();
    const Eigen::ArrayXd A3 = -rx * lT;
    const Eigen::ArrayXd A4 = (d.x > 0).select(log_a - lbx1k(d.xi) - rx * ltx,
                                               Eigen::ArrayXd::Constant(d.x.size(), -kInf));
    const Eigen::ArrayXd M = A3.max(A4);
    const Eigen::ArrayXd e3 = (A3 - M).exp();
    const Eigen::ArrayXd e4 = (d.x > 0).select((A4 - M).exp(), 0.0);
    const Eigen::ArrayXd s = e3 + e4;
    const Eigen::ArrayXd ll = A12k(d.xi) + M + s.log();
    if (rows) *rows = ll;
    if (grad_log) {
        const Eigen::ArrayXd w3 = d.w * e3 / s;
        const Eigen::ArrayXd w4 = d.w * e4 / s;
        const double dr = (d.w * dA1rk(d.xi)).sum() - (w3 * lT).sum() - (w4 * ltx).sum();
        const double dal =
            r / al * d.w.sum() - (w3 * rx / (al + d.T)).sum() - (w4 * rx / (al + d.tx)).sum();
        const double da = (d.w * dA2ak(d.xi)).sum() + w4.sum() / a;
        const double db = (d.w * dA2bk(d.xi)).sum() - (w4 * ibx1k(d.xi)).sum();
        *grad_log << r * dr, al * dal, a * da, b * db;
    }
    return (d.w * ll).sum();
}

BgNbdParams fromLog(const Eigen::VectorXd& th) {
    return {std::exp(th[0]), std::exp(th[1]), std::exp(th[2]), std::exp(th[3])};
}

/// E[X(t)] of a BG/NBD customer with parameters (r, α, a, b), written after Euler's transform
/// (1−z)^r 2F1(r, b; c; z) = (1−z)^{c−b} 2F1(c−r, c−b; c; z) with c = a + b − 1, which keeps the
/// series small even for customers with many repeat transactions (r and b grow with x).
double expectedRaw(double r, double al, double a, double b, double t) {
    const double c = a + b - 1.0;
    const double log1mz = std::log(al) - std::log(al + t);
    const double z = t / (al + t);
    const double f = hyp2f1(c - r, a - 1.0, c, z);
    if (!std::isfinite(f)) return kNaN;
    // 1 − (1−z)^{a−1} f, via expm1 so that small differences keep their digits.
    const double bracket = f > 0 ? -std::expm1((a - 1.0) * log1mz + std::log(f))
                                 : 1.0 - std::exp((a - 1.0) * log1mz) * f;
    return c / (a - 1.0) * bracket;
}

/// expectedRaw with its removable singularities (a = 1; c a non-positive integer) bridged by
/// linear interpolation between nearby regular points.
double expectedCount(double r, double al, double a, double b, double t) {
    if (!(t >= 0) || !std::isfinite(t)) return kNaN;
    if (t == 0) return 0.0;
    constexpr double h = 1e-4;
    if (std::abs(a - 1.0) < h) {
        const double lo = expectedCount(r, al, 1.0 - h, b, t);
        const double hi = expectedCount(r, al, 1.0 + h, b, t);
        return lo + (hi - lo) * (a - (1.0 - h)) / (2.0 * h);
    }
    const double c = a + b - 1.0;
    const double k = std::round(-c);
    if (k >= 0 && std::abs(c + k) < h) {
        const double off = c + k; // distance from the pole, along b
        double b1 = b - off - h, b2 = b - off + h;
        if (b1 <= 0) { // extrapolate from two regular points above the pole
            b1 = b - off + 2.0 * h;
            const double v1 = expectedRaw(r, al, a, b2, t), v2 = expectedRaw(r, al, a, b1, t);
            return v1 + (v2 - v1) * (b - b2) / (b1 - b2);
        }
        const double v1 = expectedRaw(r, al, a, b1, t), v2 = expectedRaw(r, al, a, b2, t);
        return v1 + (v2 - v1) * (b - b1) / (b2 - b1);
    }
    return expectedRaw(r, al, a, b, t);
}

} // namespace

Status validateRfm(const RfmData& d) {
    const Eigen::Index n = d.x.size();
    if (n == 0) return invalid("no customers");
    if (d.t_x.size() != n || d.T.size() != n)
        return invalid("x, t_x and T must have the same length");
    if (d.weight.size() != 0 && d.weight.size() != n)
        return invalid("weight must be empty or have one entry per customer");
    for (Eigen::Index i = 0; i < n; ++i) {
        const double x = d.x[i], tx = d.t_x[i], T = d.T[i];
        const std::string row = "row " + std::to_string(i + 1);
        if (!std::isfinite(x) || !std::isfinite(tx) || !std::isfinite(T))
            return invalid("non-finite x, t_x or T", row);
        if (x < 0 || x != std::floor(x) || x > 1e9)
            return invalid("x must be a non-negative integer", row + ": x = " + std::to_string(x));
        if (tx < 0 || T < 0) return invalid("t_x and T must be non-negative", row);
        if (tx > T)
            return invalid("t_x exceeds T",
                           row + ": t_x = " + std::to_string(tx) + ", T = " + std::to_string(T));
        if (x == 0 && tx != 0) return invalid("t_x must be 0 when x = 0", row);
        if (d.weight.size() != 0 && (!std::isfinite(d.weight[i]) || d.weight[i] < 0))
            return invalid("weights must be finite and non-negative", row);
    }
    return {};
}

Result<Eigen::VectorXd> bgnbdLogLikelihoods(const BgNbdParams& params, const RfmData& data) {
    if (auto s = checkParams(params); !s) return s.error();
    if (auto s = validateRfm(data); !s) return s.error();
    const Prepared d = prepare(data, false);
    Eigen::ArrayXd rows;
    evaluate(params, d, nullptr, &rows);
    return Eigen::VectorXd(rows.matrix());
}

Result<double> bgnbdLogLikelihood(const BgNbdParams& params, const RfmData& data) {
    if (auto s = checkParams(params); !s) return s.error();
    if (auto s = validateRfm(data); !s) return s.error();
    return evaluate(params, prepare(data, true), nullptr, nullptr);
}

Result<Eigen::Vector4d> bgnbdGradientLog(const BgNbdParams& params, const RfmData& data) {
    if (auto s = checkParams(params); !s) return s.error();
    if (auto s = validateRfm(data); !s) return s.error();
    Eigen::Vector4d g;
    evaluate(params, prepare(data, true), &g, nullptr);
    return g;
}

Result<BgNbdFit> fitBgNbd(const RfmData& data, const BgNbdFitOptions& options) {
    if (auto s = validateRfm(data); !s) return s.error();
    const Prepared d = prepare(data, true);
    if (d.total_weight < 2.0 - 1e-12)
        return invalid("BG/NBD needs at least 2 customers",
                       "customers = " + std::to_string(d.total_weight));
    if (d.repeat_weight <= 0.0)
        return invalid("BG/NBD needs repeat buyers: every customer has x = 0");
    const double W = d.total_weight;

    std::vector<Eigen::VectorXd> starts;
    auto addStart = [&](const BgNbdParams& p) {
        if (!validParams(p)) return;
        Eigen::VectorXd th(4);
        th << std::log(p.r), std::log(p.alpha), std::log(p.a), std::log(p.b);
        starts.push_back(th);
    };
    if (!options.starts.empty()) {
        for (const auto& p : options.starts) addStart(p);
        if (starts.empty()) return invalid("no valid starting point given");
    } else {
        // α scales with the time unit: anchor it on the observed repeat rate so the same starts
        // work in weeks and in days (mean λ = r / α).
        const double rate = (d.w * d.x).sum() / std::max((d.w * d.T).sum(), 1e-12);
        const double a0 = 1.0 / std::max(rate, 1e-12);
        for (const auto& s : {BgNbdParams{1.0, 1.0, 1.0, 1.0}, BgNbdParams{0.25, 0.25, 0.75, 2.5},
                              BgNbdParams{3.0, 3.0, 2.0, 6.0}, BgNbdParams{0.5, 1.0, 0.3, 1.0},
                              BgNbdParams{2.0, 1.0, 5.0, 20.0}})
            addStart({s.r, s.alpha * a0, s.a, s.b});
    }
    // Mean negative log-likelihood: tolerances do not depend on the number of customers.
    const Objective objective = [&](const Eigen::VectorXd& th, Eigen::VectorXd* grad) {
        if (th.cwiseAbs().maxCoeff() > kMaxLogParam) return kInf;
        Eigen::Vector4d g;
        const double ll = evaluate(fromLog(th), d, grad ? &g : nullptr, nullptr);
        if (grad) *grad = -g / W;
        return -ll / W;
    };
    const OptimizerReport rep = minimizeMultiStart(objective, starts, options.optimizer);
    if (!std::isfinite(rep.value))
        return makeError(ErrorCode::Internal, "BG/NBD fit found no finite optimum");
    BgNbdFit fit;
    fit.params = fromLog(rep.theta);
    fit.loglik = -rep.value * W;
    fit.customers = W;
    fit.repeat_customers = d.repeat_weight;
    fit.distinct_rows = d.x.size();
    fit.iterations = rep.iterations;
    fit.converged = rep.converged;
    fit.gradient = -rep.gradient;
    // Report the exact total rather than mean × W (avoids a rounding difference in the last digit).
    fit.loglik = evaluate(fit.params, d, nullptr, nullptr);
    return fit;
}

double bgnbdProbabilityAlive(const BgNbdParams& p, double x, double t_x, double T) {
    if (!validParams(p) || !(x >= 0) || !(t_x >= 0) || !(T >= t_x) || !std::isfinite(T))
        return kNaN;
    if (x == 0) return 1.0;
    const double term = std::log(p.a) - std::log(p.b + x - 1.0) +
                        (p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + t_x));
    return 1.0 / (1.0 + std::exp(term));
}

double bgnbdConditionalExpected(const BgNbdParams& p, double t, double x, double t_x, double T) {
    const double alive = bgnbdProbabilityAlive(p, x, t_x, T);
    if (!std::isfinite(alive)) return kNaN;
    // Given (x, t_x, T) an alive customer is a fresh BG/NBD customer with λ ~ Gamma(r+x, α+T)
    // and p ~ Beta(a, b+x).
    return alive * expectedCount(p.r + x, p.alpha + T, p.a, p.b + x, t);
}

double bgnbdExpected(const BgNbdParams& p, double t) {
    if (!validParams(p)) return kNaN;
    return expectedCount(p.r, p.alpha, p.a, p.b, t);
}

double bgnbdProbabilityCount(const BgNbdParams& p, double t, int n) {
    if (!validParams(p) || !(t >= 0) || !std::isfinite(t) || n < 0) return kNaN;
    if (t == 0) return n == 0 ? 1.0 : 0.0;
    const double r = p.r, al = p.alpha, a = p.a, b = p.b;
    const double l0 = std::log(al / (al + t)), l1 = std::log(t / (al + t));
    const double lgr = std::lgamma(r), lbab = logBeta(a, b);
    // NBD(r, α) probability of j events in (0, t].
    auto nbd = [&](int j) {
        const double dj = j;
        return std::exp(std::lgamma(r + dj) - lgr - std::lgamma(dj + 1.0) + r * l0 + dj * l1);
    };
    const double dn = n;
    double value = std::exp(logBeta(a, b + dn) - lbab) * nbd(n);
    if (n > 0) {
        // P(NBD >= n), from the head when it is small, else from the tail (no cancellation).
        double head = 0.0;
        for (int j = 0; j < n; ++j) head += nbd(j);
        double tail;
        if (head < 0.5) {
            tail = 1.0 - head;
        } else {
            tail = 0.0;
            double prev = kInf;
            for (int j = n; j < n + 10000000; ++j) {
                const double term = nbd(j);
                tail += term;
                if (term <= prev && term <= 1e-17 * tail) break;
                prev = term;
            }
        }
        value += std::exp(logBeta(a + 1.0, b + dn - 1.0) - lbab) * tail;
    }
    return value;
}

Result<Eigen::VectorXd> bgnbdProbabilityAlive(const BgNbdParams& params, const RfmData& data) {
    if (auto s = checkParams(params); !s) return s.error();
    if (auto s = validateRfm(data); !s) return s.error();
    Eigen::VectorXd out(data.x.size());
    for (Eigen::Index i = 0; i < out.size(); ++i)
        out[i] = bgnbdProbabilityAlive(params, data.x[i], data.t_x[i], data.T[i]);
    return out;
}

Result<Eigen::VectorXd> bgnbdConditionalExpected(const BgNbdParams& params, double t,
                                                 const RfmData& data) {
    if (auto s = checkParams(params); !s) return s.error();
    if (auto s = validateRfm(data); !s) return s.error();
    if (!(t >= 0) || !std::isfinite(t)) return invalid("horizon t must be finite and >= 0");
    Eigen::VectorXd out(data.x.size());
    for (Eigen::Index i = 0; i < out.size(); ++i) {
        out[i] = bgnbdConditionalExpected(params, t, data.x[i], data.t_x[i], data.T[i]);
        if (!std::isfinite(out[i]))
            return makeError(ErrorCode::Internal,
                             "conditional expectation did not converge for row " +
                                 std::to_string(i + 1));
    }
    return out;
}

} // namespace bd::analytics
