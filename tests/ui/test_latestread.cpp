#include <gtest/gtest.h>

#include "jobs/latestread.h"

using namespace bd::ui;

TEST(LatestRead, NothingIsPendingBeforeTheFirstRead) {
    const LatestRead reads;
    EXPECT_FALSE(reads.pending());
}

TEST(LatestRead, IsPendingUntilTheLatestReadFinishes) {
    LatestRead reads;
    const int ticket = reads.start();
    EXPECT_TRUE(reads.pending());
    EXPECT_TRUE(reads.finish(ticket));
    EXPECT_FALSE(reads.pending());
}

TEST(LatestRead, DropsTheResultOfAReadStartedBeforeTheLatest) {
    LatestRead reads;
    const int older = reads.start();
    const int newer = reads.start();
    EXPECT_FALSE(reads.finish(older));
    EXPECT_TRUE(reads.pending()) << "the newer read is still under way";
    EXPECT_TRUE(reads.finish(newer));
    EXPECT_FALSE(reads.pending());
}

TEST(LatestRead, DropLeavesNothingPendingAndNoResultShown) {
    LatestRead reads;
    const int ticket = reads.start();
    reads.drop();
    EXPECT_FALSE(reads.pending());
    EXPECT_FALSE(reads.finish(ticket));
    EXPECT_FALSE(reads.pending());
}
