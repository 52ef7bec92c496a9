#pragma once
// What the likelihood models (BG/NBD, Gamma-Gamma) share: their input errors, and the fit of
// their positive parameters on the log scale (θ = log of each parameter, so positivity is
// automatic) by the multi-start optimiser.
#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analytics/optimizer.h"
#include "core/result.h"

namespace bd::analytics::logfit {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
// Beyond e^±30 the likelihood is numerically flat; the objective refuses to go there.
inline constexpr double kMaxLogParam = 30.0;

/// A refused input: the reason, and the value that decided it.
inline Error invalid(std::string message, std::string value = {}) {
    Error e = makeError(ErrorCode::InvalidInput, std::move(message));
    e.value = std::move(value);
    return e;
}

/// Distinct values of `v` (ascending) and, for each element, its index among them.
inline void tabulate(const Eigen::ArrayXd& v, Eigen::ArrayXd& distinct, Eigen::ArrayXi& index) {
    std::vector<double> u(v.data(), v.data() + v.size());
    std::sort(u.begin(), u.end());
    u.erase(std::unique(u.begin(), u.end()), u.end());
    distinct = Eigen::Map<Eigen::ArrayXd>(u.data(), static_cast<Eigen::Index>(u.size()));
    index.resize(v.size());
    for (Eigen::Index i = 0; i < v.size(); ++i)
        index[i] = static_cast<int>(std::lower_bound(u.begin(), u.end(), v[i]) - u.begin());
}

/// The rows `order` picks of K columns, with their weights (`weight`, or 1 each when it is
/// empty) as the last array. When `merge`: sorted, identical rows merged into one of their
/// summed weight, and rows of zero weight dropped.
template <std::size_t K>
std::array<Eigen::ArrayXd, K + 1> rowsOf(const std::array<const Eigen::VectorXd*, K>& columns,
                                         const Eigen::VectorXd& weight,
                                         std::vector<Eigen::Index> order, bool merge) {
    const bool weighted = weight.size() == columns[0]->size();
    if (merge)
        std::sort(order.begin(), order.end(), [&](Eigen::Index i, Eigen::Index j) {
            for (const Eigen::VectorXd* c : columns)
                if ((*c)[i] != (*c)[j]) return (*c)[i] < (*c)[j];
            return false;
        });
    std::array<std::vector<double>, K + 1> rows;
    for (auto& r : rows) r.reserve(order.size());
    std::vector<double>& w = rows[K];
    for (Eigen::Index i : order) {
        const double wi = weighted ? weight[i] : 1.0;
        if (merge && wi == 0.0) continue;
        bool same = merge && !w.empty();
        for (std::size_t c = 0; same && c < K; ++c) same = rows[c].back() == (*columns[c])[i];
        if (same) {
            w.back() += wi;
            continue;
        }
        for (std::size_t c = 0; c < K; ++c) rows[c].push_back((*columns[c])[i]);
        w.push_back(wi);
    }
    std::array<Eigen::ArrayXd, K + 1> out;
    for (std::size_t c = 0; c <= K; ++c)
        out[c] =
            Eigen::Map<Eigen::ArrayXd>(rows[c].data(), static_cast<Eigen::Index>(rows[c].size()));
    return out;
}

/// `block(start, count)` over rows 0 .. rows-1 in blocks of at most 2048, in order. A model's
/// likelihood goes block by block: its temporaries stay small and cached instead of being fresh
/// page-faulting allocations on every evaluation.
template <typename Block>
void forEachBlock(Eigen::Index rows, Block&& block) {
    constexpr Eigen::Index kBlock = 2048;
    for (Eigen::Index s0 = 0; s0 < rows; s0 += kBlock) block(s0, std::min(kBlock, rows - s0));
}

/// Checks the data of n customers: there are some, the other columns have n entries too
/// (`sameLength`, else the error `lengths`), the weights are none or one a customer, and each
/// row passes `checkRow(i, row)` and has a finite, non-negative weight. `row()` names the row
/// for an error (built only on error: this runs over every customer).
template <typename CheckRow>
Status validateRows(Eigen::Index n, bool sameLength, const char* lengths,
                    const Eigen::VectorXd& weight, CheckRow checkRow) {
    if (n == 0) return invalid("no customers");
    if (!sameLength) return invalid(lengths);
    if (weight.size() != 0 && weight.size() != n)
        return invalid("weight must be empty or have one entry per customer");
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto row = [i] { return "row " + std::to_string(i + 1); };
        if (auto s = checkRow(i, row); !s) return s;
        if (weight.size() != 0 && (!std::isfinite(weight[i]) || weight[i] < 0))
            return invalid("weights must be finite and non-negative", row());
    }
    return {};
}

