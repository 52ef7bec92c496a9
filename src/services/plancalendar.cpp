#include "services/plancalendar.h"

#include "storage/book/planstore.h"

namespace bd::services {

Result<Calendar> loadBookCalendar(storage::Database& db) {
    Calendar cal = Calendar::builtinChina();
    auto days = storage::loadCalendarDays(db);
    if (!days) return days.error();
    for (const auto& d : *days)
        cal.set(CalendarEntry{d.date, static_cast<CalendarDayKind>(d.kind), d.name});
    return cal;
}

} // namespace bd::services
