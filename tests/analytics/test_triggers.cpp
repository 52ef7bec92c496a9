// Follow-up triggers with known answers: each fires on its data, with due dates and reasons.
#include <gtest/gtest.h>

#include <algorithm>

#include "analytics/triggers.h"

using namespace bd;
using namespace bd::analytics;

namespace {

const Date kAsOf = Date::fromYmd(2025, 9, 26); // Friday before National Day

ClientSignals quietClient() {
    ClientSignals c;
    c.client_ref = 7;
    c.client_id = "C007";
    c.broker_id = "B1";
    c.open_date = Date::fromYmd(2020, 1, 6);
    c.last_contact = kAsOf.addDays(-5);
    c.cadence_days = 30;
    return c;
}

const Trigger* find(const std::vector<Trigger>& ts, TriggerKind k) {
    auto it = std::find_if(ts.begin(), ts.end(), [k](const Trigger& t) { return t.kind == k; });
    return it == ts.end() ? nullptr : &*it;
}

} // namespace

TEST(Triggers, QuietClientHasNone) {
    EXPECT_TRUE(evaluateTriggers(quietClient(), kAsOf, Calendar::builtinChina()).empty());
}

TEST(Triggers, CadenceOverdue) {
    ClientSignals c = quietClient();
    c.last_contact = kAsOf.addDays(-93);
    auto ts = evaluateTriggers(c, kAsOf, Calendar::builtinChina());
    const Trigger* t = find(ts, TriggerKind::Cadence);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->due, kAsOf.addDays(-63));
    EXPECT_DOUBLE_EQ(t->urgency, 2.0); // overdue by more than a whole cadence: doubled
    EXPECT_EQ(t->reason.kind, ReasonKind::Cadence);
    EXPECT_EQ(t->reason.dateOf(Arg::Last), kAsOf.addDays(-93));
    EXPECT_EQ(t->reason.countOf(Arg::Ago), 93);
    EXPECT_EQ(t->reason.countOf(Arg::Every), 30);
    EXPECT_EQ(t->reason.countOf(Arg::Overdue), 63);
}

TEST(Triggers, CadenceDueWithinTheHorizonButNotBeyond) {
    ClientSignals c = quietClient();
    c.last_contact = kAsOf.addDays(-25); // due 2025-10-01, inside a 10-working-day horizon
    EXPECT_NE(find(evaluateTriggers(c, kAsOf, Calendar::builtinChina()), TriggerKind::Cadence),
              nullptr);
    c.last_contact = kAsOf; // due 2025-10-26, after the horizon (ends 2025-10-15)
    EXPECT_EQ(find(evaluateTriggers(c, kAsOf, Calendar::builtinChina()), TriggerKind::Cadence),
              nullptr);
}

TEST(Triggers, OutflowNetOfMarketMoves) {
    const Calendar& cal = Calendar::builtinChina();
    ClientSignals c = quietClient();
    c.aum_previous = Money::fromYuan(1000000);
    c.aum_current = Money::fromYuan(550000);
    c.aum_previous_date = Date::fromYmd(2025, 8, 29);
    // The market fell 40%: only about 5% left the account — no trigger.
    c.market_return = -0.40;
    EXPECT_EQ(find(evaluateTriggers(c, kAsOf, cal), TriggerKind::AssetOutflow), nullptr);
    // Known flows: 400,000 withdrawn (40%) — trigger with the exact figures.
    c.net_inflow = Money::fromYuan(-400000);
    auto ts = evaluateTriggers(c, kAsOf, cal);
    const Trigger* t = find(ts, TriggerKind::AssetOutflow);
    ASSERT_NE(t, nullptr);
    EXPECT_NEAR(t->reason.valueOf(Arg::Change), -0.45, 1e-12);
    EXPECT_EQ(t->reason.dateOf(Arg::Since), Date::fromYmd(2025, 8, 29));
    EXPECT_EQ(t->reason.moneyOf(Arg::Outflow), Money::fromYuan(400000));
    EXPECT_NEAR(t->reason.valueOf(Arg::OutflowShare), 0.40, 1e-12);
    EXPECT_FALSE(t->reason.has(Arg::Market));
    EXPECT_DOUBLE_EQ(t->urgency, 2.5 * 2.0);
    // Due on working day 1 of the plan, the first working day on or after as-of (2025-09-26).
    EXPECT_EQ(t->due, Date::fromYmd(2025, 9, 26));
}

