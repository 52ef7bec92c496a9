// The client summary's freshness check with the status bar's totals from its own counts
// (storage/book/summarycheck.h): the same totals as readBookTotals, the summary built once.
#include <gtest/gtest.h>

#include "storage/book/summarycheck.h"
#include "storage/schema/schema.h"

using namespace bd;
using namespace bd::storage;

TEST(SummaryCheck, TheFreshnessCheckCountsTheStatusBarsTotalsOnce) {
    auto db = openBook(":memory:");
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("INSERT INTO brokers(broker_id) VALUES ('B1');"
                         "INSERT INTO clients(id, client_id, name, broker_id, open_date) VALUES "
                         "(1, 'C1', 'one', 'B1', 19000), (2, 'C2', 'two', 'B1', 19000);"));
    auto first = ensureClientSummaryFreshCounted(*db);
    ASSERT_TRUE(first) << first.error().toString();
    EXPECT_TRUE(first->rebuilt) << "never built";
    auto totals = readBookTotals(*db);
    ASSERT_TRUE(totals);
    EXPECT_EQ(first->totals.counts, totals->counts);
    auto again = ensureClientSummaryFreshCounted(*db);
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->rebuilt) << "nothing changed";
    EXPECT_EQ(again->totals.count("clients"), 2);
    EXPECT_EQ(again->totals.count("trades"), 0);
}
