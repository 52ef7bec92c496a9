#include "storage/book/calendarstore.h"

namespace bd::storage {

Result<std::size_t> saveCalendarDays(Database& db, const std::vector<CalendarEntry>& entries,
                                     const std::string& source) {
    Transaction tx(db);
    if (!tx.began()) return tx.began().error();
    auto st = db.prepare("INSERT INTO calendar_days(date, kind, name, source) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, "
                         "name = excluded.name, source = excluded.source");
    if (!st) return st.error();
    for (const auto& e : entries) {
        st->reset();
        st->bind(1, static_cast<std::int64_t>(e.date.days));
        st->bind(2, static_cast<std::int64_t>(e.kind));
        st->bind(3, e.name);
        st->bind(4, source);
        if (auto s = st->run(); !s) return s.error();
    }
    if (auto s = tx.commit(); !s) return s.error();
    return entries.size();
}

Result<std::optional<StoredCalendarDay>> loadCalendarDay(Database& db, Date date) {
    auto st = db.prepare("SELECT kind, name, source FROM calendar_days WHERE date = ?1");
    if (!st) return st.error();
    st->bind(1, static_cast<std::int64_t>(date.days));
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return std::optional<StoredCalendarDay>{};
    return std::optional<StoredCalendarDay>{StoredCalendarDay{
        {date, static_cast<CalendarDayKind>(st->int32(0)), st->text(1)}, st->text(2)}};
}

Status putCalendarDay(Database& db, const StoredCalendarDay& day) {
    auto saved = saveCalendarDays(db, {day.entry}, day.source);
    return saved ? Status{} : Status(saved.error());
}

Status removeCalendarDay(Database& db, Date date) {
    return execute(db, "DELETE FROM calendar_days WHERE date = ?1",
                   static_cast<std::int64_t>(date.days));
}

} // namespace bd::storage
