#include "core/date.h"

#include <algorithm>
#include <cstdio>

namespace bd {
namespace {

// Howard Hinnant's civil-from-days algorithms (public domain).
std::int32_t daysFromCivil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

bool readDigits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

} // namespace

bool isLeapYear(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : kDays[m - 1];
}

Date addMonths(Date d, int months) {
    int y, m, day;
    d.toYmd(y, m, day);
    const int index = y * 12 + (m - 1) + months;
    const int ny = index >= 0 ? index / 12 : (index - 11) / 12;
    const int nm = index - ny * 12 + 1;
    return Date::fromYmd(ny, nm, std::min(day, daysInMonth(ny, nm)));
}

Date Date::fromYmd(int y, int m, int d) {
    return Date{daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))};
}

void Date::toYmd(int& y, int& m, int& d) const {
    const int z = days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe) + era * 400 + (m <= 2);
}

int Date::year() const {
    int y, m, d;
    toYmd(y, m, d);
    return y;
}

std::string Date::toString() const {
    int y, m, d;
    toYmd(y, m, d);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::string DateTime::toString() const {
    const Date d = date();
    const auto rem = static_cast<int>(secs - static_cast<std::int64_t>(d.days) * 86400);
    char buf[48];
    std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", rem / 3600, (rem / 60) % 60, rem % 60);
    return d.toString() + buf;
}

std::optional<Date> parseDate(std::string_view s) {
    int y = 0, m = 0, d = 0;
    if (s.size() == 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
        if (!readDigits(s, 0, 4, y) || !readDigits(s, 5, 2, m) || !readDigits(s, 8, 2, d))
            return std::nullopt;
    } else if (s.size() == 8) {
        if (!readDigits(s, 0, 4, y) || !readDigits(s, 4, 2, m) || !readDigits(s, 6, 2, d))
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
        return std::nullopt;
    return Date::fromYmd(y, m, d);
}

std::optional<DateTime> parseDateTime(std::string_view s) {
    // The export form, "YYYY-MM-DD HH:MM:SS", read in place (a trade file has one per row);
    // anything else, or any non-digit in it, goes the general way below, which agrees on it.
    if (s.size() == 19 && s[4] == '-' && s[7] == '-' && (s[10] == ' ' || s[10] == 'T') &&
        s[13] == ':' && s[16] == ':') {
        int y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0;
        if (readDigits(s, 0, 4, y) && readDigits(s, 5, 2, m) && readDigits(s, 8, 2, d) &&
            readDigits(s, 11, 2, hh) && readDigits(s, 14, 2, mm) && readDigits(s, 17, 2, ss)) {
            if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) ||
                hh > 23 || mm > 59 || ss > 59)
                return std::nullopt;
            return DateTime::fromParts(Date::fromYmd(y, m, d), hh, mm, ss);
        }
    }
    // The first ' ' or 'T' (a plain loop: find_first_of scans once per character of the set,
    // and every trade row has a time).
    std::size_t sep = 0;
    while (sep < s.size() && s[sep] != ' ' && s[sep] != 'T') ++sep;
    if (sep == s.size()) {
        const auto d = parseDate(s);
        if (!d) return std::nullopt;
        return DateTime::fromParts(*d, 0, 0, 0);
    }
    const auto d = parseDate(s.substr(0, sep));
    if (!d) return std::nullopt;
    const std::string_view t = s.substr(sep + 1);
    int hh = 0, mm = 0, ss = 0;
    if (t.size() == 8 && t[2] == ':' && t[5] == ':') {
        if (!readDigits(t, 0, 2, hh) || !readDigits(t, 3, 2, mm) || !readDigits(t, 6, 2, ss))
            return std::nullopt;
    } else if (t.size() == 5 && t[2] == ':') {
        if (!readDigits(t, 0, 2, hh) || !readDigits(t, 3, 2, mm)) return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
    return DateTime::fromParts(*d, hh, mm, ss);
}

} // namespace bd