/// A model's likelihood at given parameters, each function after `check` (the parameters,
/// then the data): `evaluate(params, prepared, grad, rows)` on `prepare(data, merge)`, with P
/// parameters.
template <typename Params, typename Data, typename Prepared, int P>
struct Likelihood {
    using Gradient = Eigen::Matrix<double, P, 1>;

    Status (*checkParams)(const Params&);
    Status (*validate)(const Data&);
    Prepared (*prepare)(const Data&, bool merge);
    double (*evaluate)(const Params&, const Prepared&, Gradient* grad_log, Eigen::ArrayXd* rows);
    Params (*fromLog)(const Eigen::VectorXd& theta);

    Status check(const Params& params, const Data& data) const {
        if (auto s = checkParams(params); !s) return s;
        return validate(data);
    }
    /// The log-likelihood of each row the model uses, in order (identical rows not merged).
    Result<Eigen::ArrayXd> rows(const Params& params, const Data& data) const {
        if (auto s = check(params, data); !s) return s.error();
        Eigen::ArrayXd out;
        evaluate(params, prepare(data, false), nullptr, &out);
        return out;
    }
    /// The weighted total log-likelihood.
    Result<double> total(const Params& params, const Data& data) const {
        if (auto s = check(params, data); !s) return s.error();
        return evaluate(params, prepare(data, true), nullptr, nullptr);
    }
    /// The total's gradient in the log-parameters.
    Result<Gradient> gradient(const Params& params, const Data& data) const {
        if (auto s = check(params, data); !s) return s.error();
        Gradient g;
        evaluate(params, prepare(data, true), &g, nullptr);
        return g;
    }

    /// `data` checked and prepared for a fit (identical rows merged), or why it cannot be fitted:
    /// its error, or `tooFew` when it holds less than 2 customers (by weight).
    Result<Prepared> fitData(const Data& data, const char* tooFew) const {
        if (auto s = validate(data); !s) return s.error();
        Prepared d = prepare(data, true);
        if (d.total_weight < 2.0 - 1e-12)
            return invalid(tooFew, "customers = " + std::to_string(d.total_weight));
        return d;
    }

    /// The maximum-likelihood fit to `d`, `weight` customers, from `starts` (or their error):
    /// the multi-start minimum of the mean negative log-likelihood over θ (the mean: tolerances
    /// do not depend on the number of customers). An Internal error naming `model` when no
    /// start reaches a finite optimum.
    template <typename Fit>
    Result<Fit> fit(std::string_view model, const Prepared& d, double weight,
                    const Result<std::vector<Eigen::VectorXd>>& starts,
                    const OptimizerOptions& options) const {
        if (!starts) return starts.error();
        const Objective objective = [&](const Eigen::VectorXd& th, Eigen::VectorXd* grad) {
            if (th.cwiseAbs().maxCoeff() > kMaxLogParam) return kInf;
            Gradient g;
            const double ll = evaluate(fromLog(th), d, grad ? &g : nullptr, nullptr);
            if (grad) *grad = -g / weight;
            return -ll / weight;
        };
        const OptimizerReport rep = minimizeMultiStart(objective, *starts, options);
        if (!std::isfinite(rep.value))
            return makeError(ErrorCode::Internal,
                             std::string(model) + " fit found no finite optimum");
        Fit fit;
        fit.params = fromLog(rep.theta);
        // The exact total rather than mean × weight (no rounding difference in the last digit).
        fit.loglik = evaluate(fit.params, d, nullptr, nullptr);
        fit.customers = weight;
        fit.iterations = rep.iterations;
        if constexpr (requires { fit.evaluations; }) fit.evaluations = rep.evaluations;
        fit.converged = rep.converged;
        fit.gradient = -rep.gradient;
        return fit;
    }
};

/// The starts θ: each of `given` that is `valid` (its logs, by `toLog`), or else the model's
/// defaults (the same, from `defaults()`); an error when starts were given and none is valid.
template <typename Params, typename Valid, typename ToLog, typename Defaults>
Result<std::vector<Eigen::VectorXd>> starts(const std::vector<Params>& given, Valid valid,
                                            ToLog toLog, Defaults defaults) {
    const std::vector<Params> fallback = given.empty() ? defaults() : std::vector<Params>{};
    std::vector<Eigen::VectorXd> out;
    for (const Params& p : given.empty() ? fallback : given)
        if (valid(p)) out.push_back(toLog(p));
    if (!given.empty() && out.empty()) return invalid("no valid starting point given");
    return out;
}

/// θ of parameter values (their logs).
inline Eigen::VectorXd logs(std::initializer_list<double> values) {
    Eigen::VectorXd th(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double v : values) th[i++] = std::log(v);
    return th;
}

} // namespace bd::analytics::logfit
