#include "analytics/triggers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <thread>

namespace bd::analytics {
namespace {

std::string fmt(const char* pattern, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, pattern, v);
    return buf;
}

std::string num(int v) {
    return std::to_string(v);
}

/// "−45%" with a true minus sign (U+2212), "+12%" for gains.
std::string signedPercent(double fraction) {
    const long pct = std::lround(fraction * 100.0);
    if (pct < 0) return "\u2212" + std::to_string(-pct) + "%";
    return "+" + std::to_string(pct) + "%";
}

std::string percent(double fraction) {
    return std::to_string(std::lround(fraction * 100.0)) + "%";
}

std::string yuan(Money m) {
    return formatMoneyGrouped(m);
}

double clampd(double v, double lo, double hi) {
    return std::max(lo, std::min(hi, v));
}

/// The client's next birthday on or after `from` (29 Feb becomes 28 Feb in common years).
Date nextBirthday(Date birth, Date from) {
    int by, bm, bday;
    birth.toYmd(by, bm, bday);
    const int fy = from.year();
    for (int y = fy; y <= fy + 1; ++y) {
        const int d = std::min(bday, daysInMonth(y, bm));
        const Date candidate = Date::fromYmd(y, bm, d);
        if (candidate >= from) return candidate;
    }
    return Date::fromYmd(fy + 1, bm, std::min(bday, daysInMonth(fy + 1, bm)));
}

struct Context {
    const ClientSignals& c;
    Date asOf;
    Date today; // first working day on or after asOf: the plan's first day
    Date horizonEnd;
    const Calendar& cal;
    const TriggerConfig& cfg;
    std::vector<Trigger> out;

