// The follow-up plan use cases on hand-built books: triggers from the book, capacity, calendars,
// the contact loop (retry, channel switch, promises), reschedule/skip, overdue and coverage.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "phrasebook/phrasebook.h"
#include "services/channelorder.h"
#include "services/contactlog.h"
#include "services/coverage.h"
#include "services/plancalendar.h"
#include "services/planitems.h"
#include "services/planrebuild.h"
#include "storage/book/planstore.h"
#include "storage/schema/bookcheck.h"
#include "support/planbook.h"

namespace {

using bd::Date;
using bd::services::PlanItem;
using bdtest::PlanBook;

std::map<std::string, PlanItem> byClient(const std::vector<PlanItem>& items) {
    std::map<std::string, PlanItem> m;
    for (const auto& it : items) m.emplace(it.client_id, it);
    return m;
}

bool hasKind(const PlanItem& it, const std::string& kind) {
    return std::find(it.trigger_kinds.begin(), it.trigger_kinds.end(), kind) !=
           it.trigger_kinds.end();
}

bd::services::PlanOptions optionsAt(Date d, int days = 10) {
    bd::services::PlanOptions o;
    o.as_of = d;
    o.horizon_working_days = days;
    return o;
}

TEST(PlanService, EveryTriggerKindAppearsWithItsReason) {
    PlanBook book;
    book.addOnePerTrigger();
    auto sum = bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf()));
    ASSERT_TRUE(sum) << sum.error().toString();
    EXPECT_EQ(sum->clients, 11u);
    EXPECT_EQ(sum->candidates, 10u); // everyone but QUIET
    EXPECT_EQ(sum->planned, 10u);
    EXPECT_TRUE(sum->dropped.empty());

    auto items =
        bd::services::loadBrokerPlan(book.db(), "B1", PlanBook::asOf(), Date::fromYmd(2026, 12, 3));
    ASSERT_TRUE(items) << items.error().toString();
    const auto m = byClient(*items);
    ASSERT_EQ(m.size(), 10u);
    EXPECT_EQ(m.count("QUIET"), 0u);
    const std::vector<std::tuple<std::string, std::string, std::string>> expect{
        {"CAD", "cadence", "contact every 30 days"},
        {"OUT", "asset_outflow", "net outflow 500,000"},
        {"SLIP", "slipping_away", "activity probability 0.20"},
        {"LOSS", "large_loss", "loss of 200,000"},
        {"BDAY", "birthday", "birthday on 2026-11-24"},
        {"SUIT", "suitability_mismatch", "suitability: 1 holding"},
        {"COMP", "complaint", "complaint on 2026-11-17"},
        {"SAT", "low_satisfaction", "satisfaction 2/5"},
        {"PROM", "promised_follow_up", "promised to follow up on 2026-11-25"},
        {"NEW", "onboarding", "working-day-3 call"},
    };
    for (const auto& [id, kind, phrase] : expect) {
        SCOPED_TRACE(id);
        ASSERT_EQ(m.count(id), 1u);
        const PlanItem& it = m.at(id);
        const std::string en = bd::phrase::reasons(it.reasons, bd::phrase::Lang::En);
        const std::string zh = bd::phrase::reasons(it.reasons, bd::phrase::Lang::Zh);
        EXPECT_TRUE(hasKind(it, kind)) << en;
        EXPECT_NE(en.find(phrase), std::string::npos) << en;
        EXPECT_FALSE(zh.empty());
        EXPECT_NE(zh, en);
        EXPECT_FALSE(it.talking_points.empty());
        EXPECT_EQ(it.status, bd::storage::TaskStatus::Open);
        EXPECT_GT(it.priority, 0.0);
    }
    // The promise is kept on its day, the birthday on or before it.
    EXPECT_EQ(m.at("PROM").date, Date::fromYmd(2026, 11, 25));
    EXPECT_LE(m.at("BDAY").date, Date::fromYmd(2026, 11, 24));
    EXPECT_EQ(m.at("CAD").segment_en, "High value");
    EXPECT_EQ(m.at("CAD").last_contact, PlanBook::asOf().addDays(-40));
    EXPECT_EQ(sum->by_trigger.size(), 10u);
}

