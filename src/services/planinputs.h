#pragma once
// What the planner reads from the book: every open client's signals for the triggers, the
// brokers' capacities, the bookings kept across rebuilds and the scheduler's settings, with one
// set-based query per kind of data. The rebuild plans from it; coverage reads its lighter form.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
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
    /// Relationship type (0..4) whose policy a dormant client without assets gets when its own
    /// policy would have a broker call it (analytics::dormantWithoutAssets): reactive, the
    /// service desk's reactivation every 120 days by SMS or WeChat.
    int dormant_relationship_type = 1;
    /// Whether a VIP stays with its broker even when its segment's policy is served by the
    /// service desk or automated. Off: the policy decides, and no client of a desk-served segment
    /// is ever on a broker's list (issue 20); on for a firm that keeps its top 5% with brokers.
    bool vips_stay_with_broker = false;
    /// Calls a day on the service desk's queue; 0 = the book's setting
    /// `plan.service_desk_capacity`, else kServiceDeskCallsPerBroker for each broker of the book.
    int service_desk_daily_capacity = 0;
    /// The share of a broker's capacity low-value clients' slipping-away calls may take
    /// (analytics::SchedulerConfig::low_value_slipping_share); unset = the book's setting
    /// `plan.low_value_slipping_share`, else 0.25.
    std::optional<double> low_value_slipping_share;
    /// Set (from any thread) to stop the build: checked between its stages (load, triggers,
    /// scheduling, save); the plan is written in one transaction at the end, so a cancelled
    /// build leaves the book as it was (PlanSummary::cancelled).
    const std::atomic<bool>* cancel = nullptr;
    /// Called at each stage's start with the fraction of the build done (0..1).
    std::function<void(double fraction)> progress;
};

/// The service desk's daily calls, per broker of the book, when neither the options nor the book
/// say otherwise: a desk a third the size of the brokers' default capacity (30 a day each).
/// On the 20,000-client demo book (57 brokers, 570 a day) the desk's queue holds 6,571 items in
/// ten working days, of which a desk of 200 a day dropped 4,571.
inline constexpr int kServiceDeskCallsPerBroker = 10;
/// The book's setting of the service desk's daily calls.
inline constexpr std::string_view kServiceDeskCapacitySetting = "plan.service_desk_capacity";
/// The book's setting of the low-value slipping-away share (0..1).
inline constexpr std::string_view kSlippingShareSetting = "plan.low_value_slipping_share";

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
    int service_desk_daily_capacity = 0;     // the desk queue's calls a day this build uses
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
