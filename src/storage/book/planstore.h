#pragma once
// SQL of the follow-up plan: set-based loaders of what the triggers look at (one query per kind
// of data for the whole book, never one per client), and the plan itself (plan_runs,
// follow_up_tasks, plan_tasks, plan_dropped). Plain rows in and out; the service joins them.
//
// follow_up_tasks is the plan: one row per planned call. Its status (TaskStatus) says whether
// the planner may replace it: a rebuild deletes every Open task and books afresh, while Held
// tasks (rescheduled by hand, a retry after no answer, a promised call-back) stay and count as
// existing bookings. reasons and talking_points hold facts, never words: a JSON array of kinds
// with their arguments (core/facts.h, encodeFacts; schema v7 converted older plans).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// follow_up_tasks.status codes.
enum class TaskStatus {
    Open = 0,      // planned by a run; the next rebuild replaces it
    Done = 1,      // a contact completed it (contact_id set)
    Skipped = 2,   // skipped by the broker (skip_reason set)
    Held = 3,      // still to do, kept across rebuilds (rescheduled, retry, promised call-back)
    Attempted = 4, // a contact was tried and failed (no answer); a Held retry follows
};

} // namespace bd::storage

template <>
inline constexpr int bd::kEnumCodes<bd::storage::TaskStatus> = 5;

