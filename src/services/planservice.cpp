#include "services/planservice.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <unordered_map>

#include "analytics/portfolio.h"
#include "analytics/relationship.h"
#include "core/idnumber.h"
#include "core/privacy.h"
#include "phrasebook/phrasebook.h"
#include "services/portfoliosettings.h"
#include "services/servicepolicies.h"
#include "storage/book/clientqueries.h"
#include "storage/book/clientsummary.h"
#include "storage/book/planstore.h"

namespace bd::services {
namespace {

using analytics::ClientSignals;
using analytics::TriggerKind;
using storage::TaskStatus;

DateTime localNow() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return DateTime::fromParts(Date::fromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                               tm.tm_hour, tm.tm_min, tm.tm_sec);
}

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// VIP, else A (top 20% by firm-wide rank), B (top 50%), C; "" without scores.
std::string valueTier(bool vip, std::optional<std::int64_t> rank, std::int64_t scored) {
    if (vip) return "VIP";
    if (!rank || scored <= 0) return "";
    const double q = static_cast<double>(*rank) / static_cast<double>(scored);
    return q <= 0.2 ? "A" : q <= 0.5 ? "B" : "C";
}

/// The stored facts of a reasons / talking_points column (core/facts.h); a text that is not
/// an encoding of facts (none since schema v7) reads as one reason of unknown kind.
std::vector<Reason> storedReasons(const std::string& text) {
    if (auto facts = decodeReasons(text)) return std::move(*facts);
    return {Reason(ReasonKind::Unknown)};
}

/// Counts holdings that fail a real suitability rule (R above C, growth board below the level);
/// data gaps (unknown client level, unrated security) are not a reason to call.
int countMismatches(const std::vector<const storage::PlanHoldingRow*>& rows,
                    const analytics::SuitabilityRules& rules) {
    int n = 0;
    std::vector<analytics::SuitabilityMismatch> found;
    for (const auto* h : rows) {
        analytics::HoldingLine line;
        line.security_code = h->security_code;
        line.name = h->name;
        line.risk_level = h->risk_level;
        line.board =
            h->board != 0 ? static_cast<Board>(h->board) : analytics::inferBoard(h->security_code);
        found.clear();
        analytics::checkSuitability(line, h->client_risk_level, rules, found);
        const bool real = std::any_of(found.begin(), found.end(), [](const auto& m) {
            return m.rule.kind != ReviewNoteKind::UnknownClientLevel &&
                   m.rule.kind != ReviewNoteKind::UnratedSecurity;
        });
        if (real) ++n;
    }
    return n;
}

analytics::ServicePolicy policyFor(const std::vector<analytics::ServicePolicy>& policies,
                                   int type) {
    if (type >= 0 && static_cast<std::size_t>(type) < policies.size())
        return policies[static_cast<std::size_t>(type)];
    return analytics::defaultServicePolicy(analytics::RelationshipType::Accountable);
}

PlanItem toItem(const storage::TaskDetailRow& r, std::int64_t scored) {
    PlanItem it;
    const storage::TaskRow& t = r.task;
    it.task_id = t.id;
    it.client_ref = t.client_ref;
    it.client_id = r.client_id;
    it.name = r.name;
    it.phone = r.phone;
    it.broker_id = t.broker_id;
    it.branch_id = r.branch_id;
    it.date = t.planned_date;
    it.due = t.due_date;
    it.channel = static_cast<ContactChannel>(t.channel);
    it.channel_fallback = t.channel_fallback;
    it.time_window = t.time_window;
    it.priority = t.priority;
    it.reasons = storedReasons(t.reasons);
    for (const auto& reason : it.reasons)
        if (reason.kind != ReasonKind::Unknown) it.trigger_kinds.emplace_back(factKey(reason.kind));
    it.talking_points = storedReasons(t.talking_points);
    it.status = t.status;
    it.attempts = t.attempts;
    it.late_working_days = t.late_working_days;
    it.value_tier = valueTier(r.vip, r.value_rank, scored);
    it.last_contact = r.last_contact;
    it.segment_fact = r.segment_fact;
    it.segment_zh = r.segment_zh;
    it.segment_en = r.segment_en;
    return it;
}

Result<std::vector<PlanItem>> loadItems(storage::Database& db, const storage::TaskFilter& f) {
    auto rows = storage::loadTasks(db, f);
    if (!rows) return rows.error();
    auto scored = storage::latestScoredCount(db);
    if (!scored) return scored.error();
    std::vector<PlanItem> out;
    out.reserve(rows->size());
    for (const auto& r : *rows) out.push_back(toItem(r, *scored));
    return out;
}

} // namespace

