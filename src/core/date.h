#pragma once
// Calendar dates and naive local date-times (exchange time, Asia/Shanghai, no zone).
// A Date is a day count from 1970-01-01 so windows and differences are plain integer math.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bd {

struct Date {
    std::int32_t days = 0; // days since 1970-01-01

    static Date fromYmd(int y, int m, int d);
    void toYmd(int& y, int& m, int& d) const;
    int year() const;
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    int isoWeekday() const { return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1; }
    bool isWeekend() const { return isoWeekday() >= 6; }
    Date addDays(int n) const { return Date{days + n}; }
    std::string toString() const; // YYYY-MM-DD
    constexpr auto operator<=>(const Date&) const = default;
};

inline int operator-(Date a, Date b) {
    return a.days - b.days;
}

/// Seconds since 1970-01-01 00:00:00 in exchange local time.
struct DateTime {
    std::int64_t secs = 0;

    static DateTime fromParts(Date d, int hh, int mm, int ss) {
        return DateTime{static_cast<std::int64_t>(d.days) * 86400 + hh * 3600 + mm * 60 + ss};
    }
    Date date() const {
        return Date{static_cast<std::int32_t>(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400)};
    }
    std::string toString() const; // YYYY-MM-DD HH:MM:SS
    constexpr auto operator<=>(const DateTime&) const = default;
};

bool isLeapYear(int y);
int daysInMonth(int y, int m);
/// The same day `months` calendar months later (earlier when negative); a day the month lacks
/// becomes its last day (2024-01-31 + 1 month = 2024-02-29).
Date addMonths(Date d, int months);

/// Accepts YYYY-MM-DD, YYYY/MM/DD and YYYYMMDD; checks the day exists.
std::optional<Date> parseDate(std::string_view s);
/// Accepts `YYYY-MM-DD HH:MM:SS`, with 'T' instead of the space, `YYYYMMDD HH:MM:SS`,
/// any date form above, and a bare date (midnight).
std::optional<DateTime> parseDateTime(std::string_view s);

} // namespace bd
