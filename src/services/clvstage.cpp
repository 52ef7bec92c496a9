#include "services/clvstage.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "analytics/bgnbd.h"
#include "analytics/clv.h"
#include "analytics/gammagamma.h"
#include "core/clock.h"

namespace bd::services {
namespace {

/// 0.0001 CNY units (the book's money) to CNY.
double cny(std::int64_t units) {
    return static_cast<double>(units) / 10000.0;
}

} // namespace

ClvSummaryStats clvSummaryStats(const storage::TradeDays& days, Date asOf) {
    const std::size_t n = days.clients();
    ClvSummaryStats s;
    s.x.assign(n, 0);
    s.t_x.assign(n, 0);
    s.T.assign(n, 0);
    s.m_x.assign(n, 0);
    s.traded.assign(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t count = days.count(i);
        if (count == 0) continue;
        s.traded[i] = true;
        const double first = days.first[i];
        s.x[i] = static_cast<double>(count - 1);
        s.t_x[i] = (days.last[i] - first) / 7.0;
        s.T[i] = (asOf.days - first) / 7.0;
        // The repeat days' mean value (Gamma-Gamma leaves the first day out).
        s.m_x[i] = count > 1 ? cny(days.commission[i] - days.first_commission[i]) /
                                   static_cast<double>(count - 1)
                             : 0.0;
    }
    return s;
}

namespace {

/// The book's mean commission per trade day (all days of all clients).
double bookMeanPerDay(const storage::TradeDays& days) {
    std::int64_t sum = 0, count = 0;
    for (std::size_t i = 0; i < days.clients(); ++i) {
        sum += days.commission[i];
        count += days.days[i];
    }
    return count == 0 ? 0.0 : cny(sum) / static_cast<double>(count);
}

/// The empirical value per trade day: the client's own mean shrunk toward the book mean by one
/// pseudo-day (a client with one trade day is not taken at its word).
double shrunkMean(const storage::TradeDays& days, std::size_t i, double bookMean) {
    return (cny(days.commission[i]) + bookMean) / (static_cast<double>(days.count(i)) + 1.0);
}

/// Empirical stand-in used when BG/NBD cannot be fitted: each client keeps its own observed
/// trade-day rate (n days over T + 1 weeks), p_alive is the chance that a client still trading
/// at that rate would have been silent as long as it has been, exp(-rate x silence), and the
/// value per trade day is the client's mean shrunk toward the book mean by one day.
ClvStageOutput empiricalStage(const storage::TradeDays& days, const ClvSummaryStats& s,
                              double horizonWeeks, std::string note) {
    const std::size_t n = s.x.size();
    ClvStageOutput out;
    out.method = "empirical";
    out.note = std::move(note);
    out.clients.resize(n);
    const double bookMean = bookMeanPerDay(days);
    std::int64_t traded = 0, repeaters = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!s.traded[i]) continue;
        ++traded;
        if (s.x[i] > 0) ++repeaters;
        const double rate = (s.x[i] + 1) / (s.T[i] + 1.0);
        const double silence = std::max(0.0, s.T[i] - s.t_x[i]);
        auto& c = out.clients[i];
        c.p_alive = std::exp(-rate * silence);
        c.expected_trades = c.p_alive * rate * horizonWeeks;
        c.expected_value_per_trade = shrunkMean(days, i, bookMean);
    }
    storage::ClvModelRow m;
    m.scope = "firm";
    m.model = "empirical";
    m.parameters = fmt::format("{{\"book_mean_commission_per_trade_day\": {}}}", bookMean);
    m.clients = traded;
    m.repeat_clients = repeaters;
    m.converged = false;
    m.note = out.note;
    out.models.push_back(std::move(m));
    return out;
}

/// Why the fitted Gamma-Gamma model cannot give a value per trade day, "" when it can.
std::string gammaGammaProblem(const Result<analytics::GammaGammaFit>& fit) {
    if (!fit) return "Gamma-Gamma fit impossible: " + fit.error().message;
    if (!(fit->params.q > 1.0))
        return fmt::format("Gamma-Gamma q = {:.4g} <= 1: the mean value per trade day does not "
                           "exist",
                           fit->params.q);
    return {};
}

} // namespace

