#pragma once
// BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
// customer transacts as Poisson(λ), λ ~ Gamma(r, α); after each repeat transaction they drop out
// with probability p ~ Beta(a, b). Inputs are per-customer (x, t_x, T) in one time unit.
#include <Eigen/Core>
#include <vector>

#include "analytics/optimizer.h"
#include "core/result.h"

namespace bd::analytics {

/// Per-customer recency/frequency data. `weight` (optional: empty = every row counts once)
/// lets identical customers be passed as one row with a count.
struct RfmData {
    Eigen::VectorXd x;      // repeat transactions (non-negative integers)
    Eigen::VectorXd t_x;    // time of the last transaction since the first (0 when x = 0)
    Eigen::VectorXd T;      // time from the first transaction to the end of calibration
    Eigen::VectorXd weight; // optional row multiplicity (finite, >= 0)
};

struct BgNbdParams {
    double r = 0.0;
    double alpha = 0.0;
    double a = 0.0;
    double b = 0.0;
};

struct BgNbdFitOptions {
    OptimizerOptions optimizer;
    /// Starting points; empty = a built-in data-scaled multi-start set.
    std::vector<BgNbdParams> starts;
};

struct BgNbdFit {
    BgNbdParams params;
    double loglik = 0.0;            // total (weighted) log-likelihood at params
    double customers = 0.0;         // total weight
    double repeat_customers = 0.0;  // total weight with x > 0
    Eigen::Index distinct_rows = 0; // rows after merging identical (x, t_x, T)
    int iterations = 0;             // optimiser iterations over all starts
    int evaluations = 0;            // likelihood evaluations over all starts
    bool converged = false;
    Eigen::Vector4d gradient = Eigen::Vector4d::Zero(); // d(mean LL)/d(log params) at the optimum
};

/// Checks the data: non-empty, equal lengths, finite, x integer >= 0, 0 <= t_x <= T,
/// t_x = 0 when x = 0, weights finite and >= 0.
Status validateRfm(const RfmData& data);

/// Log-likelihood of each row (unweighted).
Result<Eigen::VectorXd> bgnbdLogLikelihoods(const BgNbdParams& params, const RfmData& data);
/// Total weighted log-likelihood.
Result<double> bgnbdLogLikelihood(const BgNbdParams& params, const RfmData& data);
/// Gradient of the total weighted log-likelihood with respect to (log r, log α, log a, log b).
Result<Eigen::Vector4d> bgnbdGradientLog(const BgNbdParams& params, const RfmData& data);

/// Maximum-likelihood fit (BFGS in log space from several starts, best optimum kept). Errors:
/// invalid data (see validateRfm), fewer than 2 customers, no repeat buyers, no finite optimum.
Result<BgNbdFit> fitBgNbd(const RfmData& data, const BgNbdFitOptions& options = {});

// Per-customer predictions. Scalar forms return NaN for invalid parameters or inputs.

/// P(alive | x, t_x, T); exactly 1 when x = 0.
double bgnbdProbabilityAlive(const BgNbdParams& params, double x, double t_x, double T);
/// E[Y(t) | x, t_x, T]: expected transactions in the next t time units.
double bgnbdConditionalExpected(const BgNbdParams& params, double t, double x, double t_x,
                                double T);
/// E[X(t)]: expected transactions of a new customer in (0, t].
double bgnbdExpected(const BgNbdParams& params, double t);
/// P(X(t) = n) for a new customer.
double bgnbdProbabilityCount(const BgNbdParams& params, double t, int n);

/// Vectorised P(alive) for every row of `data` (validated).
Result<Eigen::VectorXd> bgnbdProbabilityAlive(const BgNbdParams& params, const RfmData& data);
/// Vectorised E[Y(t) | x, t_x, T] for every row of `data` (validated).
Result<Eigen::VectorXd> bgnbdConditionalExpected(const BgNbdParams& params, double t,
                                                 const RfmData& data);

} // namespace bd::analytics
