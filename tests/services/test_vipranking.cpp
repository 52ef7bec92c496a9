// VIP ranking as the workstation and `export vip` share it: scopes by name, members, tiers.
#include <gtest/gtest.h>

#include "services/vipranking.h"

namespace {

using bd::services::VipScope;

bd::services::ScoredClient client(std::string id, std::string branch, std::string broker,
                                  double score) {
    bd::services::ScoredClient c;
    c.client_id = std::move(id);
    c.branch_id = std::move(branch);
    c.broker_id = std::move(broker);
    c.score.value_score = score;
    return c;
}

} // namespace

TEST(VipRanking, ParsesTheScopesTheCliNames) {
    auto firm = bd::services::parseVipScope("firm");
    ASSERT_TRUE(firm);
    EXPECT_EQ(firm->kind, VipScope::Kind::Firm);
    auto branch = bd::services::parseVipScope("branch:1101");
    ASSERT_TRUE(branch);
    EXPECT_EQ(branch->kind, VipScope::Kind::Branch);
    EXPECT_EQ(branch->id, "1101");
    auto broker = bd::services::parseVipScope("broker:E1:x");
    ASSERT_TRUE(broker);
    EXPECT_EQ(broker->kind, VipScope::Kind::Broker);
    EXPECT_EQ(broker->id, "E1:x"); // everything after the first colon
}

TEST(VipRanking, RefusesScopesWithoutAKindOrAnId) {
    for (const char* bad : {"", "Firm", "team:x", "branch", "branch:", "broker:", ":1101"})
        EXPECT_FALSE(bd::services::parseVipScope(bad)) << bad;
}

TEST(VipRanking, RanksOnlyTheScopesMembersBestFirst) {
    const std::vector<bd::services::ScoredClient> clients{
        client("a", "B1", "K1", 10), client("b", "B1", "K2", 90), client("c", "B2", "K3", 80),
        client("d", "B1", "K1", 50)};
    EXPECT_EQ(bd::services::scopeMembers(clients, {VipScope::Kind::Branch, "B1"}),
              (std::vector<std::size_t>{0, 1, 3}));
    EXPECT_EQ(bd::services::rankVips(clients, {VipScope::Kind::Broker, "K1"}, 50),
              (std::vector<std::size_t>{3})); // 2 members x 50% = 1
    EXPECT_EQ(bd::services::rankVips(clients, {}, 50), (std::vector<std::size_t>{1, 2}));
}

TEST(VipRanking, TiersByFirmRankAmongScoredClients) {
    EXPECT_EQ(bd::services::valueTier(true, 90, 100), "VIP");
    EXPECT_EQ(bd::services::valueTier(false, 20, 100), "A");
    EXPECT_EQ(bd::services::valueTier(false, 21, 100), "B");
    EXPECT_EQ(bd::services::valueTier(false, 50, 100), "B");
    EXPECT_EQ(bd::services::valueTier(false, 51, 100), "C");
    EXPECT_EQ(bd::services::valueTier(false, std::nullopt, 100), "");
    EXPECT_EQ(bd::services::valueTier(false, 1, 0), "");
}
