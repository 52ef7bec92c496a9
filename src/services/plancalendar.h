#pragma once
// The plan's sense of time: the local clock and the book's exchange calendar. Every plan use
// case (rebuild, contact logging, rescheduling, coverage) counts working days on this calendar.
#include "core/calendar.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::services {

/// The local date and time now, and the local date today (core/clock.h).
using bd::localNow;
using bd::localToday;

/// The book's calendar: the built-in exchange calendar with the book's calendar_days merged on top.
Result<Calendar> loadBookCalendar(storage::Database& db);

} // namespace bd::services
