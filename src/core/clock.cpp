#include "core/clock.h"

#include <ctime>

namespace bd {

DateTime localNow() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return DateTime::fromParts(Date::fromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                               tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string nowIso(char separator) {
    std::string s = localNow().toString(); // YYYY-MM-DD HH:MM:SS
    s[10] = separator;
    return s;
}

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace bd