    Trigger& add(TriggerKind kind, Date earliest, Date due, double urgency) {
        Trigger t;
        t.kind = kind;
        t.earliest = std::max(earliest, today);
        t.due = due;
        t.urgency = urgency;
        out.push_back(std::move(t));
        return out.back();
    }
};

void cadence(Context& x) {
    const ClientSignals& c = x.c;
    if (c.cadence_days <= 0) return;
    const Date base = c.last_contact.value_or(c.open_date);
    const Date due = base.addDays(c.cadence_days);
    if (due > x.horizonEnd) return;
    const int overdue = std::max(0, x.asOf - due);
    const double urgency =
        x.cfg.weight_cadence * (1.0 + clampd(double(overdue) / c.cadence_days, 0.0, 1.0));
    Trigger& t = x.add(TriggerKind::Cadence, x.today, due, urgency);
    const std::string every = num(c.cadence_days);
    if (c.last_contact) {
        const std::string ago = num(x.asOf - *c.last_contact);
        t.reason_en = "contact every " + every + " days: last contact " +
                      c.last_contact->toString() + " (" + ago + " days ago), due " + due.toString();
        t.reason_zh = "服务策略每" + every + "天联系一次：上次联系" + c.last_contact->toString() +
                      "（" + ago + "天前），应于" + due.toString() + "联系";
        t.point_en = "last call " + ago + " days ago";
        t.point_zh = "上次联系" + ago + "天前";
    } else {
        t.reason_en = "contact every " + every + " days: never contacted since opening on " +
                      c.open_date.toString() + ", due " + due.toString();
        t.reason_zh = "服务策略每" + every + "天联系一次：自" + c.open_date.toString() +
                      "开户以来从未联系，应于" + due.toString() + "联系";
        t.point_en = "never contacted";
        t.point_zh = "从未联系";
    }
    if (overdue > 0) {
        t.reason_en += ", " + num(overdue) + " days overdue";
        t.reason_zh += "，已逾期" + num(overdue) + "天";
    }
}

void outflow(Context& x) {
    const ClientSignals& c = x.c;
    if (!c.aum_previous || !c.aum_current || c.aum_previous->units <= 0) return;
    const double prev = c.aum_previous->toDouble();
    const double change = (c.aum_current->toDouble() - prev) / prev;
    double out = 0.0;
    std::string basisEn, basisZh;
    if (c.net_inflow) {
        // Known flows separate withdrawals from market moves exactly.
        out = -c.net_inflow->toDouble() / prev;
        basisEn = "net outflow " + yuan(-*c.net_inflow) + " CNY (" + percent(out) + " of AUM)";
        basisZh = "净流出" + yuan(-*c.net_inflow) + "元（占总资产" + percent(out) + "）";
    } else if (c.market_return) {
        out = -(change - *c.market_return);
        basisEn = "market " + signedPercent(*c.market_return) + ", so about " + percent(out) +
                  " withdrawn";
        basisZh = "同期市场" + signedPercent(*c.market_return) + "，估计转出约" + percent(out);
    } else {
        out = -change;
        basisEn = "flows and market move unknown";
        basisZh = "资金流向与市场涨跌未知";
    }
    if (out < x.cfg.outflow_threshold) return;
    const double urgency = x.cfg.weight_outflow * clampd(out / x.cfg.outflow_threshold, 1.0, 2.0);
    Trigger& t = x.add(TriggerKind::AssetOutflow, x.today,
                       x.cal.addWorkingDays(x.today, x.cfg.react_working_days), urgency);
    const std::string since = c.aum_previous_date ? c.aum_previous_date->toString() : "";
    const std::string sinceEn = since.empty() ? " since the previous snapshot" : " since " + since;
    const std::string sinceZh = since.empty() ? "较上期" : "自" + since + "以来";
    t.reason_en = "AUM " + signedPercent(change) + sinceEn + " (" + yuan(*c.aum_previous) + " -> " +
                  yuan(*c.aum_current) + " CNY; " + basisEn + ")";
    t.reason_zh = "总资产" + sinceZh + signedPercent(change) + "（" + yuan(*c.aum_previous) +
                  "元→" + yuan(*c.aum_current) + "元；" + basisZh + "）";
    t.point_en = "AUM " + signedPercent(change) + sinceEn;
    t.point_zh = "总资产" + sinceZh + signedPercent(change);
}

void slipping(Context& x) {
    const ClientSignals& c = x.c;
    const bool lowAlive = c.p_alive && *c.p_alive < x.cfg.p_alive_threshold;
    const int idle = c.last_trade ? x.asOf - *c.last_trade : 0;
    const bool stopped = c.last_trade && c.trade_days_12m >= x.cfg.active_min_trade_days_12m &&
                         idle >= x.cfg.inactive_days;
    if (!lowAlive && !stopped) return;
    double urgency = x.cfg.weight_slipping;
    if (lowAlive) urgency *= 1.0 + (x.cfg.p_alive_threshold - *c.p_alive) / x.cfg.p_alive_threshold;
    Trigger& t = x.add(TriggerKind::SlippingAway, x.today,
                       x.cal.addWorkingDays(x.today, x.cfg.review_working_days), urgency);
    std::vector<std::string> en, zh, pen, pzh;
    if (lowAlive) {
        const std::string p = fmt("%.2f", *c.p_alive);
        en.push_back("p_alive " + p + " below " + fmt("%.2f", x.cfg.p_alive_threshold));
        zh.push_back("活跃概率" + p + "低于" + fmt("%.2f", x.cfg.p_alive_threshold));
        pen.push_back("p_alive " + p);
        pzh.push_back("活跃概率" + p);
    }
    if (stopped) {
        en.push_back("no trade for " + num(idle) + " days after " + num(c.trade_days_12m) +
                     " trade days in 12 months");
        zh.push_back(num(idle) + "天未交易（近12个月曾交易" + num(c.trade_days_12m) + "天）");
        pen.push_back("no trade " + num(idle) + " days");
        pzh.push_back(num(idle) + "天未交易");
    }
    auto join = [](const std::vector<std::string>& v, const char* sep) {
        std::string s;
        for (const auto& p : v) s += (s.empty() ? "" : sep) + p;
        return s;
    };
    t.reason_en = "slipping away: " + join(en, ", ");
    t.reason_zh = "流失风险：" + join(zh, "，");
    t.point_en = join(pen, " · ");
    t.point_zh = join(pzh, " · ");
}

void loss(Context& x) {
    const ClientSignals& c = x.c;
    const bool deep = c.drawdown && *c.drawdown >= x.cfg.drawdown_threshold;
    const bool big = c.period_loss && *c.period_loss >= x.cfg.loss_threshold;
    if (!deep && !big) return;
    const double urgency =
        x.cfg.weight_loss * (deep ? clampd(*c.drawdown / x.cfg.drawdown_threshold, 1.0, 2.0) : 1.0);
    Trigger& t = x.add(TriggerKind::LargeLoss, x.today,
                       x.cal.addWorkingDays(x.today, x.cfg.react_working_days), urgency);
    if (deep) {
        t.reason_en = "drawdown " + percent(*c.drawdown) + " from peak";
        t.reason_zh = "较高点回撤" + percent(*c.drawdown);
        t.point_en = "drawdown " + percent(*c.drawdown);
        t.point_zh = "回撤" + percent(*c.drawdown);
    }
    if (big) {
        const std::string sepEn = t.reason_en.empty() ? "" : ", ";
        const std::string sepZh = t.reason_zh.empty() ? "" : "，";
        t.reason_en += sepEn + "loss of " + yuan(*c.period_loss) + " CNY in the last period";
        t.reason_zh += sepZh + "近期亏损" + yuan(*c.period_loss) + "元";
        if (t.point_en.empty()) {
            t.point_en = "loss " + yuan(*c.period_loss) + " CNY";
            t.point_zh = "亏损" + yuan(*c.period_loss) + "元";
        }
    }
    t.reason_en = "large loss: " + t.reason_en;
    t.reason_zh = "大额亏损：" + t.reason_zh;
}

void birthday(Context& x) {
    const ClientSignals& c = x.c;
    if (!c.birth_date) return;
    const Date next = nextBirthday(*c.birth_date, x.asOf);
    const int days = next - x.asOf;
    if (days > x.cfg.birthday_lookahead_days) return;
    // Greet on the day, or on the last working day before it when it falls on a day off.
    const Date due = std::max(x.today, x.cal.workingDayOnOrBefore(next));
    const Date earliest = x.cal.addWorkingDays(due, -2);
    Trigger& t = x.add(TriggerKind::Birthday, earliest, due, x.cfg.weight_birthday);
    const std::string age = num(next.year() - c.birth_date->year());
    t.reason_en = "birthday on " + next.toString() + " (turns " + age + ")";
    t.reason_zh = next.toString() + "生日（" + age + "岁）";
    t.point_en = days == 0 ? "birthday today" : "birthday in " + num(days) + " days";
    t.point_zh = days == 0 ? "今天生日" : num(days) + "天后生日";
}

void suitability(Context& x) {
    const ClientSignals& c = x.c;
    if (c.suitability_mismatches <= 0) return;
    const double urgency =
        x.cfg.weight_suitability * (1.0 + 0.1 * std::min(c.suitability_mismatches - 1, 5));
    Trigger& t = x.add(TriggerKind::SuitabilityMismatch, x.today,
                       x.cal.addWorkingDays(x.today, x.cfg.review_working_days), urgency);
    const std::string n = num(c.suitability_mismatches);
    t.reason_en = "suitability: " + n + " holding(s) above the client's risk level";
    t.reason_zh = "适当性：" + n + "只持仓风险等级高于客户风险承受能力";
    t.point_en = n + " unsuitable holding(s)";
    t.point_zh = n + "只持仓不适当";
}

bool contactedAfter(const ClientSignals& c, Date d) {
    return c.last_contact && *c.last_contact > d;
}

void complaint(Context& x) {
    const ClientSignals& c = x.c;
    // An unanswered complaint never ages out: it fires until a later contact is logged.
    if (!c.last_complaint || contactedAfter(c, *c.last_complaint)) return;
    const Date due = std::max(x.today, x.cal.addWorkingDays(*c.last_complaint, 1));
    Trigger& t = x.add(TriggerKind::Complaint, x.today, due, x.cfg.weight_complaint);
    const std::string ago = num(x.asOf - *c.last_complaint);
    t.reason_en = "complaint on " + c.last_complaint->toString() + " (" + ago +
                  " days ago) not yet followed up";
    t.reason_zh = c.last_complaint->toString() + "投诉（" + ago + "天前）尚未回访";
    t.point_en = "complaint " + ago + " days ago";
    t.point_zh = ago + "天前投诉";
}

void lowSatisfaction(Context& x) {
    const ClientSignals& c = x.c;
    if (!c.last_satisfaction_date || c.last_satisfaction < 1 ||
        c.last_satisfaction > x.cfg.low_satisfaction_max)
        return;
    if (x.asOf - *c.last_satisfaction_date > x.cfg.low_satisfaction_window_days) return;
    if (contactedAfter(c, *c.last_satisfaction_date)) return;
    const Date due = x.cal.addWorkingDays(*c.last_satisfaction_date, 3);
    Trigger& t = x.add(TriggerKind::LowSatisfaction, x.today, due, x.cfg.weight_low_satisfaction);
    const std::string s = num(c.last_satisfaction);
    t.reason_en = "satisfaction " + s + "/5 on " + c.last_satisfaction_date->toString();
    t.reason_zh = c.last_satisfaction_date->toString() + "满意度" + s + "/5";
    t.point_en = "satisfaction " + s + "/5";
    t.point_zh = "满意度" + s + "/5";
}

void promised(Context& x) {
    const ClientSignals& c = x.c;
    std::optional<Date> open;
    for (Date p : c.promised_follow_ups) {
        if (c.last_contact && *c.last_contact >= p) continue; // kept (or superseded)
        if (p > x.horizonEnd) continue;
        if (!open || p < *open) open = p;
    }
    if (!open) return;
    // A promise made for a day off is kept on the next working day.
    const Date due = x.cal.workingDayOnOrAfter(*open);
    const bool broken = due < x.today;
    Trigger& t = x.add(TriggerKind::PromisedFollowUp, due, due,
                       x.cfg.weight_promised * (broken ? 1.5 : 1.0));
    t.reason_en = "promised to follow up on " + open->toString();
    t.reason_zh = "已约定" + open->toString() + "跟进";
    if (broken) {
        t.reason_en += " (missed by " + num(x.asOf - due) + " days)";
        t.reason_zh += "（已逾期" + num(x.asOf - due) + "天）";
    }
    t.point_en = "promised call " + open->toString();
    t.point_zh = "约定" + open->toString() + "回访";
}

void onboarding(Context& x) {
    const ClientSignals& c = x.c;
    if (c.open_date > x.asOf) return;
    // 30 + 2 + 10 working days never span more than 120 calendar days: skip old accounts cheaply.
    if (x.asOf - c.open_date > 120 + 2 * x.cfg.onboarding_second_working_day) return;
    for (int n : {x.cfg.onboarding_first_working_day, x.cfg.onboarding_second_working_day}) {
        const Date target = x.cal.addWorkingDays(c.open_date, n);
        if (target > x.horizonEnd) continue;
        if (c.last_contact && *c.last_contact >= target) continue;
        const Date due = x.cal.addWorkingDays(target, x.cfg.onboarding_slack_working_days);
        // A call missed by more than two weeks is stale: the cadence takes over from there.
        if (x.cal.addWorkingDays(due, 10) < x.asOf) continue;
        Trigger& t = x.add(TriggerKind::Onboarding, target, due, x.cfg.weight_onboarding);
        t.reason_en = "new account opened " + c.open_date.toString() + ": working-day-" + num(n) +
                      " call due " + target.toString();
        t.reason_zh = c.open_date.toString() + "新开户：第" + num(n) + "个工作日回访（" +
                      target.toString() + "）";
        t.point_en = "new account, day-" + num(n) + " call";
        t.point_zh = "新开户第" + num(n) + "日回访";
        return; // the earlier call covers the later one
    }
}

} // namespace

