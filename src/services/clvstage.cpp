#include "services/clvstage.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "analytics/bgnbd.h"

namespace bd::services {

ClvSummaryStats clvSummaryStats(const storage::TradeDays& days, Date asOf) {
    const std::size_t n = days.offsets.size() - 1;
    ClvSummaryStats s;
    s.x.assign(n, 0);
    s.t_x.assign(n, 0);
    s.T.assign(n, 0);
    s.m_x.assign(n, 0);
    s.traded.assign(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        const auto b = static_cast<std::size_t>(days.offsets[i]);
        const auto e = static_cast<std::size_t>(days.offsets[i + 1]);
        if (b == e) continue;
        s.traded[i] = true;
        const double first = days.day[b];
        s.x[i] = static_cast<double>(e - b - 1);
        s.t_x[i] = (days.day[e - 1] - first) / 7.0;
        s.T[i] = (asOf.days - first) / 7.0;
        double sum = 0;
        for (std::size_t k = b + 1; k < e; ++k) sum += days.commission[k];
        s.m_x[i] = e - b > 1 ? sum / static_cast<double>(e - b - 1) : 0.0;
    }
    return s;
}

namespace {

/// Empirical stand-in used when the fitted models cannot be used: each client keeps its own
/// observed trade-day rate (n days over T + 1 weeks), p_alive is the chance that a client still
/// trading at that rate would have been silent as long as it has been, exp(-rate x silence),
/// and the value per trade day is the client's mean shrunk toward the book mean by one day.
ClvStageOutput empiricalStage(const storage::TradeDays& days, const ClvSummaryStats& s,
                              double horizonWeeks, std::string note) {
    const std::size_t n = s.x.size();
    ClvStageOutput out;
    out.method = "empirical";
    out.note = std::move(note);
    out.clients.resize(n);
    double bookSum = 0, bookDays = 0;
    for (std::size_t i = 0; i < days.commission.size(); ++i) bookSum += days.commission[i];
    bookDays = static_cast<double>(days.commission.size());
    const double bookMean = bookDays > 0 ? bookSum / bookDays : 0.0;
    std::int64_t traded = 0, repeaters = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!s.traded[i]) continue;
        ++traded;
        if (s.x[i] > 0) ++repeaters;
        const double dayCount = s.x[i] + 1;
        const double rate = dayCount / (s.T[i] + 1.0);
        const double silence = std::max(0.0, s.T[i] - s.t_x[i]);
        auto& c = out.clients[i];
        c.p_alive = std::exp(-rate * silence);
        c.expected_trades = c.p_alive * rate * horizonWeeks;
        double own = 0;
        for (auto k = days.offsets[i]; k < days.offsets[i + 1]; ++k)
            own += days.commission[static_cast<std::size_t>(k)];
        c.expected_value_per_trade = (own + bookMean) / (dayCount + 1.0);
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
    for (Eigen::Index k = 0; k < m; ++k) {
        const std::size_t i = rows[static_cast<std::size_t>(k)];
        data.x[k] = s.x[i];
        data.t_x[k] = s.t_x[i];
        data.T[k] = s.T[i];
    }
    auto fit = analytics::fitBgNbd(data);
    if (!fit)
        return empiricalStage(days, s, horizonWeeks,
                              "BG/NBD fit failed (" + fit.error().message +
                                  "); empirical rates used");
    const analytics::BgNbdParams& bp = fit->params;
    auto alive = analytics::bgnbdProbabilityAlive(bp, data);
    auto expected = analytics::bgnbdConditionalExpected(bp, horizonWeeks, data);
    if (!alive || !expected)
        return empiricalStage(days, s, horizonWeeks,
                              "BG/NBD predictions failed; empirical rates used");

    // Value per trade day: the empirical stand-in until the Gamma-Gamma fit is wired in.
    ClvStageOutput out = empiricalStage(days, s, horizonWeeks, "");
    out.models.front().note = "value per trade day: client mean shrunk toward the book mean";
    std::int64_t nonFinite = 0;
    for (Eigen::Index k = 0; k < m; ++k) {
        auto& c = out.clients[rows[static_cast<std::size_t>(k)]];
        const double pa = (*alive)[k], ex = (*expected)[k];
        if (!std::isfinite(pa) || !std::isfinite(ex)) {
            ++nonFinite; // keep the empirical values for this client
            continue;
        }
        c.p_alive = std::clamp(pa, 0.0, 1.0);
        c.expected_trades = std::max(0.0, ex);
    }
    out.fitted = true;
    out.method = "bgnbd";
    if (nonFinite > 0)
        out.note = fmt::format("{} clients had no finite BG/NBD prediction; empirical values used",
                               nonFinite);
    storage::ClvModelRow model;
    model.scope = "firm";
    model.model = "bgnbd";
    model.parameters = fmt::format("{{\"r\": {}, \"alpha\": {}, \"a\": {}, \"b\": {}}}", bp.r,
                                   bp.alpha, bp.a, bp.b);
    model.log_likelihood = fit->loglik;
    model.clients = static_cast<std::int64_t>(rows.size());
    model.repeat_clients = repeaters;
    model.converged = fit->converged;
    model.note = out.note;
    out.models.insert(out.models.begin(), std::move(model));
    return out;
}

} // namespace bd::services