Date localToday() {
    return localNow().date();
}

Result<Calendar> loadBookCalendar(storage::Database& db) {
    Calendar cal = Calendar::builtinChina();
    auto days = storage::loadCalendarDays(db);
    if (!days) return days.error();
    for (const auto& d : *days)
        cal.set(CalendarEntry{d.date, static_cast<CalendarDayKind>(d.kind), d.name});
    return cal;
}

std::vector<ContactChannel> channelOrder(ContactChannel preferred,
                                         const std::vector<ContactChannel>& policy) {
    std::vector<ContactChannel> out;
    auto add = [&](ContactChannel c) {
        if (c == ContactChannel::Unknown || c == ContactChannel::Other) return;
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    };
    add(preferred);
    for (ContactChannel c : policy) add(c);
    add(ContactChannel::Phone);
    return out;
}

ContactChannel channelAfterFailures(const std::vector<ContactChannel>& order, int noAnswerStreak) {
    if (order.empty()) return ContactChannel::Phone;
    const auto step = static_cast<std::size_t>(std::max(noAnswerStreak, 0) / 2);
    return order[step % order.size()];
}

namespace {

/// `full` = false reads only what coverage needs (clients, scores, segments, contacts).
Result<PlanInputs> readPlanInputs(storage::Database& db, const PlanOptions& options, bool full) {
    if (options.horizon_working_days < 1 || options.horizon_working_days > 60)
        return makeError(ErrorCode::Usage, "the horizon must be 1 to 60 working days");
    if (options.default_daily_capacity < 1)
        return makeError(ErrorCode::Usage, "the daily capacity must be at least 1");
    PlanInputs in;
    in.as_of = options.as_of.value_or(localToday());
    auto cal = loadBookCalendar(db);
    if (!cal) return cal.error();
    in.calendar = std::move(*cal);

    auto policies = loadServicePolicies(db);
    if (!policies) return policies.error();
    auto portfolio = full ? loadPortfolioOptions(db)
                          : Result<analytics::PortfolioOptions>(analytics::PortfolioOptions{});
    if (!portfolio) return portfolio.error();
    auto clients = storage::loadPlanClients(db);
    if (!clients) return clients.error();
    std::int64_t scoredCount = 0;
    auto scores = storage::loadLatestScores(db, &scoredCount);
    if (!scores) return scores.error();
    auto segments = storage::loadLatestSegments(db);
    if (!segments) return segments.error();
    using Assets = std::vector<storage::PlanAssetRow>;
    auto assets = full ? storage::loadLatestAssetPairs(db, in.as_of) : Result<Assets>(Assets{});
    if (!assets) return assets.error();
    using Trades = std::vector<storage::PlanTradeRow>;
    auto trades = full ? storage::loadTradeActivity(db, in.as_of) : Result<Trades>(Trades{});
    if (!trades) return trades.error();
    auto contacts = storage::loadContactSummaries(db, in.as_of);
    if (!contacts) return contacts.error();
    using Promises = std::vector<std::pair<std::int64_t, Date>>;
    auto promised = full ? storage::loadPromisedFollowUps(
                               db, in.as_of.addDays(-options.promise_lookback_days), in.as_of)
                         : Result<Promises>(Promises{});
    if (!promised) return promised.error();
    using Holdings = std::vector<storage::PlanHoldingRow>;
    auto holdings = full ? storage::loadLatestHoldings(db, in.as_of) : Result<Holdings>(Holdings{});
    if (!holdings) return holdings.error();
    auto brokers = storage::loadPlanBrokers(db);
    if (!brokers) return brokers.error();
    auto limits = storage::loadChannelLimits(db);
    if (!limits) return limits.error();
    using Tasks = std::vector<storage::TaskRow>;
    auto held = full ? storage::loadHeldTasks(db) : Result<Tasks>(Tasks{});
    if (!held) return held.error();

    std::unordered_map<std::int64_t, std::size_t> index;
    index.reserve(clients->size());
    in.client_signals.resize(clients->size());
    std::vector<int> relationship(clients->size(), options.unsegmented_relationship_type);
    for (std::size_t i = 0; i < clients->size(); ++i) {
        const auto& c = (*clients)[i];
        index.emplace(c.ref, i);
        ClientSignals& s = in.client_signals[i];
        s.client_ref = c.ref;
        s.client_id = c.client_id;
        s.broker_id = c.broker_id;
        s.open_date = c.open_date;
        s.birth_date = c.birth_date ? c.birth_date : idNumberBirthDate(c.id_number);
        s.contact_hours = c.contact_hours;
    }
    auto at = [&](std::int64_t ref) -> ClientSignals* {
        auto it = index.find(ref);
        return it == index.end() ? nullptr : &in.client_signals[it->second];
    };
    for (const auto& seg : *segments)
        if (auto it = index.find(seg.ref); it != index.end())
            relationship[it->second] = seg.relationship_type;
    std::vector<std::optional<std::int64_t>> rank(clients->size());
    for (const auto& sc : *scores) {
        if (auto it = index.find(sc.ref); it != index.end()) {
            ClientSignals& s = in.client_signals[it->second];
            s.value_score = sc.value_score;
            s.p_alive = sc.p_alive;
            s.vip = sc.vip;
            rank[it->second] = sc.value_rank;
        }
    }
    for (const auto& a : *assets) {
        ClientSignals* s = at(a.ref);
        if (!s || !a.previous_date) continue;
        s->aum_previous = a.previous_aum;
        s->aum_current = a.current_aum;
        s->aum_previous_date = a.previous_date;
        s->net_inflow = a.net_inflow;
        if (a.net_inflow) {
            // With flows known, the market's share of the change is a profit or loss.
            const Money loss =
                Money::fromUnits(a.previous_aum.units + a.net_inflow->units - a.current_aum.units);
            if (loss.units > 0) s->period_loss = loss;
        }
    }
    for (const auto& t : *trades)
        if (ClientSignals* s = at(t.ref)) {
            s->last_trade = t.last_trade;
            s->trade_days_12m = t.trade_days_12m;
        }
    std::vector<int> streak(clients->size(), 0);
    for (const auto& k : *contacts) {
        auto it = index.find(k.ref);
        if (it == index.end()) continue;
        ClientSignals& s = in.client_signals[it->second];
        s.last_contact = k.last_contact;
        s.last_complaint = k.last_complaint;
        s.last_satisfaction_date = k.last_satisfaction_date;
        s.last_satisfaction = k.last_satisfaction;
        streak[it->second] = k.no_answer_streak;
    }
    for (const auto& [ref, d] : *promised)
        if (ClientSignals* s = at(ref)) s->promised_follow_ups.push_back(d);
    for (std::size_t i = 0; i < holdings->size();) {
        std::size_t j = i;
        std::vector<const storage::PlanHoldingRow*> rows;
        while (j < holdings->size() && (*holdings)[j].ref == (*holdings)[i].ref)
            rows.push_back(&(*holdings)[j++]);
        if (ClientSignals* s = at((*holdings)[i].ref))
            s->suitability_mismatches = countMismatches(rows, portfolio->suitability);
        i = j;
    }
    for (std::size_t i = 0; i < clients->size(); ++i) {
        ClientSignals& s = in.client_signals[i];
        const analytics::ServicePolicy p = policyFor(*policies, relationship[i]);
        s.cadence_days = p.proactive_contact ? p.contact_cadence_days : 0;
        auto order =
            channelOrder(static_cast<ContactChannel>((*clients)[i].preferred_channel), p.channels);
        s.preferred_channel = channelAfterFailures(order, streak[i]);
        s.value_tier = valueTier(s.vip, rank[i], scoredCount);
        in.channel_order.emplace(s.client_ref, std::move(order));
    }
    analytics::assignValuePercentiles(in.client_signals);

    for (const auto& b : *brokers) in.brokers.push_back({b.broker_id, b.daily_capacity});
    in.scheduler.horizon_working_days = options.horizon_working_days;
    in.scheduler.default_daily_capacity = options.default_daily_capacity;
    in.scheduler.channel_limits.clear();
    for (const auto& [ch, perDay] : *limits)
        in.scheduler.channel_limits.push_back({static_cast<ContactChannel>(ch), perDay});
    for (const auto& t : *held)
        in.booked.push_back(
            {t.client_ref, t.broker_id, t.planned_date, static_cast<ContactChannel>(t.channel)});
    in.clients = std::move(*clients);
    return in;
}

} // namespace