TEST(PlanService, RebuildIsDeterministicAndReplacesOpenItems) {
    PlanBook book;
    book.addOnePerTrigger();
    auto first = bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf()));
    ASSERT_TRUE(first);
    auto a = bd::services::loadBrokerPlan(book.db(), "B1", PlanBook::asOf(),
                                          Date::fromYmd(2026, 12, 31));
    auto second = bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf()));
    ASSERT_TRUE(second);
    auto b = bd::services::loadBrokerPlan(book.db(), "B1", PlanBook::asOf(),
                                          Date::fromYmd(2026, 12, 31));
    ASSERT_TRUE(a && b);
    ASSERT_EQ(a->size(), b->size()); // replaced, not added
    for (std::size_t i = 0; i < a->size(); ++i) {
        EXPECT_EQ((*a)[i].client_id, (*b)[i].client_id);
        EXPECT_EQ((*a)[i].date, (*b)[i].date);
        EXPECT_EQ((*a)[i].time_window, (*b)[i].time_window);
        EXPECT_EQ((*a)[i].reasons, (*b)[i].reasons);
    }
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "SELECT count(*) FROM follow_up_tasks"),
              static_cast<std::int64_t>(b->size()));
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "SELECT count(*) FROM plan_runs"), 2);
    // The first run's links went with its tasks; enforcement is back on after the save.
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "SELECT count(*) FROM plan_tasks"),
              static_cast<std::int64_t>(b->size()));
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "SELECT count(*) FROM plan_tasks WHERE task_id "
                                                "NOT IN (SELECT id FROM follow_up_tasks)"),
              0);
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "PRAGMA foreign_keys"), 1);
}

TEST(PlanService, CapacityIsRespectedAndShortfallsAreReported) {
    PlanBook book;
    book.exec("UPDATE brokers SET daily_capacity = 2 WHERE broker_id = 'B2'");
    for (int i = 0; i < 25; ++i) {
        PlanBook::ClientSpec c;
        c.id = "K" + std::to_string(100 + i);
        c.broker = "B2";
        c.value_score = i;
        c.rank = 25 - i;
        book.client(c);
        book.contact(c.id, 45 + i); // all overdue
    }
    auto sum = bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf(), 3));
    ASSERT_TRUE(sum) << sum.error().toString();
    EXPECT_EQ(sum->planned, 6u);
    ASSERT_EQ(sum->dropped.size(), 19u);
    for (const auto& d : sum->dropped) {
        EXPECT_EQ(d.reason, bd::analytics::DropReason::Capacity);
        EXPECT_NE(bd::phrase::drop(d.why, bd::phrase::Lang::En).find("capacity"),
                  std::string::npos);
    }
    for (const auto& [day, n] : sum->per_day) EXPECT_LE(n, 2u) << day.toString();
    EXPECT_EQ(*bd::storage::queryInt(book.db(), "SELECT count(*) FROM plan_dropped"), 19);
    // The highest-value clients got the slots.
    auto items = bd::services::loadBrokerPlan(book.db(), "B2", PlanBook::asOf(),
                                              Date::fromYmd(2026, 12, 31));
    ASSERT_TRUE(items);
    for (const auto& it : *items) EXPECT_GE(std::stoi(it.client_id.substr(1)), 119) << it.client_id;
}

