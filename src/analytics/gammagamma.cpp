#include "analytics/gammagamma.h"

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

bool validParams(const GammaGammaParams& p) {
    return std::isfinite(p.p) && std::isfinite(p.q) && std::isfinite(p.gamma) && p.p > 0 &&
           p.q > 0 && p.gamma > 0;
}

Status checkParams(const GammaGammaParams& p) {
    if (!validParams(p))
        return invalid("Gamma-Gamma parameters p, q, gamma must be positive and finite");
    return {};
}

bool used(double x, double m) {
    return x > 0 && m > 0;
}

/// The rows the likelihood uses, identical (x, m_x) merged, x mapped to its distinct values.
struct Prepared {
    Eigen::ArrayXd x, logx, logm, m, w;
    Eigen::ArrayXi xi;
    Eigen::ArrayXd ux;
    double total_weight = 0.0;
};

Prepared prepare(const SpendData& d, bool merge) {
    const Eigen::Index n = d.x.size();
    const bool weighted = d.weight.size() == n;
    std::vector<Eigen::Index> order;
    for (Eigen::Index i = 0; i < n; ++i)
        if (used(d.x[i], d.m_x[i]) && (!merge || !weighted || d.weight[i] > 0)) order.push_back(i);
    auto rows = logfit::rowsOf<2>({&d.x, &d.m_x}, d.weight, std::move(order), merge);
    Prepared p;
    p.x = std::move(rows[0]);
    p.m = std::move(rows[1]);
    p.w = std::move(rows[2]);
    p.logx = p.x.log();
    p.logm = p.m.log();
    logfit::tabulate(p.x, p.ux, p.xi);
    p.total_weight = p.w.sum();
    return p;
}

/// Weighted total log-likelihood of m_x | x (the density of a mean of x Gamma(p, ν) values).
double evaluate(const GammaGammaParams& prm, const Prepared& d, Eigen::Vector3d* grad_log,
                Eigen::ArrayXd* rows) {
    const double p = prm.p, q = prm.q, g = prm.gamma;
    const Eigen::Index K = d.ux.size();
    Eigen::ArrayXd lk(K), dpk, dqk;
    const double lgq = std::lgamma(q), logg = std::log(g);
    for (Eigen::Index k = 0; k < K; ++k) {
        const double px = p * d.ux[k];
        lk[k] = std::lgamma(px + q) - std::lgamma(px) - lgq + q * logg;
    }
    if (grad_log) {
        dpk.resize(K);
        dqk.resize(K);
        const double pq = digamma(q);
        for (Eigen::Index k = 0; k < K; ++k) {
            const double px = p * d.ux[k];
            const double ppxq = digamma(px + q);
            dpk[k] = d.ux[k] * (ppxq - digamma(px));
            dqk[k] = ppxq - pq + logg;
        }
    }
    if (rows) rows->resize(d.x.size());
    double total = 0.0, dp = 0.0, dq = 0.0, dg = 0.0;
    logfit::forEachBlock(d.x.size(), [&](Eigen::Index s0, Eigen::Index n) {
        const Eigen::ArrayXi xi = d.xi.segment(s0, n);
        const auto x = d.x.segment(s0, n);
        const auto w = d.w.segment(s0, n);
        const auto logm = d.logm.segment(s0, n);
        const auto logx = d.logx.segment(s0, n);
        const Eigen::ArrayXd px = p * x;
        const Eigen::ArrayXd denom = g + x * d.m.segment(s0, n);
        const Eigen::ArrayXd ldenom = denom.log();
        const Eigen::ArrayXd ll = lk(xi) + (px - 1.0) * logm + px * logx - (px + q) * ldenom;
        if (rows) rows->segment(s0, n) = ll;
        total += (w * ll).sum();
        if (grad_log) {
            dp += (w * (dpk(xi) + x * (logm + logx - ldenom))).sum();
            dq += (w * (dqk(xi) - ldenom)).sum();
            dg += (w * (q / g - (px + q) / denom)).sum();
        }
    });
    if (grad_log) *grad_log << p * dp, q * dq, g * dg;
    return total;
}

GammaGammaParams fromLog(const Eigen::VectorXd& th) {
    return {std::exp(th[0]), std::exp(th[1]), std::exp(th[2])};
}

