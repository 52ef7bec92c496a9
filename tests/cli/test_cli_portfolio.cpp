// End to end: `brokerdesk-cli portfolio` on a small book inserted by SQL.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/date.h"
#include "storage/schema/schema.h"
#include "storage/schema/tradelayout.h"
#include "support/run.h"
#include "support/tempdir.h"

using namespace bd;

namespace {

std::string day(int y, int m, int d) {
    return std::to_string(Date::fromYmd(y, m, d).days);
}
/// A trade time and its month (the trades columns trade_time, trade_month).
std::string at(int y, int m, int d) {
    const std::int64_t secs = DateTime::fromParts(Date::fromYmd(y, m, d), 10, 0, 0).secs;
    return std::to_string(secs) + ", " + std::to_string(bd::storage::tradeMonthOf(secs));
}

/// C001 (C3): 600519 bought twice and partly sold, 300750 (ChiNext, R4) bought; positions and
/// three snapshots. C002 has no data at all.
std::string makeBook(const std::string& name) {
    const auto path = (bdtest::scratchDir() / ("bd_cli_portfolio_" + name + ".bdbook")).string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    auto db = storage::openBook(path);
    EXPECT_TRUE(db) << db.error().toString();
    const std::string sql =
        "INSERT INTO brokers(broker_id, name) VALUES ('K1', 'broker');"
        "INSERT INTO clients(id, client_id, name, broker_id, open_date, risk_level) VALUES"
        " (1, 'C001', '张三', 'K1', " +
        day(2020, 1, 1) +
        ", 3),"
        " (2, 'C002', '李四', 'K1', " +
        day(2020, 1, 1) +
        ", 0);"
        "INSERT INTO securities(security_code, name, board, risk_level) VALUES"
        " ('600519.SH', '贵州茅台', 1, 3), ('300750.SZ', '宁德时代', 2, 4);"
        "INSERT INTO trades(trade_id, client_ref, trade_time, trade_month, security_code, side, "
        "quantity,"
        " price, amount, commission, fees) VALUES"
        " ('T1', 1, " +
        at(2024, 1, 2) +
        ", '600519.SH', 1, 1000, 100000, 100000000, 50000, 10000),"
        " ('T2', 1, " +
        at(2024, 1, 5) +
        ", '600519.SH', 1, 500, 120000, 60000000, 50000, 5000),"
        " ('T3', 1, " +
        at(2024, 2, 1) +
        ", '600519.SH', 2, 600, 130000, 78000000, 50000, 78000),"
        " ('T4', 1, " +
        at(2024, 2, 20) +
        ", '300750.SZ', 1, 100, 600000, 60000000, 30000, NULL);"
        "INSERT INTO positions(client_ref, date, security_code, quantity, cost_price, close_price)"
        " VALUES (1, " +
        day(2024, 2, 29) +
        ", '600519.SH', 900, NULL, 110000),"
        " (1, " +
        day(2024, 2, 29) +
        ", '300750.SZ', 100, NULL, 550000);"
        "INSERT INTO assets(client_ref, date, cash, market_value, net_inflow) VALUES"
        " (1, " +
        day(2024, 1, 26) +
        ", 1000000000, 0, NULL),"
        " (1, " +
        day(2024, 2, 15) +
        ", 950000000, 100000000, 100000000),"
        " (1, " +
        day(2024, 2, 29) + ", 1020000000, 154000000, 0);";
    EXPECT_TRUE(db->exec(sql));
    return path;
}

bool has(const std::string& text, const std::string& needle) {
    return text.find(needle) != std::string::npos;
}

} // namespace

