#pragma once
// A broker's plan items as the Today view and the call list show them, the overdue ones, and
// the two edits of an item: moving it to another day and skipping it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/enums.h"
#include "core/facts.h"
#include "core/result.h"
#include "storage/book/planstore.h"
#include "storage/book/recordstore.h"
#include "storage/db/database.h"

namespace bd::services {

using storage::TaskStatus;

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

/// Moves a to-do item to `date` (the first working day on or after it on `calendar`, the
/// book's) and keeps it across rebuilds. InvalidInput when the item is done or skipped. On either
/// store (a desk's book, a branch server's: its policy decides whose items a login may move).
Result<Date> rescheduleItem(storage::RecordStore& store, const Calendar& calendar,
                            std::int64_t taskId, Date date);

/// Skips a to-do item with a reason (required). InvalidInput when done or skipped already.
Status skipItem(storage::RecordStore& store, std::int64_t taskId, const std::string& reason);

} // namespace bd::services