TEST(PlanService, NoItemOnADayOff) {
    PlanBook book;
    for (int i = 0; i < 12; ++i) {
        const std::string id = "H" + std::to_string(i);
        book.client(id);
        book.contact(id, 200); // 2026-05-04: long overdue by 2026-09-30
    }
    book.exec("UPDATE brokers SET daily_capacity = 2");
    // National Day 2026: Oct 1-7 off, Sat Oct 10 an adjusted working day.
    auto sum = bd::services::rebuildPlan(book.db(), optionsAt(Date::fromYmd(2026, 9, 30), 5));
    ASSERT_TRUE(sum) << sum.error().toString();
    auto cal = bd::services::loadBookCalendar(book.db());
    ASSERT_TRUE(cal);
    std::set<Date> days;
    auto items = bd::services::loadBrokerPlan(book.db(), "B1", Date::fromYmd(2026, 9, 1),
                                              Date::fromYmd(2026, 12, 31));
    ASSERT_TRUE(items);
    ASSERT_FALSE(items->empty());
    for (const auto& it : *items) {
        EXPECT_TRUE(cal->isWorkingDay(it.date)) << it.date.toString();
        days.insert(it.date);
    }
    EXPECT_EQ(days.count(Date::fromYmd(2026, 10, 10)), 1u); // the adjusted Saturday is used
    EXPECT_EQ(days.count(Date::fromYmd(2026, 10, 5)), 0u);
}

TEST(PlanService, NoAnswerTwiceRetriesNextWorkingDayOnTheNextChannel) {
    PlanBook book;
    book.client("CAD");
    book.contact("CAD", 40);
    ASSERT_TRUE(bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf())));

    bd::services::ContactLog log;
    log.client_id = "CAD";
    log.channel = bd::ContactChannel::Phone;
    log.outcome = bd::Outcome::NoAnswer;
    log.at = bd::DateTime::fromParts(PlanBook::asOf(), 10, 0, 0); // Friday
    auto first = bd::services::logContact(book.db(), log);
    ASSERT_TRUE(first) << first.error().toString();
    ASSERT_TRUE(first->completed_task && first->retry_task);
    EXPECT_EQ(first->no_answer_streak, 1);
    EXPECT_EQ(*first->retry_date, Date::fromYmd(2026, 11, 23)); // Monday
    EXPECT_EQ(first->retry_channel, bd::ContactChannel::Phone);
    EXPECT_FALSE(first->channel_switched);

    log.at = bd::DateTime::fromParts(Date::fromYmd(2026, 11, 23), 10, 0, 0);
    auto second = bd::services::logContact(book.db(), log);
    ASSERT_TRUE(second) << second.error().toString();
    EXPECT_EQ(second->completed_task, first->retry_task); // the retry was the open item
    EXPECT_EQ(second->no_answer_streak, 2);
    EXPECT_EQ(*second->retry_date, Date::fromYmd(2026, 11, 24));
    EXPECT_EQ(second->retry_channel, bd::ContactChannel::Wechat); // the policy's next channel
    EXPECT_TRUE(second->channel_switched);

    auto t = bd::storage::loadTask(book.db(), *second->retry_task);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->status, bd::storage::TaskStatus::Held);
    EXPECT_EQ(t->attempts, 2);
    const auto reasons = bd::decodeReasons(t->reasons); // facts, never words
    ASSERT_TRUE(reasons) << t->reasons;
    ASSERT_FALSE(reasons->empty());
    EXPECT_EQ(reasons->back().kind, bd::ReasonKind::NoAnswer);
    EXPECT_EQ(reasons->back().channelOf(bd::Arg::Channel), bd::ContactChannel::Wechat);
    EXPECT_NE(bd::phrase::reasons(*reasons, bd::phrase::Lang::En).find("switching to WeChat"),
              std::string::npos);

    // A rebuild keeps the retry and does not book the client a second time.
    ASSERT_TRUE(bd::services::rebuildPlan(book.db(), optionsAt(Date::fromYmd(2026, 11, 23))));
    auto items = bd::services::loadBrokerPlan(book.db(), "B1", Date::fromYmd(2026, 11, 23),
                                              Date::fromYmd(2026, 12, 31));
    ASSERT_TRUE(items);
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ((*items)[0].task_id, *second->retry_task);
    EXPECT_EQ((*items)[0].channel, bd::ContactChannel::Wechat);

    // Reached on the retry: done, and nothing left to do.
    log.outcome = bd::Outcome::Reached;
    log.channel = bd::ContactChannel::Wechat;
    log.satisfaction = 4;
    log.at = bd::DateTime::fromParts(Date::fromYmd(2026, 11, 24), 9, 30, 0);
    auto third = bd::services::logContact(book.db(), log);
    ASSERT_TRUE(third);
    EXPECT_EQ(third->completed_task, second->retry_task);
    EXPECT_FALSE(third->retry_task);
    auto left = bd::services::loadBrokerPlan(book.db(), "B1", Date::fromYmd(2026, 11, 1),
                                             Date::fromYmd(2026, 12, 31));
    ASSERT_TRUE(left);
    EXPECT_TRUE(left->empty());
}