TEST(Triggers, SlippingAwayLossSuitabilityComplaintSatisfaction) {
    const Calendar& cal = Calendar::builtinChina();
    ClientSignals c = quietClient();
    c.p_alive = 0.42;
    c.last_trade = kAsOf.addDays(-20); // a client who traded: p_alive means something
    c.drawdown = 0.30;
    c.suitability_mismatches = 2;
    c.last_complaint = kAsOf.addDays(-10);
    c.last_contact = kAsOf.addDays(-10); // the complaint call itself
    c.last_satisfaction = 2;
    c.last_satisfaction_date = kAsOf.addDays(-10);
    auto ts = evaluateTriggers(c, kAsOf, cal);
    const Trigger* slip = find(ts, TriggerKind::SlippingAway);
    ASSERT_NE(slip, nullptr);
    EXPECT_NEAR(slip->urgency, 2.0 * (1 + 0.08 / 0.5), 1e-12);
    EXPECT_DOUBLE_EQ(slip->reason.valueOf(Arg::PAlive), 0.42);
    EXPECT_DOUBLE_EQ(slip->reason.valueOf(Arg::PAliveMin), 0.5);
    EXPECT_FALSE(slip->reason.has(Arg::Idle));
    ASSERT_NE(find(ts, TriggerKind::LargeLoss), nullptr);
    EXPECT_NEAR(find(ts, TriggerKind::LargeLoss)->urgency, 2.0 * 1.5, 1e-12);
    ASSERT_NE(find(ts, TriggerKind::SuitabilityMismatch), nullptr);
    ASSERT_NE(find(ts, TriggerKind::Complaint), nullptr);
    ASSERT_NE(find(ts, TriggerKind::LowSatisfaction), nullptr);
    EXPECT_EQ(ts.front().kind, TriggerKind::Complaint); // 3.0 ties the loss; stable order
    // A later contact answers the complaint and the low score.
    c.last_contact = kAsOf.addDays(-2);
    ts = evaluateTriggers(c, kAsOf, cal);
    EXPECT_EQ(find(ts, TriggerKind::Complaint), nullptr);
    EXPECT_EQ(find(ts, TriggerKind::LowSatisfaction), nullptr);
}

TEST(Triggers, InactiveAfterBeingActive) {
    ClientSignals c = quietClient();
    c.last_trade = kAsOf.addDays(-75);
    c.trade_days_12m = 12;
    const auto ts = evaluateTriggers(c, kAsOf, Calendar::builtinChina());
    const Trigger* t = find(ts, TriggerKind::SlippingAway);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->reason.countOf(Arg::Idle), 75);
    EXPECT_EQ(t->reason.countOf(Arg::TradeDays), 12);
    c.trade_days_12m = 2; // never really active: not "slipping"
    EXPECT_EQ(find(evaluateTriggers(c, kAsOf, Calendar::builtinChina()), TriggerKind::SlippingAway),
              nullptr);
}

TEST(Triggers, BirthdayOnAHolidayIsGreetedTheWorkingDayBefore) {
    ClientSignals c = quietClient();
    c.birth_date = Date::fromYmd(1975, 10, 2); // 2025-10-02 is a holiday
    const auto ts = evaluateTriggers(c, kAsOf, Calendar::builtinChina());
    const Trigger* t = find(ts, TriggerKind::Birthday);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->due, Date::fromYmd(2025, 9, 30));
    EXPECT_EQ(t->reason.dateOf(Arg::On), Date::fromYmd(2025, 10, 2));
    EXPECT_EQ(t->reason.countOf(Arg::Age), 50);
    EXPECT_EQ(t->reason.countOf(Arg::InDays), 6);
    c.birth_date = Date::fromYmd(1975, 11, 2); // too far ahead
    EXPECT_EQ(find(evaluateTriggers(c, kAsOf, Calendar::builtinChina()), TriggerKind::Birthday),
              nullptr);
}

