#include "services/plancalendar.h"

#include <algorithm>

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

Result<CalendarYear> loadCalendarYear(storage::Database& db, int year) {
    CalendarYear out;
    auto cal = loadBookCalendar(db);
    if (!cal) return cal.error();
    out.calendar = std::move(*cal);
    auto own = storage::loadCalendarDays(db);
    if (!own) return own.error();
    const Calendar& builtin = Calendar::builtinChina();
    for (const auto& e : out.calendar.entries()) {
        if (e.date.year() != year) continue;
        CalendarYearDay d{e, false, std::nullopt};
        if (const CalendarEntry* b = builtin.entry(e.date)) d.built_in = *b;
        d.from_book = std::any_of(own->begin(), own->end(), [&](const storage::CalendarDayRow& r) {
            return r.date == e.date;
        });
        out.days.push_back(std::move(d));
    }
    return out;
}

} // namespace bd::services
