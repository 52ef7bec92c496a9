#pragma once
// What the planner reads from the book: every open client's signals for the triggers, the
// brokers' capacities, the bookings kept across rebuilds and the scheduler's settings, with one
// set-based query per kind of data. The rebuild plans from it; coverage reads its lighter form.
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analytics/scheduler.h"
#include "analytics/triggers.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/enums.h"
#include "core/result.h"
#include "storage/book/planstore.h"
#include "storage/db/database.h"

namespace bd::services {

/// How to build a plan.
struct PlanOptions {
    std::optional<Date> as_of; // default: today
    int horizon_working_days = 10;
    int default_daily_capacity = 30; // brokers.daily_capacity > 0 overrides it per broker
    /// Thresholds and weights; its deadline_days are the starting point of the deadlines.
    analytics::TriggerConfig triggers;
    /// Whether the deadlines stored in the book (services/deadlinesettings.h) apply over
    /// triggers.deadline_days.
    bool book_deadlines = true;
    /// Deadlines for this build only (e.g. `plan --deadline asset_outflow=2`), applied last.
    std::vector<std::pair<ReasonKind, int>> deadline_overrides;
    /// Relationship type (0..4) used for clients without a segment; its policy gives the cadence.
    int unsegmented_relationship_type = 2; // accountable: every 60 days by phone
    /// Days back a next_follow_up promise is still looked at (older ones: the cadence takes over).
    int promise_lookback_days = 90;
};

/// What the adapter read from the book, ready for the triggers (one entry per open client).
struct PlanInputs {
    Date as_of;
    Calendar calendar;
    std::vector<analytics::ClientSignals> client_signals;
    std::vector<storage::PlanClientRow> clients; // same order as client_signals
    std::vector<analytics::BrokerCapacity> brokers;
    std::vector<analytics::ExistingBooking> booked; // Held tasks
    analytics::SchedulerConfig scheduler;
    analytics::DeadlineDays deadline_days{}; // the deadlines this build uses
    std::unordered_map<std::int64_t, std::vector<ContactChannel>> channel_order; // by client_ref
};

/// Reads everything the planner needs with one set-based query per kind of data.
Result<PlanInputs> loadPlanInputs(storage::Database& db, const PlanOptions& options = {});

/// Each client's contact cadence as its service policy sets it now (days; 0 = none): by the
/// relationship type of its segment in the newest segmentation, else options'
/// unsegmented_relationship_type. Two small reads, for callers that need no other signal.
struct ClientCadences {
    std::unordered_map<std::int64_t, int> by_client; // segmented clients, by client_ref
    int unsegmented = 0;                             // everyone else's
    int of(std::int64_t ref) const {
        auto it = by_client.find(ref);
        return it == by_client.end() ? unsegmented : it->second;
    }
};
Result<ClientCadences> loadClientCadences(storage::Database& db, const PlanOptions& options = {});

/// Reads only what coverage needs (clients, cadences, scores, segments, contacts): no assets,
/// trades, holdings, promises or held tasks, so their signals stay empty.
Result<PlanInputs> loadCoverageInputs(storage::Database& db, const PlanOptions& options = {});

} // namespace bd::services