TEST(Triggers, PromisedFollowUpAndOnboarding) {
    const Calendar& cal = Calendar::builtinChina();
    ClientSignals c = quietClient();
    c.promised_follow_ups = {Date::fromYmd(2025, 10, 3), kAsOf.addDays(-30)}; // 2nd one kept
    const auto promised = evaluateTriggers(c, kAsOf, cal);
    const Trigger* p = find(promised, TriggerKind::PromisedFollowUp);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->due, Date::fromYmd(2025, 10, 9)); // the holiday promise moves to the next day
    EXPECT_EQ(p->earliest, p->due);

    ClientSignals fresh;
    fresh.client_ref = 8;
    fresh.open_date = Date::fromYmd(2025, 9, 24); // Wednesday
    auto ts = evaluateTriggers(fresh, kAsOf, cal);
    const Trigger* o = find(ts, TriggerKind::Onboarding);
    ASSERT_NE(o, nullptr);
    // Working day 3 after 2025-09-24: 25, 26, 28 (adjusted Sunday).
    EXPECT_EQ(o->earliest, Date::fromYmd(2025, 9, 28));
    EXPECT_EQ(o->due, Date::fromYmd(2025, 9, 30));
}

TEST(Triggers, CallItemsMergeReasonsAndRankByValueTimesUrgency) {
    const Calendar& cal = Calendar::builtinChina();
    std::vector<ClientSignals> cs(3, quietClient());
    for (int i = 0; i < 3; ++i) {
        cs[i].client_ref = i + 1;
        cs[i].value_score = 10.0 * i;
    }
    cs[0].last_contact = kAsOf.addDays(-93);
    cs[0].p_alive = 0.42;
    cs[0].last_trade = kAsOf.addDays(-20);
    cs[1].last_contact = kAsOf.addDays(-93);
    cs[2].vip = true; // VIP but no trigger: not listed
    assignValuePercentiles(cs);
    EXPECT_DOUBLE_EQ(cs[0].value_percentile, 0.0);
    EXPECT_DOUBLE_EQ(cs[2].value_percentile, 1.0);
    auto items = buildCallItems(cs, kAsOf, cal);
    ASSERT_EQ(items.size(), 2u);
    const CallItem& a = items[0].client_ref == 1 ? items[0] : items[1];
    // A point per reason, most urgent first, but the cadence's: the last contact tells its
    // date, the policy its cadence; the slipping-away reason tells the trades.
    ASSERT_EQ(a.talking_points.size(), 3u);
    EXPECT_EQ(a.talking_points[0].kind, ReasonKind::SlippingAway);
    EXPECT_EQ(a.talking_points[1].kind, ReasonKind::LastContact);
    EXPECT_EQ(a.talking_points[1].countOf(Arg::Ago), 93);
    EXPECT_EQ(a.talking_points[2].kind, ReasonKind::Policy);
    EXPECT_EQ(a.triggers.size(), 2u);
    EXPECT_NEAR(a.urgency, 2.32 + 0.25 * 2.0, 1e-12);
    EXPECT_NEAR(a.priority, 0.2 * a.urgency, 1e-12); // lowest percentile: value floor
    EXPECT_EQ(a.channel, ContactChannel::Phone);
    EXPECT_EQ(a.reasons().size(), 2u);
    const CallItem& b = items[0].client_ref == 2 ? items[0] : items[1];
    EXPECT_NEAR(b.priority, (0.2 + 0.8 * 0.5) * 2.0, 1e-12);
    EXPECT_GT(items[0].priority, items[1].priority);
}

TEST(Triggers, ANewAccountIsOnboardingNeverSlippingAway) {
    // Issue 22: an account opened 5 days ago with no trades was called "slipping away" (its
    // p_alive, never estimated, read 0.00).
    const Calendar& cal = Calendar::builtinChina();
    ClientSignals fresh;
    fresh.client_ref = 9;
    fresh.open_date = kAsOf.addDays(-5);
    fresh.p_alive = 0.0;
    auto ts = evaluateTriggers(fresh, kAsOf, cal);
    EXPECT_EQ(find(ts, TriggerKind::SlippingAway), nullptr);
    EXPECT_NE(find(ts, TriggerKind::Onboarding), nullptr);
    // Even after a first trade, a new account is onboarding.
    fresh.last_trade = kAsOf.addDays(-4);
    fresh.trade_days_12m = 1;
    EXPECT_EQ(find(evaluateTriggers(fresh, kAsOf, cal), TriggerKind::SlippingAway), nullptr);
    // An old account that never traded has no activity to lose either.
    ClientSignals never = quietClient();
    never.p_alive = 0.0;
    EXPECT_EQ(find(evaluateTriggers(never, kAsOf, cal), TriggerKind::SlippingAway), nullptr);
    // One that traded and went quiet is slipping away.
    never.last_trade = kAsOf.addDays(-200);
    EXPECT_NE(find(evaluateTriggers(never, kAsOf, cal), TriggerKind::SlippingAway), nullptr);
}

