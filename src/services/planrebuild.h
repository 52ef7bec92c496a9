#pragma once
// Building the follow-up plan: every open client's triggers, scheduled into the brokers' days
// over the horizon, stored as a plan run (Open tasks replaced, Held ones kept, dropped items
// recorded). How the loop works and where the plan lives: docs/scheduling.md.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analytics/scheduler.h"
#include "analytics/triggers.h"
#include "core/date.h"
#include "core/result.h"
#include "services/planinputs.h"
#include "storage/db/database.h"

namespace bd::services {

/// Stage timings of a build, in milliseconds.
struct PlanTimings {
    double load_ms = 0, triggers_ms = 0, plan_ms = 0, save_ms = 0;
};

/// What a rebuild produced.
struct PlanSummary {
    std::int64_t run_id = 0;
    Date as_of, first_day, last_day;
    std::size_t clients = 0;    // open clients looked at
    std::size_t candidates = 0; // clients with at least one trigger
    std::size_t planned = 0;
    /// Planned and dropped on the service desk's queue (kServiceDeskQueue), never a broker's.
    std::size_t service_desk_planned = 0, service_desk_dropped = 0;
    std::size_t held = 0; // kept bookings (rescheduled, retries, promises) in the horizon
    std::vector<std::pair<Date, std::size_t>> per_day;        // planned calls per working day
    std::map<analytics::TriggerKind, std::size_t> by_trigger; // planned calls per reason kind
    std::map<analytics::DropReason, std::size_t> dropped_by_reason;
    std::vector<analytics::DroppedItem> dropped; // all of them, by broker and priority
    /// Deadlines in the horizon per trigger kind whose deadline it is, and those missed.
    std::map<ReasonKind, std::size_t> deadlines_by_kind, shortfalls_by_kind;
    /// Every deadline missed (planned late, or not planned), by broker and priority.
    std::vector<analytics::DroppedItem> shortfalls;
    std::vector<std::string> warnings;
    PlanTimings timings;
    /// The build was cancelled (PlanOptions::cancel): nothing was written, the rest is empty.
    bool cancelled = false;
};

/// Rebuilds the plan as of `options.as_of`: replaces every Open task, keeps Held ones, stores the
/// run with its dropped items. Deterministic for the same book and options.
Result<PlanSummary> rebuildPlan(storage::Database& db, const PlanOptions& options = {});

/// The days of the newest plan build.
struct PlanDays {
    Date as_of, first_day;
};

/// The newest plan build's days; nullopt before the first build.
Result<std::optional<PlanDays>> latestPlanDays(storage::Database& db);

} // namespace bd::services
