#pragma once
// Use cases of the follow-up plan (the broker's morning): build the plan from the book, read a
// broker's days, log contacts, reschedule or skip items, list overdue items and coverage.
// The CLI (plan, export calllist, log-contact, coverage) and the workstation's Today view call
// these. How the loop works and where the plan lives: docs/scheduling.md.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/scheduler.h"
#include "analytics/triggers.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/enums.h"
#include "core/facts.h"
#include "core/result.h"
#include "services/calllistexport.h"
#include "storage/book/planstore.h"
#include "storage/db/database.h"

namespace bd::services {

using storage::TaskStatus;

/// The local date today.
Date localToday();

/// The book's calendar: the built-in exchange calendar with the book's calendar_days merged on top.
Result<Calendar> loadBookCalendar(storage::Database& db);

/// How to build a plan.
struct PlanOptions {
    std::optional<Date> as_of; // default: today
    int horizon_working_days = 10;
    int default_daily_capacity = 30; // brokers.daily_capacity > 0 overrides it per broker
    analytics::TriggerConfig triggers;
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
    std::unordered_map<std::int64_t, std::vector<ContactChannel>> channel_order; // by client_ref
};

/// Reads everything the planner needs with one set-based query per kind of data.
Result<PlanInputs> loadPlanInputs(storage::Database& db, const PlanOptions& options = {});

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
    std::size_t held = 0; // kept bookings (rescheduled, retries, promises) in the horizon
    std::vector<std::pair<Date, std::size_t>> per_day;        // planned calls per working day
    std::map<analytics::TriggerKind, std::size_t> by_trigger; // planned calls per reason kind
    std::map<analytics::DropReason, std::size_t> dropped_by_reason;
    std::vector<analytics::DroppedItem> dropped; // all of them, by broker and priority
    std::vector<std::string> warnings;
    PlanTimings timings;
};

/// Rebuilds the plan as of `options.as_of`: replaces every Open task, keeps Held ones, stores the
/// run with its dropped items. Deterministic for the same book and options.
Result<PlanSummary> rebuildPlan(storage::Database& db, const PlanOptions& options = {});

/// One plan item as the Today view and the call list show it.
struct PlanItem {
    std::int64_t task_id = 0;
    std::int64_t client_ref = 0;
    std::string client_id, name, phone, broker_id, branch_id;
    Date date;
    std::optional<Date> due;
    ContactChannel channel = ContactChannel::Phone;
    bool channel_fallback = false;
    std::string time_window;
    double priority = 0;
    std::vector<std::string> trigger_kinds; // "cadence", "birthday", ... (factKey of reasons)
    std::vector<Reason> reasons;            // most urgent first (phrase::reasons words them)
    std::vector<Reason> talking_points;     // phrase::points words them
    storage::TaskStatus status = storage::TaskStatus::Open;
    int attempts = 0;
    int late_working_days = 0;
    std::string value_tier; // VIP, A, B, C ("" when the book has no value scores)
    std::optional<Date> last_contact;
    std::string segment_fact;           // a generated segment name (core/facts.h), else ""
    std::string segment_zh, segment_en; // a name the user typed (phrase::segmentName)
};

/// One broker's to-do items (Open and Held) planned from `from` to `to` inclusive.
Result<std::vector<PlanItem>> loadBrokerPlan(storage::Database& db, const std::string& brokerId,
                                             Date from, Date to);

/// To-do items planned or due before `asOf` (every broker when `brokerId` is empty).
Result<std::vector<PlanItem>> listOverdue(storage::Database& db, const std::string& brokerId,
                                          Date asOf);

/// Call-list rows for items (phones masked when asked, words in the chosen language).
std::vector<CallListRow> callListRowsFor(const std::vector<PlanItem>& items,
                                         const CallListOptions& options);

/// A contact to log.
struct ContactLog {
    std::string client_id;
    ContactChannel channel = ContactChannel::Phone;
    Outcome outcome = Outcome::Reached;
    std::optional<int> satisfaction; // 1..5
    std::string notes;
    std::optional<Date> next_follow_up; // a promised follow-up date
    std::optional<DateTime> at;         // default: now
    Direction direction = Direction::Outbound;
};

/// What logging a contact did to the plan.
struct ContactLogResult {
    std::int64_t contact_id = 0;
    std::int64_t client_ref = 0;
    std::string broker_id;                      // the client's broker, whose plan changed
    std::optional<std::int64_t> completed_task; // the open item it closed
    std::optional<std::int64_t> retry_task;     // no answer: the retry booked
    std::optional<Date> retry_date;
    ContactChannel retry_channel = ContactChannel::Unknown;
    int no_answer_streak = 0; // consecutive no-answers including this one
    bool channel_switched = false;
    std::optional<std::int64_t> promised_task; // --next: the promised call booked
    std::optional<Date> promised_date;
};

/// Records a contact and updates the plan: the client's open item is completed; no answer books
/// a retry on the next working day, on the next channel of the client's list after every two
/// consecutive failures; a next follow-up date books a promised call (kept across rebuilds), and
/// so does a "callback" outcome without a date (on the next working day). The client list's
/// summary learns the client's last contact in the same transaction.
Result<ContactLogResult> logContact(storage::Database& db, const ContactLog& log);

/// The days of the newest plan build.
struct PlanDays {
    Date as_of, first_day;
};

/// The newest plan build's days; nullopt before the first build.
Result<std::optional<PlanDays>> latestPlanDays(storage::Database& db);

/// Moves a to-do item to `date` (the first working day on or after it) and keeps it across
/// rebuilds. InvalidInput when the item is done or skipped.
Result<Date> rescheduleItem(storage::Database& db, std::int64_t taskId, Date date);

/// Skips a to-do item with a reason (required). InvalidInput when done or skipped already.
Status skipItem(storage::Database& db, std::int64_t taskId, const std::string& reason);

/// A VIP not contacted within its cadence.
struct NeglectedVip {
    std::string client_id, name, broker_id, branch_id;
    int cadence_days = 0;
    std::optional<Date> last_contact;
    int days_since = 0; // since last contact, or since opening when never contacted
};

/// Coverage of one broker or branch.
struct CoverageLine {
    std::string id;          // broker id or branch id
    std::string branch_id;   // for a broker line
    std::size_t clients = 0; // clients with a proactive cadence
    std::size_t covered = 0; // contacted within their cadence
    double share = 0;        // covered / clients (1 when there are none)
    std::size_t overdue = 0; // overdue to-do items
    std::size_t vips = 0;
    std::size_t neglected_vips = 0;
};

struct CoverageReport {
    Date as_of;
    std::vector<CoverageLine> brokers;  // by broker id
    std::vector<CoverageLine> branches; // by branch id
    CoverageLine total;
    std::vector<NeglectedVip> neglected; // most overdue first
};

/// Per broker and branch: share of clients contacted within their cadence, overdue items and
/// VIPs beyond their cadence.
Result<CoverageReport> computeCoverage(storage::Database& db, std::optional<Date> asOf = {},
                                       const PlanOptions& options = {});

/// The order in which channels are tried for a client: its preferred channel, then its
/// policy's channels, then phone (no repeats).
std::vector<ContactChannel> channelOrder(ContactChannel preferred,
                                         const std::vector<ContactChannel>& policy);

/// The channel to use after `noAnswerStreak` consecutive failures: every two failures move on
/// to the next channel of `order` (wrapping around).
ContactChannel channelAfterFailures(const std::vector<ContactChannel>& order, int noAnswerStreak);

} // namespace bd::services
