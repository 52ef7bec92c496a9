#pragma once
// The one clock helper of the engine: elapsed milliseconds for stage timings, and the local
// wall-clock time for run records and logs.
#include <chrono>
#include <string>

#include "core/date.h"

namespace bd {

using SteadyTime = std::chrono::steady_clock::time_point;

/// Milliseconds from `t0` to now on the steady clock.
inline double msSince(SteadyTime t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
/// Seconds from `t0` to now on the steady clock.
inline double secondsSince(SteadyTime t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// The local date and time now (the machine's time zone), to the second.
DateTime localNow();
/// Today's local date.
inline Date localToday() {
    return localNow().date();
}
/// Now as ISO local time "YYYY-MM-DDTHH:MM:SS" (`separator` between date and time).
std::string nowIso(char separator = 'T');
/// Seconds since 1970-01-01 UTC now.
std::int64_t unixNow();

} // namespace bd
