#pragma once
// The KPI history: for every month-end, per broker, branch and firm, the figures of
// core/kpi.h computed from each client's plain history (trade days, asset snapshots, contacts),
// one client at a time, so a whole book never has to be held in memory (docs/kpi.md).
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "analytics/profitmodel.h"
#include "core/date.h"
#include "core/kpi.h"

namespace bd::analytics {

/// A client is active at a date when it traded in the 90 days up to it (a quarter: a
/// 12-month window would call a client lost a year after his last trade).
inline constexpr int kKpiActiveWindowDays = 90;

/// The month-ends from the month of `first` up to `asOf`, ascending; when `asOf` is not a
/// month-end it ends the list itself (the open month, to date). Empty when first > asOf.
std::vector<Date> kpiMonthEnds(Date first, Date asOf);
/// The last day of the month before `d`'s month.
Date previousMonthEnd(Date d);
/// The month-end 12 months before a month-end; for any other date the same day a year
/// earlier (the 28th for a 29 February).
Date yearEarlier(Date d);

/// What the KPIs need to know about a client besides its history.
struct KpiClient {
    std::int64_t client_ref = 0;
    std::int32_t broker = 0; // index of the client's broker in the caller's list
    std::int32_t branch = 0; // index of the client's branch in the caller's list
    Date open_date;
    bool closed = false;  // closed account: a client up to the month of its last activity
    int cadence_days = 0; // its service policy's contact cadence; 0 = none
};

/// One client's history, each part in ascending date order. Money in 0.0001 CNY.
struct KpiClientHistory {
    std::vector<std::int32_t> trade_day; // days with trades (Date::days), distinct
    std::vector<std::int64_t> trade_amount, trade_commission;
    std::vector<std::int32_t> snapshot_day;
    std::vector<std::int64_t> snapshot_cash, snapshot_aum, snapshot_inflow;
    std::vector<std::int32_t> contact_day;                      // void contacts left out
    std::vector<std::uint8_t> contact_channel, contact_outcome; // codes (bounded by the reader)
    std::vector<std::uint8_t> contact_satisfaction;             // 1-5, 0 = none given
    std::vector<std::uint8_t> contact_recommend; // survey's 0..10 answer + 1, 0 = none
    void clear();
};

/// Figures of every month-end: per broker and branch (by the caller's indices) and the firm,
/// and the VIP list's changes at each month-end (none at the first, which has no month before).
struct KpiHistory {
    std::vector<Date> month_ends;
    std::vector<std::vector<KpiFigures>> brokers;    // [month][broker]
    std::vector<std::vector<KpiFigures>> branches;   // [month][branch]
    std::vector<KpiFigures> firm;                    // [month]
    std::vector<std::vector<VipChange>> vip_changes; // [month], by client_ref
};

/// Builds the history client by client: add() each client once, then finish().
class KpiBuilder {
  public:
    /// Month-ends ascending (kpiMonthEnds); params: the value model (profit, VIP share).
    KpiBuilder(std::vector<Date> monthEnds, std::size_t brokers, std::size_t branches,
               const ValueModelParams& params);
    void add(const KpiClient& client, const KpiClientHistory& history);
    /// VIPs of each month-end (firm-wide ranking by 12-month profit), then the scopes' sums.
    KpiHistory finish();

  private:
    KpiFigures& bucket(std::int32_t broker, std::int32_t branch, std::size_t month);

    std::vector<Date> m_ends;
    std::size_t m_brokers, m_branches;
    ValueModelParams m_params;
    // Figures per (broker, branch) pair and month: [pair * months + month].
    std::unordered_map<std::int64_t, std::size_t> m_pairIndex;
    std::vector<std::pair<std::int32_t, std::int32_t>> m_pairs;
    std::vector<KpiFigures> m_figures;
    // Per client: ref, pair, and per month the 12-month profit (kNotAClient when it was not a
    // client at that month-end).
    std::vector<std::int64_t> m_refs;
    std::vector<std::size_t> m_clientPair;
    std::vector<std::int64_t> m_profit; // [client * months + month]
};

/// Marks a month-end at which the client was not a client (never a VIP, never counted).
inline constexpr std::int64_t kNotAClient = INT64_MIN;

} // namespace bd::analytics