std::string_view toString(TriggerKind kind) {
    switch (kind) {
    case TriggerKind::Cadence:
        return "cadence";
    case TriggerKind::AssetOutflow:
        return "asset_outflow";
    case TriggerKind::SlippingAway:
        return "slipping_away";
    case TriggerKind::LargeLoss:
        return "large_loss";
    case TriggerKind::Birthday:
        return "birthday";
    case TriggerKind::SuitabilityMismatch:
        return "suitability_mismatch";
    case TriggerKind::Complaint:
        return "complaint";
    case TriggerKind::LowSatisfaction:
        return "low_satisfaction";
    case TriggerKind::PromisedFollowUp:
        return "promised_follow_up";
    case TriggerKind::Onboarding:
        return "onboarding";
    case TriggerKind::Unknown:
        break;
    }
    return "";
}

std::string CallItem::reasons(std::string_view language) const {
    std::string s;
    for (const auto& t : triggers) {
        if (!s.empty()) s += language == "zh" ? "；" : "; ";
        s += language == "zh" ? t.reason_zh : t.reason_en;
    }
    return s;
}

double valueFactor(const ClientSignals& c, const TriggerConfig& cfg) {
    const double p = c.value_percentile < 0.0 ? 0.5 : clampd(c.value_percentile, 0.0, 1.0);
    const double f = cfg.value_floor + (1.0 - cfg.value_floor) * p;
    return c.vip ? f * cfg.vip_boost : f;
}