Result<PlanInputs> loadPlanInputs(storage::Database& db, const PlanOptions& options) {
    return readPlanInputs(db, options, true);
}

Result<PlanSummary> rebuildPlan(storage::Database& db, const PlanOptions& options) {
    PlanSummary sum;
    auto t0 = std::chrono::steady_clock::now();
    auto in = loadPlanInputs(db, options);
    if (!in) return in.error();
    sum.timings.load_ms = msSince(t0);

    t0 = std::chrono::steady_clock::now();
    analytics::TriggerConfig tcfg = options.triggers;
    tcfg.horizon_working_days = options.horizon_working_days;
    const auto items = analytics::buildCallItems(in->client_signals, in->as_of, in->calendar, tcfg);
    sum.timings.triggers_ms = msSince(t0);

    t0 = std::chrono::steady_clock::now();
    auto plan = analytics::planCalls(items, in->brokers, in->booked, in->as_of, in->calendar,
                                     in->scheduler);
    if (!plan) return plan.error();
    sum.timings.plan_ms = msSince(t0);

    t0 = std::chrono::steady_clock::now();
    std::vector<storage::TaskRow> tasks;
    tasks.reserve(plan->calls.size());
    std::map<Date, std::size_t> perDay;
    for (Date d : plan->days) perDay[d] = 0;
    for (const auto& call : plan->calls) {
        const analytics::CallItem& item = items[call.item_index];
        storage::TaskRow t;
        t.client_ref = call.client_ref;
        t.broker_id = call.broker_id;
        t.planned_date = call.date;
        t.due_date = call.due;
        t.channel = static_cast<int>(call.channel);
        t.time_window = call.time_window;
        t.priority = call.priority;
        for (const auto& trig : item.triggers) ++sum.by_trigger[trig.kind];
        t.reasons = encodeFacts(item.reasons());
        t.talking_points = encodeFacts(item.talking_points);
        t.late_working_days = call.late_working_days;
        t.channel_fallback = call.channel_fallback;
        ++perDay[call.date];
        tasks.push_back(std::move(t));
    }
    std::vector<storage::PlanDroppedRow> dropped;
    dropped.reserve(plan->dropped.size());
    for (const auto& d : plan->dropped) {
        dropped.push_back({d.client_ref, d.broker_id, d.priority, static_cast<int>(d.reason),
                           encodeFacts(std::vector<DropFact>{d.why})});
        ++sum.dropped_by_reason[d.reason];
    }
    storage::PlanRunRecord run;
    run.created_at = localNow().secs;
    run.as_of = in->as_of;
    run.first_day = plan->days.front();
    run.last_day = plan->days.back();
    run.horizon_working_days = options.horizon_working_days;
    run.default_daily_capacity = options.default_daily_capacity;
    run.parameters =
        "{\"horizon_working_days\": " + std::to_string(options.horizon_working_days) +
        ", \"default_daily_capacity\": " + std::to_string(options.default_daily_capacity) +
        ", \"unsegmented_relationship_type\": " +
        std::to_string(options.unsegmented_relationship_type) + "}";
    for (const auto& w : plan->warnings) run.warnings += (run.warnings.empty() ? "" : "\n") + w;
    auto runId = storage::savePlanRun(db, run, tasks, dropped);
    if (!runId) return runId.error();
    sum.timings.save_ms = msSince(t0);

    sum.run_id = *runId;
    sum.as_of = in->as_of;
    sum.first_day = run.first_day;
    sum.last_day = run.last_day;
    sum.clients = in->client_signals.size();
    sum.candidates = items.size();
    sum.planned = tasks.size();
    for (const auto& b : in->booked)
        if (b.date >= run.first_day && b.date <= run.last_day) ++sum.held;
    for (const auto& [d, n] : perDay) sum.per_day.emplace_back(d, n);
    sum.dropped = std::move(plan->dropped);
    sum.warnings = std::move(plan->warnings);
    return sum;
}

