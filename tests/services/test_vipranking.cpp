// VIP ranking: the value tiers the plan shows.
#include <gtest/gtest.h>

#include "services/vipranking.h"

TEST(VipRanking, TiersByFirmRankAmongScoredClients) {
    EXPECT_EQ(bd::services::valueTier(true, 90, 100), "VIP");
    EXPECT_EQ(bd::services::valueTier(false, 20, 100), "A");
    EXPECT_EQ(bd::services::valueTier(false, 21, 100), "B");
    EXPECT_EQ(bd::services::valueTier(false, 50, 100), "B");
    EXPECT_EQ(bd::services::valueTier(false, 51, 100), "C");
    EXPECT_EQ(bd::services::valueTier(false, std::nullopt, 100), "");
    EXPECT_EQ(bd::services::valueTier(false, 1, 0), "");
}