namespace bd::storage {

/// A client as the planner sees it (closed accounts are left out).
struct PlanClientRow {
    std::int64_t ref = 0;
    std::string client_id, name, phone, broker_id, branch_id; // branch: the client's, else broker's
    Date open_date;
    std::optional<Date> birth_date;
    std::string id_number;
    int risk_level = 0;
    int status = 0;
    int preferred_channel = 0;
    std::string contact_hours;
    std::optional<Date> risk_assessed_on;
};
/// Every client not closed, ordered by ref; only one broker's when `brokerId` is not empty.
Result<std::vector<PlanClientRow>> loadPlanClients(Database& db, const std::string& brokerId = {});

/// One client by ref (nullopt when unknown), closed or not.
Result<std::optional<PlanClientRow>> loadPlanClient(Database& db, std::int64_t ref);

/// The client's relationship type in the newest segmentation (nullopt when unlabelled).
Result<std::optional<int>> clientRelationshipType(Database& db, std::int64_t ref);

/// Number of clients scored by the newest scored value run (0 when none).
Result<std::int64_t> latestScoredCount(Database& db);

/// A client's result in the newest scored value run.
struct PlanScoreRow {
    std::int64_t ref = 0;
    double value_score = 0;
    double p_alive = 0;
    bool vip = false;
    std::int64_t value_rank = 0; // 1 = most valuable in the firm
};
/// The newest scored "value" run's scores (empty when the book was never refreshed) and the run's
/// client count (for tiers by rank).
Result<std::vector<PlanScoreRow>> loadLatestScores(Database& db, std::int64_t* scoredClients);

/// A client's segment in the newest segmented run.
struct PlanSegmentRow {
    std::int64_t ref = 0;
    int segment_id = 0;
    int relationship_type = 0;
    std::string name_en, name_zh;
};
/// The newest segmentation's labels with segment names and relationship types (empty if none).
Result<std::vector<PlanSegmentRow>> loadLatestSegments(Database& db);

/// The last two asset snapshots on or before as-of (previous absent when there is only one).
struct PlanAssetRow {
    std::int64_t ref = 0;
    std::optional<Date> previous_date;
    Money previous_aum;
    Date current_date;
    Money current_aum;
    std::optional<Money> net_inflow; // of the current snapshot: flows since the previous one
};
Result<std::vector<PlanAssetRow>> loadLatestAssetPairs(Database& db, Date asOf);

/// Trading activity from trade_days: the last trade day on or before as-of and the number of
/// trade days in the 365 days up to it.
struct PlanTradeRow {
    std::int64_t ref = 0;
    Date last_trade;
    int trade_days_12m = 0;
};
Result<std::vector<PlanTradeRow>> loadTradeActivity(Database& db, Date asOf);

/// What the contacts up to the end of as-of say about a client. A "no answer" attempt is not a
/// contact: last_contact counts the others only.
struct PlanContactRow {
    std::int64_t ref = 0;
    std::optional<Date> last_contact;
    std::optional<Date> last_complaint;
    std::optional<Date> last_satisfaction_date;
    int last_satisfaction = 0;
    int no_answer_streak = 0;     // "no answer" attempts since the last other contact
    int last_attempt_channel = 0; // channel of the latest of those attempts
    // The last contact other than "no answer": its channel, outcome and satisfaction.
    int last_channel = 0;
    int last_outcome = 0;
    std::optional<int> last_contact_satisfaction;
};
Result<std::vector<PlanContactRow>> loadContactSummaries(Database& db, Date asOf);

/// A next_follow_up promised in a contact, with the contact's notes (what was promised).
struct PlanPromiseRow {
    std::int64_t ref = 0;
    Date on;
    std::string notes;
};
/// next_follow_up dates promised in contacts, from `since` on, by client and date.
Result<std::vector<PlanPromiseRow>> loadPromisedFollowUps(Database& db, Date since, Date asOf);

/// One holding of a client's latest positions snapshot on or before as-of (quantity > 0).
struct PlanHoldingRow {
    std::int64_t ref = 0;
    std::string security_code, name;
    int risk_level = 0; // R level, 0 unrated / no metadata
    int board = 0;      // core Board code, 0 unknown
    int client_risk_level = 0;
    std::int64_t quantity = 0;
    std::optional<Money> cost_price; // per unit; unknown when the positions file had none
    Money close_price;
};
Result<std::vector<PlanHoldingRow>> loadLatestHoldings(Database& db, Date asOf);

struct PlanBrokerRow {
    std::string broker_id, name, branch_id;
    int daily_capacity = 0; // 0 = the default
};
Result<std::vector<PlanBrokerRow>> loadPlanBrokers(Database& db);
/// Sets a broker's calls per day (0: the plan's default). False when there is no such broker.
Result<bool> setBrokerCapacity(Database& db, const std::string& brokerId, int perDay);

/// channel_limits rows as (channel code, per day).
Result<std::vector<std::pair<int, int>>> loadChannelLimits(Database& db);
/// Sets a channel's limit per day, or removes it (none: only the broker's capacity limits it).
Status setChannelLimit(Database& db, int channel, std::optional<int> perDay);

/// calendar_days rows as (date, kind code, name).
struct CalendarDayRow {
    Date date;
    int kind = 0;
    std::string name;
};
Result<std::vector<CalendarDayRow>> loadCalendarDays(Database& db);

/// One follow_up_tasks row.
struct TaskRow {
    std::int64_t id = 0;
    std::int64_t client_ref = 0;
    std::string broker_id;
    Date planned_date;
    std::optional<Date> due_date;
    int channel = 0;
    std::string time_window;
    double priority = 0;
    std::string reasons;        // encoded facts (core/facts.h)
    std::string talking_points; // encoded facts
    TaskStatus status = TaskStatus::Open;
    int attempts = 0;
    std::string skip_reason;
    std::optional<std::int64_t> contact_id;
    std::int64_t created_at = 0; // DateTime seconds
    // From plan_tasks when a run created it.
    int late_working_days = 0;
    bool channel_fallback = false;
};

/// A planning run to store.
struct PlanRunRecord {
    std::int64_t created_at = 0;
    Date as_of, first_day, last_day;
    int horizon_working_days = 10;
    int default_daily_capacity = 30;
    std::string parameters = "{}";
    std::string warnings;
};

/// A dropped item to store.
struct PlanDroppedRow {
    std::int64_t client_ref = 0;
    std::string broker_id;
    double priority = 0;
    int reason = 0;
    std::string facts; // the reason with its data: encoded DropFacts (core/facts.h)
};

/// Held tasks (status Held): bookings a rebuild keeps.
Result<std::vector<TaskRow>> loadHeldTasks(Database& db);

/// In one transaction: deletes every Open task, stores the run, inserts `tasks` (as Open, linked
/// through plan_tasks) and `dropped`; keeps plan_dropped of the newest `keepRuns` runs only.
/// Returns the run id.
Result<std::int64_t> savePlanRun(Database& db, const PlanRunRecord& run,
                                 const std::vector<TaskRow>& tasks,
                                 const std::vector<PlanDroppedRow>& dropped, int keepRuns = 5);

/// The newest plan run (nullopt when the book was never planned).
Result<std::optional<PlanRunRecord>> latestPlanRun(Database& db, std::int64_t* runId = nullptr);

/// The dropped items of a run, by broker and priority (highest first).
Result<std::vector<PlanDroppedRow>> loadPlanDropped(Database& db, std::int64_t runId);

/// Which tasks loadTasks returns.
struct TaskFilter {
    std::string broker_id;                  // empty = every broker
    std::optional<std::int64_t> client_ref; // only this client's
    std::optional<Date> from, to;           // planned_date range (inclusive)
    bool to_do_only = true;                 // Open and Held only
    std::optional<Date> overdue_before;     // planned_date or due_date before this day
};

/// A task joined with what a call list shows about the client.
struct TaskDetailRow {
    TaskRow task;
    std::string client_id, name, phone, branch_id;
    std::optional<Date> last_contact;
    std::string segment_fact;           // a generated name (core/facts.h), else ""
    std::string segment_zh, segment_en; // a name the user typed (phrase::segmentName)
    bool vip = false;
    std::optional<std::int64_t> value_rank;
};
/// Tasks matching `filter`, by broker, planned date, time window, priority (highest first).
Result<std::vector<TaskDetailRow>> loadTasks(Database& db, const TaskFilter& filter);

/// One task (NotFound when there is no such id).
Result<TaskRow> loadTask(Database& db, std::int64_t taskId);

/// Inserts a task (id ignored) and returns its id.
Result<std::int64_t> insertTask(Database& db, const TaskRow& task);
/// Writes status, planned date, channel, time window, attempts, skip reason and contact of a task.
Status updateTask(Database& db, const TaskRow& task);

/// A contact to record.
struct ContactInsert {
    std::int64_t client_ref = 0;
    std::string broker_id;
    std::int64_t contact_time = 0; // DateTime seconds
    int channel = 0;
    int direction = 1; // outbound
    int outcome = 0;
    std::optional<int> satisfaction;
    std::string notes;
    std::optional<Date> next_follow_up;
};
/// Inserts a contact; InvalidInput when one already exists for the same client, time, channel.
Result<std::int64_t> insertContact(Database& db, const ContactInsert& c);

/// Outcomes of the client's contacts after `afterSecs` (time order): (outcome, channel).
Result<std::vector<std::pair<int, int>>> recentOutcomes(Database& db, std::int64_t clientRef,
                                                        std::int64_t afterSecs);

} // namespace bd::storage