Result<std::vector<PlanItem>> loadBrokerPlan(storage::Database& db, const std::string& brokerId,
                                             Date from, Date to) {
    storage::TaskFilter f;
    f.broker_id = brokerId;
    f.from = from;
    f.to = to;
    return loadItems(db, f);
}

Result<std::vector<PlanItem>> listOverdue(storage::Database& db, const std::string& brokerId,
                                          Date asOf) {
    storage::TaskFilter f;
    f.broker_id = brokerId;
    f.overdue_before = asOf;
    return loadItems(db, f);
}

std::vector<CallListRow> callListRowsFor(const std::vector<PlanItem>& items,
                                         const CallListOptions& options) {
    const auto lang =
        options.language == CallListLanguage::Chinese ? phrase::Lang::Zh : phrase::Lang::En;
    std::vector<CallListRow> rows;
    rows.reserve(items.size());
    for (const auto& it : items) {
        CallListRow r;
        r.date = it.date;
        r.priority = it.priority;
        r.client_id = it.client_id;
        r.name = it.name;
        r.phone = options.mask_phone ? maskPhone(it.phone) : it.phone;
        r.channel = std::string(phrase::name(it.channel, lang));
        r.time_window = it.time_window;
        r.reasons = phrase::reasons(it.reasons, lang);
        r.value_tier = it.value_tier;
        r.last_contact = it.last_contact;
        r.segment_name = phrase::segmentName(it.segment_fact, it.segment_zh, it.segment_en, lang);
        rows.push_back(std::move(r));
    }
    return rows;
}