TEST(PlanService, PromisedDateBooksAHeldItemOnAWorkingDay) {
    PlanBook book;
    book.client("P1");
    bd::services::ContactLog log;
    log.client_id = "P1";
    log.outcome = bd::Outcome::Callback;
    log.next_follow_up = Date::fromYmd(2026, 11, 28); // a Saturday
    log.at = bd::DateTime::fromParts(PlanBook::asOf(), 15, 0, 0);
    auto r = bd::services::logContact(book.db(), log);
    ASSERT_TRUE(r) << r.error().toString();
    ASSERT_TRUE(r->promised_task);
    EXPECT_EQ(*r->promised_date, Date::fromYmd(2026, 11, 30));
    auto t = bd::storage::loadTask(book.db(), *r->promised_task);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->status, bd::storage::TaskStatus::Held);
    EXPECT_NE(t->reasons.find("promised_follow_up"), std::string::npos);

    // A callback without a date is booked for the next working day (Friday -> Monday).
    log.next_follow_up.reset();
    log.at = bd::DateTime::fromParts(PlanBook::asOf(), 16, 0, 0);
    auto cb = bd::services::logContact(book.db(), log);
    ASSERT_TRUE(cb) << cb.error().toString();
    ASSERT_TRUE(cb->promised_task);
    EXPECT_EQ(*cb->promised_date, Date::fromYmd(2026, 11, 23));

    log.client_id = "NOBODY";
    auto bad = bd::services::logContact(book.db(), log);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, bd::ErrorCode::InvalidInput);
    log.client_id = "P1";
    log.satisfaction = 9;
    EXPECT_FALSE(bd::services::logContact(book.db(), log));
}

