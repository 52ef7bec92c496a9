#pragma once
// Working days (offices open) and trading days (exchanges open) for mainland China.
// They differ: an adjusted workday (调休) is an office day on which the exchanges stay closed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace bd {

/// What a listed date is; unlisted dates follow the weekday rule (Mon–Fri open).
enum class CalendarDayKind {
    Unknown = 0,
    Holiday,         // offices and exchanges closed
    AdjustedWorkday, // weekend day worked in lieu: office open, exchanges closed
    MarketClosed,    // weekday with exchanges closed but offices open (e.g. 2024-02-09)
};

/// "holiday", "adjusted_workday", "market_closed".
std::string_view toString(CalendarDayKind kind);
std::optional<CalendarDayKind> parseCalendarDayKind(std::string_view s);

struct CalendarEntry {
    Date date;
    CalendarDayKind kind = CalendarDayKind::Unknown;
    std::string name;
};

/// A holiday calendar: listed exceptions over the Monday–Friday rule. Value type, cheap to query.
class Calendar {
  public:
    /// An empty calendar: plain Monday–Friday weeks.
    Calendar() = default;

    /// The SSE/SZSE calendar embedded at build time from resources/calendars/cn-exchange.csv.
    static const Calendar& builtinChina();
    /// Parses calendar CSV text (`date,kind,name`, '#' comments); `source` names it in errors.
    static Result<Calendar> parse(std::string_view text, std::string_view source = "calendar");
    /// Reads and parses a calendar file.
    static Result<Calendar> fromFile(const std::string& path);

    /// Adds or replaces entries from CSV text: a later entry for the same date wins.
    Status merge(std::string_view text, std::string_view source = "calendar");
    /// Adds or replaces entries from a file (same format).
    Status mergeFile(const std::string& path);
    /// Adds or replaces one entry.
    void set(const CalendarEntry& entry);

    /// Exchanges open: a weekday that is not a holiday and not a market closure.
    bool isTradingDay(Date d) const;
    /// Offices open: a weekday that is not a holiday, or an adjusted workday.
    bool isWorkingDay(Date d) const;
    /// The n-th working day strictly after `d` (n >= 1; n <= 0 means the first on or after `d`).
    Date nextWorkingDay(Date d, int n = 1) const;
    /// `d` moved by n working days (negative goes back); n == 0 returns `d` unchanged.
    Date addWorkingDays(Date d, int n) const;
    /// Working days in (a, b]; when b < a, minus those in [b, a). addWorkingDays(a, result) == b
    /// whenever b is a working day.
    int workingDaysBetween(Date a, Date b) const;
    /// The first working day on or after `d`.
    Date workingDayOnOrAfter(Date d) const;
    /// The last working day on or before `d`.
    Date workingDayOnOrBefore(Date d) const;
    /// The n-th trading day strictly after `d` (n >= 1; n <= 0: the first on or after `d`).
    Date nextTradingDay(Date d, int n = 1) const;

    /// The entry listed for `d`, or nullptr.
    const CalendarEntry* entry(Date d) const;
    /// True when the calendar lists at least one entry in year `y` (so holidays are known).
    bool coversYear(int y) const;
    /// All entries in date order.
    const std::vector<CalendarEntry>& entries() const { return m_entries; }

  private:
    std::vector<CalendarEntry> m_entries; // sorted by date, unique dates
};

/// Resolves the calendar: the built-in one, then (if present) the installed copy
/// `<resourcesDir>/calendars/cn-exchange.csv` replacing it, then `extraPath` merged on top.
/// Empty arguments are skipped; a named file that cannot be read is an error.
Result<Calendar> resolveCalendar(const std::string& extraPath,
                                 const std::string& resourcesDir = {});

} // namespace bd
