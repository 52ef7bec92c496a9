// Display names of the domain's enums, feature themes and features.
#include <array>
#include <cctype>
#include <cmath>

#include "core/text.h"
#include "phrasebook/phrasebook.h"
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

// Each table is in enum order.
constexpr Words kChannels[] = {
    {"", ""},          {"phone", "电话"}, {"SMS", "短信"},     {"WeChat", "微信"},
    {"email", "邮件"}, {"visit", "拜访"}, {"seminar", "讲座"}, {"other", "其他"}};
constexpr Words kStatuses[] = {{"", ""},
                               {"active", "正常"},
                               {"dormant", "休眠"},
                               {"closed", "销户"},
                               {"prospect", "潜在客户"}};
constexpr Words kSides[] = {{"", ""}, {"buy", "买入"}, {"sell", "卖出"}};
constexpr Words kOrderChannels[] = {
    {"", ""}, {"online", "网上"}, {"mobile", "手机"}, {"phone", "电话"}, {"counter", "柜台"}};
constexpr Words kDirections[] = {{"", ""}, {"outbound", "呼出"}, {"inbound", "呼入"}};
constexpr Words kOutcomes[] = {{"", ""},
                               {"reached", "接通"},
                               {"no answer", "未接通"},
                               {"call back", "回电"},
                               {"complaint", "投诉"},
                               {"refused", "拒绝"}};
constexpr Words kGenders[] = {{"", ""}, {"male", "男"}, {"female", "女"}};
constexpr Words kBoards[] = {{"Other", "其他"},  {"Main board", "主板"}, {"ChiNext", "创业板"},
                             {"STAR", "科创板"}, {"BSE", "北交所"},      {"Funds", "基金"},
                             {"Bonds", "债券"}};
constexpr Words kRelationships[] = {{"Basic", "基本型"},
                                    {"Reactive", "被动型"},
                                    {"Accountable", "负责型"},
                                    {"Proactive", "能动型"},
                                    {"Partnership", "伙伴型"}};
constexpr Words kServedBy[] = {{"Senior broker", "资深客户经理"},
                               {"Broker", "客户经理"},
                               {"Service desk", "客服中心"},
                               {"Automated", "系统自动"}};
constexpr Words kSegmentThemes[] = {{"Segment", "客群"},
                                    {"Active newcomers", "活跃新客户"},
                                    {"Newcomers", "新开户"},
                                    {"Dormant accounts", "休眠账户"},
                                    {"High-value active traders", "高价值活跃交易"},
                                    {"Asset-rich, inactive", "高资产低活跃"},
                                    {"Active traders", "活跃交易"},
                                    {"Asset-rich", "高资产"},
                                    {"High contributors", "高贡献"},
                                    {"Growing accounts", "资产增长型"},
                                    {"Small accounts", "小额客户"},
                                    {"Mainstream clients", "大众客户"},
                                    {"All clients", "全部客户"}};

// Feature themes (analytics/factors.h) and features (the value model's and the segmentation's).
constexpr Keyed kFeatures[] = {
    // Themes.
    {"activity", {"trading activity", "交易活跃度"}},
    {"assets", {"asset size", "资产规模"}},
    {"profitability", {"profit contribution", "盈利贡献"}},
    {"growth", {"asset growth", "资产增长"}},
    {"inactivity", {"inactivity", "沉寂时长"}},
    {"tenure", {"tenure", "客户年限"}},
    {"service", {"service intensity", "服务投入"}},
    {"risk", {"risk appetite", "风险偏好"}},
    {"diversification", {"portfolio breadth", "持仓分散度"}},
    {"age", {"client age", "客户年龄"}},
    // Features.
    {"aum", {"assets under management", "总资产"}},
    {"commission_12m", {"commission, 12 months", "近12个月佣金"}},
    {"profit_12m", {"profit, 12 months", "近12个月利润"}},
    {"clv_12m", {"lifetime value, next 12 months", "未来12个月客户价值"}},
    {"trades_12m", {"trades, 12 months", "近12个月交易笔数"}},
    {"contacts_12m", {"contacts, 12 months", "近12个月联系次数"}},
    {"days_since_trade", {"days since the last trade", "距上次交易天数"}},
    {"contact_gap_days", {"days since the last contact", "距上次联系天数"}},
    {"tenure_days", {"days as a client", "开户天数"}},
    {"aum_trend", {"asset trend", "资产趋势"}},
    {"satisfaction", {"satisfaction", "满意度"}},
    {"net_inflow_12m", {"net inflow, 12 months", "近12个月净流入"}},
    {"service_cost_12m", {"service cost, 12 months", "近12个月服务成本"}},
    {"p_alive", {"activity probability", "活跃概率"}},
};
constexpr Words kUnknownFeature{"another measure", "其他指标"};

// MatchKind, best first: why a client search found a client.
constexpr Words kMatchKinds[] = {{"client ID", "客户号"},
                                 {"name", "姓名"},
                                 {"start of name", "姓名开头"},
                                 {"pinyin initials", "拼音首字母"},
                                 {"pinyin", "全拼"},
                                 {"start of client ID", "客户号开头"},
                                 {"part of name", "姓名包含"},
                                 {"part of pinyin initials", "拼音首字母包含"},
                                 {"part of pinyin", "全拼包含"},
                                 {"part of client ID", "客户号包含"},
                                 {"tag", "标签"},
                                 {"ID number ending", "证件号尾号"},
                                 {"phone digits", "电话号码"}};
static_assert(std::size(kMatchKinds) == kMatchKindCount);