TEST(PlanService, RescheduleSkipAndOverdue) {
    PlanBook book;
    book.addOnePerTrigger();
    ASSERT_TRUE(bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf())));
    auto items = bd::services::loadBrokerPlan(book.db(), "B1", PlanBook::asOf(),
                                              Date::fromYmd(2026, 12, 31));
    ASSERT_TRUE(items);
    const auto m = byClient(*items);

    auto store = bd::storage::sqliteRecordStore(book.db());
    auto calendar = bd::services::loadBookCalendar(book.db());
    ASSERT_TRUE(calendar);
    auto moved = bd::services::rescheduleItem(*store, *calendar, m.at("SLIP").task_id,
                                              Date::fromYmd(2026, 11, 29)); // Sunday
    ASSERT_TRUE(moved);
    EXPECT_EQ(*moved, Date::fromYmd(2026, 11, 30));
    auto t = bd::storage::loadTask(book.db(), m.at("SLIP").task_id);
    EXPECT_EQ(t->status, bd::storage::TaskStatus::Held);

    EXPECT_FALSE(bd::services::skipItem(*store, 999999, "x")); // no such item
    EXPECT_FALSE(bd::services::skipItem(*store, m.at("SAT").task_id, ""));
    ASSERT_TRUE(bd::services::skipItem(*store, m.at("SAT").task_id, "on holiday abroad"));
    EXPECT_FALSE(bd::services::skipItem(*store, m.at("SAT").task_id, "again"));

    // Days later nothing was done: every item still to do is overdue, except the moved one.
    auto overdue = bd::services::listOverdue(book.db(), "B1", Date::fromYmd(2026, 11, 26));
    ASSERT_TRUE(overdue);
    const auto o = byClient(*overdue);
    EXPECT_EQ(o.count("SAT"), 0u);  // skipped
    EXPECT_EQ(o.count("SLIP"), 0u); // moved to 11-30, due 11-26 (working day 5) not yet passed
    EXPECT_EQ(o.count("COMP"), 1u); // planned on the first day
    EXPECT_EQ(o.count("CAD"), 1u);  // due date long past
    // Rebuilding keeps the moved item where the broker put it.
    ASSERT_TRUE(bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf())));
    auto after = bd::services::loadBrokerPlan(book.db(), "B1", PlanBook::asOf(),
                                              Date::fromYmd(2026, 12, 31));
    ASSERT_TRUE(after);
    const auto a = byClient(*after);
    ASSERT_EQ(a.count("SLIP"), 1u);
    EXPECT_EQ(a.at("SLIP").task_id, m.at("SLIP").task_id);
    EXPECT_EQ(a.at("SLIP").date, Date::fromYmd(2026, 11, 30));
}

TEST(PlanService, CoverageOnAKnownBook) {
    PlanBook book;
    PlanBook::ClientSpec c;
    c.id = "A1";
    book.client(c);
    book.contact("A1", 5);
    c.id = "A2";
    book.client(c);
    book.contact("A2", 30); // exactly at the cadence: still covered
    c.id = "V1";
    c.vip = true;
    book.client(c);
    book.contact("V1", 40); // a VIP 10 days beyond cadence
    c.id = "V2";
    c.open = PlanBook::asOf().addDays(-100); // never contacted, opened 100 days ago
    book.client(c);
    c.id = "Z1"; // another broker and branch, covered
    c.broker = "B3";
    c.vip = false;
    c.open = bd::Date::fromYmd(2020, 1, 1);
    book.client(c);
    book.contact("Z1", 1);
    c.id = "BASIC"; // a non-proactive segment is not counted
    c.segmented = false;
    book.client(c);
    book.exec("INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, due_date, status, "
              "created_at) VALUES (" +
              std::to_string(book.ref("V1")) + ", 'B1', " +
              std::to_string(PlanBook::asOf().addDays(-3).days) + ", NULL, 3, 0)");

    bd::services::PlanOptions o;
    o.unsegmented_relationship_type = 0; // basic: no proactive cadence
    auto rep = bd::services::computeCoverage(book.db(), PlanBook::asOf(), o);
    ASSERT_TRUE(rep) << rep.error().toString();
    EXPECT_EQ(rep->total.clients, 5u);
    EXPECT_EQ(rep->total.covered, 3u);
    EXPECT_EQ(rep->total.overdue, 1u);
    auto broker = [&](const std::string& id) {
        for (const auto& l : rep->brokers)
            if (l.id == id) return l;
        return bd::services::CoverageLine{};
    };
    EXPECT_EQ(broker("B1").clients, 4u);
    EXPECT_EQ(broker("B1").covered, 2u);
    EXPECT_DOUBLE_EQ(broker("B1").share, 0.5);
    EXPECT_EQ(broker("B1").overdue, 1u);
    EXPECT_EQ(broker("B1").vips, 2u);
    EXPECT_EQ(broker("B1").neglected_vips, 2u);
    EXPECT_EQ(broker("B3").clients, 1u);
    EXPECT_DOUBLE_EQ(broker("B3").share, 1.0);
    EXPECT_EQ(broker("B2").clients, 0u);
    ASSERT_EQ(rep->branches.size(), 2u);
    EXPECT_EQ(rep->branches[0].id, "BR1");
    EXPECT_EQ(rep->branches[0].clients, 4u);
    EXPECT_EQ(rep->branches[1].id, "BR2");
    ASSERT_EQ(rep->neglected.size(), 2u);
    EXPECT_EQ(rep->neglected[0].client_id, "V2"); // 70 days beyond cadence
    EXPECT_FALSE(rep->neglected[0].last_contact);
    EXPECT_EQ(rep->neglected[1].client_id, "V1");
    EXPECT_EQ(rep->neglected[1].days_since, 40);
}

