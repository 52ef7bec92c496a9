// Trigger deadlines end to end: stored in the book's settings (checked, the range named), used
// by the rebuild, and every deadline the plan misses reported per broker and branch in Coverage.
#include <gtest/gtest.h>

#include <string>

#include "phrasebook/phrasebook.h"
#include "services/coverage.h"
#include "services/deadlinesettings.h"
#include "services/planitems.h"
#include "services/planrebuild.h"
#include "storage/book/settings.h"
#include "support/planbook.h"

namespace {

using bd::Date;
using bd::ReasonKind;
using bdtest::PlanBook;

bd::services::PlanOptions optionsAt(Date d, int days = 10) {
    bd::services::PlanOptions o;
    o.as_of = d;
    o.horizon_working_days = days;
    return o;
}

std::size_t at(ReasonKind k) {
    return static_cast<std::size_t>(k);
}

/// `n` clients of broker `broker` whose assets halved in the last weeks (an outflow each).
void addOutflows(PlanBook& book, const std::string& prefix, const std::string& broker, int n) {
    const Date a = PlanBook::asOf();
    for (int i = 0; i < n; ++i) {
        PlanBook::ClientSpec c;
        c.id = prefix + std::to_string(i);
        c.broker = broker;
        c.value_score = 10 + i;
        book.client(c);
        book.contact(c.id, 5);
        book.snapshot(c.id, a.addDays(-20), 1000000);
        book.snapshot(c.id, a.addDays(-1), 500000, -500000);
    }
}

} // namespace

TEST(Deadlines, StoredInSettingsCheckedWithTheRangeNamedAndResettable) {
    PlanBook book;
    auto days = bd::services::loadTriggerDeadlines(book.db());
    ASSERT_TRUE(days) << days.error().toString();
    EXPECT_EQ((*days)[at(ReasonKind::AssetOutflow)], 1);
    EXPECT_EQ((*days)[at(ReasonKind::LargeLoss)], 2);
    EXPECT_EQ((*days)[at(ReasonKind::Cadence)], 0);

    ASSERT_TRUE(bd::services::saveTriggerDeadline(book.db(), ReasonKind::LargeLoss, 3));
    EXPECT_EQ(**bd::storage::getSetting(book.db(), "plan.deadline.large_loss"), "3");
    EXPECT_EQ((*bd::services::loadTriggerDeadlines(book.db()))[at(ReasonKind::LargeLoss)], 3);

    auto bad = bd::services::saveTriggerDeadline(book.db(), ReasonKind::AssetOutflow, 0);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("1 to 60"), std::string::npos) << bad.error().message;
    auto dated = bd::services::saveTriggerDeadline(book.db(), ReasonKind::Birthday, 21);
    ASSERT_FALSE(dated);
    EXPECT_NE(dated.error().message.find("0 to 20"), std::string::npos) << dated.error().message;

    // A value written by hand that is out of range is refused on reading, naming the key.
    ASSERT_TRUE(bd::storage::setSetting(book.db(), "plan.deadline.complaint", "2.5"));
    auto read = bd::services::loadTriggerDeadlines(book.db());
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().column_name, "plan.deadline.complaint");
    EXPECT_NE(read.error().message.find("1 to 60"), std::string::npos);
    ASSERT_TRUE(bd::services::editTriggerDeadlines(book.db(), {}, {ReasonKind::Complaint}));
    ASSERT_TRUE(bd::services::loadTriggerDeadlines(book.db()));

    auto list = bd::services::parseDeadlineList("asset_outflow=2, cadence=1");
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0], std::make_pair(ReasonKind::AssetOutflow, 2));
    EXPECT_FALSE(bd::services::parseDeadlineList("outflow=2"));        // unknown kind
    EXPECT_FALSE(bd::services::parseDeadlineList("asset_outflow"));    // no value
    EXPECT_FALSE(bd::services::parseDeadlineList("asset_outflow=99")); // out of range
    EXPECT_FALSE(bd::services::parseDeadlineList("no_answer=1"));      // not a trigger
}

