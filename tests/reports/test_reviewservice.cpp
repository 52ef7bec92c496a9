// services::loadPortfolioReview: the report plus the snapshots and the broker/branch names that
// the review PDF prints (storage::loadClientAdvisor).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "services/portfolioservice.h"
#include "storage/schema/schema.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

std::string day(int y, int m, int d) {
    return std::to_string(Date::fromYmd(y, m, d).days);
}

} // namespace

TEST(PortfolioReviewService, ReturnsSnapshotsAndAdvisorNames) {
    const auto path = (bdtest::scratchDir() / "bd_reports_reviewservice.bdbook").string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto db = storage::openBook(path);
    ASSERT_TRUE(db) << db.error().toString();
    const std::string sql =
        "INSERT INTO branches(branch_id, name) VALUES ('BR1', '浦东营业部'), ('BR2', '静安营业部');"
        "INSERT INTO brokers(broker_id, name, branch_id) VALUES ('K1', '王芳', 'BR1'),"
        " ('K2', '', 'BR2');"
        "INSERT INTO clients(id, client_id, name, broker_id, branch_id, open_date, risk_level)"
        " VALUES (1, 'C001', '张三', 'K1', NULL, " +
        day(2020, 1, 1) + ", 3), (2, 'C002', '李四', 'K2', 'BR1', " + day(2020, 1, 1) +
        ", 2);"
        "INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) VALUES"
        " (1, " +
        day(2024, 3, 29) + ", 30000000, 70000000, NULL), (1, " + day(2024, 1, 31) +
        ", 10000000, 90000000, NULL), (1, " + day(2024, 2, 29) +
        ", 20000000, 85000000, 50000000), (1, " + day(2024, 4, 30) + ", 1, 1, NULL);";
    ASSERT_TRUE(db->exec(sql).ok());

    auto review = services::loadPortfolioReview(*db, "C001", Date::fromYmd(2024, 3, 31));
    ASSERT_TRUE(review) << review.error().toString();
    EXPECT_EQ(review->report.client_id, "C001");
    ASSERT_EQ(review->snapshots.size(), 3u); // on or before as-of, ascending
    EXPECT_EQ(review->snapshots[0].date, Date::fromYmd(2024, 1, 31));
    EXPECT_EQ(review->snapshots[2].date, Date::fromYmd(2024, 3, 29));
    EXPECT_EQ(review->snapshots[1].cash, Money::fromYuan(2000));
    ASSERT_TRUE(review->snapshots[1].net_inflow);
    EXPECT_EQ(*review->snapshots[1].net_inflow, Money::fromYuan(5000));
    EXPECT_EQ(review->broker_id, "K1");
    EXPECT_EQ(review->broker_name, "王芳");
    EXPECT_EQ(review->branch_id, "BR1"); // the client has none: the broker's
    EXPECT_EQ(review->branch_name, "浦东营业部");

    // The client's own branch wins over the broker's; a broker without a name stays empty.
    review = services::loadPortfolioReview(*db, "C002");
    ASSERT_TRUE(review) << review.error().toString();
    EXPECT_EQ(review->broker_id, "K2");
    EXPECT_EQ(review->broker_name, "");
    EXPECT_EQ(review->branch_id, "BR1");
    EXPECT_EQ(review->branch_name, "浦东营业部");
    EXPECT_TRUE(review->snapshots.empty());

    review = services::loadPortfolioReview(*db, "NOPE");
    ASSERT_FALSE(review);
    EXPECT_EQ(review.error().code, ErrorCode::NotFound);
}
