#include "analytics/triggers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <thread>

namespace bd::analytics {
namespace {

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

    int days(TriggerKind kind) const {
        const auto i = static_cast<std::size_t>(kind);
        return i < cfg.deadline_days.size() ? cfg.deadline_days[i] : 0;
    }
    /// The deadline of an event: by the N-th working day of the plan (1 = today).
    Date eventDue(TriggerKind kind) const {
        return cal.addWorkingDays(today, std::max(days(kind), 1) - 1);
    }
    /// The deadline of a dated trigger: N working days after its date (0 = on the day).
    Date datedDue(TriggerKind kind, Date on) const {
        const int n = std::max(days(kind), 0);
        return n == 0 ? on : cal.addWorkingDays(on, n);
    }

    Trigger& add(TriggerKind kind, Date earliest, Date due, double urgency) {
        Trigger t;
        t.kind = kind;
        t.reason.kind = kind;
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
    const Date deadline = x.days(TriggerKind::Cadence) == 0
                              ? due
                              : x.datedDue(TriggerKind::Cadence, x.cal.workingDayOnOrBefore(due));
    Reason& r = x.add(TriggerKind::Cadence, x.today, deadline, urgency).reason;
    r.count(Arg::Every, c.cadence_days);
    if (c.last_contact)
        r.date(Arg::Last, *c.last_contact).count(Arg::Ago, x.asOf - *c.last_contact);
    else
        r.date(Arg::Opened, c.open_date);
    r.date(Arg::Due, due);
    if (overdue > 0) r.count(Arg::Overdue, overdue);
}

void outflow(Context& x) {
    const ClientSignals& c = x.c;
    if (!c.aum_previous || !c.aum_current || c.aum_previous->units <= 0) return;
    const double prev = c.aum_previous->toDouble();
    const double change = (c.aum_current->toDouble() - prev) / prev;
    double out = 0.0;
    if (c.net_inflow) // known flows separate withdrawals from market moves exactly
        out = -c.net_inflow->toDouble() / prev;
    else if (c.market_return)
        out = -(change - *c.market_return);
    else
        out = -change;
    if (out < x.cfg.outflow_threshold) return;
    const double urgency = x.cfg.weight_outflow * clampd(out / x.cfg.outflow_threshold, 1.0, 2.0);
    Reason& r =
        x.add(TriggerKind::AssetOutflow, x.today, x.eventDue(TriggerKind::AssetOutflow), urgency)
            .reason;
    r.value(Arg::Change, change).money(Arg::From, *c.aum_previous).money(Arg::To, *c.aum_current);
    if (c.aum_previous_date) r.date(Arg::Since, *c.aum_previous_date);
    if (c.net_inflow)
        r.money(Arg::Outflow, -*c.net_inflow).value(Arg::OutflowShare, out);
    else if (c.market_return)
        r.value(Arg::Market, *c.market_return).value(Arg::Withdrawn, out);
}

void slipping(Context& x) {
    const ClientSignals& c = x.c;
    // A new account is onboarding, never slipping away; and a client who never traded has no
    // activity to lose (the value model's p_alive of such a client means nothing).
    if (x.asOf - c.open_date < x.cfg.new_account_days || !c.last_trade) return;
    const bool lowAlive = c.p_alive && *c.p_alive < x.cfg.p_alive_threshold;
    const int idle = c.last_trade ? x.asOf - *c.last_trade : 0;
    const bool stopped =
        c.trade_days_12m >= x.cfg.active_min_trade_days_12m && idle >= x.cfg.inactive_days;
    if (!lowAlive && !stopped) return;
    double urgency = x.cfg.weight_slipping;
    if (lowAlive) urgency *= 1.0 + (x.cfg.p_alive_threshold - *c.p_alive) / x.cfg.p_alive_threshold;
    Reason& r =
        x.add(TriggerKind::SlippingAway, x.today, x.eventDue(TriggerKind::SlippingAway), urgency)
            .reason;
    if (lowAlive) r.value(Arg::PAlive, *c.p_alive).value(Arg::PAliveMin, x.cfg.p_alive_threshold);
    if (stopped) r.count(Arg::Idle, idle).count(Arg::TradeDays, c.trade_days_12m);
}

void loss(Context& x) {
    const ClientSignals& c = x.c;
    const bool deep = c.drawdown && *c.drawdown >= x.cfg.drawdown_threshold;
    const bool big = c.period_loss && *c.period_loss >= x.cfg.loss_threshold;
    if (!deep && !big) return;
    const double urgency =
        x.cfg.weight_loss * (deep ? clampd(*c.drawdown / x.cfg.drawdown_threshold, 1.0, 2.0) : 1.0);
    Reason& r =
        x.add(TriggerKind::LargeLoss, x.today, x.eventDue(TriggerKind::LargeLoss), urgency).reason;
    if (deep) r.value(Arg::Drawdown, *c.drawdown);
    if (big) r.money(Arg::Loss, *c.period_loss);
}

void birthday(Context& x) {
    const ClientSignals& c = x.c;
    if (!c.birth_date) return;
    const Date next = nextBirthday(*c.birth_date, x.asOf);
    const int days = next - x.asOf;
    if (days > x.cfg.birthday_lookahead_days) return;
    // Greet on the day, or on the last working day before it when it falls on a day off.
    const Date day = std::max(x.today, x.cal.workingDayOnOrBefore(next));
    const Date earliest = x.cal.addWorkingDays(day, -2);
    const Date due = x.datedDue(TriggerKind::Birthday, day);
    x.add(TriggerKind::Birthday, earliest, due, x.cfg.weight_birthday)
        .reason.date(Arg::On, next)
        .count(Arg::Age, next.year() - c.birth_date->year())
        .count(Arg::InDays, days);
}

void suitability(Context& x) {
    const ClientSignals& c = x.c;
    if (c.suitability_mismatches <= 0) return;
    const double urgency =
        x.cfg.weight_suitability * (1.0 + 0.1 * std::min(c.suitability_mismatches - 1, 5));
    x.add(TriggerKind::SuitabilityMismatch, x.today, x.eventDue(TriggerKind::SuitabilityMismatch),
          urgency)
        .reason.count(Arg::Count, c.suitability_mismatches);
}

bool contactedAfter(const ClientSignals& c, Date d) {
    return c.last_contact && *c.last_contact > d;
}

/// The risk assessment runs out (风险测评到期): within the warning window it is expiring, from
/// its expiry day on expired. A contact made within the phase already told the client: one
/// call per phase (a renewed assessment brings a new date through clients.csv or an edit).
void riskAssessment(Context& x) {
    const ClientSignals& c = x.c;
    if (!c.risk_assessment_expires) return;
    const Date expires = *c.risk_assessment_expires;
    if (expires <= x.asOf) {
        if (c.last_contact && *c.last_contact >= expires) return;
        x.add(TriggerKind::RiskAssessmentExpired, x.today,
              x.eventDue(TriggerKind::RiskAssessmentExpired), x.cfg.weight_risk_assessment_expired)
            .reason.date(Arg::On, expires)
            .count(Arg::Ago, x.asOf - expires);
        return;
    }
    const int inDays = expires - x.asOf;
    if (inDays > x.cfg.risk_assessment_warning_days) return;
    if (c.last_contact && *c.last_contact >= expires.addDays(-x.cfg.risk_assessment_warning_days))
        return;
    x.add(TriggerKind::RiskAssessmentExpiring, x.today,
          x.eventDue(TriggerKind::RiskAssessmentExpiring), x.cfg.weight_risk_assessment_expiring)
        .reason.date(Arg::On, expires)
        .count(Arg::InDays, inDays);
}

void complaint(Context& x) {
    const ClientSignals& c = x.c;
    // An unanswered complaint never ages out: it fires until a later contact is logged.
    if (!c.last_complaint || contactedAfter(c, *c.last_complaint)) return;
    x.add(TriggerKind::Complaint, x.today, x.eventDue(TriggerKind::Complaint),
          x.cfg.weight_complaint)
        .reason.date(Arg::On, *c.last_complaint)
        .count(Arg::Ago, x.asOf - *c.last_complaint);
}

void lowSatisfaction(Context& x) {
    const ClientSignals& c = x.c;
    if (!c.last_satisfaction_date || c.last_satisfaction < 1 ||
        c.last_satisfaction > x.cfg.low_satisfaction_max)
        return;
    if (x.asOf - *c.last_satisfaction_date > x.cfg.low_satisfaction_window_days) return;
    if (contactedAfter(c, *c.last_satisfaction_date)) return;
    x.add(TriggerKind::LowSatisfaction, x.today, x.eventDue(TriggerKind::LowSatisfaction),
          x.cfg.weight_low_satisfaction)
        .reason.date(Arg::On, *c.last_satisfaction_date)
        .count(Arg::Score, c.last_satisfaction);
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
    const Date day = x.cal.workingDayOnOrAfter(*open);
    const bool broken = day < x.today;
    Reason& r =
        x.add(TriggerKind::PromisedFollowUp, day, x.datedDue(TriggerKind::PromisedFollowUp, day),
              x.cfg.weight_promised * (broken ? 1.5 : 1.0))
            .reason.date(Arg::On, *open);
    if (broken) r.count(Arg::MissedBy, x.asOf - day);
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
        const Date due = x.datedDue(TriggerKind::Onboarding, target);
        // A call missed by more than two weeks is stale: the cadence takes over from there.
        if (x.cal.addWorkingDays(due, 10) < x.asOf) continue;
        x.add(TriggerKind::Onboarding, target, due, x.cfg.weight_onboarding)
            .reason.date(Arg::Opened, c.open_date)
            .count(Arg::WorkingDay, n)
            .date(Arg::Target, target);
        return; // the earlier call covers the later one
    }
}

void survey(Context& x) {
    const ClientSignals& c = x.c;
    if (!c.survey) return;
    // The campaign's deadline is a date; the setting adds working days after it (0 = on it).
    const Date day = x.cal.workingDayOnOrBefore(c.survey->deadline);
    x.add(TriggerKind::SurveyDue, c.survey->launched, x.datedDue(TriggerKind::SurveyDue, day),
          x.cfg.weight_survey)
        .reason.date(Arg::On, c.survey->launched)
        .date(Arg::Due, c.survey->deadline)
        .count(Arg::Item, c.survey->campaign_id);
}

} // namespace