TEST(Triggers, DeadlinesFollowTheTableCountingTheFirstPlanDayAsDayOne) {
    const Calendar& cal = Calendar::builtinChina();
    const Date today = kAsOf; // a Friday, a working day: working day 1 of the plan
    ClientSignals c = quietClient();
    c.last_contact = kAsOf.addDays(-93); // an overdue cadence: its deadline has passed
    c.aum_previous = Money::fromYuan(1000000);
    c.aum_current = Money::fromYuan(500000);
    c.net_inflow = Money::fromYuan(-500000);
    c.drawdown = 0.3;
    c.suitability_mismatches = 1;
    c.last_complaint = kAsOf.addDays(-3);
    auto ts = evaluateTriggers(c, kAsOf, cal);
    EXPECT_EQ(find(ts, TriggerKind::AssetOutflow)->due, today);
    EXPECT_EQ(find(ts, TriggerKind::Complaint)->due, today);
    EXPECT_EQ(find(ts, TriggerKind::LargeLoss)->due, cal.addWorkingDays(today, 1));
    // Working day 5 skips National Day: 26, 28 (adjusted Sunday), 29, 30 Sep, 9 Oct.
    EXPECT_EQ(find(ts, TriggerKind::SuitabilityMismatch)->due, Date::fromYmd(2025, 10, 9));
    EXPECT_EQ(find(ts, TriggerKind::Cadence)->due, kAsOf.addDays(-63));

    auto items = buildCallItems({c}, kAsOf, cal);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].due, kAsOf.addDays(-63)); // the cadence, overdue
    ASSERT_TRUE(items[0].deadline.has_value());  // the nearest deadline still ahead
    EXPECT_EQ(*items[0].deadline, today);
    EXPECT_TRUE(items[0].deadline_kind == ReasonKind::Complaint ||
                items[0].deadline_kind == ReasonKind::AssetOutflow);

    // Configured: outflow by working day 3, large loss by day 1, cadence 2 working days late.
    TriggerConfig cfg;
    cfg.deadline_days[static_cast<std::size_t>(ReasonKind::AssetOutflow)] = 3;
    cfg.deadline_days[static_cast<std::size_t>(ReasonKind::LargeLoss)] = 1;
    cfg.deadline_days[static_cast<std::size_t>(ReasonKind::Cadence)] = 2;
    ts = evaluateTriggers(c, kAsOf, cal, cfg);
    EXPECT_EQ(find(ts, TriggerKind::AssetOutflow)->due, cal.addWorkingDays(today, 2));
    EXPECT_EQ(find(ts, TriggerKind::LargeLoss)->due, today);
    EXPECT_EQ(find(ts, TriggerKind::Cadence)->due,
              cal.addWorkingDays(cal.workingDayOnOrBefore(kAsOf.addDays(-63)), 2));

    // A client whose only deadline has passed has none ahead.
    ClientSignals late = quietClient();
    late.last_contact = kAsOf.addDays(-93);
    items = buildCallItems({late}, kAsOf, cal);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_FALSE(items[0].deadline.has_value());
}

TEST(Triggers, EveryTriggerKindHasADeadlineRuleWithItsDefaultInRange) {
    for (ReasonKind k :
         {ReasonKind::Cadence, ReasonKind::AssetOutflow, ReasonKind::SlippingAway,
          ReasonKind::LargeLoss, ReasonKind::Birthday, ReasonKind::SuitabilityMismatch,
          ReasonKind::Complaint, ReasonKind::LowSatisfaction, ReasonKind::PromisedFollowUp,
          ReasonKind::Onboarding, ReasonKind::SurveyDue}) {
        const DeadlineRule* r = deadlineRule(k);
        ASSERT_NE(r, nullptr) << static_cast<int>(k);
        EXPECT_GE(r->default_days, r->min_days);
        EXPECT_LE(r->default_days, r->max_days);
        EXPECT_EQ(defaultDeadlineDays()[static_cast<std::size_t>(k)], r->default_days);
    }
    EXPECT_EQ(deadlineRule(ReasonKind::NoAnswer), nullptr);
    EXPECT_EQ(deadlineRule(ReasonKind::AssetOutflow)->default_days, 1);
    EXPECT_EQ(deadlineRule(ReasonKind::Complaint)->default_days, 1);
    EXPECT_EQ(deadlineRule(ReasonKind::LargeLoss)->default_days, 2);
    EXPECT_EQ(deadlineRule(ReasonKind::SuitabilityMismatch)->default_days, 5);
    EXPECT_TRUE(deadlineRule(ReasonKind::PromisedFollowUp)->dated);
    EXPECT_EQ(deadlineRule(ReasonKind::Birthday)->default_days, 0);
    EXPECT_EQ(deadlineRule(ReasonKind::Cadence)->default_days, 0);
}