TEST(PlanService, ChannelOrderAndSwitching) {
    using bd::ContactChannel;
    const auto order = bd::services::channelOrder(ContactChannel::Wechat,
                                                  {ContactChannel::Visit, ContactChannel::Wechat});
    ASSERT_EQ(order, (std::vector<ContactChannel>{ContactChannel::Wechat, ContactChannel::Visit,
                                                  ContactChannel::Phone}));
    EXPECT_EQ(bd::services::channelAfterFailures(order, 0), ContactChannel::Wechat);
    EXPECT_EQ(bd::services::channelAfterFailures(order, 1), ContactChannel::Wechat);
    EXPECT_EQ(bd::services::channelAfterFailures(order, 2), ContactChannel::Visit);
    EXPECT_EQ(bd::services::channelAfterFailures(order, 4), ContactChannel::Phone);
    EXPECT_EQ(bd::services::channelAfterFailures(order, 6), ContactChannel::Wechat);
}

} // namespace

namespace {

void segmentOf(PlanBook& book, const std::string& id, int segment, int type) {
    book.segmentOf(id, segment, type);
}

std::set<std::string> clientsOf(PlanBook& book, const std::string& queue) {
    auto items = bd::services::loadBrokerPlan(book.db(), queue, PlanBook::asOf(),
                                              Date::fromYmd(2026, 12, 31));
    EXPECT_TRUE(items) << items.error().toString();
    std::set<std::string> out;
    if (items)
        for (const auto& it : *items) out.insert(it.client_id);
    return out;
}

} // namespace

