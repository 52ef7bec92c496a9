#include "analytics/kpi.h"

#include "core/survey.h"

#include <algorithm>
#include <cmath>

#include "analytics/valuescore.h"

namespace bd::analytics {
namespace {

Date monthEnd(int y, int m) {
    return Date::fromYmd(y, m, daysInMonth(y, m));
}

bool isMonthEnd(Date d) {
    int y = 0, m = 0, dd = 0;
    d.toYmd(y, m, dd);
    return dd == daysInMonth(y, m);
}

/// Index of the first element > v.
std::size_t after(const std::vector<std::int32_t>& v, std::int32_t d) {
    return static_cast<std::size_t>(std::upper_bound(v.begin(), v.end(), d) - v.begin());
}

/// Rounded once to the cent, in 0.0001 CNY (as the refresh stores profit_12m).
std::int64_t cents(double yuan) {
    return std::isfinite(yuan) ? static_cast<std::int64_t>(std::llround(yuan * 100.0)) * 100 : 0;
}

/// Prefix sums of one client's history and the questions the figures ask of it.
class ClientView {
  public:
    ClientView(const KpiClient& c, const KpiClientHistory& h) : m_c(c), m_h(h) {
        prefix(h.trade_commission, m_commission);
        prefix(h.trade_amount, m_amount);
        prefix(h.snapshot_cash, m_cash);
        m_lastActivity = c.open_date.days;
        if (!h.trade_day.empty()) m_lastActivity = std::max(m_lastActivity, h.trade_day.back());
        if (!h.snapshot_day.empty())
            m_lastActivity = std::max(m_lastActivity, h.snapshot_day.back());
    }

    /// An open account at A: opened by then, and for a closed one, active in A's month or later.
    bool isClient(Date a) const {
        if (m_c.open_date > a) return false;
        return !m_c.closed || m_lastActivity > previousMonthEnd(a).days;
    }
    bool active(Date a) const {
        const std::size_t i = after(m_h.trade_day, a.days - kKpiActiveWindowDays);
        return i < m_h.trade_day.size() && m_h.trade_day[i] <= a.days;
    }
    /// Trade days in (from, to]: [first, last) indices.
    std::pair<std::size_t, std::size_t> trades(std::int32_t from, std::int32_t to) const {
        return {after(m_h.trade_day, from), after(m_h.trade_day, to)};
    }
    std::pair<std::size_t, std::size_t> snapshots(std::int32_t from, std::int32_t to) const {
        return {after(m_h.snapshot_day, from), after(m_h.snapshot_day, to)};
    }
    std::pair<std::size_t, std::size_t> contacts(std::int32_t from, std::int32_t to) const {
        return {after(m_h.contact_day, from), after(m_h.contact_day, to)};
    }

    /// The value model's 12-month profit at A, exactly as the refresh computes it.
    std::int64_t profit(Date a, const ValueModelParams& p) const {
        ProfitInput in;
        const auto [t0, t1] = trades(a.days - 365, a.days);
        in.commission_12m = static_cast<double>(m_commission[t1] - m_commission[t0]) / 1e4;
        in.amount_12m = static_cast<double>(m_amount[t1] - m_amount[t0]) / 1e4;
        const auto [s0, s1] = snapshots(a.days - 365, a.days);
        if (s1 > s0)
            in.avg_cash_12m =
                static_cast<double>(m_cash[s1] - m_cash[s0]) / static_cast<double>(s1 - s0) / 1e4;
        const int covered = a.days - std::max(m_c.open_date.days, a.days - 365);
        in.covered_days = static_cast<double>(std::clamp(covered, 0, 365));
        const auto [c0, c1] = contacts(a.days - 365, a.days);
        for (std::size_t k = c0; k < c1; ++k) {
            std::size_t ch = m_h.contact_channel[k];
            if (ch >= in.contacts.size()) ch = static_cast<std::size_t>(ContactChannel::Other);
            in.contacts[ch] += 1.0;
        }
        return cents(computeProfit(in, p).profit_12m);
    }

    std::int64_t aum(Date a) const {
        const std::size_t i = after(m_h.snapshot_day, a.days);
        return i == 0 ? 0 : m_h.snapshot_aum[i - 1];
    }
    std::int64_t commission(std::int32_t from, std::int32_t to) const {
        const auto [t0, t1] = trades(from, to);
        return m_commission[t1] - m_commission[t0];
    }
    /// Days since the latest contact on or before A (since opening when none).
    int daysSinceContact(Date a) const {
        const std::size_t i = after(m_h.contact_day, a.days);
        return a.days - (i == 0 ? m_c.open_date.days : m_h.contact_day[i - 1]);
    }

