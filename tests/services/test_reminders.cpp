// Reminders on start (services/reminders): promised calls planned for today, then urgent items
// left undone, each once; routine and finished items are not reminders.
#include <gtest/gtest.h>

#include "core/facts.h"
#include "services/reminders.h"
#include "support/planbook.h"

using namespace bd;
using namespace bd::services;

namespace {

/// Adds an open to-do item for `ref` planned on `planned` with these reasons; returns its id.
std::int64_t addTask(bdtest::PlanBook& book, std::int64_t ref, Date planned,
                     std::vector<ReasonKind> kinds, int status = 0) {
    std::vector<Reason> reasons;
    for (ReasonKind k : kinds) reasons.emplace_back(k);
    auto st = book.db().prepare("INSERT INTO follow_up_tasks(client_ref, broker_id, planned_date, "
                                "due_date, reasons, status, created_at) VALUES (?1, 'B1', ?2, "
                                "?2, ?3, ?4, 0)");
    st->bind(1, ref).bind(2, planned).bind(3, encodeFacts(reasons)).bind(4, status);
    EXPECT_TRUE(st->run());
    return book.db().lastInsertRowId();
}

} // namespace

TEST(Reminders, PromisesDueTodayAndUrgentOverdueItemsAreListedOnce) {
    bdtest::PlanBook book;
    const Date today = Date::fromYmd(2026, 11, 20);
    const auto a = book.client("C1"), b = book.client("C2"), c = book.client("C3");
    const auto promise = addTask(book, a, today, {ReasonKind::PromisedFollowUp});
    addTask(book, b, today, {ReasonKind::Cadence}); // routine: no reminder
    const auto outflow = addTask(book, b, today.addDays(-3), {ReasonKind::AssetOutflow});
    const auto late =
        addTask(book, c, today.addDays(-1), {ReasonKind::Cadence, ReasonKind::Complaint});
    addTask(book, c, today.addDays(-5), {ReasonKind::Birthday});     // overdue, not urgent
    addTask(book, a, today.addDays(-2), {ReasonKind::LargeLoss}, 1); // done already
    auto r = loadReminders(book.db(), today);
    ASSERT_TRUE(r) << r.error().toString();
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[0].kind, Reminder::Kind::PromiseDueToday);
    EXPECT_EQ((*r)[0].item.task_id, promise);
    EXPECT_EQ((*r)[1].kind, Reminder::Kind::UrgentOverdue);
    EXPECT_EQ((*r)[1].item.task_id, outflow) << "oldest first";
    EXPECT_EQ((*r)[2].item.task_id, late);
    EXPECT_EQ((*r)[2].item.client_id, "C3");
}

TEST(Reminders, AnEmptyPlanHasNone) {
    bdtest::PlanBook book;
    auto r = loadReminders(book.db(), Date::fromYmd(2026, 11, 20));
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->empty());
}