TEST(Triggers, TalkingPointsCarryTheFactsOfTheBook) {
    const Calendar& cal = Calendar::builtinChina();
    ClientSignals c = quietClient();
    c.relationship = RelationshipType::Proactive;
    c.last_contact = kAsOf.addDays(-5); // the cadence is not due in the horizon
    c.last_contact_channel = ContactChannel::Wechat;
    c.last_contact_outcome = Outcome::Reached;
    c.last_contact_satisfaction = 4;
    c.promised_follow_ups = {kAsOf.addDays(-30), kAsOf.addDays(3)};
    c.promise_notes = {"old", "send the bond fund prospectus"};
    c.suitability_mismatches = 1;
    c.unsuitable = ClientSignals::Holding{"300750.SZ", "Battery", {}, 0.0, 4, 2};
    c.worst_holding =
        ClientSignals::Holding{"600000.SH", "Bank", Money::fromYuan(12345), -0.32, 0, 0};
    c.last_trade = kAsOf.addDays(-9);
    c.trade_days_12m = 14;
    const auto items = buildCallItems({c}, kAsOf, cal);
    ASSERT_EQ(items.size(), 1u);
    const auto& tp = items[0].talking_points;
    std::vector<ReasonKind> kinds;
    for (const auto& r : tp) kinds.push_back(r.kind);
    // The triggers (promise, suitability; most urgent first), what was promised right after
    // the promise, then the facts behind them.
    const std::vector<ReasonKind> expect{ReasonKind::PromisedFollowUp,    ReasonKind::PromiseNote,
                                         ReasonKind::SuitabilityMismatch, ReasonKind::RiskMismatch,
                                         ReasonKind::WorstHolding,        ReasonKind::LastContact,
                                         ReasonKind::RecentTrades,        ReasonKind::Policy};
    ASSERT_EQ(kinds, expect);
    EXPECT_EQ(tp[1].textOf(Arg::Note), "send the bond fund prospectus");
    EXPECT_EQ(tp[1].dateOf(Arg::On), kAsOf.addDays(3));
    EXPECT_EQ(tp[3].textOf(Arg::Code), "300750.SZ");
    EXPECT_EQ(tp[3].countOf(Arg::Level), 4);
    EXPECT_EQ(tp[3].countOf(Arg::ClientLevel), 2);
    EXPECT_EQ(tp[4].textOf(Arg::Security), "Bank");
    EXPECT_EQ(tp[4].moneyOf(Arg::Loss), Money::fromYuan(12345));
    EXPECT_DOUBLE_EQ(tp[4].valueOf(Arg::Change), -0.32);
    EXPECT_EQ(tp[5].countOf(Arg::Ago), 5);
    EXPECT_EQ(tp[5].channelOf(Arg::Channel), ContactChannel::Wechat);
    EXPECT_EQ(tp[5].countOf(Arg::Outcome), static_cast<int>(Outcome::Reached));
    EXPECT_EQ(tp[5].countOf(Arg::Score), 4);
    EXPECT_EQ(tp[6].dateOf(Arg::Last), kAsOf.addDays(-9));
    EXPECT_EQ(tp[6].countOf(Arg::TradeDays), 14);
    EXPECT_EQ(tp[7].countOf(Arg::Relationship), static_cast<int>(RelationshipType::Proactive));
    EXPECT_EQ(tp[7].countOf(Arg::ServedBy), static_cast<int>(ServedBy::Broker));
    EXPECT_EQ(tp[7].countOf(Arg::Every), 30);
}

