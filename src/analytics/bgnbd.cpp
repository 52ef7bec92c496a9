#include "analytics/bgnbd.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "analytics/logfit.h"
#include "analytics/specialfunctions.h"

namespace bd::analytics {

namespace {

using logfit::invalid;
using logfit::kInf;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool validParams(const BgNbdParams& p) {
    return std::isfinite(p.r) && std::isfinite(p.alpha) && std::isfinite(p.a) &&
           std::isfinite(p.b) && p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0;
}

Status checkParams(const BgNbdParams& p) {
    if (!validParams(p))
        return invalid("BG/NBD parameters r, alpha, a, b must be positive and finite");
    return {};
}

/// Rows ready for fast evaluation: identical (x, t_x, T) merged, and x, t_x, T each mapped to
/// a table of distinct values, so Gamma functions and logarithms are computed once per distinct
/// value (with integer-day data there are few) and only gathered per row.
struct Prepared {
    Eigen::ArrayXd x, tx, T, w;
    Eigen::ArrayXd pos;         // 1 where x > 0
    Eigen::ArrayXi xi, txi, Ti; // indices into ux, utx, uT
    Eigen::ArrayXd ux, utx, uT; // distinct values, ascending
    Eigen::ArrayXd wx;          // total weight per distinct x
    double total_weight = 0.0;
    double repeat_weight = 0.0;
};

Prepared prepare(const RfmData& d, bool merge) {
    std::vector<Eigen::Index> order(static_cast<std::size_t>(d.x.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    auto rows = logfit::rowsOf<3>({&d.x, &d.t_x, &d.T}, d.weight, std::move(order), merge);
    Prepared p;
    p.x = std::move(rows[0]);
    p.tx = std::move(rows[1]);
    p.T = std::move(rows[2]);
    p.w = std::move(rows[3]);
    const Eigen::Index m = p.x.size();
    p.pos = (p.x > 0).cast<double>();
    logfit::tabulate(p.x, p.ux, p.xi);
    logfit::tabulate(p.tx, p.utx, p.txi);
    logfit::tabulate(p.T, p.uT, p.Ti);
    p.wx = Eigen::ArrayXd::Zero(p.ux.size());
    for (Eigen::Index i = 0; i < m; ++i) p.wx[p.xi[i]] += p.w[i];
    p.total_weight = p.w.sum();
    p.repeat_weight = (p.w * p.pos).sum();
    return p;
}

/// Total weighted log-likelihood; optionally its gradient in log parameters and per-row values.
/// Log-space throughout: the two likelihood terms A3 (alive at T) and A4 (dropped out after
/// t_x, only when x > 0) are combined as max + log1p(exp(−|A3 − A4|)), which never overflows.
double evaluate(const BgNbdParams& p, const Prepared& d, Eigen::Vector4d* grad_log,
                Eigen::ArrayXd* rows) {
    const double r = p.r, al = p.alpha, a = p.a, b = p.b;
    const Eigen::Index K = d.ux.size();
    Eigen::ArrayXd A12k(K), lbx1k(K);
    const double log_al = std::log(al), log_a = std::log(a);
    const double lgr = std::lgamma(r), lgb = std::lgamma(b), lgab = std::lgamma(a + b);
    for (Eigen::Index k = 0; k < K; ++k) {
        const double xv = d.ux[k];
        A12k[k] = std::lgamma(r + xv) - lgr + r * log_al + lgab + std::lgamma(b + xv) - lgb -
                  std::lgamma(a + b + xv);
        lbx1k[k] = xv > 0 ? std::log(b + xv - 1.0) : 0.0;
    }
    const Eigen::ArrayXd lTu = (al + d.uT).log();
    const Eigen::ArrayXd ltxu = (al + d.utx).log();
    Eigen::ArrayXd dA1rk, dA2ak, dA2bk, ibx1k, iTu, itxu;
    if (grad_log) {
        dA1rk.resize(K);
        dA2ak.resize(K);
        dA2bk.resize(K);
        ibx1k.resize(K);
        const double pr = digamma(r), pb = digamma(b), pab = digamma(a + b);
        for (Eigen::Index k = 0; k < K; ++k) {
            const double xv = d.ux[k];
            const double pabx = digamma(a + b + xv);
            dA1rk[k] = digamma(r + xv) - pr + log_al;
            dA2ak[k] = pab - pabx;
            dA2bk[k] = pab + digamma(b + xv) - pb - pabx;
            ibx1k[k] = xv > 0 ? 1.0 / (b + xv - 1.0) : 0.0;
        }
        iTu = 1.0 / (al + d.uT);
        itxu = 1.0 / (al + d.utx);
    }
    if (rows) rows->resize(d.x.size());
    double total = 0.0, sum_lT = 0.0, sum_ltx = 0.0, sum_iT = 0.0, sum_itx = 0.0, sum_w4 = 0.0,
           sum_ib = 0.0;
    logfit::forEachBlock(d.x.size(), [&](Eigen::Index s0, Eigen::Index n) {
        const Eigen::ArrayXi xi = d.xi.segment(s0, n);
        const auto w = d.w.segment(s0, n);
        const auto pos = d.pos.segment(s0, n);
        const Eigen::ArrayXd lT = lTu(d.Ti.segment(s0, n));
        const Eigen::ArrayXd ltx = ltxu(d.txi.segment(s0, n));
        const Eigen::ArrayXd rx = r + d.x.segment(s0, n);
        const Eigen::ArrayXd A3 = -rx * lT;
        const Eigen::ArrayXd A4 = log_a - lbx1k(xi) - rx * ltx; // meaningful where x > 0
        const Eigen::ArrayXd diff = A4 - A3;
        // e = exp(−|A4 − A3|) where x > 0, else 0 (the A4 term is absent). log(1 + e), not
        // log1p: Eigen vectorises it, and its absolute error (< 1e-16 per row) is irrelevant.
        const Eigen::ArrayXd e = pos * (-diff.abs()).exp();
        const Eigen::ArrayXd ll = A12k(xi) + (pos > 0).select(A3.max(A4), A3) + (1.0 + e).log();
        if (rows) rows->segment(s0, n) = ll;
        total += (w * ll).sum();
        if (grad_log) {
            // Posterior weights of "dropped out after t_x" (w4) and "alive at T" (w3).
            const Eigen::ArrayXd inv = 1.0 / (1.0 + e);
            const Eigen::ArrayXd w4 = w * (diff > 0).select(inv, e * inv) * pos;
            const Eigen::ArrayXd w3 = w - w4;
            sum_lT += (w3 * lT).sum();
            sum_ltx += (w4 * ltx).sum();
            sum_iT += (w3 * rx * iTu(d.Ti.segment(s0, n))).sum();
            sum_itx += (w4 * rx * itxu(d.txi.segment(s0, n))).sum();
            sum_w4 += w4.sum();
            sum_ib += (w4 * ibx1k(xi)).sum();
        }
    });
    if (grad_log) {
        const double dr = (d.wx * dA1rk).sum() - sum_lT - sum_ltx;
        const double dal = r / al * d.total_weight - sum_iT - sum_itx;
        const double da = (d.wx * dA2ak).sum() + sum_w4 / a;
        const double db = (d.wx * dA2bk).sum() - sum_ib;
        *grad_log << r * dr, al * dal, a * da, b * db;
    }
    return total;
}

BgNbdParams fromLog(const Eigen::VectorXd& th) {
    return {std::exp(th[0]), std::exp(th[1]), std::exp(th[2]), std::exp(th[3])};
}

Eigen::VectorXd toLog(const BgNbdParams& p) {
    return logfit::logs({p.r, p.alpha, p.a, p.b});
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

/// expectedRaw with the removable singularity at c = a + b − 1 ∈ {0, −1, …} (only possible
/// when x = 0 and a + b <= 1) bridged by linear interpolation in b between regular points.
double expectedAwayFromPoleC(double r, double al, double a, double b, double t) {
    constexpr double h = 1e-4;
    const double c = a + b - 1.0;
    const double k = std::round(-c);
    if (k >= 0 && std::abs(c + k) < h) {
        const double off = c + k; // distance from the pole, along b
        double b1 = b - off - h;
        const double b2 = b - off + h;
        if (b1 <= 0) b1 = b - off + 2.0 * h; // extrapolate from two points above the pole
        const double v1 = expectedRaw(r, al, a, b1, t), v2 = expectedRaw(r, al, a, b2, t);
        return v1 + (v2 - v1) * (b - b1) / (b2 - b1);
    }
    return expectedRaw(r, al, a, b, t);
}

/// E[X(t)] with the removable singularity at a = 1 bridged the same way (in a).
double expectedCount(double r, double al, double a, double b, double t) {
    if (!(t >= 0) || !std::isfinite(t)) return kNaN;
    if (t == 0) return 0.0;
    constexpr double h = 1e-4;
    if (std::abs(a - 1.0) < h) {
        const double lo = expectedAwayFromPoleC(r, al, 1.0 - h, b, t);
        const double hi = expectedAwayFromPoleC(r, al, 1.0 + h, b, t);
        return lo + (hi - lo) * (a - (1.0 - h)) / (2.0 * h);
    }
    return expectedAwayFromPoleC(r, al, a, b, t);
}

} // namespace

Status validateRfm(const RfmData& d) {
    const Eigen::Index n = d.x.size();
    return logfit::validateRows(
        n, d.t_x.size() == n && d.T.size() == n, "x, t_x and T must have the same length", d.weight,
        [&](Eigen::Index i, const auto& row) -> Status {
            const double x = d.x[i], tx = d.t_x[i], T = d.T[i];
            if (!std::isfinite(x) || !std::isfinite(tx) || !std::isfinite(T))
                return invalid("non-finite x, t_x or T", row());
            if (x < 0 || x != std::floor(x) || x > 1e9)
                return invalid("x must be a non-negative integer",
                               row() + ": x = " + std::to_string(x));
            if (tx < 0 || T < 0) return invalid("t_x and T must be non-negative", row());
            if (tx > T)
                return invalid("t_x exceeds T", row() + ": t_x = " + std::to_string(tx) +
                                                    ", T = " + std::to_string(T));
            if (x == 0 && tx != 0) return invalid("t_x must be 0 when x = 0", row());
            return {};
        });
}

namespace {

constexpr logfit::Likelihood<BgNbdParams, RfmData, Prepared, 4> kLikelihood{
    checkParams, validateRfm, prepare, evaluate, fromLog};

} // namespace

Result<Eigen::VectorXd> bgnbdLogLikelihoods(const BgNbdParams& params, const RfmData& data) {
    const auto rows = kLikelihood.rows(params, data);
    if (!rows) return rows.error();
    return Eigen::VectorXd(rows->matrix());
}

Result<double> bgnbdLogLikelihood(const BgNbdParams& params, const RfmData& data) {
    return kLikelihood.total(params, data);
}

Result<Eigen::Vector4d> bgnbdGradientLog(const BgNbdParams& params, const RfmData& data) {
    return kLikelihood.gradient(params, data);
}

Result<BgNbdFit> fitBgNbd(const RfmData& data, const BgNbdFitOptions& options) {
    const auto prepared = kLikelihood.fitData(data, "BG/NBD needs at least 2 customers");
    if (!prepared) return prepared.error();
    const Prepared& d = *prepared;
    if (d.repeat_weight <= 0.0)
        return invalid("BG/NBD needs repeat buyers: every customer has x = 0");
    const double W = d.total_weight;

    const auto starts = logfit::starts(options.starts, validParams, toLog, [&] {
        // α scales with the time unit: anchor it on the observed repeat rate so the same starts
        // work in weeks and in days (mean λ = r / α).
        const double rate = (d.w * d.x).sum() / std::max((d.w * d.T).sum(), 1e-12);
        const double a0 = 1.0 / std::max(rate, 1e-12);
        std::vector<BgNbdParams> out;
        for (const auto& s : {BgNbdParams{1.0, 1.0, 1.0, 1.0}, BgNbdParams{0.25, 0.25, 0.75, 2.5},
                              BgNbdParams{3.0, 3.0, 2.0, 6.0}, BgNbdParams{0.5, 1.0, 0.3, 1.0},
                              BgNbdParams{2.0, 1.0, 5.0, 20.0}})
            out.push_back({s.r, s.alpha * a0, s.a, s.b});
        return out;
    });
    auto fit = kLikelihood.fit<BgNbdFit>("BG/NBD", d, W, starts, options.optimizer);
    if (fit) {
        fit->repeat_customers = d.repeat_weight;
        fit->distinct_rows = d.x.size();
    }
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
    if (auto s = kLikelihood.check(params, data); !s) return s.error();
    Eigen::VectorXd out(data.x.size());
    for (Eigen::Index i = 0; i < out.size(); ++i)
        out[i] = bgnbdProbabilityAlive(params, data.x[i], data.t_x[i], data.T[i]);
    return out;
}

Result<Eigen::VectorXd> bgnbdConditionalExpected(const BgNbdParams& params, double t,
                                                 const RfmData& data) {
    if (auto s = kLikelihood.check(params, data); !s) return s.error();
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
