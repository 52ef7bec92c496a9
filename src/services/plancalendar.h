#pragma once
// The plan's sense of time: the local clock and the book's exchange calendar. Every plan use
// case (rebuild, contact logging, rescheduling, coverage) counts working days on this calendar.
#include <optional>
#include <vector>

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

/// One listed day of a year as the Calendar page shows it: the entry in effect, and whether the
/// book's own correction (or added file) made it, over the built-in calendar's entry if any.
struct CalendarYearDay {
    CalendarEntry entry;
    bool from_book = false;                // the book's calendar_days row
    std::optional<CalendarEntry> built_in; // the built-in entry for the date, if any
};

/// The book's calendar and the days it lists in `year` (date order).
struct CalendarYear {
    Calendar calendar;
    std::vector<CalendarYearDay> days;
};
Result<CalendarYear> loadCalendarYear(storage::Database& db, int year);

} // namespace bd::services
