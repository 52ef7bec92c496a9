#include "services/planinputs.h"

#include <algorithm>

#include "analytics/portfolio.h"
#include "analytics/relationship.h"
#include "core/idnumber.h"
#include "services/channelorder.h"
#include "services/deadlinesettings.h"
#include "services/plancalendar.h"
#include "services/portfoliosettings.h"
#include "services/riskassessment.h"
#include "services/servicepolicies.h"
#include "services/surveys.h"
#include "services/vipranking.h"
#include "storage/book/settings.h"
#include "storage/book/surveystore.h"

namespace bd::services {
namespace {

using analytics::ClientSignals;

/// Counts holdings that fail a real suitability rule (R above C, growth board below the level,
/// an expired risk assessment: the level no longer holds); data gaps (unknown client level,
/// unrated security) are not a reason to call.
int countMismatches(const std::vector<const storage::PlanHoldingRow*>& rows,
                    const analytics::SuitabilityRules& rules, std::optional<Date> assessmentExpired,
                    ClientSignals& s) {
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
        analytics::checkSuitability(line, h->client_risk_level, rules, found, assessmentExpired);
        const bool real = std::any_of(found.begin(), found.end(), [](const auto& m) {
            return m.rule.kind != ReviewNoteKind::UnknownClientLevel &&
                   m.rule.kind != ReviewNoteKind::UnratedSecurity;
        });
        if (real && ++n == 1)
            s.unsuitable = ClientSignals::Holding{
                h->security_code, h->name, {}, 0.0, h->risk_level, h->client_risk_level};
    }
    return n;
}

/// The holding that lost most against its cost (none when nothing is at a loss).
std::optional<ClientSignals::Holding>
worstHolding(const std::vector<const storage::PlanHoldingRow*>& rows) {
    std::optional<ClientSignals::Holding> worst;
    for (const auto* h : rows) {
        if (!h->cost_price || h->cost_price->units <= 0) continue;
        const std::int64_t lost = (h->cost_price->units - h->close_price.units) * h->quantity;
        if (lost <= 0 || (worst && lost <= worst->loss.units)) continue;
        const double change = static_cast<double>(h->close_price.units - h->cost_price->units) /
                              static_cast<double>(h->cost_price->units);
        worst =
            ClientSignals::Holding{h->security_code, h->name, Money::fromUnits(lost), change, 0, 0};
    }
    return worst;
}

/// The contact cadence a policy sets (0 when it calls for no proactive contact).
int cadenceDays(const analytics::ServicePolicy& p) {
    return p.proactive_contact ? p.contact_cadence_days : 0;
}

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

    in.deadline_days = options.triggers.deadline_days;
    if (full && options.book_deadlines) {
        auto stored = loadTriggerDeadlines(db);
        if (!stored) return stored.error();
        for (const auto& r : analytics::deadlineRules()) {
            const auto k = static_cast<std::size_t>(r.kind);
            if ((*stored)[k] != r.default_days) in.deadline_days[k] = (*stored)[k];
        }
    }
    auto deadlines = withDeadlines(in.deadline_days, options.deadline_overrides);
    if (!deadlines) return deadlines.error();
    in.deadline_days = *deadlines;

