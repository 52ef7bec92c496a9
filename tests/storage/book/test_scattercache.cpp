// The factor scatter kept per segmentation run (storage/book/scattercache.h): read back as
// saved, only for its run and sample size, one run at a time.
#include <gtest/gtest.h>

#include "storage/book/scattercache.h"
#include "storage/schema/schema.h"

using namespace bd;

TEST(ScatterCache, AScatterIsReadBackAsSavedOnlyForItsRunAndSampleSize) {
    auto db = storage::openBook(":memory:");
    ASSERT_TRUE(db);
    auto none = storage::loadFactorScatterCache(*db, 7, 100);
    ASSERT_TRUE(none) << none.error().toString();
    EXPECT_FALSE(*none) << "nothing kept in a new book";

    storage::FactorScatterCacheRow row;
    row.run_id = 7;
    row.max_points = 100;
    row.x_axis = "trading";
    row.y_axis = "assets";
    row.factors = true;
    row.labelled = 250;
    row.client_ref = {3, 11, 42};
    row.x = {-1.25, 0.0, 2.5};
    row.y = {0.5, -3.75, 1.0};
    row.segment_id = {1, 2, 1};
    ASSERT_TRUE(storage::saveFactorScatterCache(*db, row));

    auto kept = storage::loadFactorScatterCache(*db, 7, 100);
    ASSERT_TRUE(kept);
    ASSERT_TRUE(*kept);
    EXPECT_EQ((*kept)->x_axis, "trading");
    EXPECT_EQ((*kept)->y_axis, "assets");
    EXPECT_TRUE((*kept)->factors);
    EXPECT_EQ((*kept)->labelled, 250);
    EXPECT_EQ((*kept)->client_ref, row.client_ref);
    EXPECT_EQ((*kept)->x, row.x);
    EXPECT_EQ((*kept)->y, row.y);
    EXPECT_EQ((*kept)->segment_id, row.segment_id);
    EXPECT_FALSE(*storage::loadFactorScatterCache(*db, 7, 200)) << "another sample size";
    EXPECT_FALSE(*storage::loadFactorScatterCache(*db, 8, 100)) << "another run";

    row.run_id = 8;
    ASSERT_TRUE(storage::saveFactorScatterCache(*db, row));
    EXPECT_TRUE(*storage::loadFactorScatterCache(*db, 8, 100));
    EXPECT_FALSE(*storage::loadFactorScatterCache(*db, 7, 100)) << "one run at a time";

    row.x.pop_back();
    EXPECT_FALSE(storage::saveFactorScatterCache(*db, row)) << "columns of different lengths";
}