ClvStageOutput runClvStage(const storage::TradeDays& days, Date asOf, double horizonWeeks) {
    const ClvSummaryStats s = clvSummaryStats(days, asOf);
    const std::size_t n = s.x.size();
    std::vector<std::size_t> rows; // clients in the fit
    std::int64_t repeaters = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!s.traded[i]) continue;
        rows.push_back(i);
        if (s.x[i] > 0) ++repeaters;
    }
    if (rows.size() < 2 || repeaters == 0)
        return empiricalStage(days, s, horizonWeeks,
                              fmt::format("BG/NBD needs at least 2 traded clients and a repeat "
                                          "trader (have {} and {}); empirical rates used",
                                          rows.size(), repeaters));
    analytics::RfmData data;
    const auto m = static_cast<Eigen::Index>(rows.size());
    data.x.resize(m);
    data.t_x.resize(m);
    data.T.resize(m);
    Eigen::VectorXd mx(m);
    for (Eigen::Index k = 0; k < m; ++k) {
        const std::size_t i = rows[static_cast<std::size_t>(k)];
        data.x[k] = s.x[i];
        data.t_x[k] = s.t_x[i];
        data.T[k] = s.T[i];
        mx[k] = s.m_x[i];
    }
    // The fits run on both cores: BG/NBD from two starts on either side of its ridge (one per
    // thread, the better optimum kept) and Gamma-Gamma after the second. Tolerances stop at a
    // mean log-likelihood gradient of 1e-7 per customer, far below what moves a prediction.
    analytics::OptimizerOptions opt;
    opt.gradient_tolerance = 1e-7;
    opt.f_tolerance = 1e-12;
    double xSum = 0, tSum = 0;
    for (Eigen::Index k = 0; k < m; ++k) {
        xSum += data.x[k];
        tSum += data.T[k];
    }
    const double a0 = 1.0 / std::max(xSum / std::max(tSum, 1e-12), 1e-12); // 1 / mean rate
    analytics::BgNbdFitOptions bgA, bgB;
    bgA.optimizer = bgB.optimizer = opt;
    bgA.starts = {{1.0, a0, 1.0, 1.0}};
    bgB.starts = {{0.25, 0.25 * a0, 0.75, 2.5}};
    const analytics::SpendData spend{data.x, mx, {}};
    double meanM = 0, repeatCount = 0;
    for (Eigen::Index k = 0; k < m; ++k)
        if (data.x[k] > 0 && mx[k] > 0) {
            meanM += mx[k];
            repeatCount += 1;
        }
    meanM = repeatCount > 0 ? meanM / repeatCount : 1.0;
    analytics::GammaGammaFitOptions ggo;
    ggo.optimizer = opt;
    // γ chosen so the population mean p γ / (q − 1) matches the observed mean of m_x.
    ggo.starts = {{1.0, 2.0, meanM}, {10.0, 10.0, meanM * 0.9}};

    auto t0 = std::chrono::steady_clock::now();
    std::optional<Result<analytics::BgNbdFit>> fitB;
    std::optional<Result<analytics::GammaGammaFit>> ggFit;
    double ggMs = 0;
    std::thread second([&] {
        fitB.emplace(analytics::fitBgNbd(data, bgB));
        const auto g0 = std::chrono::steady_clock::now();
        ggFit.emplace(analytics::fitGammaGamma(spend, ggo));
        ggMs = msSince(g0);
    });
    auto fit = analytics::fitBgNbd(data, bgA);
    second.join();
    const double bgnbdMs = msSince(t0);
    if (!fit || (*fitB && (fit->converged == (*fitB)->converged ? (*fitB)->loglik > fit->loglik
                                                                : (*fitB)->converged)))
        fit = std::move(*fitB);
    if (!fit)
        return empiricalStage(days, s, horizonWeeks,
                              "BG/NBD fit failed (" + fit.error().message +
                                  "); empirical rates used");
    const analytics::BgNbdParams& bp = fit->params;

    // Value per trade day: Gamma-Gamma on the repeat traders' mean repeat-day commission.
    const Result<analytics::GammaGammaFit>& gg = *ggFit;
    const std::string ggProblem = gammaGammaProblem(gg);
    t0 = std::chrono::steady_clock::now();
    Eigen::VectorXd alive, expected, value;
    if (ggProblem.empty()) {
        auto pred = analytics::predictClv(data, mx, bp, gg->params, horizonWeeks);
        if (!pred)
            return empiricalStage(days, s, horizonWeeks,
                                  "CLV predictions failed (" + pred.error().message +
                                      "); empirical rates used");
        alive = std::move(pred->p_alive);
        expected = std::move(pred->expected_transactions);
        value = std::move(pred->expected_value);
    } else {
        auto a = analytics::bgnbdProbabilityAlive(bp, data);
        auto e = analytics::bgnbdConditionalExpected(bp, horizonWeeks, data);
        if (!a || !e)
            return empiricalStage(days, s, horizonWeeks,
                                  "BG/NBD predictions failed; empirical rates used");
        alive = std::move(*a);
        expected = std::move(*e);
    }

    const double predictMs = msSince(t0);

    // Start from the empirical values: clients outside the fit and any client whose model
    // prediction is not finite keep them.
    ClvStageOutput out = empiricalStage(days, s, horizonWeeks, "");
    out.models.clear();
    const double bookMean = bookMeanPerDay(days);
    std::int64_t nonFinite = 0;
    for (Eigen::Index k = 0; k < m; ++k) {
        const std::size_t i = rows[static_cast<std::size_t>(k)];
        auto& c = out.clients[i];
        const double pa = alive[k], ex = expected[k];
        const double v = ggProblem.empty() ? value[k] : shrunkMean(days, i, bookMean);
        if (!std::isfinite(pa) || !std::isfinite(ex) || !std::isfinite(v)) {
            ++nonFinite;
            continue;
        }
        c.p_alive = std::clamp(pa, 0.0, 1.0);
        c.expected_trades = std::max(0.0, ex);
        c.expected_value_per_trade = v;
    }
    out.fitted = true;
    std::vector<std::string> notes;
    if (!ggProblem.empty())
        notes.push_back(ggProblem + "; value per trade day = the client's mean shrunk toward the "
                                    "book mean");
    if (nonFinite > 0)
        notes.push_back(fmt::format(
            "{} clients had no finite model prediction; empirical values used", nonFinite));
    for (std::size_t k = 0; k < notes.size(); ++k) out.note += (k ? "; " : "") + notes[k];
    out.method = ggProblem.empty() ? "bgnbd+gammagamma" : "bgnbd+empirical_value";

    storage::ClvModelRow model;
    model.scope = "firm";
    model.model = "bgnbd";
    model.parameters = fmt::format("{{\"r\": {}, \"alpha\": {}, \"a\": {}, \"b\": {}}}", bp.r,
                                   bp.alpha, bp.a, bp.b);
    model.log_likelihood = fit->loglik;
    model.clients = static_cast<std::int64_t>(rows.size());
    model.repeat_clients = repeaters;
    model.converged = fit->converged;
    out.models.push_back(std::move(model));
    storage::ClvModelRow value_model;
    value_model.scope = "firm";
    value_model.repeat_clients = repeaters;
    if (ggProblem.empty()) {
        const analytics::GammaGammaParams& gp = gg->params;
        value_model.model = "gammagamma";
        value_model.parameters =
            fmt::format("{{\"p\": {}, \"q\": {}, \"gamma\": {}}}", gp.p, gp.q, gp.gamma);
        value_model.log_likelihood = gg->loglik;
        value_model.clients = static_cast<std::int64_t>(std::llround(gg->customers));
        value_model.converged = gg->converged;
    } else {
        value_model.model = "empirical_value";
        value_model.parameters =
            fmt::format("{{\"book_mean_commission_per_trade_day\": {}}}", bookMean);
        value_model.clients = static_cast<std::int64_t>(rows.size());
        value_model.note = ggProblem;
    }
    out.models.push_back(std::move(value_model));
    out.models.front().note = out.note;
    out.timings = {
        {"clv.bgnbd_fit", bgnbdMs}, {"clv.gammagamma_fit", ggMs}, {"clv.predict", predictMs}};
    return out;
}

} // namespace bd::services
