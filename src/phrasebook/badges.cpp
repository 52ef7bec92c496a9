// Portfolio risk flags (analytics::RiskBadge: a code, the value and its limit) in words.
#include <cstdio>

#include "phrasebook/phrasebook.h"
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

std::string share(double fraction, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f%%", decimals, fraction * 100.0);
    return buf;
}

/// `pattern` with %1 and %2 replaced.
std::string filled(std::string_view pattern, const std::string& a, const std::string& b) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '%' && i + 1 < pattern.size() &&
            (pattern[i + 1] == '1' || pattern[i + 1] == '2')) {
            out += pattern[i + 1] == '1' ? a : b;
            ++i;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

} // namespace

std::string riskBadge(std::string_view code, double value, double limit, Lang l) {
    const std::string v = share(value, 1), lim = share(limit, 0);
    auto say = [&](std::string_view english, const std::string& a, const std::string& b) {
        return filled(label(english, l), a, b);
    };
    if (code == "concentrated")
        return say("Concentrated: largest risk-bearing holding %1 (limit %2)", v, lim);
    if (code == "top3_concentrated") return say("Top 3 holdings %1 (limit %2)", v, lim);
    if (code == "high_hhi") return say("High HHI %1 (limit %2)", decimal(value, 3), decimal(limit));
    if (code == "deep_drawdown") return say("Deep drawdown %1 (limit %2)", v, lim);
    if (code == "high_volatility") return say("High volatility %1 (limit %2)", v, lim);
    if (code == "growth_boards_low_tolerance")
        return say("Growth boards %1 for a low-tolerance client", v, lim);
    return say("Risk flag %1 (limit %2)", decimal(value, 3), decimal(limit, 3));
}

} // namespace bd::phrase
