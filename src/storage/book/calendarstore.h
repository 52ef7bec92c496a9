#pragma once
// The book's own calendar days (table calendar_days): years or corrections a user adds from a
// file, merged over the built-in exchange calendar wherever dates step forward.
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

} // namespace bd::storage
