// `calendar`: shows the book's calendar for a year (holidays, adjusted workdays, trading and
// working day counts) and adds years or corrections from a file (same format as
// resources/calendars/cn-exchange.csv), stored in the book and used wherever dates step forward.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "core/calendar.h"
#include "phrasebook/phrasebook.h"
#include "services/commands/command.h"
#include "services/plancalendar.h"
#include "storage/schema/schema.h"

namespace bd::cli {

namespace {

void printYear(const Calendar& cal, int year) {
    int trading = 0, working = 0;
    for (Date d = Date::fromYmd(year, 1, 1); d.year() == year; d = d.addDays(1)) {
        trading += cal.isTradingDay(d) ? 1 : 0;
        working += cal.isWorkingDay(d) ? 1 : 0;
    }
    std::cout << fmt::format("{}: {} trading days, {} working days{}\n", year, trading, working,
                             cal.coversYear(year) ? "" : " (year not listed: weekends only)");
    for (const auto& e : cal.entries())
        if (e.date.year() == year)
            std::cout << fmt::format("  {}  {:<16}  {}\n", e.date.toString(), toString(e.kind),
                                     phrase::calendarDayName(e.name, phrase::Lang::En));
}

int runCalendar(const Args& a) {
    auto book = SettingsBook::open(*a.get("db"));
    if (!book) return reportError(book.error());
    std::set<int> years;
    if (auto file = a.get("add")) {
        auto parsed = Calendar::fromFile(*file); // every line checked; located errors
        if (!parsed) return reportError(parsed.error());
        const std::string source = std::filesystem::path(*file).filename().string();
        services::cmd::CorrectCalendar add; // audited, undoable
        add.source = source;
        for (const auto& e : parsed->entries()) {
            add.days.push_back({e.date, e.kind, e.name});
            years.insert(e.date.year());
        }
        auto saved = book->execute({{}, std::move(add)});
        if (!saved) return reportError(saved.error());
        std::cout << fmt::format("added {} calendar days from {} (operation {})\n", saved->rows,
                                 source, saved->operation);
    }
    if (auto y = a.getInt("year", 0); !y) {
        return reportError(y.error());
    } else if (*y > 0) {
        years = {static_cast<int>(*y)};
    }
    if (years.empty()) years.insert(services::localToday().year());
    auto cal = services::loadBookCalendar(book->db());
    if (!cal) return reportError(cal.error());
    for (int year : years) printYear(*cal, year);
    return kOk;
}

} // namespace

Command makeCalendarCommand() {
    return catalogued("calendar", runCalendar);
}

} // namespace bd::cli
