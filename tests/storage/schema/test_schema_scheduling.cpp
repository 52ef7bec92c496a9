// The scheduling schema fragment: defaults, constraints and cascades on a real migrated book.
#include <gtest/gtest.h>

#include "core/calendar.h"
#include "core/enums.h"
#include "storage/schema/schema.h"

using namespace bd;
using namespace bd::storage;

TEST(SchemaScheduling, ChannelLimitDefaults) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db) << db.error().toString();
    auto st = db->prepare("SELECT per_day FROM channel_limits WHERE channel = ?");
    ASSERT_TRUE(st);
    st->bind(1, static_cast<int>(ContactChannel::Visit));
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->int32(0), 3);
    st->reset();
    st->bind(1, static_cast<int>(ContactChannel::Seminar));
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->int32(0), 1);
}

TEST(SchemaScheduling, CalendarDaysUseTheCoreKindCodes) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    auto ins = db->prepare("INSERT INTO calendar_days(date, kind, name) VALUES (?, ?, ?)");
    ASSERT_TRUE(ins);
    ins->bind(1, Date::fromYmd(2028, 1, 3).days)
        .bind(2, static_cast<int>(CalendarDayKind::Holiday))
        .bind(3, std::string_view("元旦"));
    EXPECT_TRUE(ins->run());
    ins->bind(1, Date::fromYmd(2028, 1, 8).days)
        .bind(2, static_cast<int>(CalendarDayKind::MarketClosed));
    EXPECT_TRUE(ins->run());
    ins->bind(1, Date::fromYmd(2028, 1, 9).days).bind(2, 4); // no such kind
    EXPECT_FALSE(ins->run());
}

TEST(SchemaScheduling, DroppedAndTasksFollowTheirRun) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec(
        "INSERT INTO brokers(broker_id) VALUES ('B1');"
        "INSERT INTO clients(id, client_id, name, broker_id, open_date) VALUES (1, 'C1', 'x', "
        "'B1', 0);"
        "INSERT INTO follow_up_tasks(id, client_ref, broker_id, planned_date, created_at)"
        " VALUES (10, 1, 'B1', 20000, 0);"
        "INSERT INTO plan_runs(id, created_at, as_of, first_day, last_day, horizon_working_days,"
        " default_daily_capacity) VALUES (5, 0, 20000, 20000, 20013, 10, 30);"
        "INSERT INTO plan_tasks(run_id, task_id) VALUES (5, 10);"
        "INSERT INTO plan_dropped(run_id, client_ref, broker_id, priority, reason, facts)"
        " VALUES (5, 1, 'B1', 0.5, 1, '[{\"k\":\"capacity\"}]');"));
    ASSERT_TRUE(db->exec("DELETE FROM plan_runs WHERE id = 5"));
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM plan_tasks"), 0);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM plan_dropped"), 0);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM follow_up_tasks"), 1); // the task stays
}
