#include "analytics/valuescore.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <thread>

#include "core/money.h"

namespace bd::analytics {
namespace {

struct Component {
    double contribution; // weighted, sums to the score
    double amount;       // the CNY amount shown (signed as it acts on value)
    char kind;           // bd::ExplanationTerm
};

/// "12,300" (whole yuan from 100 up, else to the cent), no sign, no currency symbol.
std::string yuan(double v) {
    const double a = std::fabs(v);
    std::string s = formatMoneyGrouped(Money::fromDouble(a >= 100 ? std::round(a) : a));
    if (a >= 100 && s.size() > 3 && s.compare(s.size() - 3, 3, ".00") == 0) s.resize(s.size() - 3);
    return s;
}

std::string fixed2(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

/// The four largest contributions to the score, p_alive and the flag, as an explanation code.
void explain(const ValueInput& in, const ValueModelParams& p, ValueResult& out) {
    const ProfitBreakdown& b = in.profit;
    const double wp = p.weight_profit, wc = p.weight_clv;
    using T = ExplanationTerm;
    std::vector<Component> parts{
        {wp * b.commission_12m, b.commission_12m, static_cast<char>(T::Commission)},
        {wp * b.interest_12m, b.interest_12m, static_cast<char>(T::Interest)},
        {-wp * b.handling_cost_12m, -b.handling_cost_12m, static_cast<char>(T::Handling)},
        {-wp * b.maintenance_12m, -b.maintenance_12m, static_cast<char>(T::Upkeep)},
    };
    for (std::size_t c = 0; c < b.service_by_channel.size(); ++c)
        parts.push_back(
            {-wp * b.service_by_channel[c], -b.service_by_channel[c],
             static_cast<char>(static_cast<char>(T::ServiceChannel0) + static_cast<char>(c))});
    const double futureTrading = in.clv.expected_trades * in.clv.expected_value_per_trade;
    const double futureCarry = in.clv.clv_12m - futureTrading;
    parts.push_back({wc * futureTrading, futureTrading, static_cast<char>(T::ExpectedCommission)});
    parts.push_back({wc * futureCarry, futureCarry, static_cast<char>(T::ExpectedCarry)});
    std::stable_sort(parts.begin(), parts.end(), [](const Component& x, const Component& y) {
        return std::fabs(x.contribution) > std::fabs(y.contribution);
    });
    std::string code;
    int shown = 0;
    for (const auto& c : parts) {
        if (shown == 4 || std::fabs(c.contribution) < 0.005) break;
        appendExplanationTerm(code, c.kind, c.contribution >= 0, yuan(c.amount));
        ++shown;
    }
    finishExplanationCode(code, fixed2(in.clv.p_alive), out.aum_rich_low_value, out.flag_reasons);
    out.explanation_code = std::move(code);
}

} // namespace

double clvFromParts(double expectedTrades, double expectedValuePerTrade, double pAlive,
                    const ProfitBreakdown& profit) {
    return expectedTrades * expectedValuePerTrade +
           pAlive * (profit.interest_12m - profit.service_cost_12m - profit.maintenance_12m);
}

double valueScore(const ProfitBreakdown& profit, const ClvEstimate& clv,
                  const ValueModelParams& p) {
    return p.weight_profit * profit.profit_12m + p.weight_clv * clv.clv_12m;
}

std::size_t vipCount(std::size_t n, double percent) {
    if (n == 0 || percent <= 0) return 0;
    // The small epsilon keeps exact products (e.g. 100 x 5%) from rounding up to 6.
    const double k = std::ceil(static_cast<double>(n) * percent / 100.0 - 1e-9);
    return std::min(n, static_cast<std::size_t>(std::max(1.0, k)));
}

std::vector<std::size_t> rankMembers(const std::vector<double>& score,
                                     const std::vector<std::string>& ids,
                                     std::vector<std::size_t> members) {
    std::sort(members.begin(), members.end(), [&](std::size_t x, std::size_t y) {
        if (score[x] != score[y]) return score[x] > score[y];
        return ids[x] < ids[y];
    });
    return members;
}

std::vector<std::size_t> selectVips(const std::vector<double>& score,
                                    const std::vector<std::string>& ids,
                                    const std::vector<std::size_t>& members, double percent) {
    const std::size_t k = vipCount(members.size(), percent);
    std::vector<std::size_t> ranked = rankMembers(score, ids, members);
    std::vector<std::size_t> vips;
    for (std::size_t i = 0; i < k && i < ranked.size(); ++i)
        if (score[ranked[i]] > 0) vips.push_back(ranked[i]);
    return vips;
}

double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

std::vector<ValueResult> scoreClients(const std::vector<ValueInput>& in,
                                      const ValueModelParams& p) {
    const std::size_t n = in.size();
    std::vector<ValueResult> out(n);
    std::vector<double> score(n), aum(n), yield;
    std::vector<std::string> ids(n);
    for (std::size_t i = 0; i < n; ++i) {
        score[i] = valueScore(in[i].profit, in[i].clv, p);
        aum[i] = in[i].profit.aum;
        ids[i] = in[i].client_id;
        out[i].value_score = score[i];
        out[i].churn_risk = std::clamp(1.0 - in[i].clv.p_alive, 0.0, 1.0);
        if (aum[i] > 0) yield.push_back(in[i].profit.commission_12m / aum[i]);
    }
    std::vector<std::size_t> all(n);
    std::iota(all.begin(), all.end(), std::size_t{0});
    const std::vector<std::size_t> ranked = rankMembers(score, ids, all);
    for (std::size_t r = 0; r < n; ++r)
        out[ranked[r]].value_rank = static_cast<std::int64_t>(r + 1);
    for (std::size_t i : selectVips(score, ids, all, p.vip_percent)) out[i].vip = true;

    // AUM-rich, low value: AUM at or above its quantile (and > 0), score below its quantile.
    if (n > 0) {
        const double aumCut = quantile(aum, p.aum_rich_quantile);
        const double valueCut = quantile(score, p.low_value_quantile);
        const double medianYield = quantile(yield, 0.5);
        for (std::size_t i = 0; i < n; ++i) {
            if (!(aum[i] > 0 && aum[i] >= aumCut && score[i] < valueCut)) continue;
            const ProfitBreakdown& b = in[i].profit;
            unsigned reasons = 0;
            if (b.commission_12m / aum[i] < medianYield || in[i].trade_days_12m == 0)
                reasons |= kReasonLowTrading;
            if (b.service_cost_12m > 0.5 * (b.commission_12m + b.interest_12m))
                reasons |= kReasonHighServiceCost;
            if (in[i].avg_cash_12m >= 0.5 * aum[i]) reasons |= kReasonCashIdle;
            out[i].aum_rich_low_value = true;
            out[i].flag_reasons = reasons;
        }
    }
    // The explanations (string formatting, most of the stage's time) are independent per client:
    // large books split them over two threads.
    auto explainRange = [&](std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) explain(in[i], p, out[i]);
    };
    if (n >= 20000 && std::thread::hardware_concurrency() > 1) {
        std::thread upper(explainRange, n / 2, n);
        explainRange(0, n / 2);
        upper.join();
    } else {
        explainRange(0, n);
    }
    return out;
}

Concentration profitConcentration(const std::vector<double>& profit, int points) {
    Concentration c;
    points = std::max(points, 1);
    c.curve.assign(static_cast<std::size_t>(points) + 1, 0.0);
    std::vector<double> sorted(profit);
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    const std::size_t n = sorted.size();
    std::vector<double> cum(n + 1, 0.0);
    for (std::size_t i = 0; i < n; ++i) cum[i + 1] = cum[i] + sorted[i];
    c.total_profit = cum[n];
    c.defined = n > 0 && c.total_profit > 0;
    if (!c.defined) return c;
    auto shareOfTop = [&](double percent) {
        const auto k =
            static_cast<std::size_t>(std::ceil(static_cast<double>(n) * percent / 100.0 - 1e-9));
        return cum[std::min(k, n)] / c.total_profit;
    };
    c.top1 = shareOfTop(1);
    c.top5 = shareOfTop(5);
    c.top20 = shareOfTop(20);
    for (int k = 0; k <= points; ++k)
        c.curve[static_cast<std::size_t>(k)] = shareOfTop(100.0 * k / points);
    return c;
}

} // namespace bd::analytics