constexpr Words kRelationKinds[] = {{"", ""},
                                    {"spouse", "配偶"},
                                    {"parent", "父母"},
                                    {"child", "子女"},
                                    {"sibling", "兄弟姐妹"},
                                    {"colleague", "同事"},
                                    {"referral", "推荐关系"},
                                    {"other", "其他关系"}};
static_assert(std::size(kRelationKinds) == kEnumCodes<RelationKind>);

constexpr Words kClientLevels[] = {{"not assessed", "未评估"},   {"C1 conservative", "C1 保守型"},
                                   {"C2 cautious", "C2 谨慎型"}, {"C3 balanced", "C3 稳健型"},
                                   {"C4 growth", "C4 积极型"},   {"C5 aggressive", "C5 激进型"}};

std::string lowered(std::string_view s) {
    std::string out(trim(s));
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (c == '_' || c == '-') c = ' ';
    }
    return out;
}

template <typename E, std::size_t N>
std::optional<E> named(const Words (&table)[N], std::string_view s, std::string_view (*key)(E)) {
    const std::string k = lowered(s);
    for (std::size_t i = 0; i < N; ++i) {
        const auto e = static_cast<E>(i);
        if (k == lowered(key(e)) || k == lowered(table[i].en) || trim(s) == table[i].zh) return e;
    }
    return std::nullopt;
}

} // namespace

std::string_view languageName(Lang l) {
    return l == Lang::Zh ? "简体中文" : "English";
}

std::optional<Lang> parseLang(std::string_view s) {
    const std::string k = lowered(s);
    if (k == "zh" || k == "zh cn" || k == "cn" || k == "chinese") return Lang::Zh;
    if (k == "en" || k == "english") return Lang::En;
    return std::nullopt;
}

std::string_view name(ContactChannel v, Lang l) {
    return pick(kChannels, v, l);
}
std::string_view name(ClientStatus v, Lang l) {
    return pick(kStatuses, v, l);
}
std::string_view name(Side v, Lang l) {
    return pick(kSides, v, l);
}
std::string_view name(OrderChannel v, Lang l) {
    return pick(kOrderChannels, v, l);
}
std::string_view name(Direction v, Lang l) {
    return pick(kDirections, v, l);
}
std::string_view name(Outcome v, Lang l) {
    return pick(kOutcomes, v, l);
}
std::string_view name(Gender v, Lang l) {
    return pick(kGenders, v, l);
}
std::string_view name(Board v, Lang l) {
    return pick(kBoards, v, l);
}
std::string_view name(RelationshipType v, Lang l) {
    return pick(kRelationships, v, l);
}
std::string_view name(ServedBy v, Lang l) {
    return pick(kServedBy, v, l, 3);
}
std::string_view name(RelationKind v, Lang l) {
    return pick(kRelationKinds, v, l);
}
std::string_view name(MatchKind v, Lang l) {
    return pick(kMatchKinds, v, l);
}
std::string_view name(SegmentTheme v, Lang l) {
    return pick(kSegmentThemes, v, l);
}

std::string fileWords(FileWords w, Lang l) {
    std::string out;
    for (const int code : fileWordCodes(w)) {
        if (!out.empty()) out += l == Lang::Zh ? "、" : ", ";
        // In Chinese, the display words: the Chinese words a file may carry instead
        // (Refusals.TheWordsOfAFilesColumnAreWordsTheImporterReads).
        const auto zh = [code](auto e) { return name(static_cast<decltype(e)>(code), Lang::Zh); };
        out += l == Lang::Zh ? withFileWordsEnum(w, zh) : fileWord(w, code);
    }
    return out;
}

std::optional<RelationshipType> relationshipTypeNamed(std::string_view s) {
    return named<RelationshipType>(kRelationships, s, toString);
}
std::optional<ServedBy> servedByNamed(std::string_view s) {
    return named<ServedBy>(kServedBy, s, toString);
}

std::string feature(std::string_view id, Lang l) {
    const Words* w = wordsOf(kFeatures, id);
    return std::string(in(w ? *w : kUnknownFeature, l));
}

std::string longDate(Date d, Lang l) {
    int y = 0, m = 0, day = 0;
    d.toYmd(y, m, day);
    const auto wd = static_cast<std::size_t>(d.isoWeekday() - 1);
    if (l == Lang::Zh) {
        constexpr std::string_view kDays[] = {"一", "二", "三", "四", "五", "六", "日"};
        return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(day) +
               "日 星期" + std::string(kDays[wd]);
    }
    constexpr std::string_view kDays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                          "Friday", "Saturday", "Sunday"};
    constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
    return std::string(kDays[wd]) + " " + std::to_string(day) + " " +
           std::string(kMonths[static_cast<std::size_t>(m - 1)]) + " " + std::to_string(y);
}

std::string compactYuan(double yuan, Lang l) {
    const double a = std::fabs(yuan);
    auto trimmed = [](double v, int decimals) {
        std::string s = decimal(v, decimals);
        if (s.find('.') != std::string::npos) {
            while (s.back() == '0') s.pop_back();
            if (s.back() == '.') s.pop_back();
        }
        return s;
    };
    if (l == Lang::Zh) {
        if (a >= 1e8) return trimmed(yuan / 1e8, 2) + "亿";
        if (a >= 1e4) return trimmed(yuan / 1e4, 1) + "万";
        return trimmed(yuan, 0);
    }
    if (a >= 1e9) return trimmed(yuan / 1e9, 2) + "B";
    if (a >= 1e6) return trimmed(yuan / 1e6, 2) + "M";
    if (a >= 1e3) return trimmed(yuan / 1e3, 1) + "K";
    return trimmed(yuan, 0);
}

std::string clientRiskLevel(int level, Lang l) {
    return std::string(pick(kClientLevels, level >= 1 && level <= 5 ? level : 0, l));
}

} // namespace bd::phrase
