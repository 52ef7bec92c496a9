// The facts behind the workstation's "analytics are older than the data" banner.
#include <gtest/gtest.h>

#include "storage/book/datafreshness.h"
#include "storage/schema/schema.h"

namespace {

TEST(DataFreshness, AnImportAfterTheNewestAnalyticsRunPutsTheAnalyticsBehind) {
    auto db = bd::storage::openBook(":memory:");
    ASSERT_TRUE(db.ok());
    auto f = bd::storage::readDataFreshness(*db);
    ASSERT_TRUE(f.ok());
    EXPECT_FALSE(f->analyticsBehind()) << "an empty book has nothing to analyse";
    ASSERT_TRUE(db->exec("INSERT INTO import_log(started_at, kind, file, status) "
                         "VALUES('2026-12-01T18:00:00', 'trades', 't.csv', 'ok')")
                    .ok());
    f = bd::storage::readDataFreshness(*db);
    ASSERT_TRUE(f.ok());
    EXPECT_TRUE(f->analyticsBehind()) << "data without any analytics run";
    EXPECT_EQ(*f->last_import, "2026-12-01 18:00:00");
    ASSERT_TRUE(db->exec("INSERT INTO analytics_runs(kind, started_at, parameters) "
                         "VALUES('value', '2026-12-01 17:59:59', '{}')")
                    .ok());
    f = bd::storage::readDataFreshness(*db);
    EXPECT_TRUE(f->analyticsBehind()) << "a run before the import";
    ASSERT_TRUE(db->exec("INSERT INTO analytics_runs(kind, started_at, parameters) "
                         "VALUES('value', '2026-12-01 18:05:00', '{}')")
                    .ok());
    f = bd::storage::readDataFreshness(*db);
    EXPECT_FALSE(f->analyticsBehind());
    EXPECT_EQ(*f->last_analytics, "2026-12-01 18:05:00");
}

} // namespace