Result<ContactLogResult> logContact(storage::Database& db, const ContactLog& log) {
    if (log.satisfaction && (*log.satisfaction < 1 || *log.satisfaction > 5))
        return makeError(ErrorCode::InvalidInput, "satisfaction must be 1 to 5");
    if (log.channel == ContactChannel::Unknown)
        return makeError(ErrorCode::InvalidInput, "name the channel of the contact");
    auto found = storage::findClientRef(db, log.client_id);
    if (!found && found.error().code != ErrorCode::NotFound) return found.error();
    if (!found) return makeError(ErrorCode::InvalidInput, "unknown client '" + log.client_id + "'");
    const std::int64_t clientRef = *found;
    auto client = storage::loadPlanClient(db, clientRef);
    if (!client) return client.error();
    auto cal = loadBookCalendar(db);
    if (!cal) return cal.error();
    auto policies = loadServicePolicies(db);
    if (!policies) return policies.error();
    auto rel = storage::clientRelationshipType(db, clientRef);
    if (!rel) return rel.error();
    const analytics::ServicePolicy policy =
        policyFor(*policies, rel->value_or(PlanOptions{}.unsegmented_relationship_type));

    const DateTime at = log.at.value_or(localNow());
    const Date day = at.date();
    ContactLogResult res;
    res.client_ref = clientRef;
    res.broker_id = (*client)->broker_id;

    storage::Transaction tx(db);
    if (!tx.began()) return tx.began().error();
    auto contactsBefore = storage::contactsFingerprint(db);
    if (!contactsBefore) return contactsBefore.error();
    storage::ContactInsert c;
    c.client_ref = clientRef;
    c.broker_id = (*client)->broker_id;
    c.contact_time = at.secs;
    c.channel = static_cast<int>(log.channel);
    c.direction = static_cast<int>(log.direction);
    c.outcome = static_cast<int>(log.outcome);
    c.satisfaction = log.satisfaction;
    c.notes = log.notes;
    c.next_follow_up = log.next_follow_up;
    auto contactId = storage::insertContact(db, c);
    if (!contactId) return contactId.error();
    res.contact_id = *contactId;

    // The open item this contact completes: the client's earliest to-do item.
    storage::TaskFilter f;
    f.client_ref = clientRef;
    auto open = storage::loadTasks(db, f);
    if (!open) return open.error();
    std::optional<storage::TaskRow> task;
    if (!open->empty()) task = open->front().task;
    const bool noAnswer = log.outcome == Outcome::NoAnswer;
    if (task) {
        storage::TaskRow done = *task;
        done.status = noAnswer ? TaskStatus::Attempted : TaskStatus::Done;
        done.contact_id = *contactId;
        done.attempts += 1;
        if (auto s = storage::updateTask(db, done); !s) return s.error();
        res.completed_task = done.id;
    }

    if (noAnswer) {
        auto outcomes = storage::recentOutcomes(db, clientRef, -(std::int64_t{1} << 62));
        if (!outcomes) return outcomes.error();
        int streak = 0;
        for (auto it = outcomes->rbegin();
             it != outcomes->rend() && it->first == static_cast<int>(Outcome::NoAnswer); ++it)
            ++streak;
        res.no_answer_streak = streak;
        const auto order = channelOrder(static_cast<ContactChannel>((*client)->preferred_channel),
                                        policy.channels);
        res.retry_channel = channelAfterFailures(order, streak);
        res.channel_switched = res.retry_channel != log.channel;
        res.retry_date = cal->nextWorkingDay(day);
        storage::TaskRow retry;
        retry.client_ref = clientRef;
        retry.broker_id = (*client)->broker_id;
        retry.planned_date = *res.retry_date;
        retry.channel = static_cast<int>(res.retry_channel);
        retry.status = TaskStatus::Held;
        retry.created_at = at.secs;
        Reason noAnswerFact(ReasonKind::NoAnswer);
        noAnswerFact.date(Arg::On, day).count(Arg::Attempt, streak);
        if (res.channel_switched && streak >= 2)
            noAnswerFact.channel(Arg::Channel, res.retry_channel);
        if (task) {
            std::vector<Reason> reasons = storedReasons(task->reasons);
            reasons.push_back(noAnswerFact);
            retry.due_date = task->due_date;
            retry.priority = task->priority;
            retry.time_window = task->time_window;
            retry.attempts = task->attempts + 1;
            retry.reasons = encodeFacts(reasons);
            retry.talking_points = task->talking_points;
        } else {
            retry.due_date = *res.retry_date;
            retry.priority = 1.0;
            retry.attempts = 1;
            retry.reasons = retry.talking_points = encodeFacts(std::vector<Reason>{noAnswerFact});
        }
        auto id = storage::insertTask(db, retry);
        if (!id) return id.error();
        res.retry_task = *id;
    }

    // A client who asked to be called back without naming a day is called the next working day.
    const bool callbackOnly = !log.next_follow_up && log.outcome == Outcome::Callback;
    if (log.next_follow_up || callbackOnly) {
        const Date d =
            callbackOnly ? cal->nextWorkingDay(day) : cal->workingDayOnOrAfter(*log.next_follow_up);
        storage::TaskRow p;
        p.client_ref = clientRef;
        p.broker_id = (*client)->broker_id;
        p.planned_date = d;
        p.due_date = d;
        p.channel = static_cast<int>(log.channel);
        p.priority = task ? task->priority : 1.0;
        p.status = TaskStatus::Held;
        p.created_at = at.secs;
        const Reason why =
            callbackOnly ? Reason(ReasonKind::CallbackAsked).date(Arg::On, day)
                         : Reason(ReasonKind::PromisedFollowUp).date(Arg::On, *log.next_follow_up);
        p.reasons = p.talking_points = encodeFacts(std::vector<Reason>{why});
        auto id = storage::insertTask(db, p);
        if (!id) return id.error();
        res.promised_task = *id;
        res.promised_date = d;
    }
    if (auto s = storage::updateClientSummaryContacts(db, {clientRef}, *contactsBefore); !s)
        return s.error();
    if (auto s = tx.commit(); !s) return s.error();
    return res;
}

