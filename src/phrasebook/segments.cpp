// Generated segment names and value explanations.
#include <cstdio>
#include <cstdlib>
#include <iterator>

#include "core/valueexplanation.h"
#include "phrasebook/phrasebook.h"
#include "phrasebook/words.h"

namespace bd::phrase {

std::string segmentName(const SegmentName& n, Lang l) {
    const bool zh = l == Lang::Zh;
    std::string s(name(n.theme, l));
    if (!n.feature.empty()) {
        const std::string f = feature(n.feature, l);
        if (zh)
            s += "（" + f + (n.direction < 0 ? "较低" : "较高") + "）";
        else
            s += std::string(" (") + (n.direction < 0 ? "lower " : "higher ") + f + ")";
    }
    if (n.number > 0) s += " " + std::to_string(n.number);
    return s;
}

std::string segmentName(std::string_view fact, std::string_view typedZh, std::string_view typedEn,
                        Lang l) {
    if (!fact.empty())
        if (auto n = decodeSegmentName(fact)) return segmentName(*n, l);
    const std::string_view mine = l == Lang::Zh ? typedZh : typedEn;
    return std::string(mine.empty() ? (l == Lang::Zh ? typedEn : typedZh) : mine);
}

std::string unsegmented(Unsegmented r, std::int64_t clients, std::int64_t minClients,
                        double agreement, double minAgreement, Lang l) {
    const bool zh = l == Lang::Zh;
    const auto two = [](double v) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.2f", v);
        return std::string(buf);
    };
    switch (r) {
    case Unsegmented::No:
        return {};
    case Unsegmented::TooFewClients:
        return zh ? "客户仅 " + std::to_string(clients) + " 名，少于细分所需的 " +
                        std::to_string(minClients) + " 名，全部客户归为一个客群。"
                  : "The book has " + std::to_string(clients) +
                        " clients; segments need at least " + std::to_string(minClients) +
                        ", so all clients form one segment.";
    case Unsegmented::NoVariation:
        return zh ? "客户在各项细分指标上没有差异，全部客户归为一个客群。"
                  : "The clients do not differ in any segmentation measure, so they form one "
                    "segment.";
    case Unsegmented::NoStableStructure:
        return zh ? "不同抽样得到的客户分组不一致（一致度 " + two(agreement) + "，低于 " +
                        two(minAgreement) + "），不作任意划分，全部客户归为一个客群。"
                  : "No grouping of the clients repeats from one sample to another (agreement " +
                        two(agreement) + ", below " + two(minAgreement) +
                        "), so they form one segment rather than an arbitrary split.";
    }
    return {};
}

std::string factorName(std::string_view themes, Lang l) {
    std::string out;
    for (std::size_t pos = 0; pos <= themes.size();) {
        auto amp = themes.find('&', pos);
        if (amp == std::string_view::npos) amp = themes.size();
        if (!out.empty()) out += l == Lang::Zh ? "与" : " & ";
        out += feature(themes.substr(pos, amp - pos), l);
        pos = amp + 1;
    }
    return out;
}

namespace {

/// Words of an explanation term kind (ExplanationTerm), nullptr for a kind this build lacks.
const Words* termWords(char kind) {
    static constexpr Words kChannels[] = {{"contacts", "联系"}, {"phone calls", "电话"},
                                          {"SMS", "短信"},      {"WeChat", "微信"},
                                          {"emails", "邮件"},   {"visits", "拜访"},
                                          {"seminars", "讲座"}, {"other contacts", "其他联系"}};
    struct Term {
        ExplanationTerm kind;
        Words words;
    };
    static constexpr Term kTerms[] = {
        {ExplanationTerm::Commission, {"commission", "佣金"}},
        {ExplanationTerm::Interest, {"interest on cash", "保证金利差"}},
        {ExplanationTerm::Handling, {"handling fees", "经手费"}},
        {ExplanationTerm::Upkeep, {"account upkeep", "账户维护"}},
        {ExplanationTerm::ExpectedCommission, {"expected commission", "预期佣金"}},
        {ExplanationTerm::ExpectedCarry, {"expected carry", "预期利差净额"}},
    };
    for (const auto& t : kTerms)
        if (static_cast<char>(t.kind) == kind) return &t.words;
    const int c = kind - static_cast<char>(ExplanationTerm::ServiceChannel0);
    return c >= 0 && c < static_cast<int>(std::size(kChannels)) ? &kChannels[c] : nullptr;
}

constexpr Words kUnreadable{"no explanation available", "暂无价值说明"};

struct FlagWords {
    unsigned bit;
    Words words;
};
constexpr FlagWords kFlagWords[] = {
    {kReasonLowTrading, {"low trading", "交易少"}},
    {kReasonHighServiceCost, {"high service cost", "服务成本高"}},
    {kReasonCashIdle, {"cash idle", "资金闲置"}},
};

} // namespace

std::string householdFact(int members, Money combinedAum, Lang l) {
    const std::string n = std::to_string(members), aum = yuan(combinedAum);
    return l == Lang::Zh ? "家庭成员（共" + n + "人），家庭合计资产" + aum + "元"
                         : "member of a household of " + n + " with combined AUM " + aum + " CNY";
}

std::string explanation(std::string_view code, Lang l) {
    const bool zh = l == Lang::Zh;
    const auto bar = code.find('|');
    if (bar == std::string_view::npos) return std::string(in(kUnreadable, l));
    const std::string_view terms = code.substr(0, bar);
    std::string out;
    for (std::size_t pos = 0; pos < terms.size();) {
        auto end = terms.find(';', pos);
        if (end == std::string_view::npos) end = terms.size();
        const std::string_view term = terms.substr(pos, end - pos);
        const Words* w = term.size() >= 3 ? termWords(term[0]) : nullptr;
        if (w == nullptr || (term[1] != '+' && term[1] != '-'))
            return std::string(in(kUnreadable, l));
        // The sign goes with the amount ("commission +¥12,230"), as signed amounts are written
        // elsewhere; a text that began with a sign would read as a formula in a spreadsheet.
        if (!out.empty()) out += " · ";
        out += in(*w, l);
        out += term[1] == '+' ? " +¥" : " −¥";
        out += term.substr(2);
        pos = end + 1;
    }
    if (out.empty()) out = zh ? "近12个月无收入与成本" : "no revenue or cost in the last 12 months";
    for (std::size_t pos = bar; pos < code.size();) {
        auto end = code.find('|', pos + 1);
        if (end == std::string_view::npos) end = code.size();
        const std::string_view part = code.substr(pos + 1, end - pos - 1);
        if (!part.empty() && part[0] == 'p') {
            out += " · " + feature("p_alive", l) + " ";
            out += part.substr(1);
        } else if (!part.empty() && part[0] == 'f') {
            const auto bits = static_cast<unsigned>(
                std::strtoul(std::string(part.substr(1)).c_str(), nullptr, 10));
            out += zh ? " · 资产高价值低：" : " · AUM-rich, low value: ";
            out += flagReasons(bits, l);
        }
        pos = end;
    }
    return out;
}

std::string flagReasons(unsigned bits, Lang l) {
    std::string out;
    for (const auto& f : kFlagWords) {
        if (!(bits & f.bit)) continue;
        if (!out.empty()) out += l == Lang::Zh ? "、" : ", ";
        out += in(f.words, l);
    }
    if (out.empty()) out = l == Lang::Zh ? "盈利低于资产规模应有水平" : "profit low for its assets";
    return out;
}

} // namespace bd::phrase
