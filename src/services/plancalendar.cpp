#include "services/plancalendar.h"

#include <ctime>

#include "storage/book/planstore.h"

namespace bd::services {

DateTime localNow() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return DateTime::fromParts(Date::fromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                               tm.tm_hour, tm.tm_min, tm.tm_sec);
}

Date localToday() {
    return localNow().date();
}

Result<Calendar> loadBookCalendar(storage::Database& db) {
    Calendar cal = Calendar::builtinChina();
    auto days = storage::loadCalendarDays(db);
    if (!days) return days.error();
    for (const auto& d : *days)
        cal.set(CalendarEntry{d.date, static_cast<CalendarDayKind>(d.kind), d.name});
    return cal;
}

} // namespace bd::services