namespace {

// Events count from the plan's first day (working day 1), dated triggers from their date.
// Slipping away within the week: a longer deadline fills the whole horizon with kept deadlines
// and leaves no room for an outflow or a complaint that day 1 could not hold (tried with 10 on
// the 20,000-client demo book: 5 complaints not planned at all instead of planned on day 6).
constexpr std::array<DeadlineRule, 13> kDeadlineRules{{
    {ReasonKind::AssetOutflow, false, 1, 1, 60},
    {ReasonKind::Complaint, false, 1, 1, 60},
    {ReasonKind::LargeLoss, false, 2, 1, 60},
    {ReasonKind::LowSatisfaction, false, 3, 1, 60},
    {ReasonKind::SuitabilityMismatch, false, 5, 1, 60},
    {ReasonKind::SlippingAway, false, 5, 1, 60},
    // A risk assessment running out: within the week, as a suitability mismatch.
    {ReasonKind::RiskAssessmentExpiring, false, 5, 1, 60},
    {ReasonKind::RiskAssessmentExpired, false, 5, 1, 60},
    {ReasonKind::PromisedFollowUp, true, 0, 0, 20},
    {ReasonKind::Birthday, true, 0, 0, 20},
    {ReasonKind::Onboarding, true, 2, 0, 20},
    {ReasonKind::Cadence, true, 0, 0, 20},
    {ReasonKind::SurveyDue, true, 0, 0, 20},
}};

} // namespace