TEST(PlanService, ServedByRoutesTheServiceDesksClientsToItsQueueNeverToABroker) {
    PlanBook book;
    const Date a = PlanBook::asOf();
    // Proactive segment 0 (every 30 days): a broker's call.
    book.client("MINE");
    book.contact("MINE", 40);
    // Reactive segment (every 120 days, service desk): the desk's, a VIP too unless asked.
    book.client("DESK");
    book.contact("DESK", 130);
    segmentOf(book, "DESK", 1, 1);
    PlanBook::ClientSpec vip;
    vip.id = "DESKVIP";
    vip.vip = true;
    book.client(vip);
    book.contact("DESKVIP", 130);
    segmentOf(book, "DESKVIP", 1, 1);
    // Basic segment (automated): slipping away is no reason for an outbound call; a complaint
    // is answered by the desk.
    PlanBook::ClientSpec slip;
    slip.id = "BASIC";
    slip.p_alive = 0.2;
    book.client(slip);
    book.contact("BASIC", 5);
    book.trade("BASIC", a.addDays(-200));
    segmentOf(book, "BASIC", 2, 0);
    book.client("BASICCOMP");
    book.contact("BASICCOMP", 3, bd::Outcome::Complaint);
    segmentOf(book, "BASICCOMP", 2, 0);
    // Proactive segment, but dormant without assets: the desk's reactivation, not a broker's
    // call every 30 days.
    book.client("ZERO");
    book.contact("ZERO", 130);
    book.snapshot("ZERO", a.addDays(-1), 0);

    auto sum = bd::services::rebuildPlan(book.db(), optionsAt(a));
    ASSERT_TRUE(sum) << sum.error().toString();
    EXPECT_EQ(clientsOf(book, "B1"), (std::set<std::string>{"MINE"}));
    EXPECT_EQ(clientsOf(book, std::string(bd::kServiceDeskQueue)),
              (std::set<std::string>{"DESK", "DESKVIP", "BASICCOMP", "ZERO"}));
    EXPECT_EQ(sum->service_desk_planned, 4u);
    EXPECT_EQ(sum->planned, 5u);
    // No task names an unknown broker: the desk's queue is a known owner to the book check.
    auto problems = bd::storage::checkBook(book.db());
    ASSERT_TRUE(problems) << problems.error().toString();
    for (const auto& p : problems->problems)
        EXPECT_TRUE(p.table != "follow_up_tasks" && p.table != "plan_dropped")
            << p.table << " " << p.column << " " << p.found;
    // The dormant client's cadence is the reactive policy's: 120 days.
    auto desk = bd::services::loadBrokerPlan(book.db(), std::string(bd::kServiceDeskQueue), a,
                                             Date::fromYmd(2026, 12, 31));
    ASSERT_TRUE(desk);
    const auto m = byClient(*desk);
    ASSERT_EQ(m.at("ZERO").reasons.size(), 1u);
    EXPECT_EQ(m.at("ZERO").reasons[0].countOf(bd::Arg::Every), 120);
    // Coverage counts the desk's clients on the desk's line.
    auto cov = bd::services::computeCoverage(book.db(), a);
    ASSERT_TRUE(cov) << cov.error().toString();
    const auto line = std::find_if(cov->brokers.begin(), cov->brokers.end(),
                                   [](const auto& l) { return l.id == bd::kServiceDeskQueue; });
    ASSERT_NE(line, cov->brokers.end());
    EXPECT_EQ(line->clients, 2u); // DESK, DESKVIP (ZERO's reactivation is the plan's)

    // A firm that keeps its VIPs with their brokers.
    auto o = optionsAt(a);
    o.vips_stay_with_broker = true;
    ASSERT_TRUE(bd::services::rebuildPlan(book.db(), o));
    EXPECT_EQ(clientsOf(book, "B1"), (std::set<std::string>{"MINE", "DESKVIP"}));
}

TEST(PlanService, TalkingPointsComeFromTheBook) {
    PlanBook book;
    book.addOnePerTrigger();
    book.exec("UPDATE contacts SET notes = 'send the bond fund prospectus' WHERE client_ref = " +
              std::to_string(book.ref("PROM")));
    // SUIT bought the ChiNext share at 15.00, now 10.00: 100 shares, 500 CNY lost.
    book.exec("UPDATE positions SET cost_price = 150000 WHERE security_code = '300750.SZ'");
    book.exec("UPDATE contacts SET channel = 3, satisfaction = 4 WHERE client_ref = " +
              std::to_string(book.ref("OUT")));
    auto sum = bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf()));
    ASSERT_TRUE(sum) << sum.error().toString();
    auto items =
        bd::services::loadBrokerPlan(book.db(), "B1", PlanBook::asOf(), Date::fromYmd(2026, 12, 3));
    ASSERT_TRUE(items);
    const auto m = byClient(*items);
    using bd::phrase::Lang;
    const std::string prom = bd::phrase::points(m.at("PROM").talking_points, Lang::En);
    EXPECT_NE(prom.find("promised: send the bond fund prospectus"), std::string::npos) << prom;
    const std::string suit = bd::phrase::points(m.at("SUIT").talking_points, Lang::Zh);
    EXPECT_NE(suit.find("Battery（300750.SZ）风险等级R4，高于客户的C2"), std::string::npos) << suit;
    EXPECT_NE(suit.find("亏损最多：Battery（300750.SZ）\u221233%，浮亏500.00元"), std::string::npos)
        << suit;
    const std::string out = bd::phrase::points(m.at("OUT").talking_points, Lang::En);
    EXPECT_NE(out.find("last contact 5 days ago by WeChat, reached, satisfaction 4/5"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("policy: Proactive, Broker, every 30 days"), std::string::npos) << out;
}