std::vector<Trigger> evaluateTriggers(const ClientSignals& c, Date asOf, const Calendar& cal,
                                      const TriggerConfig& cfg) {
    const Date today = cal.workingDayOnOrAfter(asOf);
    Context x{
        c,   asOf, today, cal.addWorkingDays(today, std::max(cfg.horizon_working_days, 1) - 1),
        cal, cfg,  {}};
    complaint(x);
    outflow(x);
    loss(x);
    slipping(x);
    promised(x);
    suitability(x);
    lowSatisfaction(x);
    onboarding(x);
    cadence(x);
    birthday(x);
    std::stable_sort(x.out.begin(), x.out.end(),
                     [](const Trigger& a, const Trigger& b) { return a.urgency > b.urgency; });
    return std::move(x.out);
}

namespace {

/// The call item of one client; false when no trigger fires.
bool callItemFor(const ClientSignals& c, Date asOf, const Calendar& cal, const TriggerConfig& cfg,
                 CallItem& item) {
    auto triggers = evaluateTriggers(c, asOf, cal, cfg);
    if (triggers.empty()) return false;
    item.client_ref = c.client_ref;
    item.client_id = c.client_id;
    item.broker_id = c.broker_id;
    item.earliest = triggers.front().earliest;
    item.due = triggers.front().due;
    double sum = 0.0;
    double top = 0.0;
    for (const auto& t : triggers) {
        item.earliest = std::min(item.earliest, t.earliest);
        item.due = std::min(item.due, t.due);
        sum += t.urgency;
        top = std::max(top, t.urgency);
    }
    item.value_factor = valueFactor(c, cfg);
    item.urgency = top + cfg.extra_trigger_share * (sum - top);
    item.priority = item.value_factor * item.urgency;
    item.cadence_days = c.cadence_days;
    item.channel = c.preferred_channel == ContactChannel::Unknown ? ContactChannel::Phone
                                                                  : c.preferred_channel;
    item.contact_hours = c.contact_hours;
    item.value_tier = c.value_tier;
    item.last_contact = c.last_contact;
    bool hasLastCall = false;
    for (const auto& t : triggers) {
        if (t.point_en.empty()) continue;
        item.talking_points_en += (item.talking_points_en.empty() ? "" : " · ") + t.point_en;
        item.talking_points_zh += (item.talking_points_zh.empty() ? "" : " · ") + t.point_zh;
        hasLastCall = hasLastCall || t.kind == TriggerKind::Cadence;
    }
    if (!hasLastCall) {
        const std::string en = c.last_contact
                                   ? "last call " + num(asOf - *c.last_contact) + " days ago"
                                   : "never contacted";
        const std::string zh =
            c.last_contact ? "上次联系" + num(asOf - *c.last_contact) + "天前" : "从未联系";
        item.talking_points_en += " · " + en;
        item.talking_points_zh += " · " + zh;
    }
    item.triggers = std::move(triggers);
    return true;
}

/// Call items of clients[begin, end) in input order.
void callItemsOf(const std::vector<ClientSignals>& clients, std::size_t begin, std::size_t end,
                 Date asOf, const Calendar& cal, const TriggerConfig& cfg,
                 std::vector<CallItem>& out) {
    for (std::size_t i = begin; i < end; ++i) {
        CallItem item;
        if (callItemFor(clients[i], asOf, cal, cfg, item)) out.push_back(std::move(item));
    }
}

} // namespace

