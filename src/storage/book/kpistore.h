#pragma once
// The KPI history's storage (schema v9, docs/kpi.md): what the computation reads (clients and,
// client range by client range, their trade days, snapshots and contacts) and the stored
// figures per month and scope, their contacts by channel and outcome, and the VIP list's
// changes. Plain structs and functions only, so another store can offer the same.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/kpi.h"
#include "core/result.h"
#include "storage/book/tradedays.h"
#include "storage/db/database.h"

namespace bd::storage {

/// A client as the KPIs attribute it: to its broker and branch (its own, else its broker's).
struct KpiClientRow {
    std::int64_t ref = 0;
    std::string client_id;
    std::string broker_id;
    std::string branch_id;
    Date open_date;
    ClientStatus status = ClientStatus::Unknown;
};

/// Every client, in client_ref order (prospects included: the caller leaves them out).
Result<std::vector<KpiClientRow>> loadKpiClients(Database& db);

/// One asset snapshot as the KPIs read it (0.0001 CNY; a missing net inflow reads 0).
struct KpiSnapshotRow {
    std::int64_t client_ref = 0;
    Date date;
    std::int64_t cash = 0, aum = 0, net_inflow = 0;
};
/// One contact that is not void (satisfaction 0 when none was given).
struct KpiContactRow {
    std::int64_t client_ref = 0;
    DateTime at;
    int channel = 0, outcome = 0, satisfaction = 0;
    int recommend = -1; // the survey's 0..10 answer the contact carries, -1 none
};
/// The history of the clients lo..hi, each part in (client_ref, date) order.
struct KpiHistoryRows {
    std::vector<TradeDayRow> days;
    std::vector<KpiSnapshotRow> snapshots;
    std::vector<KpiContactRow> contacts;
};
/// Reads the history of clients lo..hi (trade_days must be up to date: syncTradeDays). With
/// `from`, only what lies on or after it, plus each client's latest snapshot and contact
/// before it (AUM and days since the last contact carry over); trade days may start earlier.
Status loadKpiHistory(Database& db, std::int64_t lo, std::int64_t hi, KpiHistoryRows& out,
                      std::optional<Date> from = std::nullopt);

/// The first day of the book's history: its first trade, else its first snapshot; nullopt
/// for a book with neither.
Result<std::optional<Date>> firstHistoryDate(Database& db);

/// One stored row of figures.
struct KpiRow {
    KpiMonth month = 0;
    KpiScope scope = KpiScope::Unknown;
    std::string scope_id; // broker or branch id; "" for the firm
    Date as_of;           // the month-end, or the as-of date of a month still open
    DateTime computed_at;
    KpiFigures figures;
};

/// A month's VIP change of one client (kpi_vip_changes).
struct KpiVipChangeRow {
    KpiMonth month = 0;
    VipChange change;
};

/// Replaces the stored figures, contacts and VIP changes of every month that `rows` holds
/// (all scopes of those months) in one transaction. Other months stay, unless `replaceAll`:
/// then the stored history is exactly `rows` and `changes`.
Status saveKpiMonths(Database& db, const std::vector<KpiRow>& rows,
                     const std::vector<KpiVipChangeRow>& changes, bool replaceAll = false);

/// Which rows to read: a scope (Unknown: every scope), a scope id ("" with a scope other than
/// the firm: every id of it), and a month range (inclusive; 0 = open).
struct KpiQuery {
    KpiScope scope = KpiScope::Unknown;
    std::string scope_id;
    KpiMonth from = 0, to = 0;
};
/// Stored rows in (month, scope, scope_id) order, their contact grids filled.
Result<std::vector<KpiRow>> loadKpiMonths(Database& db, const KpiQuery& query);

/// The months stored (any scope the book shows), ascending, with the day each is as of.
Result<std::vector<std::pair<KpiMonth, Date>>> storedKpiMonths(Database& db);

/// A broker's or branch's name (and a broker's branch) for showing the figures.
struct KpiScopeName {
    KpiScope scope = KpiScope::Unknown;
    std::string id, name, branch_id;
};
/// Every broker and branch, brokers first, each by id.
Result<std::vector<KpiScopeName>> loadKpiScopeNames(Database& db);

/// A month's VIP change with the client's id, name and broker.
struct KpiVipReviewRow {
    VipChange change;
    std::string client_id, name, broker_id;
};
/// The VIP changes of a month (entered first, then left; each by profit, highest first).
Result<std::vector<KpiVipReviewRow>> loadVipReview(Database& db, KpiMonth month);

} // namespace bd::storage
