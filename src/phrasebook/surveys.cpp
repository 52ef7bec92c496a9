// Surveys and return visits: template and item words, audiences, loyalty classes, the NPS.
#include <cmath>
#include <iterator>

#include "phrasebook/phrasebook.h"
#include "phrasebook/words.h"

namespace bd::phrase {
namespace {

constexpr Words kStandardSurveys[] = {
    {"", ""},
    {"Service satisfaction", "服务满意度调查"},
    {"Compliance return visit (high-risk products)", "合规回访（高风险产品）"},
};

constexpr Words kStandardItems[] = {
    {"", ""},
    {"How satisfied are you with our service overall?", "您对我们的整体服务是否满意？"},
    {"How would you rate your broker's professional knowledge?", "您如何评价客户经理的专业水平？"},
    {"How quickly are your questions answered?", "您的问题是否得到及时答复？"},
    {"Are you contacted as often as you would like?", "我们联系您的频率是否合适？"},
    {"Were the product's risks explained to you before you bought it?",
     "购买前，产品的风险是否已向您充分揭示？"},
    {"Does the product fit your risk tolerance and investment goals?",
     "该产品是否符合您的风险承受能力和投资目标？"},
    {"Do you know where to follow the product and any changes to it?",
     "您是否清楚在哪里了解产品的运作及变化？"},
};

constexpr Words kLoyalty[] = {
    {"", ""},
    {"Promoter", "推荐者"},
    {"Passive", "中立者"},
    {"Detractor", "贬损者"},
};

template <typename E, std::size_t N>
std::string_view at(const Words (&table)[N], E v, Lang l) {
    const auto i = static_cast<std::size_t>(v);
    return in(table[i < N ? i : 0], l);
}

} // namespace

std::string_view name(StandardSurvey v, Lang l) {
    return at(kStandardSurveys, v, l);
}

std::string_view surveyItem(StandardItem v, Lang l) {
    return at(kStandardItems, v, l);
}

std::string_view recommendQuestion(Lang l) {
    return l == Lang::Zh ? "您有多大可能向亲友推荐我们？（0–10分）"
                         : "How likely are you to recommend us to a friend? (0–10)";
}

std::string_view name(LoyaltyClass v, Lang l) {
    return at(kLoyalty, v, l);
}

std::string audience(AudienceKind kind, long long arg, Lang l) {
    const bool zh = l == Lang::Zh;
    const std::string n = std::to_string(arg);
    switch (kind) {
    case AudienceKind::Segment:
        return zh ? "第" + n + "类客户群" : "segment " + n;
    case AudienceKind::Vips:
        return zh ? "VIP客户" : "VIPs";
    case AudienceKind::Complainers:
        return zh ? "近" + n + "天投诉过的客户"
                  : "clients who complained in the last " + n + " days";
    case AudienceKind::NewAccounts:
        return zh ? "近" + n + "天新开户客户" : "accounts opened in the last " + n + " days";
    case AudienceKind::HighRiskBuyers:
        return zh ? "近" + n + "天买入R" + std::to_string(kHighRiskLevel) + "及以上产品的客户"
                  : "buyers of R" + std::to_string(kHighRiskLevel) + "+ products in the last " + n +
                        " days";
    case AudienceKind::Unknown:
        break;
    }
    return zh ? "未知对象" : "unknown audience";
}

std::string nps(std::optional<double> v, Lang l) {
    if (!v) return l == Lang::Zh ? "无" : "n/a";
    const long r = std::lround(*v);
    if (r < 0) return "\u2212" + std::to_string(-r);
    return (r > 0 ? "+" : "") + std::to_string(r);
}

} // namespace bd::phrase