    auto policies = loadServicePolicies(db);
    if (!policies) return policies.error();
    auto portfolio = full ? loadPortfolioOptions(db)
                          : Result<analytics::PortfolioOptions>(analytics::PortfolioOptions{});
    if (!portfolio) return portfolio.error();
    auto clients = storage::loadPlanClients(db);
    if (!clients) return clients.error();
    auto validity = loadRiskAssessmentValidity(db);
    if (!validity) return validity.error();
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
    using Promises = std::vector<storage::PlanPromiseRow>;
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
    // Survey calls of campaigns launched by the horizon's end (a later launch waits) and not
    // closed: a campaign lapses kSurveyLapseDays after its deadline, its unanswered calls
    // counted as not reached rather than called forever.
    using Surveys = std::vector<storage::OpenSurveyCallRow>;
    auto surveys =
        full ? storage::loadOpenSurveyCalls(
                   db,
                   in.calendar.addWorkingDays(in.calendar.workingDayOnOrAfter(in.as_of),
                                              std::max(options.horizon_working_days, 1) - 1),
                   in.as_of.addDays(-kSurveyLapseDays))
             : Result<Surveys>(Surveys{});
    if (!surveys) return surveys.error();
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
        if (c.risk_assessed_on)
            s.risk_assessment_expires = riskAssessmentExpiry(*c.risk_assessed_on, *validity);
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
        if (!s) continue;
        s->aum_current = a.current_aum; // alone, it tells a client without assets
        if (!a.previous_date) continue;
        s->aum_previous = a.previous_aum;
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
        s.last_contact_channel = static_cast<ContactChannel>(k.last_channel);
        s.last_contact_outcome = static_cast<Outcome>(k.last_outcome);
        s.last_contact_satisfaction = k.last_contact_satisfaction;
        streak[it->second] = k.no_answer_streak;
    }
    for (const auto& p : *promised)
        if (ClientSignals* s = at(p.ref)) {
            s->promised_follow_ups.push_back(p.on);
            s->promise_notes.push_back(p.notes);
        }
    for (const auto& k : *surveys) // by client and deadline: the first is the earliest
        if (ClientSignals* s = at(k.client_ref); s && !s->survey)
            s->survey = ClientSignals::SurveyCall{k.campaign_id, k.launch_date, k.due_date};
    for (std::size_t i = 0; i < holdings->size();) {
        std::size_t j = i;
        std::vector<const storage::PlanHoldingRow*> rows;
        while (j < holdings->size() && (*holdings)[j].ref == (*holdings)[i].ref)
            rows.push_back(&(*holdings)[j++]);
        if (ClientSignals* s = at((*holdings)[i].ref)) {
            std::optional<Date> expired;
            if (s->risk_assessment_expires && *s->risk_assessment_expires <= in.as_of)
                expired = s->risk_assessment_expires;
            s->suitability_mismatches = countMismatches(rows, portfolio->suitability, expired, *s);
            s->worst_holding = worstHolding(rows);
        }
        i = j;
    }
    for (std::size_t i = 0; i < clients->size(); ++i) {
        ClientSignals& s = in.client_signals[i];
        analytics::ServicePolicy p = policyFor(*policies, relationship[i]);
        // A dormant client without assets is never a broker's call on a cadence: the service
        // desk's reactivation policy instead (only when assets and trades were read).
        if (full && !routesToServiceDesk(p.served_by) &&
            analytics::dormantWithoutAssets(s, in.as_of, options.triggers))
            p = policyFor(*policies, options.dormant_relationship_type);
        s.cadence_days = cadenceDays(p);
        s.served_by = options.vips_stay_with_broker && s.vip && routesToServiceDesk(p.served_by)
                          ? ServedBy::Broker
                          : p.served_by;
        s.relationship = p.type;
        auto order =
            channelOrder(static_cast<ContactChannel>((*clients)[i].preferred_channel), p.channels);
        s.preferred_channel = channelAfterFailures(order, streak[i]);
        s.value_tier = valueTier(s.vip, rank[i], scoredCount);
        in.channel_order.emplace(s.client_ref, std::move(order));
    }
    analytics::assignValuePercentiles(in.client_signals);

    for (const auto& b : *brokers) in.brokers.push_back({b.broker_id, b.daily_capacity});
    int desk = options.service_desk_daily_capacity;
    if (desk <= 0) {
        auto stored = storage::getSettingDouble(db, kServiceDeskCapacitySetting);
        if (!stored) return stored.error();
        desk = *stored && **stored >= 1 ? static_cast<int>(**stored)
                                        : kServiceDeskCallsPerBroker *
                                              std::max<int>(1, static_cast<int>(brokers->size()));
    }
    in.brokers.push_back({std::string(kServiceDeskQueue), desk});
    in.service_desk_daily_capacity = desk;
    in.scheduler.horizon_working_days = options.horizon_working_days;
    in.scheduler.default_daily_capacity = options.default_daily_capacity;
    std::optional<double> share = options.low_value_slipping_share;
    if (!share) {
        auto stored = storage::getSettingDouble(db, kSlippingShareSetting);
        if (!stored) return stored.error();
        share = *stored;
    }
    if (share) {
        if (!(*share >= 0.0 && *share <= 1.0))
            return makeError(ErrorCode::InvalidInput,
                             "the share of low-value slipping-away calls must be 0 to 1, got " +
                                 std::to_string(*share));
        in.scheduler.low_value_slipping_share = *share;
    }
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

Result<ClientCadences> loadClientCadences(storage::Database& db, const PlanOptions& options) {
    auto policies = loadServicePolicies(db);
    if (!policies) return policies.error();
    auto segments = storage::loadLatestSegments(db);
    if (!segments) return segments.error();
    ClientCadences out;
    out.unsegmented = cadenceDays(policyFor(*policies, options.unsegmented_relationship_type));
    for (const auto& seg : *segments)
        out.by_client[seg.ref] = cadenceDays(policyFor(*policies, seg.relationship_type));
    return out;
}

Result<PlanInputs> loadCoverageInputs(storage::Database& db, const PlanOptions& options) {
    return readPlanInputs(db, options, false);
}

} // namespace bd::services
