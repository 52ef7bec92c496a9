#pragma once
// The book's own calendar days (table calendar_days): years or corrections a user adds from a
// file, merged over the built-in exchange calendar wherever dates step forward.
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/result.h"
#include "storage/db/database.h"

namespace bd::storage {

/// Stores `entries` (a later entry for a date replaces the stored one) in one transaction;
/// `source` records where they came from. Returns how many days were written.
Result<std::size_t> saveCalendarDays(Database& db, const std::vector<CalendarEntry>& entries,
                                     const std::string& source);

/// One calendar_days row: a day the book lists over the built-in calendar.
struct StoredCalendarDay {
    CalendarEntry entry;
    std::string source; // the file it came from, or "user"
};

/// The book's own row for `date`, none when the book lists nothing for it.
Result<std::optional<StoredCalendarDay>> loadCalendarDay(Database& db, Date date);
/// Stores one day (replacing the book's row for its date).
Status putCalendarDay(Database& db, const StoredCalendarDay& day);
/// Removes the book's row for `date` (the built-in calendar decides the day again).
Status removeCalendarDay(Database& db, Date date);

} // namespace bd::storage