  private:
    static void prefix(const std::vector<std::int64_t>& v, std::vector<std::int64_t>& out) {
        out.assign(v.size() + 1, 0);
        for (std::size_t i = 0; i < v.size(); ++i) out[i + 1] = out[i] + v[i];
    }
    const KpiClient& m_c;
    const KpiClientHistory& m_h;
    std::vector<std::int64_t> m_commission, m_amount, m_cash;
    std::int32_t m_lastActivity = 0;
};

} // namespace

std::vector<Date> kpiMonthEnds(Date first, Date asOf) {
    std::vector<Date> out;
    if (first > asOf) return out;
    int y = 0, m = 0, d = 0;
    first.toYmd(y, m, d);
    for (Date e = monthEnd(y, m); e <= asOf; e = monthEnd(y, m)) {
        out.push_back(e);
        if (++m > 12) {
            m = 1;
            ++y;
        }
    }
    if (out.empty() || out.back() != asOf) out.push_back(asOf);
    return out;
}

Date previousMonthEnd(Date d) {
    int y = 0, m = 0, dd = 0;
    d.toYmd(y, m, dd);
    return Date{Date::fromYmd(y, m, 1).days - 1};
}

Date yearEarlier(Date d) {
    int y = 0, m = 0, dd = 0;
    d.toYmd(y, m, dd);
    if (isMonthEnd(d)) return monthEnd(y - 1, m);
    return Date::fromYmd(y - 1, m, std::min(dd, daysInMonth(y - 1, m)));
}

void KpiClientHistory::clear() {
    trade_day.clear();
    trade_amount.clear();
    trade_commission.clear();
    snapshot_day.clear();
    snapshot_cash.clear();
    snapshot_aum.clear();
    snapshot_inflow.clear();
    contact_day.clear();
    contact_channel.clear();
    contact_outcome.clear();
    contact_satisfaction.clear();
    contact_recommend.clear();
}

KpiBuilder::KpiBuilder(std::vector<Date> monthEnds, std::size_t brokers, std::size_t branches,
                       const ValueModelParams& params)
    : m_ends(std::move(monthEnds)), m_brokers(brokers), m_branches(branches), m_params(params) {}

KpiFigures& KpiBuilder::bucket(std::int32_t broker, std::int32_t branch, std::size_t month) {
    const std::int64_t key = (static_cast<std::int64_t>(broker) << 32) |
                             static_cast<std::int64_t>(static_cast<std::uint32_t>(branch));
    auto [it, fresh] = m_pairIndex.emplace(key, m_pairs.size());
    if (fresh) {
        m_pairs.emplace_back(broker, branch);
        m_figures.resize(m_figures.size() + m_ends.size());
    }
    return m_figures[it->second * m_ends.size() + month];
}

void KpiBuilder::add(const KpiClient& c, const KpiClientHistory& h) {
    const ClientView v(c, h);
    const std::size_t months = m_ends.size();
    (void)bucket(c.broker, c.branch, 0); // the pair exists even for a client with no month
    const std::size_t pair =
        m_pairIndex.at((static_cast<std::int64_t>(c.broker) << 32) |
                       static_cast<std::int64_t>(static_cast<std::uint32_t>(c.branch)));
    m_refs.push_back(c.client_ref);
    m_clientPair.push_back(pair);
    const std::size_t at = m_profit.size();
    m_profit.resize(at + months, kNotAClient);
    for (std::size_t k = 0; k < months; ++k) {
        const Date a = m_ends[k];
        const Date prev = previousMonthEnd(a);
        KpiFigures& f = m_figures[pair * months + k];
        const bool client = v.isClient(a);
        const bool active = client && v.active(a);
        if (client) {
            ++f.clients;
            if (active) ++f.active;
            f.aum += v.aum(a);
            const std::int64_t p = v.profit(a, m_params);
            m_profit[at + k] = p;
            f.profit_12m += p;
            if (c.cadence_days > 0) {
                ++f.cadence_clients;
                if (v.daysSinceContact(a) <= c.cadence_days) ++f.covered;
            }
        }
        if (c.open_date > prev && c.open_date <= a) ++f.new_clients;
        if (v.isClient(prev) && v.active(prev) && !active) ++f.lost;
        const Date earlier = yearEarlier(a);
        if (v.isClient(earlier) && v.active(earlier)) {
            ++f.retention_base;
            if (active) ++f.retained;
        }
        f.commission += v.commission(prev.days, a.days);
        const auto [s0, s1] = v.snapshots(prev.days, a.days);
        for (std::size_t s = s0; s < s1; ++s) f.net_inflow += h.snapshot_inflow[s];
        const auto [c0, c1] = v.contacts(prev.days, a.days);
        for (std::size_t i = c0; i < c1; ++i) {
            ++f.contacts;
            const std::size_t ch =
                std::min<std::size_t>(h.contact_channel[i], kContactChannelCount - 1);
            const std::size_t out = std::min<std::size_t>(h.contact_outcome[i], kOutcomeCount - 1);
            ++f.contact_grid[ch][out];
            if (h.contact_satisfaction[i] > 0) {
                f.satisfaction_sum += h.contact_satisfaction[i];
                ++f.satisfaction_count;
            }
            // A history without the recommend answers (older callers) counts none.
            if (i < h.contact_recommend.size() && h.contact_recommend[i] > 0) {
                switch (loyaltyOf(h.contact_recommend[i] - 1)) {
                case LoyaltyClass::Promoter:
                    ++f.promoters;
                    break;
                case LoyaltyClass::Passive:
                    ++f.passives;
                    break;
                case LoyaltyClass::Detractor:
                    ++f.detractors;
                    break;
                case LoyaltyClass::Unknown:
                    break;
                }
            }
        }
    }
}

KpiHistory KpiBuilder::finish() {
    const std::size_t months = m_ends.size();
    const std::size_t n = m_refs.size();
    KpiHistory out;
    out.month_ends = m_ends;
    out.vip_changes.resize(months);
    // VIPs per month-end: the firm's first vipCount(clients) by profit, profit > 0 only, ties
    // by client_ref; each month's list and cut-off kept for the next month's changes.
    std::vector<std::uint8_t> vip(n, 0), prevVip(n, 0);
    std::int64_t prevCutOff = 0;
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < months; ++k) {
        order.clear();
        std::size_t clients = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::int64_t p = m_profit[i * months + k];
            if (p == kNotAClient) continue;
            ++clients;
            if (p > 0) order.push_back(i);
        }
        const std::size_t quota = std::min(vipCount(clients, m_params.vip_percent), order.size());
        const auto better = [&](std::size_t x, std::size_t y) {
            const std::int64_t px = m_profit[x * months + k], py = m_profit[y * months + k];
            if (px != py) return px > py;
            return m_refs[x] < m_refs[y];
        };
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(quota),
                          order.end(), better);
        std::fill(vip.begin(), vip.end(), 0);
        for (std::size_t r = 0; r < quota; ++r) vip[order[r]] = 1;
        const std::int64_t cutOff = quota > 0 ? m_profit[order[quota - 1] * months + k] : 0;
        for (std::size_t i = 0; i < n; ++i) {
            KpiFigures& f = m_figures[m_clientPair[i] * months + k];
            if (vip[i]) ++f.vips;
            if (k == 0 || vip[i] == prevVip[i]) continue;
            const std::int64_t p = m_profit[i * months + k];
            const std::int64_t pp = m_profit[i * months + k - 1];
            VipChange ch;
            ch.client_ref = m_refs[i];
            ch.profit_12m = p == kNotAClient ? 0 : p;
            ch.prev_profit_12m = pp == kNotAClient ? 0 : pp;
            ch.cut_off = cutOff;
            ch.prev_cut_off = prevCutOff;
            if (vip[i]) {
                ++f.vips_entered;
                ch.kind = pp == kNotAClient                    ? VipChangeKind::EnteredNewClient
                          : ch.profit_12m > ch.prev_profit_12m ? VipChangeKind::EnteredProfitRose
                                                               : VipChangeKind::EnteredCutOffFell;
            } else {
                ++f.vips_left;
                ch.kind = p == kNotAClient                     ? VipChangeKind::LeftNotAClient
                          : ch.profit_12m < ch.prev_profit_12m ? VipChangeKind::LeftProfitFell
                                                               : VipChangeKind::LeftCutOffRose;
            }
            out.vip_changes[k].push_back(ch);
        }
        std::swap(vip, prevVip);
        prevCutOff = cutOff;
    }
    out.brokers.assign(months, std::vector<KpiFigures>(m_brokers));
    out.branches.assign(months, std::vector<KpiFigures>(m_branches));
    out.firm.assign(months, KpiFigures{});
    for (std::size_t p = 0; p < m_pairs.size(); ++p) {
        const auto [broker, branch] = m_pairs[p];
        for (std::size_t k = 0; k < months; ++k) {
            const KpiFigures& f = m_figures[p * months + k];
            if (broker >= 0 && static_cast<std::size_t>(broker) < m_brokers)
                out.brokers[k][static_cast<std::size_t>(broker)] += f;
            if (branch >= 0 && static_cast<std::size_t>(branch) < m_branches)
                out.branches[k][static_cast<std::size_t>(branch)] += f;
            out.firm[k] += f;
        }
    }
    return out;
}

} // namespace bd::analytics