TEST(Triggers, TheServiceDeskWorksItsClientsAndABasicClientGetsNoOutboundCall) {
    const Calendar& cal = Calendar::builtinChina();
    ClientSignals c = quietClient();
    c.last_contact = kAsOf.addDays(-93); // cadence overdue
    c.p_alive = 0.2;                     // and slipping away
    c.last_trade = kAsOf.addDays(-100);
    for (ServedBy by : {ServedBy::SeniorBroker, ServedBy::Broker}) {
        c.served_by = by;
        const auto items = buildCallItems({c}, kAsOf, cal);
        ASSERT_EQ(items.size(), 1u);
        EXPECT_EQ(items[0].broker_id, "B1");
    }
    c.served_by = ServedBy::ServiceDesk;
    auto items = buildCallItems({c}, kAsOf, cal);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].broker_id, kServiceDeskQueue);
    EXPECT_EQ(items[0].triggers.size(), 2u);
    // Basic (automated): no outbound call at all ...
    c.served_by = ServedBy::Automated;
    EXPECT_TRUE(buildCallItems({c}, kAsOf, cal).empty());
    // ... but what the client asked for is answered, by the desk.
    c.last_complaint = kAsOf.addDays(-2);
    c.last_contact = kAsOf.addDays(-3);
    items = buildCallItems({c}, kAsOf, cal);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].broker_id, kServiceDeskQueue);
    ASSERT_EQ(items[0].triggers.size(), 1u);
    EXPECT_EQ(items[0].triggers[0].kind, TriggerKind::Complaint);
}

TEST(Triggers, ADormantClientWithoutAssetsIsToldApart) {
    const TriggerConfig cfg;
    ClientSignals c = quietClient();                   // opened 2020
    EXPECT_FALSE(dormantWithoutAssets(c, kAsOf, cfg)); // assets unknown
    c.aum_current = Money{};
    EXPECT_TRUE(dormantWithoutAssets(c, kAsOf, cfg));
    c.trade_days_12m = 1; // traded this year
    EXPECT_FALSE(dormantWithoutAssets(c, kAsOf, cfg));
    c.trade_days_12m = 0;
    c.aum_current = Money::fromYuan(1);
    EXPECT_FALSE(dormantWithoutAssets(c, kAsOf, cfg));
    c.aum_current = Money{};
    c.open_date = kAsOf.addDays(-30); // a new account is onboarding, not dormant
    EXPECT_FALSE(dormantWithoutAssets(c, kAsOf, cfg));
}

TEST(Triggers, RiskAssessmentExpiringFiresFromExactlyThirtyDaysBefore) {
    const Calendar& cal = Calendar::builtinChina();
    ClientSignals c = quietClient(); // last contact 5 days ago
    c.risk_assessment_expires = kAsOf.addDays(31);
    EXPECT_EQ(find(evaluateTriggers(c, kAsOf, cal), TriggerKind::RiskAssessmentExpiring), nullptr);
    c.risk_assessment_expires = kAsOf.addDays(30);
    auto ts = evaluateTriggers(c, kAsOf, cal);
    const Trigger* t = find(ts, TriggerKind::RiskAssessmentExpiring);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(find(ts, TriggerKind::RiskAssessmentExpired), nullptr);
    EXPECT_EQ(t->reason.dateOf(Arg::On), kAsOf.addDays(30));
    EXPECT_EQ(t->reason.countOf(Arg::InDays), 30);
    // An event: by the 5th working day of the plan (the National Day holiday in between).
    EXPECT_EQ(t->due, cal.addWorkingDays(cal.workingDayOnOrAfter(kAsOf), 4));
    EXPECT_DOUBLE_EQ(t->urgency, TriggerConfig{}.weight_risk_assessment_expiring);
    // A contact within the 30 days already told the client.
    c.last_contact = kAsOf;
    EXPECT_EQ(find(evaluateTriggers(c, kAsOf, cal), TriggerKind::RiskAssessmentExpiring), nullptr);
}

