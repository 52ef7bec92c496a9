#pragma once
// What the workstation reminds a broker of when a book opens: calls promised for today, and
// urgent items (asset outflow, complaint, large loss, a promise) whose day has passed undone.
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "services/planitems.h"
#include "storage/db/database.h"

namespace bd::services {

/// One reminder: why, and the plan item.
struct Reminder {
    enum class Kind { PromiseDueToday = 1, UrgentOverdue };
    Kind kind = Kind::PromiseDueToday;
    PlanItem item;
};

/// True for the kinds of reason that must be called within a day or two (the deadlines of
/// docs/scheduling.md): asset outflow, complaint, large loss, a promised follow-up.
bool isUrgentReason(ReasonKind kind);

/// Every broker's reminders on `today`: to-do items planned for today with a promised
/// follow-up among their reasons, then overdue to-do items with an urgent reason, oldest
/// first. An item appears once.
Result<std::vector<Reminder>> loadReminders(storage::Database& db, Date today);

} // namespace bd::services