Result<std::optional<PlanDays>> latestPlanDays(storage::Database& db) {
    auto run = storage::latestPlanRun(db);
    if (!run) return run.error();
    if (!*run) return std::optional<PlanDays>{};
    return std::optional<PlanDays>{PlanDays{(*run)->as_of, (*run)->first_day}};
}

Result<Date> rescheduleItem(storage::Database& db, std::int64_t taskId, Date date) {
    auto cal = loadBookCalendar(db);
    if (!cal) return cal.error();
    auto t = storage::loadTask(db, taskId);
    if (!t) return t.error();
    if (t->status != TaskStatus::Open && t->status != TaskStatus::Held)
        return makeError(ErrorCode::InvalidInput,
                         "plan item " + std::to_string(taskId) + " is no longer to do");
    t->planned_date = cal->workingDayOnOrAfter(date);
    t->status = TaskStatus::Held;
    if (auto s = storage::updateTask(db, *t); !s) return s.error();
    return t->planned_date;
}

Status skipItem(storage::Database& db, std::int64_t taskId, const std::string& reason) {
    if (reason.empty()) return makeError(ErrorCode::InvalidInput, "give a reason to skip");
    auto t = storage::loadTask(db, taskId);
    if (!t) return t.error();
    if (t->status != TaskStatus::Open && t->status != TaskStatus::Held)
        return makeError(ErrorCode::InvalidInput,
                         "plan item " + std::to_string(taskId) + " is no longer to do");
    t->status = TaskStatus::Skipped;
    t->skip_reason = reason;
    return storage::updateTask(db, *t);
}