std::vector<CallItem> buildCallItems(const std::vector<ClientSignals>& clients, Date asOf,
                                     const Calendar& cal, const TriggerConfig& cfg) {
    // The reasons' text dominates (two languages per trigger): a large book is split in two
    // halves, one per core. The final sort makes the result independent of the split.
    std::vector<CallItem> items, second;
    const std::size_t n = clients.size();
    const bool split = n >= 20000 && std::thread::hardware_concurrency() > 1;
    const std::size_t half = split ? n / 2 : n;
    std::thread worker;
    if (split) worker = std::thread([&] { callItemsOf(clients, half, n, asOf, cal, cfg, second); });
    callItemsOf(clients, 0, half, asOf, cal, cfg, items);
    if (worker.joinable()) worker.join();
    items.insert(items.end(), std::make_move_iterator(second.begin()),
                 std::make_move_iterator(second.end()));
    std::sort(items.begin(), items.end(), [](const CallItem& a, const CallItem& b) {
        if (a.priority != b.priority) return a.priority > b.priority;
        return a.client_ref < b.client_ref;
    });
    return items;
}

void assignValuePercentiles(std::vector<ClientSignals>& clients) {
    std::map<std::string, std::vector<std::size_t>> byBroker;
    for (std::size_t i = 0; i < clients.size(); ++i) byBroker[clients[i].broker_id].push_back(i);
    for (auto& [broker, idx] : byBroker) {
        std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
            return clients[a].value_score < clients[b].value_score;
        });
        const std::size_t n = idx.size();
        for (std::size_t i = 0; i < n;) {
            std::size_t j = i;
            while (j + 1 < n && clients[idx[j + 1]].value_score == clients[idx[i]].value_score) ++j;
            const double mid = (static_cast<double>(i) + static_cast<double>(j)) / 2.0;
            const double p = n == 1 ? 0.5 : mid / static_cast<double>(n - 1);
            for (std::size_t k = i; k <= j; ++k) clients[idx[k]].value_percentile = p;
            i = j + 1;
        }
    }
}

} // namespace bd::analytics
