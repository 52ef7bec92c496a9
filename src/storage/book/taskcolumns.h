#pragma once
// The stored columns of a plan item (follow_up_tasks) and of its placement by a plan run
// (plan_tasks), in the order both stores select them: the desk's plan store and the branch
// server's record store read a TaskRow through these lists.
#include "storage/book/planstore.h"
#include "storage/db/columns.h"

namespace bd::storage {

// follow_up_tasks: one planned call (the rowid `id` comes back from SQLite).
constexpr auto kTaskColumns = columnList(
    column("id", &TaskRow::id, kGenerated), column("client_ref", &TaskRow::client_ref),
    column("broker_id", &TaskRow::broker_id), column("planned_date", &TaskRow::planned_date),
    column("due_date", &TaskRow::due_date), column("channel", &TaskRow::channel),
    column("time_window", &TaskRow::time_window), column("priority", &TaskRow::priority),
    column("reasons", &TaskRow::reasons), column("talking_points", &TaskRow::talking_points),
    column("status", &TaskRow::status), column("attempts", &TaskRow::attempts),
    column("skip_reason", &TaskRow::skip_reason, kEmptyIsNull),
    column("contact_id", &TaskRow::contact_id), column("created_at", &TaskRow::created_at));

// plan_tasks: how the run that made a task placed it (after run_id, task_id). A task without a
// plan_tasks row (LEFT JOIN) reads 0 and false.
constexpr auto kPlanTaskColumns =
    columnList(column("late_working_days", &TaskRow::late_working_days),
               column("channel_fallback", &TaskRow::channel_fallback));

} // namespace bd::storage