Result<CoverageReport> computeCoverage(storage::Database& db, std::optional<Date> asOf,
                                       const PlanOptions& options) {
    PlanOptions o = options;
    o.as_of = asOf ? asOf : options.as_of;
    auto in = readPlanInputs(db, o, false);
    if (!in) return in.error();
    const auto& clients = in->clients;
    auto brokers = storage::loadPlanBrokers(db);
    if (!brokers) return brokers.error();
    auto overdue = listOverdue(db, {}, in->as_of);
    if (!overdue) return overdue.error();

    CoverageReport rep;
    rep.as_of = in->as_of;
    std::map<std::string, CoverageLine> byBroker, byBranch;
    std::map<std::string, std::string> brokerBranch;
    for (const auto& b : *brokers) {
        brokerBranch[b.broker_id] = b.branch_id;
        byBroker[b.broker_id].id = b.broker_id;
        byBroker[b.broker_id].branch_id = b.branch_id;
    }
    rep.total.id = "total";
    for (std::size_t i = 0; i < in->client_signals.size(); ++i) {
        const ClientSignals& s = in->client_signals[i];
        const auto& c = clients[i];
        if (s.cadence_days <= 0) continue;
        const Date base = s.last_contact.value_or(s.open_date);
        const int since = in->as_of - base;
        const bool covered = since <= s.cadence_days;
        CoverageLine& b = byBroker[s.broker_id];
        b.id = s.broker_id;
        if (b.branch_id.empty()) b.branch_id = brokerBranch[s.broker_id];
        CoverageLine& br = byBranch[c.branch_id];
        br.id = c.branch_id;
        for (CoverageLine* l : {&b, &br, &rep.total}) {
            ++l->clients;
            if (covered) ++l->covered;
            if (s.vip) ++l->vips;
            if (s.vip && !covered) ++l->neglected_vips;
        }
        if (s.vip && !covered)
            rep.neglected.push_back({c.client_id, c.name, c.broker_id, c.branch_id, s.cadence_days,
                                     s.last_contact, since});
    }
    for (const auto& it : *overdue) {
        ++byBroker[it.broker_id].overdue;
        byBroker[it.broker_id].id = it.broker_id;
        ++byBranch[it.branch_id].overdue;
        byBranch[it.branch_id].id = it.branch_id;
        ++rep.total.overdue;
    }
    auto finish = [](CoverageLine& l) {
        l.share =
            l.clients == 0 ? 1.0 : static_cast<double>(l.covered) / static_cast<double>(l.clients);
    };
    for (auto& [id, l] : byBroker) {
        finish(l);
        rep.brokers.push_back(l);
    }
    for (auto& [id, l] : byBranch) {
        finish(l);
        rep.branches.push_back(l);
    }
    finish(rep.total);
    std::sort(rep.neglected.begin(), rep.neglected.end(),
              [](const NeglectedVip& a, const NeglectedVip& b) {
                  const int oa = a.days_since - a.cadence_days, ob = b.days_since - b.cadence_days;
                  if (oa != ob) return oa > ob;
                  return a.client_id < b.client_id;
              });
    return rep;
}

} // namespace bd::services
