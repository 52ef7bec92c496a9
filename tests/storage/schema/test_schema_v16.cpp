// Schema v16: a version 15 book gains trade_days_added after a backup; its rows are keyed by
// (day, client), so a nightly's append in key order.
#include <gtest/gtest.h>

#include <string>

#include "storage/schema/schema.h"
#include "support/oldbooks.h"
#include "support/tempdir.h"

using namespace bd;
using namespace bd::storage;

TEST(SchemaV16, AVersion15BookGainsTheAddedTradeDaysAfterABackup) {
    bdtest::TempDir dir;
    const auto path = dir.file("v15.bdbook");
    {
        // A book as version 15 left it: the same tables but trade_days_added.
        auto db = openBook(path);
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("DROP TABLE trade_days_added; PRAGMA user_version = 15"));
    }
    auto db = openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(*queryInt(*db, "PRAGMA user_version"), 16);
    EXPECT_EQ(*queryInt(*db, "SELECT count(*) FROM trade_days_added"), 0);
    EXPECT_EQ(bdtest::integrityCheck(*db), "ok");
    auto backup = Database::open(path + ".v15.bak", false);
    ASSERT_TRUE(backup);
    EXPECT_EQ(*queryInt(*backup, "SELECT count(*) FROM sqlite_master WHERE name = "
                                 "'trade_days_added'"),
              0);
}

TEST(SchemaV16, TheAddedDaysAreKeyedByDayThenClient) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    // A second row of one (day, client) fails; the same client on another day does not.
    ASSERT_TRUE(db->exec("INSERT INTO trade_days_added VALUES (20000, 1, 1, 10, 1), "
                         "(20000, 2, 1, 10, 1), (20001, 1, 2, 20, 2)"));
    EXPECT_FALSE(db->exec("INSERT INTO trade_days_added VALUES (20000, 1, 1, 10, 1)"));
    auto st = db->prepare("SELECT day, client_ref FROM trade_days_added");
    ASSERT_TRUE(st);
    std::string order;
    while (*st->step())
        order += std::to_string(st->int64(0)) + ":" + std::to_string(st->int64(1)) + ";";
    EXPECT_EQ(order, "20000:1;20000:2;20001:1;");
}
