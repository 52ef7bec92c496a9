#include "analytics/clv.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace bd::analytics {

double unitDays(TimeUnit unit) {
    return unit == TimeUnit::Week ? 7.0 : 1.0;
}

double horizonUnits(TimeUnit unit, double weeks) {
    return weeks * 7.0 / unitDays(unit);
}

Result<CustomerSummary> summarizeCustomers(const std::vector<std::vector<Purchase>>& customers,
                                           Date calibration_end, TimeUnit unit) {
    const double scale = 1.0 / unitDays(unit);
    std::vector<double> x, tx, T, mx;
    CustomerSummary out;
    out.unit = unit;
    std::vector<Purchase> days;
    for (std::size_t c = 0; c < customers.size(); ++c) {
        days.clear();
        for (const Purchase& p : customers[c]) {
            if (!std::isfinite(p.value)) {
                Error e = makeError(ErrorCode::InvalidInput, "non-finite purchase value");
                e.value = "customer " + std::to_string(c + 1);
                return e;
            }
            if (p.day <= calibration_end.days) days.push_back(p);
        }
        if (days.empty()) continue;
        std::sort(days.begin(), days.end(),
                  [](const Purchase& a, const Purchase& b) { return a.day < b.day; });
        // Merge each date into one transaction worth the day's total.
        std::size_t n = 0;
        for (std::size_t i = 0; i < days.size(); ++i) {
            if (n > 0 && days[n - 1].day == days[i].day)
                days[n - 1].value += days[i].value;
            else
                days[n++] = days[i];
        }
        const std::int32_t first = days[0].day, last = days[n - 1].day;
        double repeat_sum = 0.0;
        for (std::size_t i = 1; i < n; ++i) repeat_sum += days[i].value;
        const auto repeats = static_cast<double>(n - 1);
        x.push_back(repeats);
        tx.push_back(static_cast<double>(last - first) * scale);
        T.push_back(static_cast<double>(calibration_end.days - first) * scale);
        mx.push_back(n > 1 ? repeat_sum / repeats : 0.0);
        out.source.push_back(c);
    }
    const auto m = static_cast<Eigen::Index>(x.size());
    out.rfm.x = Eigen::Map<Eigen::VectorXd>(x.data(), m);
    out.rfm.t_x = Eigen::Map<Eigen::VectorXd>(tx.data(), m);
    out.rfm.T = Eigen::Map<Eigen::VectorXd>(T.data(), m);
    out.m_x = Eigen::Map<Eigen::VectorXd>(mx.data(), m);
    return out;
}

SpendData spendData(const CustomerSummary& summary) {
    SpendData s;
    s.x = summary.rfm.x;
    s.m_x = summary.m_x;
    s.weight = summary.rfm.weight;
    return s;
}

Result<ClvModels> fitClvModels(const CustomerSummary& summary, const BgNbdFitOptions& bgnbd,
                               const GammaGammaFitOptions& gamma_gamma) {
    auto b = fitBgNbd(summary.rfm, bgnbd);
    if (!b) return b.error();
    auto g = fitGammaGamma(spendData(summary), gamma_gamma);
    if (!g) return g.error();
    return ClvModels{*b, *g};
}

Result<ClvPrediction> predictClv(const RfmData& rfm, const Eigen::VectorXd& m_x,
                                 const BgNbdParams& bgnbd, const GammaGammaParams& gamma_gamma,
                                 double horizon) {
    if (auto s = validateRfm(rfm); !s) return s.error();
    if (m_x.size() != rfm.x.size())
        return makeError(ErrorCode::InvalidInput, "m_x must have one entry per customer");
    const Eigen::Index n = rfm.x.size();
    // Identical (x, t_x, T) rows share their BG/NBD predictions: evaluate each distinct row once.
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::sort(order.begin(), order.end(), [&](Eigen::Index i, Eigen::Index j) {
        if (rfm.x[i] != rfm.x[j]) return rfm.x[i] < rfm.x[j];
        if (rfm.t_x[i] != rfm.t_x[j]) return rfm.t_x[i] < rfm.t_x[j];
        return rfm.T[i] < rfm.T[j];
    });
    RfmData distinct;
    std::vector<Eigen::Index> rowOf(static_cast<std::size_t>(n));
    std::vector<double> ux, utx, uT;
    for (Eigen::Index i : order) {
        if (ux.empty() || ux.back() != rfm.x[i] || utx.back() != rfm.t_x[i] ||
            uT.back() != rfm.T[i]) {
            ux.push_back(rfm.x[i]);
            utx.push_back(rfm.t_x[i]);
            uT.push_back(rfm.T[i]);
        }
        rowOf[static_cast<std::size_t>(i)] = static_cast<Eigen::Index>(ux.size()) - 1;
    }
    const auto k = static_cast<Eigen::Index>(ux.size());
    distinct.x = Eigen::Map<Eigen::VectorXd>(ux.data(), k);
    distinct.t_x = Eigen::Map<Eigen::VectorXd>(utx.data(), k);
    distinct.T = Eigen::Map<Eigen::VectorXd>(uT.data(), k);
    auto alive = bgnbdProbabilityAlive(bgnbd, distinct);
    if (!alive) return alive.error();
    auto expected = bgnbdConditionalExpected(bgnbd, horizon, distinct);
    if (!expected) return expected.error();
    SpendData spend{rfm.x, m_x, {}};
    auto value = gammaGammaConditionalExpectedValue(gamma_gamma, spend);
    if (!value) return value.error();
    ClvPrediction out;
    out.p_alive.resize(n);
    out.expected_transactions.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index r = rowOf[static_cast<std::size_t>(i)];
        out.p_alive[i] = (*alive)[r];
        out.expected_transactions[i] = (*expected)[r];
    }
    out.expected_value = std::move(*value);
    return out;
}

} // namespace bd::analytics
