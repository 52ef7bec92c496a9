#pragma once
// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves"):
// a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. Fitted on
// customers with x > 0 repeat transactions whose mean repeat value m_x is positive.
#include <Eigen/Core>
#include <vector>

#include "analytics/optimizer.h"
#include "core/result.h"

namespace bd::analytics {

/// Per-customer spend data: x repeat transactions and their mean value m_x.
struct SpendData {
    Eigen::VectorXd x;
    Eigen::VectorXd m_x;
    Eigen::VectorXd weight; // optional row multiplicity (empty = 1 each)
};

struct GammaGammaParams {
    double p = 0.0;
    double q = 0.0;
    double gamma = 0.0;
};

struct GammaGammaFitOptions {
    OptimizerOptions optimizer;
    std::vector<GammaGammaParams> starts; // empty = built-in data-scaled multi-start set
};

struct GammaGammaFit {
    GammaGammaParams params;
    double loglik = 0.0;    // total (weighted) log-likelihood of the customers used
    double customers = 0.0; // total weight of the customers used (x > 0 and m_x > 0)
    int iterations = 0;
    bool converged = false;
    Eigen::Vector3d gradient = Eigen::Vector3d::Zero(); // d(mean LL)/d(log params)
};

/// Checks lengths, finiteness, x integer >= 0, weights finite >= 0 (m_x may be anything when
/// x = 0; such rows are ignored by the likelihood).
Status validateSpend(const SpendData& data);

/// Log-likelihood of m_x given x for each row; NaN-free 0 for rows that are not used
/// (x = 0 or m_x <= 0).
Result<Eigen::VectorXd> gammaGammaLogLikelihoods(const GammaGammaParams& params,
                                                 const SpendData& data);
/// Total weighted log-likelihood over the used rows.
Result<double> gammaGammaLogLikelihood(const GammaGammaParams& params, const SpendData& data);
/// Gradient of the total with respect to (log p, log q, log γ).
Result<Eigen::Vector3d> gammaGammaGradientLog(const GammaGammaParams& params,
                                              const SpendData& data);

/// Maximum-likelihood fit over the rows with x > 0 and m_x > 0. Errors: invalid data, fewer
/// than 2 such customers, all of them with the same m_x (no spread to fit), no finite optimum.
Result<GammaGammaFit> fitGammaGamma(const SpendData& data,
                                    const GammaGammaFitOptions& options = {});

/// E(Z | x, m_x) = p (γ + x m_x) / (p x + q − 1); the population mean p γ / (q − 1) when x = 0.
/// Error when q <= 1 (the mean does not exist) or the inputs are invalid.
Result<double> gammaGammaConditionalExpectedValue(const GammaGammaParams& params, double x,
                                                  double m_x);
/// Vectorised E(Z | x, m_x); rows with x = 0 get the population mean, rows with x > 0 and
/// m_x <= 0 (refunds outweighing purchases) are treated as m_x = 0.
Result<Eigen::VectorXd> gammaGammaConditionalExpectedValue(const GammaGammaParams& params,
                                                           const SpendData& data);

} // namespace bd::analytics
