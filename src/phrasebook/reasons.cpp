// Follow-up reasons and talking points, the planner's dropped items, portfolio review notes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "phrasebook/phrasebook.h"
#include "phrasebook/words.h"

namespace bd::phrase {

std::string percent(double fraction) {
    return std::to_string(std::lround(fraction * 100.0)) + "%";
}

std::string signedPercent(double fraction) {
    const long pct = std::lround(fraction * 100.0);
    if (pct < 0) return "\u2212" + std::to_string(-pct) + "%";
    return "+" + std::to_string(pct) + "%";
}

std::string decimal(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string yuan(Money m) {
    return formatMoneyGrouped(m);
}

std::string counted(long long n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

namespace {

std::string num(std::int64_t v) {
    return std::to_string(v);
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string s;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!s.empty()) s += sep;
        s += p;
    }
    return s;
}

// General words for a kind whose arguments are unknown (an old plan read back by the schema v7
// migration when its sentence did not parse), in ReasonKind order.
constexpr Words kReasonTitles[] = {
    {"other reason", "其他原因"},
    {"contact due by the service cadence", "按服务策略应联系"},
    {"assets flowed out", "资产流出"},
    {"slipping away", "流失风险"},
    {"large loss", "大额亏损"},
    {"birthday", "生日"},
    {"holdings above the client's risk level", "持仓风险等级高于客户风险承受能力"},
    {"complaint not yet followed up", "投诉尚未回访"},
    {"low satisfaction", "满意度低"},
    {"promised follow-up", "约定跟进"},
    {"new account call", "新开户回访"},
    {"no answer", "未接通"},
    {"asked to be called back", "客户要求回电"},
    {"never contacted", "从未联系"},
    {"what was promised", "约定内容"},
    {"holding with the largest loss", "亏损最多的持仓"},
    {"holding above the client's risk level", "超出风险承受能力的持仓"},
    {"recent trades", "近期交易"},
    {"service policy", "服务策略"},
    {"risk assessment expiring", "风险测评即将到期"},
    {"risk assessment expired", "风险测评已过期"},
    {"survey call due", "问卷回访"},
};

std::string title(const Reason& r, Lang l) {
    return std::string(name(r.kind, l));
}

constexpr Words kDropTitles[] = {
    {"other reason", "其他原因"},
    {"capacity", "容量不足"},
    {"already booked", "已有安排"},
    {"not within the horizon", "不在计划期内"},
    {"a second item for this client", "该客户重复出现"},
    {"no broker assigned", "未分配客户经理"},
    {"deadline missed", "未能按期联系"},
    {"share of low-value slipping-away calls full", "低价值客户流失回访名额已满"}};

std::string date(const Reason& r, Arg a) {
    return r.dateOf(a).toString();
}

std::string cadence(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string ago = num(r.countOf(Arg::Ago));
    if (point) {
        if (r.has(Arg::Ago))
            return zh ? "上次联系" + ago + "天前" : "last call " + ago + " days ago";
        return zh ? "从未联系" : "never contacted";
    }
    const std::string every = num(r.countOf(Arg::Every)), due = date(r, Arg::Due);
    std::string s;
    if (r.has(Arg::Last))
        s = zh ? "服务策略每" + every + "天联系一次：上次联系" + date(r, Arg::Last) + "（" + ago +
                     "天前），应于" + due + "联系"
               : "contact every " + every + " days: last contact " + date(r, Arg::Last) + " (" +
                     ago + " days ago), due " + due;
    else
        s = zh ? "服务策略每" + every + "天联系一次：自" + date(r, Arg::Opened) +
                     "开户以来从未联系，应于" + due + "联系"
               : "contact every " + every + " days: never contacted since opening on " +
                     date(r, Arg::Opened) + ", due " + due;
    if (r.countOf(Arg::Overdue) > 0) {
        const std::string d = num(r.countOf(Arg::Overdue));
        s += zh ? "，已逾期" + d + "天" : ", " + d + " days overdue";
    }
    return s;
}

std::string outflow(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string change = signedPercent(r.valueOf(Arg::Change));
    const std::string since = r.has(Arg::Since) ? date(r, Arg::Since) : "";
    const std::string when =
        zh ? (since.empty() ? "较上期" : "自" + since + "以来")
           : (since.empty() ? " since the previous snapshot" : " since " + since);
    if (point) {
        // The amount that left, when the flows tell it: what the broker asks about.
        const std::string out = r.has(Arg::Outflow) ? yuan(r.moneyOf(Arg::Outflow)) : "";
        if (zh) return "总资产" + when + change + (out.empty() ? "" : "，净流出" + out + "元");
        return "AUM " + change + when + (out.empty() ? "" : ", net outflow " + out + " CNY");
    }
    std::string basis;
    if (r.has(Arg::Outflow)) {
        const std::string out = yuan(r.moneyOf(Arg::Outflow)),
                          share = percent(r.valueOf(Arg::OutflowShare));
        basis = zh ? "净流出" + out + "元（占总资产" + share + "）"
                   : "net outflow " + out + " CNY (" + share + " of AUM)";
    } else if (r.has(Arg::Market)) {
        const std::string market = signedPercent(r.valueOf(Arg::Market)),
                          gone = percent(r.valueOf(Arg::Withdrawn));
        basis = zh ? "同期市场" + market + "，估计转出约" + gone
                   : "market " + market + ", so about " + gone + " withdrawn";
    } else {
        basis = zh ? "资金流向与市场涨跌未知" : "flows and market move unknown";
    }
    const std::string from = yuan(r.moneyOf(Arg::From)), to = yuan(r.moneyOf(Arg::To));
    return zh ? "总资产" + when + change + "（" + from + "元→" + to + "元；" + basis + "）"
              : "AUM " + change + when + " (" + from + " -> " + to + " CNY; " + basis + ")";
}

std::string slipping(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    std::vector<std::string> parts;
    if (r.has(Arg::PAlive)) {
        const std::string p = decimal(r.valueOf(Arg::PAlive));
        const std::string least = decimal(r.valueOf(Arg::PAliveMin));
        if (point)
            parts.push_back(zh ? "活跃概率" + p : "activity probability " + p);
        else
            parts.push_back(zh ? "活跃概率" + p + "低于" + least
                               : "activity probability " + p + " below " + least);
    }
    if (r.has(Arg::Idle)) {
        const std::string idle = num(r.countOf(Arg::Idle)), days = num(r.countOf(Arg::TradeDays));
        if (point)
            parts.push_back(zh ? idle + "天未交易" : "no trade " + idle + " days");
        else
            parts.push_back(zh ? idle + "天未交易（近12个月曾交易" + days + "天）"
                               : "no trade for " + idle + " days after " + days +
                                     " trade days in 12 months");
    }
    if (point) return join(parts, " · ");
    return zh ? "流失风险：" + join(parts, "，") : "slipping away: " + join(parts, ", ");
}

std::string loss(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string dd = percent(r.valueOf(Arg::Drawdown)), lost = yuan(r.moneyOf(Arg::Loss));
    if (point) {
        if (r.has(Arg::Drawdown)) return zh ? "回撤" + dd : "drawdown " + dd;
        return zh ? "亏损" + lost + "元" : "loss " + lost + " CNY";
    }
    std::vector<std::string> parts;
    if (r.has(Arg::Drawdown))
        parts.push_back(zh ? "较高点回撤" + dd : "drawdown " + dd + " from peak");
    if (r.has(Arg::Loss))
        parts.push_back(zh ? "近期亏损" + lost + "元"
                           : "loss of " + lost + " CNY in the last period");
    return zh ? "大额亏损：" + join(parts, "，") : "large loss: " + join(parts, ", ");
}

std::string birthday(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    if (point) {
        const auto days = r.countOf(Arg::InDays);
        if (days == 0) return zh ? "今天生日" : "birthday today";
        return zh ? num(days) + "天后生日" : "birthday in " + num(days) + " days";
    }
    const std::string on = date(r, Arg::On), age = num(r.countOf(Arg::Age));
    return zh ? on + "生日（" + age + "岁）" : "birthday on " + on + " (turns " + age + ")";
}

std::string suitability(const Reason& r, Lang l, bool point) {
    const auto n = r.countOf(Arg::Count);
    if (l == Lang::Zh)
        return point ? num(n) + "只持仓不适当"
                     : "适当性：" + num(n) + "只持仓风险等级高于客户风险承受能力";
    if (point) return num(n) + (n == 1 ? " unsuitable holding" : " unsuitable holdings");
    return "suitability: " + counted(n, "holding", "holdings") + " above the client's risk level";
}

/// "risk assessment expires 2027-01-05 (in 30 days)" / "风险测评2027-01-05到期（30天后）".
std::string assessmentExpiring(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string on = date(r, Arg::On), in = num(r.countOf(Arg::InDays));
    if (point)
        return zh ? "风险测评" + in + "天后到期" : "risk assessment expires in " + in + " days";
    return zh ? "风险测评" + on + "到期（" + in + "天后），请提醒客户重新测评"
              : "risk assessment expires " + on + " (in " + in +
                    " days): ask the client to take it again";
}

/// "risk assessment expired 2026-11-01 (35 days ago)".
std::string assessmentExpired(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string on = date(r, Arg::On), ago = num(r.countOf(Arg::Ago));
    if (point)
        return zh ? "风险测评已过期" + ago + "天" : "risk assessment expired " + ago + " days ago";
    return zh ? "风险测评已于" + on + "过期（" + ago + "天前），适当性不再成立，须重新测评"
              : "risk assessment expired " + on + " (" + ago +
                    " days ago): suitability no longer holds until it is taken again";
}

std::string complaint(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string ago = num(r.countOf(Arg::Ago)), on = date(r, Arg::On);
    if (point) return zh ? ago + "天前投诉" : "complaint " + ago + " days ago";
    return zh ? on + "投诉（" + ago + "天前）尚未回访"
              : "complaint on " + on + " (" + ago + " days ago) not yet followed up";
}

std::string satisfaction(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string s = num(r.countOf(Arg::Score)) + "/5";
    if (point) return zh ? "满意度" + s : "satisfaction " + s;
    return zh ? date(r, Arg::On) + "满意度" + s : "satisfaction " + s + " on " + date(r, Arg::On);
}

std::string promised(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string on = date(r, Arg::On);
    if (point) return zh ? "约定" + on + "回访" : "promised call " + on;
    std::string s = zh ? "已约定" + on + "跟进" : "promised to follow up on " + on;
    if (r.countOf(Arg::MissedBy) > 0) {
        const std::string m = num(r.countOf(Arg::MissedBy));
        s += zh ? "（已逾期" + m + "天）" : " (missed by " + m + " days)";
    }
    return s;
}

std::string onboarding(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string n = num(r.countOf(Arg::WorkingDay));
    if (point) return zh ? "新开户第" + n + "日回访" : "new account, day-" + n + " call";
    return zh ? date(r, Arg::Opened) + "新开户：第" + n + "个工作日回访（" + date(r, Arg::Target) +
                    "）"
              : "new account opened " + date(r, Arg::Opened) + ": working-day-" + n + " call due " +
                    date(r, Arg::Target);
}

std::string noAnswer(const Reason& r, Lang l) {
    const bool zh = l == Lang::Zh;
    const std::string on = date(r, Arg::On), n = num(r.countOf(Arg::Attempt));
    std::string s =
        zh ? on + "未接通（第" + n + "次）" : "no answer on " + on + " (attempt " + n + ")";
    if (r.has(Arg::Channel)) {
        const std::string ch(name(r.channelOf(Arg::Channel), l));
        s += zh ? "；连续" + n + "次未接通，改用" + ch
                : "; " + n + " unanswered in a row, switching to " + ch;
    }
    return s;
}

/// "last call 9 days ago" (the old form, kept when the channel is unknown), or with how it went:
/// "last contact 9 days ago by phone, reached, satisfaction 4/5".
std::string lastContact(const Reason& r, Lang l) {
    const bool zh = l == Lang::Zh;
    if (!r.has(Arg::Channel)) return cadence(r, l, true);
    const std::string ago = num(r.countOf(Arg::Ago));
    const std::string ch(name(r.channelOf(Arg::Channel), l));
    std::string s =
        zh ? "上次联系" + (r.has(Arg::Ago) ? ago + "天前，" : std::string()) + ch
           : "last contact " + (r.has(Arg::Ago) ? ago + " days ago " : std::string()) + "by " + ch;
    if (r.has(Arg::Outcome)) {
        const std::string how(name(static_cast<Outcome>(r.countOf(Arg::Outcome)), l));
        if (!how.empty()) s += (zh ? "，" : ", ") + how;
    }
    if (r.has(Arg::Score)) {
        const std::string score = num(r.countOf(Arg::Score)) + "/5";
        s += zh ? "，满意度" + score : ", satisfaction " + score;
    }
    return s;
}

/// "600519 Kweichow Moutai" / "贵州茅台（600519）".
std::string security(const Reason& r, Lang l) {
    const std::string code = r.textOf(Arg::Code), title = r.textOf(Arg::Security);
    if (title.empty()) return code;
    return l == Lang::Zh ? title + "（" + code + "）" : code + " " + title;
}

std::string promiseNote(const Reason& r, Lang l) {
    return l == Lang::Zh ? "约定内容：" + r.textOf(Arg::Note) : "promised: " + r.textOf(Arg::Note);
}

std::string worstHolding(const Reason& r, Lang l) {
    const std::string change = signedPercent(r.valueOf(Arg::Change)),
                      lost = yuan(r.moneyOf(Arg::Loss));
    return l == Lang::Zh ? "亏损最多：" + security(r, l) + change + "，浮亏" + lost + "元"
                         : "biggest loser: " + security(r, l) + " " + change + " (" + lost +
                               " CNY unrealised loss)";
}

std::string riskMismatch(const Reason& r, Lang l) {
    const std::string level = "R" + num(r.countOf(Arg::Level)),
                      client = "C" + num(r.countOf(Arg::ClientLevel));
    return l == Lang::Zh ? security(r, l) + "风险等级" + level + "，高于客户的" + client
                         : security(r, l) + " is " + level + ", above the client's " + client;
}

std::string recentTrades(const Reason& r, Lang l) {
    const bool zh = l == Lang::Zh;
    if (!r.has(Arg::Last)) return zh ? "从未交易" : "never traded";
    const std::string last = date(r, Arg::Last), ago = num(r.countOf(Arg::Ago)),
                      days = num(r.countOf(Arg::TradeDays));
    return zh ? "最近交易" + last + "（" + ago + "天前），近12个月交易" + days + "天"
              : "last trade " + last + " (" + ago + " days ago), " + days +
                    " trade days in 12 months";
}

std::string policy(const Reason& r, Lang l) {
    const bool zh = l == Lang::Zh;
    const std::string type(name(static_cast<RelationshipType>(r.countOf(Arg::Relationship)), l));
    const std::string who(name(static_cast<ServedBy>(r.countOf(Arg::ServedBy)), l));
    const auto every = r.countOf(Arg::Every);
    const std::string when =
        every > 0 ? (zh ? "每" + num(every) + "天联系" : "every " + num(every) + " days")
                  : (zh ? "不主动联系" : "no proactive contact");
    return zh ? "服务策略：" + type + "，" + who + "，" + when
              : "policy: " + type + ", " + who + ", " + when;
}

std::string callback(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    if (point) return zh ? "按约回电" : "call back as asked";
    return zh ? date(r, Arg::On) + "客户要求回电"
              : "asked on " + date(r, Arg::On) + " to be called back";
}

std::string surveyDue(const Reason& r, Lang l, bool point) {
    const bool zh = l == Lang::Zh;
    const std::string due = date(r, Arg::Due);
    if (point) return zh ? "问卷回访，" + due + "前完成" : "survey call by " + due;
    return zh ? "满意度问卷回访（" + date(r, Arg::On) + "发起），须于" + due + "前完成"
              : "survey call (campaign launched " + date(r, Arg::On) + ") due by " + due;
}

std::string words(const Reason& r, Lang l, bool point) {
    if (r.args.empty() && r.kind != ReasonKind::LastContact && r.kind != ReasonKind::RecentTrades)
        return title(r, l);
    switch (r.kind) {
    case ReasonKind::Cadence:
        return cadence(r, l, point);
    case ReasonKind::AssetOutflow:
        return outflow(r, l, point);
    case ReasonKind::SlippingAway:
        return slipping(r, l, point);
    case ReasonKind::LargeLoss:
        return loss(r, l, point);
    case ReasonKind::Birthday:
        return birthday(r, l, point);
    case ReasonKind::SuitabilityMismatch:
        return suitability(r, l, point);
    case ReasonKind::Complaint:
        return complaint(r, l, point);
    case ReasonKind::LowSatisfaction:
        return satisfaction(r, l, point);
    case ReasonKind::PromisedFollowUp:
        return promised(r, l, point);
    case ReasonKind::Onboarding:
        return onboarding(r, l, point);
    case ReasonKind::NoAnswer:
        return noAnswer(r, l);
    case ReasonKind::CallbackAsked:
        return callback(r, l, point);
    case ReasonKind::LastContact:
        return lastContact(r, l);
    case ReasonKind::PromiseNote:
        return promiseNote(r, l);
    case ReasonKind::WorstHolding:
        return worstHolding(r, l);
    case ReasonKind::RiskMismatch:
        return riskMismatch(r, l);
    case ReasonKind::RecentTrades:
        return recentTrades(r, l);
    case ReasonKind::Policy:
        return policy(r, l);
    case ReasonKind::RiskAssessmentExpiring:
        return assessmentExpiring(r, l, point);
    case ReasonKind::RiskAssessmentExpired:
        return assessmentExpired(r, l, point);
    case ReasonKind::SurveyDue:
        return surveyDue(r, l, point);
    case ReasonKind::Unknown:
        break;
    }
    return title(r, l);
}

/// "deadline 2030-01-07 (assets flowed out) missed: broker B1's 30 slots up to then hold 30
/// calls that keep their deadlines; planned 2030-01-09, 2 working days late".
std::string deadlineMissed(const DropFact& d, Lang l) {
    const bool zh = l == Lang::Zh;
    const std::string due = d.dateOf(Arg::Due).toString(), broker = d.textOf(Arg::Broker),
                      slots = num(d.countOf(Arg::Count)), kept = num(d.countOf(Arg::Calls));
    const std::string kind(name(static_cast<ReasonKind>(d.countOf(Arg::Kind)), l));
    std::string s = zh ? "未能在期限" + due + "前联系（" + kind + "）：" + owner(broker, l) +
                             "在此之前的" + slots + "个名额已有" + kept + "个按期联系"
                       : "deadline " + due + " (" + kind + ") missed: " + owner(broker, l) + "'s " +
                             slots + " slots up to then hold " + kept +
                             " calls that keep their deadlines";
    if (d.has(Arg::Channel)) {
        const std::string ch(name(d.channelOf(Arg::Channel), l));
        s += zh ? "，" + ch + "渠道有每日上限" : "; channel " + ch + " is limited";
    }
    if (d.has(Arg::On)) {
        const std::string on = d.dateOf(Arg::On).toString();
        const auto late = d.countOf(Arg::MissedBy);
        s += zh ? "；已排在" + on + "，晚" + num(late) + "个工作日"
                : "; planned " + on + ", " + counted(late, "working day", "working days") + " late";
    } else {
        s += zh ? "；计划期内未能安排" : "; not planned within the horizon";
    }
    return s;
}

} // namespace

std::string owner(std::string_view id, Lang l) {
    if (id == kServiceDeskQueue)
        return l == Lang::Zh ? std::string(name(ServedBy::ServiceDesk, l)) : "the service desk";
    return (l == Lang::Zh ? "客户经理" : "broker ") + std::string(id);
}

std::string_view queueName(std::string_view id, Lang l) {
    return id == kServiceDeskQueue ? name(ServedBy::ServiceDesk, l) : id;
}

std::string planMadeForCallList(long long planned, Date asOf, Lang l) {
    if (l == Lang::Zh)
        return "尚无计划：已按" + asOf.toString() + "排定" + std::to_string(planned) + "个联系事项";
    return "no plan yet: planned " + counted(planned, "call", "calls") + " as of " +
           asOf.toString();
}

std::string planCoversOnly(Date asOf, Date first, Date last, bool onServer, Lang l) {
    if (l == Lang::Zh)
        return "提示：现有计划（按" + asOf.toString() + "排定）只覆盖" + first.toString() + "至" +
               last.toString() + "；" +
               (onServer ? "其他日期由营业部夜间批处理排定"
                         : "如需其他日期，请运行 brokerdesk-cli plan");
    return "note: the stored plan (as of " + asOf.toString() + ") covers " + first.toString() +
           " .. " + last.toString() + "; " +
           (onServer ? "the branch's nightly batch plans other days"
                     : "run `brokerdesk-cli plan` to plan other days");
}

std::string_view name(ReasonKind v, Lang l) {
    const auto i = static_cast<std::size_t>(v);
    return in(kReasonTitles[i < std::size(kReasonTitles) ? i : 0], l);
}

std::string_view name(DropKind v, Lang l) {
    const auto i = static_cast<std::size_t>(v);
    return in(kDropTitles[i < std::size(kDropTitles) ? i : 0], l);
}

std::string reason(const Reason& r, Lang l) {
    return words(r, l, false);
}

std::string point(const Reason& r, Lang l) {
    return words(r, l, true);
}

std::string reasons(const std::vector<Reason>& rs, Lang l) {
    std::vector<std::string> parts;
    for (const auto& r : rs) parts.push_back(reason(r, l));
    return join(parts, l == Lang::Zh ? "；" : "; ");
}

namespace {

/// The day the facts' counts were taken to, when a fact carries a date and its count.
std::optional<Date> countedFrom(const std::vector<Reason>& rs) {
    for (const auto& r : rs) {
        if (!r.has(Arg::Ago)) continue;
        if (r.has(Arg::Last))
            return r.dateOf(Arg::Last).addDays(static_cast<int>(r.countOf(Arg::Ago)));
        if (r.has(Arg::On)) return r.dateOf(Arg::On).addDays(static_cast<int>(r.countOf(Arg::Ago)));
    }
    return std::nullopt;
}

/// Sets a count of days past `from` (kept when the fact had it, added when positive).
void daysPast(Reason& r, Arg a, Date from, Date day) {
    const int n = day - from;
    if (r.has(a) || n > 0) r.count(a, std::max(n, 0));
}

} // namespace

std::vector<Reason> countedTo(std::vector<Reason> rs, Date day) {
    const std::optional<Date> from = countedFrom(rs);
    for (auto& r : rs) {
        switch (r.kind) {
        case ReasonKind::RecentTrades:
            if (r.has(Arg::Last)) r.count(Arg::Ago, day - r.dateOf(Arg::Last));
            break;
        case ReasonKind::Cadence:
        case ReasonKind::LastContact:
            if (r.has(Arg::Last)) r.count(Arg::Ago, day - r.dateOf(Arg::Last));
            if (r.has(Arg::Due)) daysPast(r, Arg::Overdue, r.dateOf(Arg::Due), day);
            break;
        case ReasonKind::Complaint:
        case ReasonKind::RiskAssessmentExpired:
            if (r.has(Arg::On)) r.count(Arg::Ago, day - r.dateOf(Arg::On));
            break;
        case ReasonKind::RiskAssessmentExpiring:
            if (r.has(Arg::On) && r.dateOf(Arg::On) >= day)
                r.count(Arg::InDays, r.dateOf(Arg::On) - day);
            break;
        case ReasonKind::Birthday:
            if (r.has(Arg::On) && r.dateOf(Arg::On) >= day)
                r.count(Arg::InDays, r.dateOf(Arg::On) - day);
            break;
        case ReasonKind::PromisedFollowUp:
            if (r.has(Arg::On)) daysPast(r, Arg::MissedBy, r.dateOf(Arg::On), day);
            break;
        case ReasonKind::SlippingAway:
            if (r.has(Arg::Idle) && from) r.count(Arg::Idle, r.countOf(Arg::Idle) + (day - *from));
            break;
        default:
            break;
        }
    }
    return rs;
}

std::string reasons(const std::vector<Reason>& rs, Lang l, Date day) {
    return reasons(countedTo(rs, day), l);
}

std::string points(const std::vector<Reason>& rs, Lang l) {
    std::vector<std::string> parts;
    for (const auto& r : rs) parts.push_back(point(r, l));
    return join(parts, " · ");
}

std::string drop(const DropFact& d, Lang l) {
    const bool zh = l == Lang::Zh;
    const auto on = d.dateOf(Arg::On).toString();
    switch (d.kind) {
    case DropKind::Capacity: {
        if (d.args.empty()) return std::string(name(d.kind, l));
        const std::string calls = num(d.countOf(Arg::Calls)), days = num(d.countOf(Arg::Days)),
                          broker = d.textOf(Arg::Broker),
                          prio = decimal(d.valueOf(Arg::Priority), 3);
        std::string s = zh ? "容量不足：" + owner(broker, l) + "的" + days + "个工作日已排满" +
                                 calls + "个更高优先级的联系（优先级" + prio + "）"
                           : "capacity: " + calls + " higher-priority calls fill " +
                                 owner(broker, l) + "'s " + days + " working days (priority " +
                                 prio + ")";
        if (d.has(Arg::Channel)) {
            const std::string ch(name(d.channelOf(Arg::Channel), l));
            s += zh ? "；" + ch + "渠道有每日上限" : "; channel " + ch + " is limited";
        }
        return s;
    }
    case DropKind::AlreadyBooked: {
        if (d.args.empty()) return std::string(name(d.kind, l));
        const std::string every = num(d.countOf(Arg::Every));
        return zh ? "已安排于" + on + "（联系周期" + every + "天）"
                  : "already booked on " + on + " (cadence " + every + " days)";
    }
    case DropKind::NotInHorizon: {
        if (d.args.empty()) return std::string(name(d.kind, l));
        const std::string last = d.dateOf(Arg::Due).toString();
        return zh ? "最早" + on + "，晚于计划期末" + last
                  : "not before " + on + ", after the horizon ends " + last;
    }
    case DropKind::Duplicate: {
        if (d.args.empty()) return std::string(name(d.kind, l));
        const std::string item = num(d.countOf(Arg::Item));
        return zh ? "该客户重复出现（以第" + item + "项为准）"
                  : "a second item for this client (input item " + item + " is planned instead)";
    }
    case DropKind::DeadlineMissed:
        if (d.args.empty()) return std::string(name(d.kind, l));
        return deadlineMissed(d, l);
    case DropKind::SlippingShare: {
        if (d.args.empty()) return std::string(name(d.kind, l));
        const std::string share = percent(d.valueOf(Arg::Share)),
                          calls = num(d.countOf(Arg::Calls)), days = num(d.countOf(Arg::Days)),
                          who = owner(d.textOf(Arg::Broker), l);
        return zh ? "低价值客户的流失回访最多占" + who + "容量的" + share + "（" + days +
                        "个工作日共" + calls + "个），已排满"
                  : "low-value slipping-away calls take at most " + share + " of " + who +
                        "'s capacity (" + calls + " calls in " + days + " working days): full";
    }
    case DropKind::NoBroker:
    case DropKind::Unknown:
        break;
    }
    return std::string(name(d.kind, l));
}

std::string note(const ReviewNote& n, Lang l) {
    const bool zh = l == Lang::Zh;
    const auto count = n.countOf(Arg::Count);
    const std::string on = n.dateOf(Arg::On).toString();
    switch (n.kind) {
    case ReviewNoteKind::IgnoredTrades:
        return zh ? num(count) + "笔交易方向未知或数量为零，已忽略"
                  : counted(count, "trade", "trades") +
                        (count == 1 ? " with an unknown side or no quantity was ignored"
                                    : " with an unknown side or no quantity were ignored");
    case ReviewNoteKind::Oversold:
        return zh ? num(count) + "笔卖出超过账内买入数量（可能在账簿起始前已建仓）；未匹配部分不计"
                                 "入已实现盈亏"
                  : counted(count, "sell", "sells") +
                        " exceeded the quantity bought in the book (position opened before the "
                        "book "
                        "starts?); the unmatched part is left out of realised P&L";
    case ReviewNoteKind::QuantityMismatch:
        return zh ? num(count) + "只持仓与账内交易累计数量不一致"
                  : counted(count, "holding differs", "holdings differ") +
                        " from what the trades in the book add up to";
    case ReviewNoteKind::NoSnapshot:
        return zh ? "截至日前没有资产快照" : "no snapshot on or before the as-of date";
    case ReviewNoteKind::SnapshotTooOld:
        return zh ? "最近的资产快照（" + on + "）过旧" : "latest snapshot " + on + " is too old";
    case ReviewNoteKind::NoStartSnapshot:
        return zh ? "期初" + on + "没有资产快照" : "no snapshot at the period start " + on;
    case ReviewNoteKind::StartSnapshotTooFar:
        return zh ? "没有接近期初" + on + "的资产快照"
                  : "no snapshot close enough to the period start " + on;
    case ReviewNoteKind::CapitalNotPositive:
        return zh ? "平均资金不为正" : "average capital is not positive";
    case ReviewNoteKind::UnknownClientLevel:
        return zh ? "客户风险承受能力未评估" : "unknown client risk level";
    case ReviewNoteKind::UnratedSecurity:
        return zh ? "产品未评级" : "unrated security";
    case ReviewNoteKind::RiskAboveTolerance: {
        const std::string r = "R" + num(n.countOf(Arg::Level)),
                          c = "C" + num(n.countOf(Arg::ClientLevel));
        return zh ? r + " 高于 " + c : r + " > " + c;
    }
    case ReviewNoteKind::AssessmentExpired:
        return zh ? "客户风险测评已于" + on + "过期" : "the client's risk assessment expired " + on;
    case ReviewNoteKind::GrowthBoardLevel: {
        const std::string board(name(static_cast<Board>(n.countOf(Arg::Board)), l));
        const std::string c = "C" + num(n.countOf(Arg::ClientLevel));
        return zh ? board + "需" + c + "及以上" : board + " requires " + c + "+";
    }
    case ReviewNoteKind::Unknown:
        break;
    }
    return zh ? "数据说明" : "data remark";
}

} // namespace bd::phrase
