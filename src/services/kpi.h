#pragma once
// The KPI history use case (docs/kpi.md): back-fills every month-end of a book from its
// trades, snapshots and contacts and keeps it at each refresh; reads it back with the brokers'
// and branches' names for the CLI's `kpi` and the manager's dashboard.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analytics/kpi.h"
#include "analytics/profitmodel.h"
#include "core/date.h"
#include "core/kpi.h"
#include "core/result.h"
#include "phrasebook/phrasebook.h"
#include "services/peopletable.h"
#include "storage/book/clientqueries.h"
#include "storage/book/kpistore.h"
#include "storage/db/database.h"

namespace bd::services {

using storage::KpiQuery;
using storage::KpiRow;
using storage::KpiVipReviewRow;

struct KpiUpdateOptions {
    /// The last day of the history; default: the latest trade date (today without trades).
    std::optional<Date> as_of;
    /// Recompute and rewrite every month. Otherwise complete months already stored are kept
    /// as they were computed, and only missing months and the open one are written.
    bool rebuild = false;
    /// The value model to use instead of the book's stored one (not saved).
    std::optional<analytics::ValueModelParams> params;
    /// Clients read per client range (bounds the memory of the read, not the result).
    std::size_t chunk_clients = 4096;
};

struct KpiUpdateSummary {
    Date as_of;
    std::size_t clients = 0;        // clients counted (prospects never)
    std::size_t months = 0;         // month-ends computed
    std::size_t months_written = 0; // of them written (missing, open, or all on a rebuild)
    double read_ms = 0, compute_ms = 0, write_ms = 0, total_ms = 0;
    double inputs_ms = 0; // of read_ms: the clients and their cadences
};

/// Computes the KPIs of every month-end of the book's history (from its first trade, else
/// its first snapshot) up to the as-of date and stores the months not yet stored. A batch
/// write of derived data (as the refresh's), not a person's edit: no audit rows.
Result<KpiUpdateSummary> updateKpiHistory(storage::Database& db,
                                          const KpiUpdateOptions& options = {});

/// Moves the rows of client `ref` of one read (storage::loadKpiHistory) into `h`: the cursors
/// d, s, c (trade days, snapshots, contacts) start at its first rows and end past its last.
void takeKpiHistory(std::int64_t ref, const storage::KpiHistoryRows& rows, std::size_t& d,
                    std::size_t& s, std::size_t& c, analytics::KpiClientHistory& h);

/// A stored row with the name of its broker or branch (and a broker's branch).
struct KpiLine {
    KpiRow row;
    std::string name;      // "" when the book has none (or for the firm)
    std::string branch_id; // a broker's branch
};
/// Stored rows as `query` selects them, named.
Result<std::vector<KpiLine>> loadKpiLines(storage::Database& db, const KpiQuery& query);

/// One column of the figures as the CLI, the exports and the dashboard show them.
enum class KpiColumnKind { Count, Money, Share, Mean };
struct KpiColumn {
    std::string id; // "clients", "aum", "retention", "contacts_phone", "outcome_reached", ...
    KpiColumnKind kind = KpiColumnKind::Count;
    /// The value: counts as numbers, money in CNY, shares as fractions 0..1.
    std::function<double(const KpiFigures&)> value;
};
/// Every column, in the order docs/kpi.md defines them; then contacts per channel and per
/// outcome.
const std::vector<KpiColumn>& kpiColumns();

/// One broker's or branch's line on the manager's dashboard: the month, the month before,
/// and the last months of two figures for the trend lines.
struct KpiBoardLine {
    KpiScope scope = KpiScope::Unknown;
    std::string id, name, branch_id;
    KpiFigures now;
    std::optional<KpiFigures> before;     // the previous stored month, when there is one
    std::vector<double> trend_commission; // CNY per month, oldest first, up to the month
    std::vector<double> trend_profit;     // 12-month profit (CNY) at each month-end
};
/// The dashboard's figures of one month.
struct KpiBoard {
    KpiMonth month = 0;
    Date as_of;
    bool open = false;                  // the month is still open: its figures are as of `as_of`
    std::vector<KpiMonth> trend_months; // the months of the trend lines, oldest first
    /// The firm's line; none where the book does not show it (on a branch server a branch
    /// manager reads their branch's lines, a broker their own).
    std::optional<KpiBoardLine> firm;
    std::vector<KpiBoardLine> brokers, branches; // by id
    std::vector<KpiVipReviewRow> vip_review;
    /// The book's brokers with no figures in the month (no clients then: a new broker), by id:
    /// a manager sees every broker of the branch, those without clients said to have none
    /// rather than shown as a line of zeros. On a branch server the book holds the login's own
    /// brokers only (storage::keepLoginsPeople).
    std::vector<storage::BrokerEntry> without_clients;
};
/// The board of `month` (default: the latest whole month stored) with `trendMonths` months of
/// trend; NotFound when no history is stored, InvalidInput when that month is not.
Result<KpiBoard> loadKpiBoard(storage::Database& db, std::optional<KpiMonth> month = {},
                              int trendMonths = 12);

/// The line a board's figures are headed by: the firm's, else the one branch (a branch
/// manager's) or the one broker (a broker's) the book shows; null when there is none.
const KpiBoardLine* kpiHeadline(const KpiBoard& board);

/// The monthly branch report (XLSX or CSV for people, services/peopletable.h): each branch
/// with its brokers under it, then the firm; every column of kpiColumns(), month-over-month
/// change of commission and profit, in the chosen language.
PeopleTable kpiReportTable(const KpiBoard& board, phrase::Lang lang);

/// The months stored, ascending, with the day each is as of.
Result<std::vector<std::pair<KpiMonth, Date>>> kpiMonths(storage::Database& db);

/// Back-fills the KPI history (as a refresh would) when the book has none stored yet, so that a
/// report can be written from a book never refreshed.
Status ensureKpiHistory(storage::Database& db);

} // namespace bd::services