std::span<const DeadlineRule> deadlineRules() {
    return kDeadlineRules;
}

const DeadlineRule* deadlineRule(ReasonKind kind) {
    for (const auto& r : kDeadlineRules)
        if (r.kind == kind) return &r;
    return nullptr;
}

DeadlineDays defaultDeadlineDays() {
    DeadlineDays d{};
    for (const auto& r : kDeadlineRules) d[static_cast<std::size_t>(r.kind)] = r.default_days;
    return d;
}

std::vector<Reason> CallItem::reasons() const {
    std::vector<Reason> out;
    out.reserve(triggers.size());
    for (const auto& t : triggers) out.push_back(t.reason);
    return out;
}

bool dormantWithoutAssets(const ClientSignals& c, Date asOf, const TriggerConfig& cfg) {
    return asOf - c.open_date >= cfg.new_account_days && c.aum_current &&
           c.aum_current->units <= 0 && c.trade_days_12m == 0;
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
    riskAssessment(x);
    lowSatisfaction(x);
    onboarding(x);
    cadence(x);
    birthday(x);
    survey(x);
    // A basic (automated) client gets no outbound call: only what the client asked for, and
    // the risk assessment running out (a regulatory reminder the service desk sends).
    if (c.served_by == ServedBy::Automated)
        std::erase_if(x.out, [](const Trigger& t) {
            // A return visit is owed to every client its campaign names (compliance).
            return t.kind != TriggerKind::Complaint && t.kind != TriggerKind::LowSatisfaction &&
                   t.kind != TriggerKind::PromisedFollowUp &&
                   t.kind != TriggerKind::RiskAssessmentExpiring &&
                   t.kind != TriggerKind::RiskAssessmentExpired && t.kind != TriggerKind::SurveyDue;
        });
    std::stable_sort(x.out.begin(), x.out.end(),
                     [](const Trigger& a, const Trigger& b) { return a.urgency > b.urgency; });
    return std::move(x.out);
}

