#pragma once
// The manager's figures of one month-end and one scope (broker, branch, firm): plain counts and
// exact money, shared by the analytics that compute them and the store that keeps them
// (definitions: docs/kpi.md).
#include <array>
#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/enums.h"

namespace bd {

/// Whose figures a KPI row holds (stored as its code).
enum class KpiScope { Unknown = 0, Firm, Branch, Broker };
template <>
inline constexpr int kEnumCodes<KpiScope> = 4;

/// A calendar month as year * 100 + month (202611), the key of the KPI history.
using KpiMonth = std::int32_t;
inline KpiMonth kpiMonthOf(Date d) {
    int y = 0, m = 0, dd = 0;
    d.toYmd(y, m, dd);
    return y * 100 + m;
}
/// "2026-11".
std::string kpiMonthText(KpiMonth m);

inline constexpr int kOutcomeCount = kEnumCodes<Outcome>;

/// The figures of one scope at one month-end A. Every member is a count or a sum, so the
/// figures of a branch are the sums of its brokers' and the firm's the sums of its branches'
/// (means and shares are derived on reading: meanSatisfaction(), coverageShare(), ...).
struct KpiFigures {
    std::int64_t clients = 0;            // accounts open at A (prospects never)
    std::int64_t active = 0;             // clients with a trade in the 90 days to A
    std::int64_t new_clients = 0;        // accounts opened in the month
    std::int64_t lost = 0;               // active at the previous month-end, not at A
    std::int64_t aum = 0;                // 0.0001 CNY: latest snapshot on or before A per client
    std::int64_t net_inflow = 0;         // 0.0001 CNY: net inflow of the month's snapshots
    std::int64_t commission = 0;         // 0.0001 CNY: commission of the month's trades
    std::int64_t profit_12m = 0;         // 0.0001 CNY: the value model's 12-month profit at A
    std::int64_t vips = 0;               // clients among the firm's VIPs at A (by 12-month profit)
    std::int64_t vips_entered = 0;       // VIPs at A who were not at the previous month-end
    std::int64_t vips_left = 0;          // VIPs at the previous month-end who are not at A
    std::int64_t cadence_clients = 0;    // clients whose service policy sets a contact cadence
    std::int64_t covered = 0;            // ... of them contacted within it at A
    std::int64_t contacts = 0;           // contacts in the month (void ones never)
    std::int64_t satisfaction_sum = 0;   // satisfaction (1-5) of the month's contacts that have one
    std::int64_t satisfaction_count = 0; // ... how many have one
    std::int64_t retention_base = 0;     // clients active 12 month-ends earlier
    std::int64_t retained = 0;           // ... of them active at A
    // Loyalty: the month's 0..10 "would you recommend" survey answers by NPS class.
    std::int64_t promoters = 0, passives = 0, detractors = 0;
    /// The month's contacts by channel and outcome (ContactChannel x Outcome codes).
    std::array<std::array<std::int64_t, kOutcomeCount>, kContactChannelCount> contact_grid{};

    KpiFigures& operator+=(const KpiFigures& o);
    bool operator==(const KpiFigures&) const = default;

    /// Mean satisfaction of the month's rated contacts; 0 when none is rated.
    double meanSatisfaction() const;
    /// covered / cadence_clients; 1 when no client has a cadence.
    double coverageShare() const;
    /// retained / retention_base; 0 when the base is empty.
    double retentionRate() const;
    /// vips_left / VIPs at the previous month-end (vips - entered + left); 0 without any.
    double vipChurnRate() const;
    /// The month's NPS (% promoters - % detractors, -100..100); 0 without answers.
    double nps() const;
    std::int64_t recommendAnswers() const { return promoters + passives + detractors; }
};

/// Why a client entered or left the VIP list between two month-ends (stored as its code).
enum class VipChangeKind {
    Unknown = 0,
    EnteredProfitRose, // profit rose to the cut-off or above
    EnteredCutOffFell, // profit did not rise but the cut-off fell below it
    EnteredNewClient,  // was not a client at the previous month-end
    LeftProfitFell,    // profit fell below the cut-off
    LeftCutOffRose,    // profit did not fall but the cut-off rose above it
    LeftNotAClient,    // no longer a client (closed) at A
};
template <>
inline constexpr int kEnumCodes<VipChangeKind> = 7;
inline bool vipEntered(VipChangeKind k) {
    return k == VipChangeKind::EnteredProfitRose || k == VipChangeKind::EnteredCutOffFell ||
           k == VipChangeKind::EnteredNewClient;
}

/// One client's entry into or exit from the VIP list at a month-end, with the facts behind it.
struct VipChange {
    std::int64_t client_ref = 0;
    VipChangeKind kind = VipChangeKind::Unknown;
    std::int64_t profit_12m = 0;      // 0.0001 CNY at A
    std::int64_t prev_profit_12m = 0; // ... at the previous month-end
    std::int64_t cut_off = 0;         // the lowest VIP's profit at A (0 without VIPs)
    std::int64_t prev_cut_off = 0;    // ... at the previous month-end
    bool operator==(const VipChange&) const = default;
};

} // namespace bd