TEST(Triggers, RiskAssessmentExpiredFiresFromItsExpiryDay) {
    const Calendar& cal = Calendar::builtinChina();
    ClientSignals c = quietClient();
    c.risk_assessment_expires = kAsOf.addDays(-1); // expired yesterday
    auto ts = evaluateTriggers(c, kAsOf, cal);
    const Trigger* t = find(ts, TriggerKind::RiskAssessmentExpired);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(find(ts, TriggerKind::RiskAssessmentExpiring), nullptr);
    EXPECT_EQ(t->reason.dateOf(Arg::On), kAsOf.addDays(-1));
    EXPECT_EQ(t->reason.countOf(Arg::Ago), 1);
    EXPECT_EQ(t->due, cal.addWorkingDays(cal.workingDayOnOrAfter(kAsOf), 4));
    // It is among the call's talking points.
    auto items = buildCallItems({c}, kAsOf, cal);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_TRUE(
        std::any_of(items[0].talking_points.begin(), items[0].talking_points.end(),
                    [](const Reason& r) { return r.kind == ReasonKind::RiskAssessmentExpired; }));
    // On its expiry day it has expired; the day before it is still expiring (in 1 day).
    c.risk_assessment_expires = kAsOf;
    EXPECT_NE(find(evaluateTriggers(c, kAsOf, cal), TriggerKind::RiskAssessmentExpired), nullptr);
    c.risk_assessment_expires = kAsOf.addDays(1);
    c.last_contact = kAsOf.addDays(-40);
    c.cadence_days = 0;
    ts = evaluateTriggers(c, kAsOf, cal);
    ASSERT_NE(find(ts, TriggerKind::RiskAssessmentExpiring), nullptr);
    EXPECT_EQ(find(ts, TriggerKind::RiskAssessmentExpiring)->reason.countOf(Arg::InDays), 1);
    // A contact on or after the expiry day told the client it expired.
    c.risk_assessment_expires = kAsOf.addDays(-10);
    c.last_contact = kAsOf.addDays(-3);
    EXPECT_EQ(find(evaluateTriggers(c, kAsOf, cal), TriggerKind::RiskAssessmentExpired), nullptr);
}

TEST(Triggers, NoAssessmentDateNoRiskAssessmentTrigger) {
    ClientSignals c = quietClient();
    c.last_contact.reset();
    c.risk_assessment_expires.reset();
    auto ts = evaluateTriggers(c, kAsOf, Calendar::builtinChina());
    EXPECT_EQ(find(ts, TriggerKind::RiskAssessmentExpiring), nullptr);
    EXPECT_EQ(find(ts, TriggerKind::RiskAssessmentExpired), nullptr);
    EXPECT_EQ(deadlineRule(ReasonKind::RiskAssessmentExpiring)->default_days, 5);
    EXPECT_EQ(deadlineRule(ReasonKind::RiskAssessmentExpired)->default_days, 5);
    EXPECT_FALSE(deadlineRule(ReasonKind::RiskAssessmentExpired)->dated);
}

TEST(Triggers, AnAutomatedClientStillGetsItsRiskAssessmentReminder) {
    ClientSignals c = quietClient();
    c.served_by = ServedBy::Automated;
    c.risk_assessment_expires = kAsOf.addDays(-1);
    c.last_contact = kAsOf.addDays(-93); // a cadence would be due: not for an automated client
    auto ts = evaluateTriggers(c, kAsOf, Calendar::builtinChina());
    ASSERT_EQ(ts.size(), 1u);
    EXPECT_EQ(ts[0].kind, TriggerKind::RiskAssessmentExpired);
}
TEST(Triggers, ASurveyCallIsDueByItsCampaignsDeadlineFromItsLaunch) {
    const Calendar& cal = Calendar::builtinChina();
    ClientSignals c;
    c.client_ref = 1;
    c.client_id = "S";
    c.broker_id = "B1";
    c.open_date = Date::fromYmd(2020, 1, 1);
    c.last_contact = Date::fromYmd(2026, 11, 18);
    c.survey =
        ClientSignals::SurveyCall{7, Date::fromYmd(2026, 11, 20), Date::fromYmd(2026, 11, 26)};
    const auto t = evaluateTriggers(c, Date::fromYmd(2026, 11, 20), cal);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].kind, ReasonKind::SurveyDue);
    EXPECT_EQ(t[0].earliest, Date::fromYmd(2026, 11, 20));
    EXPECT_EQ(t[0].due, Date::fromYmd(2026, 11, 26));
    EXPECT_EQ(t[0].reason.countOf(Arg::Item), 7);
    // An automated (basic) client is still owed its return visit.
    c.served_by = ServedBy::Automated;
    EXPECT_EQ(evaluateTriggers(c, Date::fromYmd(2026, 11, 20), cal).size(), 1u);
}