Eigen::VectorXd toLog(const GammaGammaParams& p) {
    return logfit::logs({p.p, p.q, p.gamma});
}

} // namespace

Status validateSpend(const SpendData& d) {
    const Eigen::Index n = d.x.size();
    return logfit::validateRows(n, d.m_x.size() == n, "x and m_x must have the same length",
                                d.weight, [&](Eigen::Index i, const auto& row) -> Status {
                                    if (!std::isfinite(d.x[i]) || !std::isfinite(d.m_x[i]))
                                        return invalid("non-finite x or m_x", row());
                                    if (d.x[i] < 0 || d.x[i] != std::floor(d.x[i]) || d.x[i] > 1e9)
                                        return invalid("x must be a non-negative integer", row());
                                    return {};
                                });
}

namespace {

constexpr logfit::Likelihood<GammaGammaParams, SpendData, Prepared, 3> kLikelihood{
    checkParams, validateSpend, prepare, evaluate, fromLog};

} // namespace

Result<Eigen::VectorXd> gammaGammaLogLikelihoods(const GammaGammaParams& params,
                                                 const SpendData& data) {
    const auto rows = kLikelihood.rows(params, data);
    if (!rows) return rows.error();
    Eigen::VectorXd out = Eigen::VectorXd::Zero(data.x.size());
    Eigen::Index k = 0;
    for (Eigen::Index i = 0; i < out.size(); ++i)
        if (used(data.x[i], data.m_x[i])) out[i] = (*rows)[k++];
    return out;
}

Result<double> gammaGammaLogLikelihood(const GammaGammaParams& params, const SpendData& data) {
    return kLikelihood.total(params, data);
}

Result<Eigen::Vector3d> gammaGammaGradientLog(const GammaGammaParams& params,
                                              const SpendData& data) {
    return kLikelihood.gradient(params, data);
}

Result<GammaGammaFit> fitGammaGamma(const SpendData& data, const GammaGammaFitOptions& options) {
    const auto prepared =
        kLikelihood.fitData(data, "Gamma-Gamma needs at least 2 customers with x > 0 and m_x > 0");
    if (!prepared) return prepared.error();
    const Prepared& d = *prepared;
    if (d.m.size() < 2 || (d.m == d.m[0]).all())
        return invalid("Gamma-Gamma needs spread in m_x: every repeat customer has the same value");
    const double W = d.total_weight;
    const auto starts = logfit::starts(options.starts, validParams, toLog, [&] {
        // γ scales with the currency: choose it so the population mean p γ / (q − 1) matches
        // the observed mean of m_x for every (p, q) start.
        const double mean = (d.w * d.m).sum() / W;
        std::vector<GammaGammaParams> out;
        for (const auto& [p, q] : {std::pair{1.0, 2.0}, std::pair{5.0, 3.0}, std::pair{0.5, 1.5},
                                   std::pair{10.0, 10.0}, std::pair{2.0, 5.0}})
            out.push_back({p, q, mean * (q - 1.0) / p});
        return out;
    });
    return kLikelihood.fit<GammaGammaFit>("Gamma-Gamma", d, W, starts, options.optimizer);
}

Result<double> gammaGammaConditionalExpectedValue(const GammaGammaParams& params, double x,
                                                  double m_x) {
    if (auto s = checkParams(params); !s) return s.error();
    if (!(params.q > 1.0))
        return invalid("Gamma-Gamma expected value needs q > 1", "q = " + std::to_string(params.q));
    if (!std::isfinite(x) || !std::isfinite(m_x) || x < 0)
        return invalid("x must be finite and >= 0 and m_x finite");
    const double m = std::max(m_x, 0.0);
    if (x == 0) return params.p * params.gamma / (params.q - 1.0);
    return params.p * (params.gamma + x * m) / (params.p * x + params.q - 1.0);
}

Result<Eigen::VectorXd> gammaGammaConditionalExpectedValue(const GammaGammaParams& params,
                                                           const SpendData& data) {
    if (auto s = validateSpend(data); !s) return s.error();
    Eigen::VectorXd out(data.x.size());
    for (Eigen::Index i = 0; i < out.size(); ++i) {
        auto v = gammaGammaConditionalExpectedValue(params, data.x[i], data.m_x[i]);
        if (!v) return v.error();
        out[i] = *v;
    }
    return out;
}

} // namespace bd::analytics