TEST(Deadlines, TheRebuildUsesTheBooksDeadlinesAndThisBuildsOverrides) {
    PlanBook book;
    addOutflows(book, "O", "B1", 1);
    auto dueOf = [&](const bd::services::PlanOptions& o) {
        auto sum = bd::services::rebuildPlan(book.db(), o);
        EXPECT_TRUE(sum) << sum.error().toString();
        auto items = bd::services::loadBrokerPlan(book.db(), "B1", PlanBook::asOf(),
                                                  Date::fromYmd(2026, 12, 31));
        EXPECT_TRUE(items && items->size() == 1u);
        return items->front().due;
    };
    EXPECT_EQ(dueOf(optionsAt(PlanBook::asOf())), PlanBook::asOf()); // working day 1: Friday
    ASSERT_TRUE(bd::services::saveTriggerDeadline(book.db(), ReasonKind::AssetOutflow, 2));
    EXPECT_EQ(dueOf(optionsAt(PlanBook::asOf())), Date::fromYmd(2026, 11, 23)); // Monday
    auto o = optionsAt(PlanBook::asOf());
    o.deadline_overrides = {{ReasonKind::AssetOutflow, 3}};
    EXPECT_EQ(dueOf(o), Date::fromYmd(2026, 11, 24));
    o.deadline_overrides = {{ReasonKind::AssetOutflow, 0}};
    EXPECT_FALSE(bd::services::rebuildPlan(book.db(), o));
}

TEST(Deadlines, OutflowsAreOnDayOneAndTheOnesCapacityCannotTakeAreShortfallsInCoverage) {
    PlanBook book;
    book.exec("UPDATE brokers SET daily_capacity = 2 WHERE broker_id IN ('B1', 'B3')");
    // Routine calls of much higher value than the outflows: overdue cadences.
    for (int i = 0; i < 12; ++i) {
        PlanBook::ClientSpec c;
        c.id = "R" + std::to_string(i);
        c.value_score = 1000 + i;
        c.vip = true;
        book.client(c);
        book.contact(c.id, 45);
    }
    addOutflows(book, "O", "B1", 2); // fits day 1
    addOutflows(book, "P", "B3", 3); // one more than day 1 holds
    auto sum = bd::services::rebuildPlan(book.db(), optionsAt(PlanBook::asOf(), 5));
    ASSERT_TRUE(sum) << sum.error().toString();
    EXPECT_EQ(sum->deadlines_by_kind.at(ReasonKind::AssetOutflow), 5u);
    EXPECT_EQ(sum->shortfalls_by_kind.at(ReasonKind::AssetOutflow), 1u);
    ASSERT_EQ(sum->shortfalls.size(), 1u);
    EXPECT_EQ(sum->shortfalls[0].broker_id, "B3");
    EXPECT_EQ(sum->shortfalls[0].client_id, "P0"); // the least valuable outflow waits

    for (const char* broker : {"B1", "B3"}) {
        auto items =
            bd::services::loadBrokerPlan(book.db(), broker, PlanBook::asOf(), PlanBook::asOf());
        ASSERT_TRUE(items);
        EXPECT_EQ(items->size(), 2u) << broker; // day 1 is all outflows
        for (const auto& it : *items) EXPECT_NE(it.client_id[0], 'R') << broker;
    }

    auto rep = bd::services::computeCoverage(book.db(), PlanBook::asOf());
    ASSERT_TRUE(rep) << rep.error().toString();
    EXPECT_EQ(rep->plan_as_of, PlanBook::asOf());
    EXPECT_EQ(rep->total.deadlines_missed, 1u);
    for (const auto& l : rep->brokers) EXPECT_EQ(l.deadlines_missed, l.id == "B3" ? 1u : 0u);
    for (const auto& l : rep->branches) EXPECT_EQ(l.deadlines_missed, l.id == "BR2" ? 1u : 0u);
    ASSERT_EQ(rep->shortfalls.size(), 1u);
    const auto& m = rep->shortfalls[0];
    EXPECT_EQ(m.client_id, "P0");
    EXPECT_EQ(m.branch_id, "BR2");
    EXPECT_EQ(m.kind, ReasonKind::AssetOutflow);
    EXPECT_EQ(m.deadline, PlanBook::asOf());
    ASSERT_TRUE(m.planned); // planned late, on Monday
    EXPECT_EQ(*m.planned, Date::fromYmd(2026, 11, 23));
    const std::string en = bd::phrase::drop(m.why, bd::phrase::Lang::En);
    EXPECT_NE(en.find("broker B3's 2 slots up to then hold 2 calls"), std::string::npos) << en;
    EXPECT_NE(en.find("planned 2026-11-23, 1 working day late"), std::string::npos) << en;
}