namespace {

bool fired(const std::vector<Trigger>& triggers, TriggerKind kind) {
    return std::any_of(triggers.begin(), triggers.end(),
                       [&](const Trigger& t) { return t.kind == kind; });
}

Reason holdingFact(ReasonKind kind, const ClientSignals::Holding& h) {
    Reason r(kind);
    r.text(Arg::Code, h.code);
    if (!h.name.empty()) r.text(Arg::Security, h.name);
    return r;
}

/// The talking points of a client's call (CallItem::talking_points).
std::vector<Reason> talkingPoints(const ClientSignals& c, const std::vector<Trigger>& triggers,
                                  Date asOf) {
    std::vector<Reason> out;
    for (const auto& t : triggers) {
        // A cadence's point would only repeat the last contact's date, which LastContact tells
        // with how it went (and Policy the cadence).
        if (t.kind == TriggerKind::Cadence) continue;
        out.push_back(t.reason);
        if (t.kind != TriggerKind::PromisedFollowUp) continue;
        // What was promised: the notes of the contact that made the promise.
        const Date on = t.reason.dateOf(Arg::On);
        for (std::size_t i = 0; i < c.promised_follow_ups.size() && i < c.promise_notes.size(); ++i)
            if (c.promised_follow_ups[i] == on && !c.promise_notes[i].empty()) {
                out.push_back(Reason(ReasonKind::PromiseNote)
                                  .date(Arg::On, on)
                                  .text(Arg::Note, c.promise_notes[i]));
                break;
            }
    }
    if (c.unsuitable)
        out.push_back(holdingFact(ReasonKind::RiskMismatch, *c.unsuitable)
                          .count(Arg::Level, c.unsuitable->level)
                          .count(Arg::ClientLevel, c.unsuitable->client_level));
    if (c.worst_holding && c.worst_holding->loss.units > 0)
        out.push_back(holdingFact(ReasonKind::WorstHolding, *c.worst_holding)
                          .money(Arg::Loss, c.worst_holding->loss)
                          .value(Arg::Change, c.worst_holding->change));
    // The last contact (none: never contacted), and how it went.
    Reason last(ReasonKind::LastContact);
    if (c.last_contact) {
        last.date(Arg::Last, *c.last_contact).count(Arg::Ago, asOf - *c.last_contact);
        if (c.last_contact_channel != ContactChannel::Unknown) {
            last.channel(Arg::Channel, c.last_contact_channel);
            if (c.last_contact_outcome != Outcome::Unknown)
                last.count(Arg::Outcome, static_cast<int>(c.last_contact_outcome));
            if (c.last_contact_satisfaction) last.count(Arg::Score, *c.last_contact_satisfaction);
        }
    }
    out.push_back(std::move(last));
    if (!fired(triggers, TriggerKind::SlippingAway)) {
        Reason trades(ReasonKind::RecentTrades);
        if (c.last_trade)
            trades.date(Arg::Last, *c.last_trade)
                .count(Arg::Ago, asOf - *c.last_trade)
                .count(Arg::TradeDays, c.trade_days_12m);
        out.push_back(std::move(trades));
    }
    out.push_back(Reason(ReasonKind::Policy)
                      .count(Arg::Relationship, static_cast<int>(c.relationship))
                      .count(Arg::ServedBy, static_cast<int>(c.served_by))
                      .count(Arg::Every, c.cadence_days));
    return out;
}

/// The call item of one client; false when no trigger fires.
bool callItemFor(const ClientSignals& c, Date asOf, const Calendar& cal, const TriggerConfig& cfg,
                 CallItem& item) {
    auto triggers = evaluateTriggers(c, asOf, cal, cfg);
    if (triggers.empty()) return false;
    item.client_ref = c.client_ref;
    item.client_id = c.client_id;
    item.served_by = c.served_by;
    item.broker_id =
        routesToServiceDesk(c.served_by) ? std::string(kServiceDeskQueue) : c.broker_id;
    item.earliest = triggers.front().earliest;
    item.due = triggers.front().due;
    double sum = 0.0;
    double top = 0.0;
    const Date today = cal.workingDayOnOrAfter(asOf);
    for (const auto& t : triggers) {
        item.earliest = std::min(item.earliest, t.earliest);
        item.due = std::min(item.due, t.due);
        // A deadline already passed (an overdue cadence) cannot be met: the next one counts.
        if (t.due >= today && (!item.deadline || t.due < *item.deadline)) {
            item.deadline = t.due;
            item.deadline_kind = t.kind;
        }
        sum += t.urgency;
        top = std::max(top, t.urgency);
    }
    item.value_factor = valueFactor(c, cfg);
    item.urgency = top + cfg.extra_trigger_share * (sum - top);
    item.priority = item.value_factor * item.urgency;
    item.cadence_days = c.cadence_days;
    item.low_value =
        !c.vip && c.value_percentile >= 0.0 && c.value_percentile < cfg.low_value_percentile;
    item.channel = c.preferred_channel == ContactChannel::Unknown ? ContactChannel::Phone
                                                                  : c.preferred_channel;
    item.contact_hours = c.contact_hours;
    item.value_tier = c.value_tier;
    item.last_contact = c.last_contact;
    item.talking_points = talkingPoints(c, triggers, asOf);
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
    // A large book is split in two halves, one per core. The final sort makes the result
    // independent of the split.
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