TEST(CliPortfolio, JsonHasTheDocumentedKeysAndValues) {
    const auto book = makeBook("json");
    auto r = bdtest::runCli("portfolio --db " + book + " --client C001 --json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const std::string& j = r.output;
    EXPECT_EQ(j.front(), '{');
    EXPECT_EQ(j.find('\n'), j.size() - 1); // one object on one line
    for (const char* key : {"client_id",
                            "as_of",
                            "cost_method",
                            "realized_pnl",
                            "unrealized_pnl",
                            "return_1m",
                            "return_3m",
                            "return_12m",
                            "top1_share",
                            "top3_share",
                            "hhi",
                            "max_drawdown",
                            "holdings",
                            "suitability_mismatches",
                            "security_code",
                            "name",
                            "quantity",
                            "avg_cost",
                            "close_price",
                            "market_value",
                            "weight",
                            "risk_level",
                            "client_risk_level",
                            "rule"})
        EXPECT_TRUE(has(j, std::string("\"") + key + "\": ")) << key;
    EXPECT_TRUE(has(j, "\"client_id\": \"C001\"")) << j;
    EXPECT_TRUE(has(j, "\"as_of\": \"2024-02-29\""));
    EXPECT_TRUE(has(j, "\"cost_method\": \"average\""));
    EXPECT_TRUE(has(j, "\"realized_pnl\": 1382.60"));
    EXPECT_TRUE(has(j, "\"unrealized_pnl\": -209.90"));
    EXPECT_TRUE(has(j, "\"return_3m\": null"));
    EXPECT_TRUE(has(j, "\"name\": \"贵州茅台\""));
    EXPECT_TRUE(has(j, "\"avg_cost\": 10.6743"));
    EXPECT_TRUE(has(j, "\"rule\": \"R4 > C3\""));
    EXPECT_TRUE(has(j, "\"rule\": \"ChiNext requires C4+\""));
    EXPECT_TRUE(has(j, "\"client_risk_level\": \"C3\""));
    // 1M Modified Dietz: 7400 / (100000 + 10000 × 14/34) = 0.071073…
    EXPECT_TRUE(has(j, "\"return_1m\": 0.071073")) << j;
}

TEST(CliPortfolio, FifoAndTable) {
    const auto book = makeBook("table");
    auto f = bdtest::runCli("portfolio --db " + book + " --client C001 --cost-method fifo --json");
    ASSERT_EQ(f.exit_code, 0) << f.output;
    EXPECT_TRUE(has(f.output, "\"cost_method\": \"fifo\""));
    EXPECT_TRUE(has(f.output, "\"realized_pnl\": 1783.60"));

    auto t = bdtest::runCli("portfolio --db " + book + " --client C001 --as-of 2024-02-29");
    ASSERT_EQ(t.exit_code, 0) << t.output;
    for (const char* part : {"Holdings", "贵州茅台", "600519.SH", "Returns (Modified Dietz)",
                             "Herfindahl index", "R4 > C3", "realised P&L", "1,382.60"})
        EXPECT_TRUE(has(t.output, part)) << part << "\n" << t.output;
}

TEST(CliPortfolio, NoDataGivesNulls) {
    const auto book = makeBook("empty");
    auto r = bdtest::runCli("portfolio --db " + book + " --client C002 --json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (const char* key : {"as_of", "return_1m", "return_3m", "return_12m", "top1_share",
                            "top3_share", "hhi", "max_drawdown"})
        EXPECT_TRUE(has(r.output, std::string("\"") + key + "\": null")) << key << r.output;
    EXPECT_TRUE(has(r.output, "\"holdings\": []"));
    EXPECT_TRUE(has(r.output, "\"suitability_mismatches\": []"));
}

TEST(CliPortfolio, ExitCodes) {
    const auto book = makeBook("codes");
    auto unknown = bdtest::runCli("portfolio --db " + book + " --client NOPE");
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_TRUE(has(unknown.output, "unknown client 'NOPE'")) << unknown.output;
    EXPECT_EQ(bdtest::runCli("portfolio --db " + book).exit_code, 1); // --client missing
    EXPECT_EQ(
        bdtest::runCli("portfolio --db " + book + " --client C001 --cost-method lifo").exit_code,
        1);
    EXPECT_EQ(
        bdtest::runCli("portfolio --db " + book + " --client C001 --as-of 2024-13-01").exit_code,
        1);
    EXPECT_EQ(bdtest::runCli("portfolio --db /nonexistent/dir/x.bdbook --client C001").exit_code,
              3);
}
