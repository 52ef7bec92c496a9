#pragma once
// Unconstrained smooth minimisation for the likelihood fits (BG/NBD, Gamma-Gamma): BFGS with a
// strong-Wolfe line search, plus a multi-start driver. Parameters are usually log-transformed by
// the caller so that positivity is automatic; the objective may return +inf or NaN to mark a
// point as infeasible and the line search then backs off.
#include <Eigen/Core>
#include <functional>
#include <string>
#include <vector>

namespace bd::analytics {

/// f(theta), writing the gradient into *grad when grad is not null.
using Objective = std::function<double(const Eigen::VectorXd& theta, Eigen::VectorXd* grad)>;

struct OptimizerOptions {
    int max_iterations = 500;
    /// Converged when max |gradient component| <= gradient_tolerance.
    double gradient_tolerance = 1e-9;
    /// Also converged when |f_k - f_{k+1}| <= f_tolerance * max(1, |f|) twice in a row.
    double f_tolerance = 1e-15;
    /// Largest step (in the parameter space) a single line search may take.
    double max_step = 5.0;
};

struct OptimizerReport {
    Eigen::VectorXd theta;    // best point found
    double value = 0.0;       // f(theta)
    Eigen::VectorXd gradient; // gradient at theta
    int iterations = 0;       // BFGS iterations (summed over starts for multi-start)
    int evaluations = 0;      // objective evaluations (summed over starts)
    bool converged = false;   // stopping test met (not just the iteration cap)
    int best_start = 0;       // index of the start that gave theta (multi-start)
    std::string message;      // why it stopped
};

/// Minimises f from theta0 with BFGS (inverse-Hessian update, strong Wolfe line search).
OptimizerReport minimizeBfgs(const Objective& f, const Eigen::VectorXd& theta0,
                             const OptimizerOptions& options = {});

/// Runs minimizeBfgs from every start and returns the lowest finite optimum (converged runs are
/// preferred over unconverged ones with a value within 1e-9 relative).
OptimizerReport minimizeMultiStart(const Objective& f, const std::vector<Eigen::VectorXd>& starts,
                                   const OptimizerOptions& options = {});

} // namespace bd::analytics
