#pragma once
// Coverage: per broker and branch, the share of clients contacted within their cadence, the
// overdue plan items, and the VIPs beyond their cadence.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/facts.h"
#include "core/result.h"
#include "services/planinputs.h"
#include "storage/db/database.h"

namespace bd::services {

/// A VIP not contacted within its cadence.
struct NeglectedVip {
    std::string client_id, name, broker_id, branch_id;
    int cadence_days = 0;
    std::optional<Date> last_contact;
    int days_since = 0; // since last contact, or since opening when never contacted
};

/// A deadline the newest plan could not meet (core/facts.h DeadlineMissed): whose, by when,
/// and when it is planned, if at all.
struct DeadlineShortfall {
    std::string client_id, name, broker_id, branch_id;
    ReasonKind kind = ReasonKind::Unknown; // the trigger whose deadline it is
    Date deadline;
    std::optional<Date> planned; // planned late on this day; nullopt = not planned
    double priority = 0;
    DropFact why; // worded by phrase::drop
};

/// Coverage of one broker or branch.
struct CoverageLine {
    std::string id;          // broker id or branch id
    std::string branch_id;   // for a broker line
    std::size_t clients = 0; // clients with a proactive cadence
    std::size_t covered = 0; // contacted within their cadence
    double share = 0;        // covered / clients (1 when there are none: see hasClients)
    std::size_t overdue = 0; // overdue to-do items
    std::size_t vips = 0;
    std::size_t neglected_vips = 0;
    std::size_t deadlines_missed = 0; // by the newest plan: planned late or not planned
    /// Whether the share means anything: a broker with no client to cover (new, or none in
    /// view) is shown as such, never as fully covered.
    bool hasClients() const { return clients > 0; }
};

struct CoverageReport {
    Date as_of;
    std::vector<CoverageLine> brokers;  // by broker id
    std::vector<CoverageLine> branches; // by branch id
    CoverageLine total;
    std::vector<NeglectedVip> neglected;       // most overdue first
    std::optional<Date> plan_as_of;            // the newest plan's as-of (its shortfalls are below)
    std::vector<DeadlineShortfall> shortfalls; // earliest deadline first, then priority
};

/// Per broker and branch: share of clients contacted within their cadence, overdue items and
/// VIPs beyond their cadence; the deadlines the newest plan could not meet.
Result<CoverageReport> computeCoverage(storage::Database& db, std::optional<Date> asOf = {},
                                       const PlanOptions& options = {});

} // namespace bd::services
