#include "storage/schema/schema_v1.h"

namespace bd::storage {

// Tables for calendars and follow-up plans. Contact cadences per relationship type live in
// service_policies (schema_v1_segments.cpp); planned calls are follow_up_tasks rows (book),
// linked to the plan run that made them. Kinds: calendar kind 1 holiday, 2 adjusted_workday,
// 3 market_closed (core::CalendarDayKind); drop reason = analytics::DropReason codes
// (1 capacity, 2 already_booked, 3 not_in_horizon, 4 duplicate, 5 no_broker).
const std::string_view kSchemaV1Scheduling = R"SQL(
-- Calendar entries the user added or corrected; merged over the built-in exchange calendar
-- (a row here wins over the built-in entry for the same date).
CREATE TABLE calendar_days (
  date INTEGER PRIMARY KEY NOT NULL,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
  name TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'user'  -- file name it was imported from, or 'user'
) WITHOUT ROWID;

-- Per-day limits per contact channel (channel = core ContactChannel code); a channel without a
-- row is limited only by the broker's daily capacity (brokers.daily_capacity).
CREATE TABLE channel_limits (
  channel INTEGER PRIMARY KEY NOT NULL,
  per_day INTEGER NOT NULL CHECK (per_day >= 0)
) WITHOUT ROWID;
INSERT INTO channel_limits(channel, per_day) VALUES (5, 3), (6, 1);  -- visit 3, seminar 1

-- One row per planning run: its horizon and settings, and what it produced.
CREATE TABLE plan_runs (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  as_of INTEGER NOT NULL,
  first_day INTEGER NOT NULL,
  last_day INTEGER NOT NULL,
  horizon_working_days INTEGER NOT NULL,
  default_daily_capacity INTEGER NOT NULL,
  parameters TEXT NOT NULL DEFAULT '{}',  -- JSON: trigger and scheduler configuration
  planned INTEGER NOT NULL DEFAULT 0,
  dropped INTEGER NOT NULL DEFAULT 0,
  warnings TEXT
);

-- The follow_up_tasks a run created (the task table itself belongs to the book schema).
CREATE TABLE plan_tasks (
  run_id INTEGER NOT NULL REFERENCES plan_runs(id) ON DELETE CASCADE,
  task_id INTEGER NOT NULL REFERENCES follow_up_tasks(id) ON DELETE CASCADE,
  late_working_days INTEGER NOT NULL DEFAULT 0,
  channel_fallback INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, task_id)
) WITHOUT ROWID;
CREATE INDEX plan_tasks_by_task ON plan_tasks(task_id);

-- Items a run could not plan, with the reason in both languages: nothing disappears silently.
CREATE TABLE plan_dropped (
  run_id INTEGER NOT NULL REFERENCES plan_runs(id) ON DELETE CASCADE,
  client_ref INTEGER NOT NULL REFERENCES clients(id),
  broker_id TEXT NOT NULL,
  priority REAL NOT NULL,
  reason INTEGER NOT NULL,
  reason_en TEXT NOT NULL,
  reason_zh TEXT NOT NULL,
  PRIMARY KEY (run_id, client_ref)
) WITHOUT ROWID;
)SQL";

} // namespace bd::storage
