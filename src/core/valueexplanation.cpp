#include "core/valueexplanation.h"

#include <cstdlib>
#include <iterator>

namespace bd {
namespace {

struct Words {
    const char* en;
    const char* zh;
};

/// Words of a term kind, nullptr for a kind this build does not know.
const Words* termWords(char kind) {
    static const Words kChannels[] = {{"contacts", "联系"}, {"phone calls", "电话"},
                                      {"SMS", "短信"},      {"WeChat", "微信"},
                                      {"emails", "邮件"},   {"visits", "拜访"},
                                      {"seminars", "讲座"}, {"other contacts", "其他联系"}};
    static const Words kCommission{"commission", "佣金"},
        kInterest{"interest on cash", "保证金利差"}, kHandling{"handling fees", "经手费"},
        kUpkeep{"account upkeep", "账户维护"},
        kExpectedCommission{"expected commission", "预期佣金"},
        kExpectedCarry{"expected carry", "预期利差净额"};
    switch (static_cast<ExplanationTerm>(kind)) {
    case ExplanationTerm::Commission:
        return &kCommission;
    case ExplanationTerm::Interest:
        return &kInterest;
    case ExplanationTerm::Handling:
        return &kHandling;
    case ExplanationTerm::Upkeep:
        return &kUpkeep;
    case ExplanationTerm::ExpectedCommission:
        return &kExpectedCommission;
    case ExplanationTerm::ExpectedCarry:
        return &kExpectedCarry;
    default:
        break;
    }
    const int c = kind - static_cast<char>(ExplanationTerm::ServiceChannel0);
    return c >= 0 && c < static_cast<int>(std::size(kChannels)) ? &kChannels[c] : nullptr;
}

} // namespace

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

std::string renderExplanation(std::string_view code, bool chinese) {
    const auto bar = code.find('|');
    if (bar == std::string_view::npos) return std::string(code);
    const std::string_view terms = code.substr(0, bar);
    std::string out;
    for (std::size_t pos = 0; pos < terms.size();) {
        auto end = terms.find(';', pos);
        if (end == std::string_view::npos) end = terms.size();
        const std::string_view term = terms.substr(pos, end - pos);
        const Words* w = term.size() >= 3 ? termWords(term[0]) : nullptr;
        if (w == nullptr || (term[1] != '+' && term[1] != '-')) return std::string(code);
        if (!out.empty()) out += " · ";
        out += term[1] == '+' ? "+ " : "− ";
        out += chinese ? w->zh : w->en;
        out += " ¥";
        out += term.substr(2);
        pos = end + 1;
    }
    if (out.empty())
        out = chinese ? "近12个月无收入与成本" : "no revenue or cost in the last 12 months";
    for (std::size_t pos = bar; pos < code.size();) {
        auto end = code.find('|', pos + 1);
        if (end == std::string_view::npos) end = code.size();
        const std::string_view part = code.substr(pos + 1, end - pos - 1);
        if (!part.empty() && part[0] == 'p') {
            out += chinese ? " · 活跃概率 " : " · p_alive ";
            out += part.substr(1);
        } else if (!part.empty() && part[0] == 'f') {
            const auto bits = static_cast<unsigned>(
                std::strtoul(std::string(part.substr(1)).c_str(), nullptr, 10));
            out += chinese ? " · 资产高价值低：" : " · AUM-rich, low value: ";
            out += flagReasonWords(bits, chinese);
        }
        pos = end;
    }
    return out;
}

namespace {

struct FlagReasonName {
    unsigned bit;
    const char* code;
    const char* en;
    const char* zh;
};
constexpr FlagReasonName kFlagReasons[] = {
    {kReasonLowTrading, "low_trading", "low trading", "交易少"},
    {kReasonHighServiceCost, "high_service_cost", "high service cost", "服务成本高"},
    {kReasonCashIdle, "cash_idle", "cash idle", "资金闲置"},
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

std::string flagReasonWords(unsigned reasons, bool chinese) {
    std::string out;
    for (const auto& r : kFlagReasons) {
        if (!(reasons & r.bit)) continue;
        if (!out.empty()) out += chinese ? "、" : ", ";
        out += chinese ? r.zh : r.en;
    }
    if (out.empty()) out = chinese ? "盈利低于资产规模应有水平" : "profit low for its assets";
    return out;
}

} // namespace bd
