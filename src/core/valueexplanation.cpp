#include "core/valueexplanation.h"

#include <cstdlib>

namespace bd {

void appendExplanationTerm(std::string& code, char kind, bool positive, std::string_view amount) {
    if (!code.empty()) code += ';';
    code += kind;
    code += positive ? '+' : '-';
    code += amount;
}

void finishExplanationCode(std::string& code, std::string_view pAlive, bool flagged,
                           unsigned flagReasons) {
    code += "|p";
    code += pAlive;
    if (flagged) code += "|f" + std::to_string(flagReasons);
}

namespace {

struct FlagReasonName {
    unsigned bit;
    const char* code;
};
constexpr FlagReasonName kFlagReasons[] = {
    {kReasonLowTrading, "low_trading"},
    {kReasonHighServiceCost, "high_service_cost"},
    {kReasonCashIdle, "cash_idle"},
};

} // namespace

std::string flagReasonCodes(unsigned reasons) {
    std::string out;
    for (const auto& r : kFlagReasons) {
        if (!(reasons & r.bit)) continue;
        if (!out.empty()) out += ';';
        out += r.code;
    }
    return out.empty() ? std::string("low_profit") : out;
}

unsigned flagReasonsFromCodes(std::string_view codes) {
    unsigned bits = 0;
    for (std::size_t pos = 0; pos <= codes.size();) {
        auto end = codes.find(';', pos);
        if (end == std::string_view::npos) end = codes.size();
        const std::string_view code = codes.substr(pos, end - pos);
        for (const auto& r : kFlagReasons)
            if (code == r.code) bits |= r.bit;
        pos = end + 1;
    }
    return bits;
}

} // namespace bd
